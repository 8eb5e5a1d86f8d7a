//! Which Rust types can be a tensor field: the [`TensorField`] trait.

pub(crate) mod dense;
pub(crate) mod shape;

use ndarray::{ArrayBase, Data};

use crate::dtype::{Element, for_each_element};
use std::rc::Rc;
use std::sync::Arc;

use crate::field::shape::{Any, DimShape, FixedExtent, Prepend, S0, S1, Shape};
use crate::spec::{FieldKind, TensorInfo};
use crate::tensor::Tensor;
use crate::tensor::cast::Casting;
use crate::validate::Checker;
use dense::Dense;

/// A type that can be a field of a `#[derive(TensorSpec)]` struct.
///
/// Implemented by tensorspec for the types below and by the derive for structs (a nested
/// spec); its hidden items are the derive's, not a public API: implement it by deriving.
///
/// It gives the field's element type, and the rank and extents the type fixes, which the
/// derive compares with the declared `dtype` and `shape` at compile time. Implemented for:
///
/// | type | rank | extents the type fixes |
/// |---|---|---|
/// | scalars: `bool`, integers, `f16`, `bf16`, `f32`, `f64`, `Complex<f32>`, `Complex<f64>` | 0 | |
/// | `[T; N]` (nested as deep as rank 6) | 1 + rank of `T` | `N`, then `T`'s |
/// | `Vec<T>` (rows must not be ragged: checked by `validate()`) | 1 + rank of `T` | `T`'s |
/// | `ndarray::ArrayBase<S, Ix0..Ix6>` (`Array`, `ArcArray`, `CowArray`, views) | 0 to 6 | |
/// | `ndarray::ArrayBase<S, IxDyn>` | not fixed | |
/// | `Option<F>` for any of these | as `F` | as `F` |
/// | `Box<F>`, `Arc<F>`, `Rc<F>` for any of these | as `F` | as `F` |
/// | `&'a [E]` of a scalar type `E` (a view) | 1 | |
/// | a `#[derive(TensorSpec)]` struct | a nested spec | |
///
/// In `[T; N]` and `Vec<T>`, `T` is a scalar, an array, a `Vec` or an ndarray array: not an
/// `Option` (a tensor's elements cannot be absent) and not a nested spec.
///
/// ```
/// use tensorspec::TensorField;
///
/// fn element_of<F: TensorField>() -> &'static str {
///     std::any::type_name::<F::Elem>()
/// }
/// assert_eq!(element_of::<Option<[[u8; 2]; 3]>>(), "u8");
/// assert_eq!(element_of::<ndarray::ArrayView2<'static, f32>>(), "f32");
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a tensor type",
    label = "not a tensor: mark the field `#[tensor(skip)]` if it is not part of the spec",
    note = "tensor fields are scalars, `[T; N]`, `Vec<T>`, ndarray arrays, `Option`s of these, or `#[derive(TensorSpec)]` structs"
)]
pub trait TensorField {
    /// The element type (`f32` for `Array3<f32>`); the struct itself for a nested spec.
    type Elem;
    /// The rank and extents the type fixes.
    #[doc(hidden)]
    type Shape: Shape;
    /// What the spec records for a field of this type.
    #[doc(hidden)]
    const KIND: FieldKind;
    /// Checks a value, field number `field` of the struct `cx` checks, against its spec
    /// (`validate()`).
    #[doc(hidden)]
    fn __check(&self, cx: &mut Checker<'_>, field: usize);

    /// Appends the value's tensors, named `path` (a nested spec's: `path.field`), to `out`
    /// (`to_tensors()`): none for `None`, nor for a ragged value (`to_tensors` validates
    /// first).
    #[doc(hidden)]
    fn __write(&self, path: String, out: &mut Vec<(String, Tensor)>);

    /// Shows the value, field number `field` of its struct, to `visitor` (what the derive's
    /// `__fields` calls: through this trait, a field that is not a tensor is the one error
    /// at the field, not a second one at a bound of the visitor).
    #[doc(hidden)]
    #[inline(always)]
    fn __visit_field<V: FieldVisitor>(&self, visitor: &mut V, field: usize) {
        visitor.field(self, field);
    }
}

/// What `TensorSpec::__fields` shows each field of a sample to: the checker of
/// `validate()`, the writer of `to_tensors()`.
#[doc(hidden)]
pub trait FieldVisitor {
    /// Field number `field` of the spec, `value`.
    fn field<F: TensorField + ?Sized>(&mut self, value: &F, field: usize);
}

impl FieldVisitor for Checker<'_> {
    #[inline(always)]
    fn field<F: TensorField + ?Sized>(&mut self, value: &F, field: usize) {
        value.__check(self, field);
    }
}

/// `__check` and `__write` of a dense type: measure, then compare; measure, then copy.
macro_rules! dense_check {
    () => {
        #[inline(always)]
        fn __check(&self, cx: &mut Checker<'_>, field: usize) {
            dense::check(self, cx, field);
        }

        fn __write(&self, path: String, out: &mut Vec<(String, Tensor)>) {
            dense::write(self, path, out);
        }
    };
}

const fn tensor<E: Element, S: Shape>() -> FieldKind {
    FieldKind::Tensor(TensorInfo {
        dtype: E::DTYPE,
        dims: S::DIMS,
        optional: false,
        casting: Casting::Exact,
    })
}

/// A scalar of each element type.
macro_rules! scalar_field {
    ($($ty:ty => $dtype:ident),*) => {$(
        #[diagnostic::do_not_recommend]
        impl TensorField for $ty {
            type Elem = $ty;
            type Shape = S0;
            const KIND: FieldKind = tensor::<$ty, S0>();

            #[inline(always)]
            fn __check(&self, cx: &mut Checker<'_>, field: usize) {
                cx.shaped(field, &[]);
            }

            #[inline]
            fn __write(&self, path: String, out: &mut Vec<(String, Tensor)>) {
                dense::write(self, path, out);
            }
        }
    )*};
}

for_each_element!(scalar_field);

#[diagnostic::do_not_recommend]
impl<T, const N: usize> TensorField for [T; N]
where
    T: Dense<Elem: Element>,
    T::Shape: Prepend<FixedExtent<N>>,
{
    type Elem = T::Elem;
    type Shape = <T::Shape as Prepend<FixedExtent<N>>>::Out;
    const KIND: FieldKind = tensor::<T::Elem, Self::Shape>();
    dense_check!();
}

#[diagnostic::do_not_recommend]
impl<T> TensorField for Vec<T>
where
    T: Dense<Elem: Element>,
    T::Shape: Prepend<Any>,
{
    type Elem = T::Elem;
    type Shape = <T::Shape as Prepend<Any>>::Out;
    const KIND: FieldKind = tensor::<T::Elem, Self::Shape>();
    dense_check!();
}

#[diagnostic::do_not_recommend]
impl<F: TensorField> TensorField for Option<F> {
    type Elem = F::Elem;
    type Shape = F::Shape;
    const KIND: FieldKind = F::KIND.optional();

    #[inline(always)]
    fn __check(&self, cx: &mut Checker<'_>, field: usize) {
        // `None` is valid.
        if let Some(value) = self {
            value.__check(cx, field);
        }
    }

    fn __write(&self, path: String, out: &mut Vec<(String, Tensor)>) {
        if let Some(value) = self {
            value.__write(path, out);
        }
    }
}

#[diagnostic::do_not_recommend]
impl<S, D, A> TensorField for ArrayBase<S, D, A>
where
    S: Data<Elem = A>,
    A: Element,
    D: DimShape,
{
    type Elem = A;
    type Shape = D::Shape;
    const KIND: FieldKind = tensor::<A, D::Shape>();

    #[inline(always)]
    fn __check(&self, cx: &mut Checker<'_>, field: usize) {
        cx.shaped(field, self.shape());
    }

    fn __write(&self, path: String, out: &mut Vec<(String, Tensor)>) {
        out.push((path, Tensor::from_array(self)));
    }
}

/// A field behind a pointer is the field: `Box<F>`, `Arc<F>`, `Rc<F>`.
macro_rules! pointer_field {
    ($($pointer:ident),*) => {$(
        #[diagnostic::do_not_recommend]
        impl<F: TensorField> TensorField for $pointer<F> {
            type Elem = F::Elem;
            type Shape = F::Shape;
            const KIND: FieldKind = F::KIND;

            #[inline(always)]
            fn __check(&self, cx: &mut Checker<'_>, field: usize) {
                (**self).__check(cx, field);
            }

            fn __write(&self, path: String, out: &mut Vec<(String, Tensor)>) {
                (**self).__write(path, out);
            }
        }
    )*};
}

pointer_field!(Box, Arc, Rc);

/// A borrowed slice is a rank-1 view.
#[diagnostic::do_not_recommend]
impl<E: Element> TensorField for &[E] {
    type Elem = E;
    type Shape = S1<Any>;
    const KIND: FieldKind = tensor::<E, S1<Any>>();
    dense_check!();
}

#[cfg(test)]
mod tests {
    use ndarray::{Array2, ArrayD, ArrayView3};

    use super::*;
    use crate::dim::Declared;
    use crate::dtype::DType;
    use crate::field::shape::{ANY_EXTENT, ANY_RANK, MAX_RANK};

    fn shape_of<F: TensorField>() -> (usize, [usize; MAX_RANK]) {
        (F::Shape::RANK, F::Shape::EXTENTS)
    }

    const A: usize = ANY_EXTENT;

    #[test]
    fn types_fix_the_rank_and_extents_they_spell_out() {
        assert_eq!(shape_of::<f32>(), (0, [A; MAX_RANK]));
        assert_eq!(shape_of::<[[u8; 2]; 3]>(), (2, [3, 2, A, A, A, A]));
        assert_eq!(shape_of::<Vec<[i64; 4]>>(), (2, [A, 4, A, A, A, A]));
        assert_eq!(shape_of::<Option<Vec<Vec<f32>>>>(), (2, [A; MAX_RANK]));
        assert_eq!(shape_of::<Array2<f64>>(), (2, [A; MAX_RANK]));
        assert_eq!(shape_of::<ArrayView3<'static, bool>>(), (3, [A; MAX_RANK]));
        assert_eq!(
            shape_of::<[[[[[[u8; 1]; 2]; 3]; 4]; 5]; 6]>(),
            (6, [6, 5, 4, 3, 2, 1])
        );
        assert_eq!(shape_of::<ArrayD<f32>>().0, ANY_RANK);
        assert_eq!(shape_of::<Vec<ArrayD<f32>>>().0, ANY_RANK);
    }

    #[test]
    fn kinds_record_dtype_dims_and_optionality() {
        let FieldKind::Tensor(info) = <Option<[[u16; 2]; 3]> as TensorField>::KIND else {
            panic!("an array is a tensor");
        };
        assert_eq!(info.dtype, DType::U16);
        assert_eq!(
            info.dims,
            Some(&[Declared::Fixed(3), Declared::Fixed(2)][..])
        );
        assert!(info.optional);
        let FieldKind::Tensor(info) = <ArrayD<f32> as TensorField>::KIND else {
            panic!("an array is a tensor");
        };
        assert_eq!((info.dims, info.optional), (None, false));
    }
}
