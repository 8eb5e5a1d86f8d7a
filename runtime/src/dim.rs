//! One axis of a declared shape: [`Dim`].

use core::fmt;

/// The declared extent of one axis.
///
/// `#[tensor(shape = [H, _, 3])]` declares `[Dim::Symbol("H"), Dim::Any, Dim::Fixed(3)]`.
///
/// ```
/// use tensorspec::Dim;
///
/// let dims = [Dim::Symbol("H"), Dim::Any, Dim::Fixed(3)];
/// let shown: Vec<String> = dims.iter().map(Dim::to_string).collect();
/// assert_eq!(shown, ["H", "_", "3"]);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dim {
    /// An extent known when the struct is compiled: a literal, `{expr}` or a const generic.
    Fixed(usize),
    /// Any extent (TensorFlow's `None`).
    Any,
    /// A named extent: every use of the same name within one sample has the same extent.
    Symbol(&'static str),
}

impl Dim {
    /// The extent, if it is fixed.
    ///
    /// ```
    /// assert_eq!(tensorspec::Dim::Fixed(3).fixed(), Some(3));
    /// assert_eq!(tensorspec::Dim::Any.fixed(), None);
    /// ```
    pub const fn fixed(self) -> Option<usize> {
        match self {
            Dim::Fixed(n) => Some(n),
            Dim::Any | Dim::Symbol(_) => None,
        }
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dim::Fixed(n) => write!(f, "{n}"),
            Dim::Any => f.write_str("_"),
            Dim::Symbol(name) => f.write_str(name),
        }
    }
}

/// One declared axis as the spec stores it, lowered once by the derive: a symbol is its index
/// in the struct's symbol table, so that validation binds it without comparing names.
/// [`SpecField::dims`](crate::SpecField::dims) shows it as a [`Dim`].
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Declared {
    /// A fixed extent.
    Fixed(usize),
    /// `_` or `None`: any extent.
    Any,
    /// Symbol number `k` of the struct.
    Symbol(usize),
}

impl Declared {
    /// The public form, naming symbol `k` by `symbols[k]`.
    pub(crate) fn to_dim(self, symbols: &[&'static str]) -> Dim {
        match self {
            Declared::Fixed(extent) => Dim::Fixed(extent),
            Declared::Any => Dim::Any,
            Declared::Symbol(k) => Dim::Symbol(symbols.get(k).copied().unwrap_or("?")),
        }
    }
}
