//! Field types whose shape is measured at run time, [`Dense`]: scalars, `[T; N]`, `Vec<T>` and
//! ndarray arrays, nested. They report their extents without allocating, append their
//! elements to a batch, and (owned ones, [`FromFlat`]) are rebuilt from a batch's rows.

use ndarray::{ArcArray, Array, ArrayBase, Data};

use crate::dtype::{Element, Repr, for_each_element};
use crate::field::TensorField;
use crate::field::shape::{ANY_RANK, DimShape, Shape};
use crate::tensor::{Tensor, dimension};
use crate::validate::{Checker, Extents, Ragged, UNKNOWN, found_shape};

/// A tensor type whose shape is measured at run time: scalars, `[T; N]`, `Vec<T>` and ndarray
/// arrays, nested. Not `Option` and not nested specs: a row cannot be absent.
pub trait Dense: TensorField<Elem: Element> {
    /// Appends the extents of `self` to `out`, or reports rows that differ in shape.
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>>;

    /// Appends the elements of `self`, in standard (row-major) order.
    fn append(&self, out: &mut Vec<Self::Elem>);

    /// The elements of `rows` as one slice, where they are contiguous in memory (scalars and
    /// `[T; N]` of them).
    fn flat(rows: &[Self]) -> Option<&[Self::Elem]>
    where
        Self: Sized;

    /// The extents [`measure`](Dense::measure) would append, where they are at hand without
    /// walking rows (an array's shape): samples are then compared without measuring.
    #[inline(always)]
    fn shape_at_hand(&self) -> Option<&[usize]> {
        None
    }
}

/// A dense type built from elements in standard order: the owned dense types, for splitting a
/// batch back into samples.
pub trait FromFlat: Dense + Sized {
    /// The value of shape `shape` with elements `flat`, if the type can have that shape.
    fn from_flat(flat: &[Self::Elem], shape: &[usize]) -> Option<Self>;
}

/// Appends the extents of a row of an empty container: those the type fixes, `UNKNOWN` for
/// the others, and an open rank if the type does not fix it.
#[inline]
fn measure_absent<T: TensorField + ?Sized>(out: &mut Extents) {
    let rank = <T::Shape as Shape>::RANK;
    if rank == ANY_RANK {
        out.open = true;
        return;
    }
    for &extent in <T::Shape as Shape>::EXTENTS.iter().take(rank) {
        out.push(extent);
    }
}

/// The extents of `rows` as one tensor, `rows.len()` first, checking that rows agree.
#[inline(always)]
fn measure_rows<T: Dense>(rows: &[T], out: &mut Extents) -> Result<(), Box<Ragged>> {
    out.push(rows.len());
    // A row type that fixes its whole shape cannot be ragged, and its extents are known
    // without a row (`Vec<[f32; 3]>`): this much is inlined, the rows' walk is not.
    match rows.first() {
        Some(first) if !<T::Shape as Shape>::FIXED => measure_each_row(rows, first, out),
        _ => {
            measure_absent::<T>(out);
            Ok(())
        }
    }
}

/// The extents of the rows after `rows.len()`: the first row's, which every row must have.
#[inline(never)]
fn measure_each_row<T: Dense>(rows: &[T], first: &T, out: &mut Extents) -> Result<(), Box<Ragged>> {
    let start = out.as_slice().len();
    first.measure(out).map_err(|ragged| ragged.within(0))?;
    for (row, value) in rows.iter().enumerate().skip(1) {
        let mut extents = Extents::new();
        value
            .measure(&mut extents)
            .map_err(|ragged| ragged.within(row))?;
        let expected = out.as_slice().get(start..).unwrap_or_default();
        if extents.as_slice() != expected || extents.open != out.open {
            return Err(Ragged::new(
                row,
                extents.found(),
                found_shape(expected, out.open),
            ));
        }
    }
    Ok(())
}

/// A scalar of each element type: no axes, one element.
macro_rules! scalar_dense {
    ($($ty:ty => $dtype:ident),*) => {$(
        impl Dense for $ty {
            #[inline]
            fn measure(&self, _: &mut Extents) -> Result<(), Box<Ragged>> {
                Ok(())
            }

            #[inline(always)]
            fn shape_at_hand(&self) -> Option<&[usize]> {
                Some(&[])
            }

            #[inline]
            fn append(&self, out: &mut Vec<$ty>) {
                out.push(*self);
            }

            #[inline]
            fn flat(rows: &[$ty]) -> Option<&[$ty]> {
                Some(rows)
            }
        }

        impl FromFlat for $ty {
            #[inline]
            fn from_flat(flat: &[$ty], shape: &[usize]) -> Option<$ty> {
                match (flat, shape) {
                    ([value], []) => Some(*value),
                    _ => None,
                }
            }
        }
    )*};
}

for_each_element!(scalar_dense);

/// Appends rows: one copy when they are contiguous, row by row otherwise.
#[inline]
fn append_rows<T: Dense>(rows: &[T], out: &mut Vec<T::Elem>) {
    match T::flat(rows) {
        Some(flat) => out.extend_from_slice(flat),
        None => {
            for row in rows {
                row.append(out);
            }
        }
    }
}

/// `shape[0]` rows of shape `shape[1..]`, from `flat`.
fn rows_from_flat<T: FromFlat>(flat: &[T::Elem], shape: &[usize]) -> Option<Vec<T>> {
    let (&rows, inner) = shape.split_first()?;
    let per_row = inner
        .iter()
        .try_fold(1usize, |acc, &e| acc.checked_mul(e))?;
    if rows.checked_mul(per_row)? != flat.len() {
        return None;
    }
    if per_row == 0 {
        return (0..rows).map(|_| T::from_flat(&[], inner)).collect();
    }
    flat.chunks_exact(per_row)
        .map(|row| T::from_flat(row, inner))
        .collect()
}

impl<T: Dense, const N: usize> Dense for [T; N]
where
    [T; N]: TensorField<Elem = T::Elem>,
{
    #[inline(always)]
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>> {
        measure_rows(self, out)
    }

    #[inline]
    fn append(&self, out: &mut Vec<T::Elem>) {
        append_rows(self, out);
    }

    #[inline]
    fn flat(rows: &[Self]) -> Option<&[T::Elem]> {
        T::flat(rows.as_flattened())
    }
}

impl<T: FromFlat, const N: usize> FromFlat for [T; N]
where
    [T; N]: Dense<Elem = T::Elem>,
{
    fn from_flat(flat: &[T::Elem], shape: &[usize]) -> Option<Self> {
        if shape.first() != Some(&N) {
            return None;
        }
        rows_from_flat::<T>(flat, shape)?.try_into().ok()
    }
}

impl<T: Dense> Dense for Vec<T>
where
    Vec<T>: TensorField<Elem = T::Elem>,
{
    #[inline(always)]
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>> {
        measure_rows(self, out)
    }

    #[inline]
    fn append(&self, out: &mut Vec<T::Elem>) {
        append_rows(self, out);
    }

    #[inline]
    fn flat(_: &[Self]) -> Option<&[T::Elem]> {
        None
    }
}

impl<T: FromFlat> FromFlat for Vec<T>
where
    Vec<T>: Dense<Elem = T::Elem>,
{
    fn from_flat(flat: &[T::Elem], shape: &[usize]) -> Option<Self> {
        rows_from_flat::<T>(flat, shape)
    }
}

impl<S, D, A> Dense for ArrayBase<S, D, A>
where
    S: Data<Elem = A>,
    A: Element,
    D: DimShape,
{
    #[inline(always)]
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>> {
        for &extent in self.shape() {
            out.push(extent);
        }
        Ok(())
    }

    #[inline(always)]
    fn shape_at_hand(&self) -> Option<&[usize]> {
        Some(self.shape())
    }

    #[inline]
    fn append(&self, out: &mut Vec<A>) {
        match self.as_slice() {
            Some(slice) => out.extend_from_slice(slice),
            None => out.extend(self.iter().copied()),
        }
    }

    #[inline]
    fn flat(_: &[Self]) -> Option<&[A]> {
        None
    }
}

impl<E: Element> Dense for &[E] {
    #[inline(always)]
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>> {
        out.push(self.len());
        Ok(())
    }

    #[inline]
    fn append(&self, out: &mut Vec<E>) {
        out.extend_from_slice(self);
    }

    #[inline]
    fn flat(_: &[Self]) -> Option<&[E]> {
        None
    }
}

impl<D: DimShape, A: Element> FromFlat for Array<A, D> {
    fn from_flat(flat: &[A], shape: &[usize]) -> Option<Self> {
        Array::from_shape_vec(dimension::<D>(shape)?, flat.to_vec()).ok()
    }
}

impl<D: DimShape, A: Element> FromFlat for ArcArray<A, D> {
    fn from_flat(flat: &[A], shape: &[usize]) -> Option<Self> {
        Array::<A, D>::from_flat(flat, shape).map(Array::into_shared)
    }
}

/// Checks a dense value, field number `field` of the struct `cx` checks: measure, compare.
#[inline(always)]
pub(crate) fn check<T: Dense + ?Sized>(value: &T, cx: &mut Checker<'_>, field: usize) {
    let mut extents = Extents::new();
    match value.measure(&mut extents) {
        Ok(()) => {
            cx.measured(field, extents.as_slice(), extents.open);
        }
        Err(ragged) => cx.ragged(field, *ragged),
    }
}

/// A dense value as one tensor, named `path`, appended to `out`; nothing for a ragged value
/// (`to_tensors` validates first).
pub(crate) fn write<T: Dense + ?Sized>(value: &T, path: String, out: &mut Vec<(String, Tensor)>) {
    let mut extents = Extents::new();
    if value.measure(&mut extents).is_err() {
        return;
    }
    let mut elements = Vec::new();
    value.append(&mut elements);
    let shape: Vec<usize> = extents
        .as_slice()
        .iter()
        .map(|&extent| if extent == UNKNOWN { 0 } else { extent })
        .collect();
    let mut data = Vec::with_capacity(size_of_val(elements.as_slice()));
    T::Elem::extend_le(&elements, &mut data);
    if let Ok(tensor) = Tensor::new(T::Elem::DTYPE, shape, data) {
        out.push((path, tensor));
    }
}
