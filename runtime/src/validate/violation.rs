//! What `validate()` reports: [`Violation`], [`Violations`], and [`Invalid`] for a stream's
//! element. Messages carry shapes and symbol bindings, never array contents.

use core::fmt;
use std::error::Error;

use crate::dim::Dim;

/// One problem with one field of a sample.
///
/// ```
/// use ndarray::{Array2, Array3};
/// use tensorspec::{TensorSpec, ViolationKind};
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [H, W, 3])]
///     image: Array3<f32>,
///     #[tensor(shape = [H, W])]
///     mask: Array2<u8>,
/// }
///
/// let sample = Sample { image: Array3::zeros((32, 32, 3)), mask: Array2::zeros((32, 31)) };
/// let violations = sample.validate().unwrap_err();
/// let violation = violations.first();
/// assert_eq!(violation.field(), "mask");
/// assert!(matches!(violation.kind(), ViolationKind::Shape { .. }));
/// assert_eq!(
///     violation.to_string(),
///     "field `mask`: shape mismatch: expected [H=32, W=32], found [32, 31] (W=32 from `image`)"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    field: String,
    kind: ViolationKind,
}

/// What is wrong with a field.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ViolationKind {
    /// The field's shape is not the declared one: the rank differs, a fixed extent differs, or
    /// a symbolic extent differs from the value an earlier axis bound it to.
    #[non_exhaustive]
    Shape {
        /// The declared dims, with the value each symbol was bound to in this sample.
        expected: Vec<ExpectedDim>,
        /// The field's actual shape.
        found: FoundShape,
        /// Each axis whose extent differs from its symbol's earlier binding.
        conflicts: Vec<SymbolConflict>,
    },
    /// A field with no tensor of its name, reading named tensors.
    Missing,
    /// A tensor that no field asks for, reading named tensors; the violation's field is the
    /// tensor's name.
    Unexpected,
    /// A tensor that cannot be the field: a dtype that differs without an allowed cast, a
    /// value a cast cannot hold, a rank or shape the field's type cannot have, data that a
    /// view cannot borrow.
    Tensor(crate::tensor::TensorError),
    /// Nested `Vec`s or arrays whose rows differ in shape, so the field is not a tensor.
    #[non_exhaustive]
    Ragged {
        /// Where the differing row is: `[2]` is `field[2]`, `[1, 2]` is `field[1][2]`.
        index: Vec<usize>,
        /// That row's shape.
        found: FoundShape,
        /// The shape of the first row beside it (the same index with the last position 0).
        first: FoundShape,
    },
    /// A null in a table's row (Arrow, Parquet) where the field cannot hold one: the whole
    /// value of a field that is not an `Option` (`index` empty), or an element or sub-list
    /// inside a tensor (`index` its position), which no tensor can hold.
    #[non_exhaustive]
    Null {
        /// Where the null is inside the field's value: empty for the value itself.
        index: Vec<usize>,
    },
}

/// One declared axis, as a violation shows it: a symbol with the value it was bound to.
///
/// ```
/// use tensorspec::{Dim, ExpectedDim};
///
/// let bound = ExpectedDim::new(Dim::Symbol("H"), Some(32));
/// let unbound = ExpectedDim::new(Dim::Symbol("W"), None);
/// assert_eq!(format!("{bound}, {unbound}"), "H=32, W");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct ExpectedDim {
    /// The declared dim.
    pub dim: Dim,
    /// For a symbol, the extent it was bound to in this sample, if any axis bound it.
    pub bound: Option<usize>,
}

/// The actual shape of a field, as a violation shows it.
///
/// An extent is unknown (`?`) where a container is empty: the rows of an empty `Vec<Vec<f32>>`
/// have no length. The rank is unknown (`..`) for an empty container of `IxDyn` arrays.
///
/// ```
/// use tensorspec::FoundShape;
///
/// let shape = FoundShape::new(vec![Some(0), None], true);
/// assert_eq!(shape.to_string(), "[0, ?]");
/// assert_eq!(shape.rank(), Some(2));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FoundShape {
    extents: Vec<Option<usize>>,
    rank_known: bool,
}

/// An axis whose extent differs from the extent its symbol was bound to.
///
/// ```
/// use ndarray::{Array2, Array3};
/// use tensorspec::{TensorSpec, ViolationKind};
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [H, W, 3])]
///     image: Array3<f32>,
///     #[tensor(shape = [H, W])]
///     mask: Array2<u8>,
/// }
///
/// let sample = Sample { image: Array3::zeros((32, 32, 3)), mask: Array2::zeros((32, 31)) };
/// let violations = sample.validate().unwrap_err();
/// let ViolationKind::Shape { conflicts, .. } = violations.first().kind() else { panic!() };
/// let conflict = &conflicts[0];
/// assert_eq!((conflict.symbol, conflict.axis, conflict.found), ("W", 1, 31));
/// assert_eq!((conflict.bound, conflict.bound_by.as_str(), conflict.bound_axis), (32, "image", 1));
/// assert_eq!(conflict.to_string(), "W=32 from `image`");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct SymbolConflict {
    /// The symbol (`W`).
    pub symbol: &'static str,
    /// The axis of the reporting field.
    pub axis: usize,
    /// That axis' extent.
    pub found: usize,
    /// The extent the symbol was bound to.
    pub bound: usize,
    /// The path of the field whose axis bound it; the reporting field itself for `[N, N]`.
    pub bound_by: String,
    /// The axis of `bound_by` that bound it.
    pub bound_axis: usize,
}

/// Every violation of one sample, in field order. Never empty.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Pair {
///     #[tensor(shape = [2])]
///     a: Vec<f32>,
///     #[tensor(shape = [3])]
///     b: Vec<f32>,
/// }
///
/// let violations = Pair { a: vec![0.0; 3], b: vec![0.0; 2] }.validate().unwrap_err();
/// assert_eq!(violations.len(), 2);
/// let fields: Vec<&str> = violations.iter().map(|v| v.field()).collect();
/// assert_eq!(fields, ["a", "b"]);
/// assert_eq!(
///     violations.to_string(),
///     "field `a`: shape mismatch: expected [2], found [3]\n\
///      field `b`: shape mismatch: expected [3], found [2]"
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violations {
    list: Vec<Violation>,
}

/// An invalid element of a [`validated()`](crate::stream::IteratorExt::validated) stream: its
/// position, the element itself (nothing is lost), and its violations.
///
/// `Display` writes each violation on its own line, prefixed with `element {index}: `. Neither
/// `Display` nor `Debug` shows the sample's data.
///
/// ```
/// use tensorspec::prelude::*;
///
/// #[derive(TensorSpec)]
/// struct Row {
///     #[tensor(shape = [2])]
///     xy: Vec<f32>,
/// }
///
/// let rows = vec![Row { xy: vec![0.0, 1.0] }, Row { xy: vec![2.0] }];
/// let invalid = rows.into_iter().validated().find_map(Result::err).unwrap();
/// assert_eq!(invalid.index, 1);
/// assert_eq!(invalid.sample.xy, [2.0]);
/// assert_eq!(
///     invalid.to_string(),
///     "element 1: field `xy`: shape mismatch: expected [2], found [1]"
/// );
/// ```
#[non_exhaustive]
pub struct Invalid<T> {
    /// The element's position in the stream, from 0.
    pub index: usize,
    /// The element itself.
    pub sample: T,
    /// Every violation of the element.
    pub violations: Violations,
}

impl Violation {
    /// A violation of the field at `field` (a path such as `outer.inner`).
    pub(crate) fn new(field: String, kind: ViolationKind) -> Self {
        Violation { field, kind }
    }

    /// The field's path: its name, or `outer.inner` in a nested spec.
    pub fn field(&self) -> &str {
        &self.field
    }

    /// What is wrong.
    pub fn kind(&self) -> &ViolationKind {
        &self.kind
    }
}

impl ViolationKind {
    /// A shape mismatch.
    pub(crate) fn shape(
        expected: Vec<ExpectedDim>,
        found: FoundShape,
        conflicts: Vec<SymbolConflict>,
    ) -> Self {
        ViolationKind::Shape {
            expected,
            found,
            conflicts,
        }
    }

    /// Ragged rows.
    pub(crate) fn ragged(index: Vec<usize>, found: FoundShape, first: FoundShape) -> Self {
        ViolationKind::Ragged {
            index,
            found,
            first,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let ViolationKind::Unexpected = self.kind {
            return write!(
                f,
                "tensor `{}`: unexpected: no field of the spec has this name",
                self.field
            );
        }
        write!(f, "field `{}`: ", self.field)?;
        match &self.kind {
            ViolationKind::Missing => write!(f, "missing: no tensor named `{}`", self.field),
            ViolationKind::Unexpected => Ok(()),
            ViolationKind::Tensor(error) => write!(f, "{error}"),
            ViolationKind::Null { index } if index.is_empty() => {
                f.write_str("null, but the field is not an `Option`")
            }
            ViolationKind::Null { index } => {
                write!(f, "null at {index:?}: a tensor's elements cannot be null")
            }
            ViolationKind::Shape {
                expected,
                found,
                conflicts,
            } => {
                let rank_differs = match found.rank() {
                    Some(rank) => rank != expected.len(),
                    None => found.extents.len() > expected.len(),
                };
                if rank_differs {
                    write!(f, "rank mismatch: expected rank {} ", expected.len())?;
                    write_expected(f, expected)?;
                    match found.rank() {
                        Some(rank) => write!(f, ", found rank {rank} {found}"),
                        None => write!(f, ", found {found}"),
                    }
                } else {
                    f.write_str("shape mismatch: expected ")?;
                    write_expected(f, expected)?;
                    write!(f, ", found {found}")?;
                    for (i, conflict) in conflicts.iter().enumerate() {
                        f.write_str(if i == 0 { " (" } else { "; " })?;
                        if conflict.bound_by == self.field {
                            write!(
                                f,
                                "{}={} from axis {}",
                                conflict.symbol, conflict.bound, conflict.bound_axis
                            )?;
                        } else {
                            write!(f, "{conflict}")?;
                        }
                    }
                    if conflicts.is_empty() {
                        Ok(())
                    } else {
                        f.write_str(")")
                    }
                }
            }
            ViolationKind::Ragged {
                index,
                found,
                first,
            } => {
                let field = &self.field;
                f.write_str("ragged nesting: ")?;
                write!(f, "`{field}")?;
                for i in index {
                    write!(f, "[{i}]")?;
                }
                write!(f, "` has shape {found}, but `{field}")?;
                let (last, outer) = index
                    .split_last()
                    .map_or((None, &[][..]), |(l, o)| (Some(l), o));
                for i in outer {
                    write!(f, "[{i}]")?;
                }
                if last.is_some() {
                    f.write_str("[0]")?;
                }
                write!(f, "` has shape {first}")
            }
        }
    }
}

fn write_expected(f: &mut fmt::Formatter<'_>, expected: &[ExpectedDim]) -> fmt::Result {
    f.write_str("[")?;
    for (i, dim) in expected.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{dim}")?;
    }
    f.write_str("]")
}

impl ExpectedDim {
    /// A declared dim and, for a symbol, the extent it was bound to.
    ///
    /// See [`ExpectedDim`] for an example.
    pub const fn new(dim: Dim, bound: Option<usize>) -> Self {
        ExpectedDim { dim, bound }
    }
}

impl fmt::Display for ExpectedDim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.dim, self.bound) {
            (Dim::Symbol(name), Some(value)) => write!(f, "{name}={value}"),
            (dim, _) => write!(f, "{dim}"),
        }
    }
}

impl FoundShape {
    /// A shape from its extents (`None` where unknown) and whether its rank is known: when
    /// it is not, more axes may follow `extents`.
    pub fn new(extents: Vec<Option<usize>>, rank_known: bool) -> Self {
        FoundShape {
            extents,
            rank_known,
        }
    }

    /// The extents, `None` where unknown.
    pub fn extents(&self) -> &[Option<usize>] {
        &self.extents
    }

    /// The rank, if known.
    pub fn rank(&self) -> Option<usize> {
        self.rank_known.then_some(self.extents.len())
    }
}

impl fmt::Display for FoundShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[")?;
        for (i, extent) in self.extents.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            match extent {
                Some(extent) => write!(f, "{extent}")?,
                None => f.write_str("?")?,
            }
        }
        if !self.rank_known {
            f.write_str(if self.extents.is_empty() {
                ".."
            } else {
                ", .."
            })?;
        }
        f.write_str("]")
    }
}

impl fmt::Display for SymbolConflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}={} from `{}`", self.symbol, self.bound, self.bound_by)
    }
}

impl Violations {
    /// A list the caller checked is not empty.
    pub(crate) fn from_nonempty(list: Vec<Violation>) -> Self {
        debug_assert!(!list.is_empty());
        Violations { list }
    }

    /// How many violations (at least 1).
    #[allow(clippy::len_without_is_empty)] // never empty
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// The first violation, in field order.
    pub fn first(&self) -> &Violation {
        // `list` is never empty; `from_vec` is the only constructor.
        &self.list[0]
    }

    /// The violations, in field order.
    pub fn iter(&self) -> core::slice::Iter<'_, Violation> {
        self.list.iter()
    }

    /// The violations as a `Vec`.
    pub fn into_vec(self) -> Vec<Violation> {
        self.list
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.list.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{violation}")?;
        }
        Ok(())
    }
}

impl Error for Violations {}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.into_iter()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = core::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl<T> Invalid<T> {
    /// The element, for a caller that wants it back and not the report.
    pub fn into_sample(self) -> T {
        self.sample
    }
}

impl<T> fmt::Display for Invalid<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, violation) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "element {}: {violation}", self.index)?;
        }
        Ok(())
    }
}

// By hand: a derived `Debug` would print the sample's arrays, element by element.
impl<T> fmt::Debug for Invalid<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Invalid")
            .field("index", &self.index)
            .field(
                "sample",
                &format_args!("{} {{ .. }}", core::any::type_name::<T>()),
            )
            .field("violations", &self.violations)
            .finish()
    }
}

// No `source()`: `Display` already shows the violations, and reporters would repeat them.
impl<T> Error for Invalid<T> {}

/// The path of a nested spec's struct field: `outer`, then `outer.inner`. On the stack; made
/// into a `String` only for a report.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    name: &'static str,
}

impl<'a> Path<'a> {
    /// The path of field `name` of the value at `parent` (`None`: the sample itself).
    #[inline]
    pub fn new(parent: Option<&'a Path<'a>>, name: &'static str) -> Self {
        Path { parent, name }
    }
}

impl core::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
            out.push('.');
        }
        out.push_str(self.name);
    }
}

pub(crate) fn path(prefix: Option<&Path<'_>>, name: &str) -> String {
    let mut out = String::new();
    if let Some(prefix) = prefix {
        prefix.write(&mut out);
        out.push('.');
    }
    out.push_str(name);
    out
}

/// The report of a sample that had violations.
#[cold]
#[inline(never)]
pub(crate) fn report(out: Vec<Violation>) -> Violations {
    Violations::from_nonempty(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(expected: &[Dim], found: FoundShape) -> Violation {
        let expected = expected
            .iter()
            .map(|&dim| ExpectedDim { dim, bound: None })
            .collect();
        Violation::new(
            "x".to_owned(),
            ViolationKind::shape(expected, found, Vec::new()),
        )
    }

    #[test]
    fn an_unknown_rank_shows_as_dots() {
        assert_eq!(FoundShape::new(Vec::new(), false).to_string(), "[..]");
        assert_eq!(FoundShape::new(vec![Some(0)], false).to_string(), "[0, ..]");
        assert_eq!(FoundShape::new(vec![Some(0)], false).rank(), None);
    }

    #[test]
    fn a_rank_mismatch_says_both_ranks_when_known() {
        let found = FoundShape::new(vec![Some(1), Some(2), Some(3)], true);
        assert_eq!(
            shape(&[Dim::Any], found).to_string(),
            "field `x`: rank mismatch: expected rank 1 [_], found rank 3 [1, 2, 3]"
        );
        // An open rank longer than declared is a rank mismatch too.
        let open = FoundShape::new(vec![Some(0), None], false);
        assert_eq!(
            shape(&[Dim::Symbol("N")], open).to_string(),
            "field `x`: rank mismatch: expected rank 1 [N], found [0, ?, ..]"
        );
    }

    #[test]
    fn a_ragged_report_names_both_rows() {
        let kind = ViolationKind::ragged(
            vec![3, 1],
            FoundShape::new(vec![Some(4)], true),
            FoundShape::new(vec![Some(5)], true),
        );
        assert_eq!(
            Violation::new("grid".to_owned(), kind).to_string(),
            "field `grid`: ragged nesting: `grid[3][1]` has shape [4], but `grid[3][0]` has shape [5]"
        );
    }
}
