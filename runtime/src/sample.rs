//! The [`TensorSpec`] trait, and its impls for references and boxes of samples.

use crate::field::FieldVisitor;
use crate::spec::Spec;
use crate::validate::violation::{Path, Violation, Violations};
use crate::validate::{Checker, report_invalid, report_struct};

/// A struct of tensors with a schema, implemented by `#[derive(TensorSpec)]`. Its hidden
/// method is the derive's, not a public API: implement the trait by deriving it.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Point {
///     #[tensor(shape = [3])]
///     xyz: [f32; 3],
/// }
///
/// assert_eq!(Point::spec().to_string(), "xyz: f32[3]\n");
/// ```
pub trait TensorSpec {
    /// The schema: field names, dtypes and dims, in declaration order. Built at compile time.
    fn spec() -> &'static Spec;

    /// Checks what the types could not: extents the type leaves open against the declared
    /// ones, symbols (`H` has one extent across the sample), `IxDyn` ranks, and ragged nested
    /// `Vec`s. Returns every violation, in field order, not only the first. A `None` optional
    /// field is valid; a nested spec is checked with its own symbols, its fields reported as
    /// `outer.inner`.
    ///
    /// Allocates nothing when the sample is valid.
    ///
    /// ```
    /// use ndarray::{Array2, Array3};
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Sample {
    ///     #[tensor(dtype = f32, shape = [H, W, 3])]
    ///     image: Array3<f32>,
    ///     #[tensor(dtype = u8, shape = [H, W])]
    ///     mask: Array2<u8>,
    ///     #[tensor(shape = [_, 4])]
    ///     boxes: Array2<f32>,
    /// }
    ///
    /// let good = Sample {
    ///     image: Array3::zeros((32, 32, 3)),
    ///     mask: Array2::zeros((32, 32)),
    ///     boxes: Array2::zeros((5, 4)),
    /// };
    /// assert!(good.validate().is_ok());
    ///
    /// let bad = Sample {
    ///     image: Array3::zeros((32, 32, 4)),
    ///     mask: Array2::zeros((32, 31)),
    ///     boxes: Array2::zeros((5, 4)),
    /// };
    /// assert_eq!(
    ///     bad.validate().unwrap_err().to_string(),
    ///     "field `image`: shape mismatch: expected [H=32, W=32, 3], found [32, 32, 4]\n\
    ///      field `mask`: shape mismatch: expected [H=32, W=32], found [32, 31] (W=32 from `image`)"
    /// );
    /// ```
    #[inline]
    fn validate(&self) -> Result<(), Violations> {
        // A valid sample is checked by the quiet pass alone: no `Vec`, nothing to drop. The
        // closure is inlined so that the spec folds into the comparisons.
        if Checker::fits(
            Self::spec(),
            #[inline(always)]
            |checker| self.__fields(checker),
        ) {
            Ok(())
        } else {
            report_invalid(Self::spec(), &|checker| self.__fields(checker))
        }
    }

    /// Appends the sample's violations to `out`, its fields' paths under `prefix`; returns
    /// whether there were none.
    #[doc(hidden)]
    #[inline]
    fn __validate_into(&self, prefix: Option<&Path<'_>>, out: &mut Vec<Violation>) -> bool {
        // Two closures: the quiet pass's is inlined, so that the spec folds into its
        // comparisons; the reporting pass's is called through `dyn`.
        Checker::fits(
            Self::spec(),
            #[inline(always)]
            |checker| self.__fields(checker),
        ) || report_struct(Self::spec(), prefix, out, &|checker| self.__fields(checker))
    }

    /// Visits each field in order, field number `k` as the spec's `k`-th: what checks a
    /// sample (`Checker`) and writes it as tensors.
    #[doc(hidden)]
    fn __fields<V: FieldVisitor>(&self, visitor: &mut V);
}

/// A reference to a sample is a sample: `samples.iter().validated()` checks without moving.
impl<T: TensorSpec + ?Sized> TensorSpec for &T {
    fn spec() -> &'static Spec {
        T::spec()
    }

    #[inline]
    fn __validate_into(&self, prefix: Option<&Path<'_>>, out: &mut Vec<Violation>) -> bool {
        (**self).__validate_into(prefix, out)
    }

    #[inline]
    fn __fields<V: FieldVisitor>(&self, visitor: &mut V) {
        (**self).__fields(visitor);
    }
}

/// A mutable reference to a sample is a sample.
impl<T: TensorSpec + ?Sized> TensorSpec for &mut T {
    fn spec() -> &'static Spec {
        T::spec()
    }

    #[inline]
    fn __validate_into(&self, prefix: Option<&Path<'_>>, out: &mut Vec<Violation>) -> bool {
        (**self).__validate_into(prefix, out)
    }

    #[inline]
    fn __fields<V: FieldVisitor>(&self, visitor: &mut V) {
        (**self).__fields(visitor);
    }
}

/// A boxed sample is a sample.
impl<T: TensorSpec + ?Sized> TensorSpec for Box<T> {
    fn spec() -> &'static Spec {
        T::spec()
    }

    #[inline]
    fn __validate_into(&self, prefix: Option<&Path<'_>>, out: &mut Vec<Violation>) -> bool {
        (**self).__validate_into(prefix, out)
    }

    #[inline]
    fn __fields<V: FieldVisitor>(&self, visitor: &mut V) {
        (**self).__fields(visitor);
    }
}

/// Checks a nested spec, field number `field` of the struct `cx` checks: its own check, with
/// its own symbols, its fields' paths under the field's name.
#[inline]
pub fn check_nested<T: TensorSpec + ?Sized>(value: &T, cx: &mut Checker<'_>, field: usize) {
    cx.nested(
        field,
        || {
            Checker::fits(
                T::spec(),
                #[inline(always)]
                |checker| value.__fields(checker),
            )
        },
        |prefix, out| value.__validate_into(Some(prefix), out),
    );
}
