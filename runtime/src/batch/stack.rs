//! The stacking kernels: one pass to measure every sample's shape, one exact allocation,
//! straight copies (one `memcpy` for a standard-layout array or a flat `[T; N]`, and for
//! padding one per run of rows, only the gaps filled); their reverse.

use core::fmt::Write as _;
use std::rc::Rc;
use std::sync::Arc;

use ndarray::{ArcArray, Array, Array2, ArrayBase, Data, Dimension};

use super::{BatchVisitor, Lengths, Stack, StackError, StackMode, Unstack};
use crate::dim::Declared;
use crate::dtype::{Element, for_each_element};
use crate::field::TensorField;
use crate::field::dense::{Dense, FromFlat};
use crate::field::shape::{DimShape, Shape};
use crate::validate::violation::Violation;
use crate::validate::{Extents, Path, UNKNOWN};

/// The path of a field, for errors.
fn name(path: Option<&Path<'_>>) -> String {
    path.map(Path::to_string).unwrap_or_default()
}

/// Measures one value; a ragged value is an error of sample `sample`.
fn measure<T: Dense>(
    value: &T,
    sample: usize,
    path: Option<&Path<'_>>,
) -> Result<Extents, StackError> {
    let mut extents = Extents::new();
    value
        .measure(&mut extents)
        .map_err(|ragged| StackError::Ragged {
            sample,
            violation: Violation::new(name(path), (*ragged).into_kind()),
        })?;
    Ok(extents)
}

/// Checks that every sample has sample 0's shape; returns it, with [`known`] extents.
fn common_shape<'a, T, I>(
    items: I,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
) -> Result<Vec<usize>, StackError>
where
    T: Dense + 'a,
    I: Iterator<Item = &'a T>,
{
    // Sample 0, its measured extents, and as a batch holds them.
    let mut first: Option<(&T, Extents, Vec<usize>)> = None;
    for (sample, value) in items.enumerate() {
        // The common case for arrays: the same shape as sample 0, compared without measuring.
        if let Some((zero, ..)) = first {
            if let (Some(a), Some(b)) = (zero.shape_at_hand(), value.shape_at_hand()) {
                if a.iter().eq(b) {
                    continue;
                }
            }
        }
        let measured = measure(value, sample, path)?;
        let Some((_, raw, expected)) = &first else {
            let shape = complete(&measured, declared);
            first = Some((value, measured, shape));
            // A type that fixes its whole shape needs no comparison.
            if <T::Shape as Shape>::FIXED {
                break;
            }
            continue;
        };
        // The common case, without allocating: the same measured shape as sample 0.
        // Axis by axis, not a slice `==`: that calls `bcmp`, slower than these few axes.
        if measured.as_slice().iter().eq(raw.as_slice()) && measured.open == raw.open {
            continue;
        }
        let found = complete(&measured, declared);
        if expected.len() != found.len() {
            return Err(StackError::Rank {
                field: name(path),
                sample,
                expected: expected.len(),
                found: found.len(),
            });
        }
        if let Some(axis) = expected.iter().zip(&found).position(|(a, b)| a != b) {
            return Err(StackError::Extent {
                field: name(path),
                axis,
                sample,
                expected: expected[axis],
                found: found[axis],
            });
        }
    }
    let first = match first {
        Some((_, _, extents)) => extents,
        // No samples: the extents the type fixes, 0 for the others.
        None => {
            let rank = <T::Shape as Shape>::RANK;
            let extents = <T::Shape as Shape>::EXTENTS;
            known_all(extents.get(..rank).unwrap_or_default(), declared)
        }
    };
    Ok(first)
}

/// An extent, or for an unknown one (the rows of an empty container) the declared fixed
/// extent of its axis, else 0: an empty batch keeps the extents its spec fixes.
fn known(extent: usize, declared: Option<&[Declared]>, axis: usize) -> usize {
    if extent != UNKNOWN {
        return extent;
    }
    match declared.and_then(|dims| dims.get(axis)) {
        Some(Declared::Fixed(fixed)) => *fixed,
        _ => 0,
    }
}

/// A measured shape as a batch holds it: [`known`] extents, and for an open rank (an empty
/// container of `IxDyn` arrays) the declared rank's remaining axes.
fn complete(extents: &Extents, declared: Option<&[Declared]>) -> Vec<usize> {
    let mut shape = Vec::new();
    complete_into(extents, declared, &mut shape);
    shape
}

/// [`complete`], appended to `out`.
fn complete_into(extents: &Extents, declared: Option<&[Declared]>, out: &mut Vec<usize>) {
    let start = out.len();
    let found = extents.as_slice();
    out.extend(
        found
            .iter()
            .enumerate()
            .map(|(axis, &extent)| known(extent, declared, axis)),
    );
    if extents.open {
        let rank = declared.map_or(0, <[Declared]>::len);
        for axis in out.len() - start..rank {
            out.push(known(UNKNOWN, declared, axis));
        }
    }
}

/// [`known`] of every axis.
fn known_all(extents: &[usize], declared: Option<&[Declared]>) -> Vec<usize> {
    extents
        .iter()
        .enumerate()
        .map(|(axis, &extent)| known(extent, declared, axis))
        .collect()
}

/// A buffer for `samples` samples of `shape`, in `data`'s allocation emptied (it grows only
/// if it must), and their element count, or the error saying it is too large.
fn buffer_in<E>(
    mut data: Vec<E>,
    samples: usize,
    shape: &[usize],
    path: Option<&Path<'_>>,
) -> Result<(Vec<E>, usize), StackError> {
    data.clear();
    let too_large = || StackError::TooLarge {
        field: name(path),
        samples,
        shape: shape.to_vec(),
    };
    let count = shape
        .iter()
        .try_fold(samples, |acc, &extent| acc.checked_mul(extent))
        .ok_or_else(too_large)?;
    let bytes = count
        .checked_mul(size_of::<E>().max(1))
        .ok_or_else(too_large)?;
    if bytes > isize::MAX as usize {
        return Err(too_large());
    }
    data.try_reserve_exact(count).map_err(|_| too_large())?;
    Ok((data, count))
}

/// The allocation of a batch field's array, to refill, leaving an empty array in its place.
fn take_buffer<E: Default, D: Dimension>(batch: &mut Array<E, D>) -> Vec<E> {
    let empty = Array::default(D::zeros(batch.ndim()));
    let (data, _) = core::mem::replace(batch, empty).into_raw_vec_and_offset();
    data
}

/// The array of `data` with shape `[samples, shape...]` and dimension type `D`.
fn batch_array<E, D: Dimension>(
    data: Vec<E>,
    samples: usize,
    shape: &[usize],
    path: Option<&Path<'_>>,
) -> Result<Array<E, D>, StackError> {
    let rank = shape.len() + 1;
    let rows = || StackError::RowShape {
        field: name(path),
        shape: shape.to_vec(),
    };
    if D::NDIM.is_some_and(|ndim| ndim != rank) {
        return Err(rows());
    }
    let mut dim = D::zeros(rank);
    let slice = dim.slice_mut();
    if let Some((first, rest)) = slice.split_first_mut() {
        *first = samples;
        rest.copy_from_slice(shape);
    }
    Array::from_shape_vec(dim, data).map_err(|_| rows())
}

/// Stacks dense values of one field.
/// `reuse`: an allocation to fill (emptied first), from a batch being refilled.
fn stack_dense<'a, T, D, I>(
    items: I,
    n: usize,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
    reuse: Vec<T::Elem>,
) -> Result<Array<T::Elem, D>, StackError>
where
    T: Dense<Elem: Element> + 'a,
    D: Dimension,
    I: Iterator<Item = &'a T> + Clone,
{
    let shape = common_shape(items.clone(), declared, path)?;
    let (mut data, _) = buffer_in(reuse, n, &shape, path)?;
    for value in items {
        value.append(&mut data);
    }
    batch_array(data, n, &shape, path)
}

/// Stacks dense values of one field into `batch`: in place when it already has the shape
/// they make (a training loop's batch after the first), else in its allocation, rebuilt.
#[inline]
fn stack_dense_into<'a, T, D, I>(
    items: I,
    n: usize,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
    batch: &mut Array<T::Elem, D>,
) -> Result<(), StackError>
where
    T: Contiguous<Elem: Element> + 'a,
    D: Dimension,
    I: Iterator<Item = &'a T> + Clone,
{
    // A batch refilled with samples like the last (a training loop's): when every sample's
    // shape is at hand (arrays, scalars) and is the batch's rows', that is their common
    // shape, found with nothing measured and no shape built. Else the full path below.
    let fits = batch
        .shape()
        .split_first()
        .is_some_and(|(&rows, rest)| rows == n && shapes_at_hand_are(items.clone(), rest));
    if fits && copy_rows(items.clone(), batch.as_slice_mut()) {
        return Ok(());
    }
    restack_dense_into(items, n, declared, path, batch)
}

/// [`stack_dense_into`] where the samples' shapes are not at hand or not the batch's: the
/// common shape measured (any error reported), then the batch refilled in place if it has
/// that shape, else rebuilt in its allocation. Out of line: the refill above stays small.
#[inline(never)]
fn restack_dense_into<'a, T, D, I>(
    items: I,
    n: usize,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
    batch: &mut Array<T::Elem, D>,
) -> Result<(), StackError>
where
    T: Contiguous<Elem: Element> + 'a,
    D: Dimension,
    I: Iterator<Item = &'a T> + Clone,
{
    let shape = common_shape(items.clone(), declared, path)?;
    let same = batch
        .shape()
        .split_first()
        .is_some_and(|(&rows, rest)| rows == n && rest.iter().eq(&shape));
    if same && copy_rows(items.clone(), batch.as_slice_mut()) {
        return Ok(());
    }
    let reuse = take_buffer(batch);
    *batch = stack_dense(items, n, declared, path, reuse)?;
    Ok(())
}

/// Whether there are items and each has its shape at hand ([`Dense::shape_at_hand`]), equal
/// to `shape`: then [`common_shape`] of them is `shape`.
#[inline]
fn shapes_at_hand_are<'a, T, I>(mut items: I, shape: &[usize]) -> bool
where
    T: Dense + 'a,
    I: Iterator<Item = &'a T>,
{
    // Without branching axis by axis or sample by sample: the common case is every sample
    // alike, and these few compares are cheaper than the branches that would skip them.
    let at_hand = |value: &T| {
        value.shape_at_hand().is_some_and(|at| {
            at.len() == shape.len()
                && at
                    .iter()
                    .zip(shape)
                    .fold(true, |same, (a, b)| same & (a == b))
        })
    };
    // A type that fixes its whole shape: sample 0's is every sample's.
    if <T::Shape as Shape>::FIXED {
        return items.next().is_some_and(at_hand);
    }
    let Some(first) = items.next() else {
        return false;
    };
    items.fold(at_hand(first), |same, value| same & at_hand(value))
}

/// Copies each value's elements over its row of `out`, the rows in order: whether every
/// value was contiguous and the rows filled `out` exactly (else `out` is to be rebuilt).
#[inline]
fn copy_rows<'a, T, I>(items: I, out: Option<&mut [T::Elem]>) -> bool
where
    T: Contiguous<Elem: Element> + 'a,
    I: Iterator<Item = &'a T>,
{
    let Some(out) = out else { return false };
    let mut rest = out;
    for value in items {
        let Some(src) = value.contiguous() else {
            return false;
        };
        let Some((row, tail)) = rest.split_at_mut_checked(src.len()) else {
            return false;
        };
        row.copy_from_slice(src);
        rest = tail;
    }
    rest.is_empty()
}

/// A dense value's elements as one borrowed slice, where they are contiguous in memory: a
/// padded sample is then copied run by run from it, with no scratch copy.
trait Contiguous: Dense + Sized {
    /// By default `Dense::flat` of the value as one row: scalars and flat `[T; N]`.
    #[inline]
    fn contiguous(&self) -> Option<&[Self::Elem]> {
        Self::flat(core::slice::from_ref(self))
    }
}

impl<T: Dense, const N: usize> Contiguous for [T; N] where [T; N]: Dense {}

// `Dense::flat` of a `Vec` is `None`: it appends (one `memcpy` when its rows are flat), a
// scratch copy only when its inner axes are short.
impl<T: Dense> Contiguous for Vec<T> where Vec<T>: Dense {}

impl<S, D, A> Contiguous for ArrayBase<S, D, A>
where
    S: Data<Elem = A>,
    A: Element,
    D: DimShape,
{
    #[inline]
    fn contiguous(&self) -> Option<&[A]> {
        self.as_slice()
    }
}

/// Stacks dense values of one field, padding each axis to the longest extent.
/// `reuse`: an allocation to fill (emptied first), from a batch being refilled.
fn stack_dense_padded<'a, T, D, I>(
    items: I,
    n: usize,
    pad: Option<T::Elem>,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
    lengths: &mut Lengths,
    reuse: Vec<T::Elem>,
) -> Result<Array<T::Elem, D>, StackError>
where
    T: Contiguous<Elem: Element> + 'a,
    D: Dimension,
    I: Iterator<Item = &'a T> + Clone,
{
    let pad = pad.unwrap_or_default();
    let (mut field, mut shapes) = lengths.buffers();
    // Pass 1: every sample's shape; the ranks must agree, the longest extent wins.
    let mut rank = None;
    for (sample, value) in items.clone().enumerate() {
        let start = shapes.len();
        complete_into(&measure(value, sample, path)?, declared, &mut shapes);
        let found = shapes.len() - start;
        match rank {
            None => rank = Some(found),
            Some(expected) if expected != found => {
                return Err(StackError::Rank {
                    field: name(path),
                    sample,
                    expected,
                    found,
                });
            }
            Some(_) => {}
        }
    }
    // No samples: the batch's rank still tells the samples'.
    let rank = rank.unwrap_or_else(|| D::NDIM.map_or(0, |ndim| ndim.saturating_sub(1)));
    let mut longest = vec![0; rank];
    for shape in shapes.chunks_exact(rank.max(1)).take(n) {
        for (axis, &extent) in shape.iter().enumerate() {
            longest[axis] = longest[axis].max(extent);
        }
    }
    let (mut data, count) = buffer_in(reuse, n, &longest, path)?;
    // A zero extent leaves every sample empty, and the products below unbounded.
    if count > 0 {
        let blocks = blocks(&longest).ok_or_else(|| StackError::TooLarge {
            field: name(path),
            samples: n,
            shape: longest.clone(),
        })?;
        let per_sample = blocks.first().copied().unwrap_or(1);
        let mut scratch = Vec::new();
        // Pass 2: each sample's block, appended in order; only its gaps are padded.
        for (sample, value) in items.take(n).enumerate() {
            // In bounds: `shapes` holds `n * rank` extents.
            let shape = shapes
                .get(sample * rank..)
                .and_then(|rest| rest.get(..rank))
                .unwrap_or_default();
            let end = data.len().saturating_add(per_sample);
            let inner = shape.get(1..).unwrap_or_default();
            // Axis by axis, not a slice `==`: that calls `bcmp`, slower than these few axes.
            if inner.iter().eq(longest.get(1..).unwrap_or_default()) {
                // The longest inner axes: one run at the block's start, appended as
                // `stack_dense` does (no scratch, whatever the type).
                value.append(&mut data);
            } else {
                let src = match value.contiguous() {
                    Some(src) => src,
                    None => {
                        scratch.clear();
                        value.append(&mut scratch);
                        &scratch
                    }
                };
                copy_padded(src, shape, &blocks, pad, &mut data);
            }
            data.resize(end, pad);
        }
    }
    // Only fewer items than `n` leave a gap here.
    data.resize(count, pad);
    let shapes = Array2::from_shape_vec((n, rank), shapes).map_err(|_| StackError::RowShape {
        field: name(path),
        shape: longest.clone(),
    })?;
    if let Some(path) = path {
        // Writing to a `String` cannot fail.
        let _ = write!(field, "{path}");
    }
    lengths.push(field, shapes);
    batch_array(data, n, &longest, path)
}

/// The sizes of the trailing blocks of `shape`: `blocks[a]` is the product of `shape[a..]`,
/// `rank + 1` of them, the last 1. `None` if one overflows.
fn blocks(shape: &[usize]) -> Option<Vec<usize>> {
    let mut blocks = Vec::with_capacity(shape.len() + 1);
    let mut size = 1_usize;
    blocks.push(size);
    for &extent in shape.iter().rev() {
        size = size.checked_mul(extent)?;
        blocks.push(size);
    }
    blocks.reverse();
    Some(blocks)
}

/// Appends `src`, a standard-layout tensor of shape `shape`, to `out` as the leading corner
/// of a block of `blocks[0]` elements (see [`blocks`]), the rest `pad`. Where `shape`'s
/// trailing axes are the block's, their rows are one run: one copy, then one fill.
fn copy_padded<E: Copy>(src: &[E], shape: &[usize], blocks: &[usize], pad: E, out: &mut Vec<E>) {
    let start = out.len();
    let (block, rest) = blocks
        .split_first()
        .map_or((1, blocks), |(&b, rest)| (b, rest));
    // A row of the outermost axis: `chunk` elements of `src`, `row` of the block.
    let rows = shape.first().copied().unwrap_or(1);
    let row = rest.first().copied().unwrap_or(1);
    let chunk = src.len().checked_div(rows).unwrap_or(0);
    if chunk == 0 || chunk == row {
        // Nothing to copy, or the trailing axes are the block's: one run.
        out.extend_from_slice(src);
    } else if matches!(
        (shape.get(1), rest.get(1)),
        (Some(&rows), Some(&row)) if rows.checked_mul(row) == Some(chunk)
    ) {
        // Each row's trailing axes are the block's: one run and one gap per row.
        copy_runs(src, chunk, row.saturating_sub(chunk), pad, out);
    } else {
        let inner = shape.get(1..).unwrap_or_default();
        for src in src.chunks_exact(chunk) {
            copy_padded(src, inner, rest, pad, out);
        }
    }
    // Cannot saturate: the whole buffer's size was checked.
    out.resize(start.saturating_add(block), pad);
}

/// Appends each `run` elements of `src` followed by `gap` elements `pad`: the loop that
/// copies most rows, kept out of the recursion so that it keeps its state in registers.
#[inline(never)]
fn copy_runs<E: Copy>(src: &[E], run: usize, gap: usize, pad: E, out: &mut Vec<E>) {
    for src in src.chunks_exact(run) {
        out.extend_from_slice(src);
        out.extend(core::iter::repeat_n(pad, gap));
    }
}

/// Splits a dense batch back into values, row by row.
fn unstack_dense<T, D>(
    batch: Array<T::Elem, D>,
    n: usize,
    path: Option<&Path<'_>>,
) -> Result<Vec<T>, StackError>
where
    T: FromFlat,
    D: Dimension,
{
    let found = batch.shape().first().copied().unwrap_or(0);
    if batch.ndim() == 0 || found != n {
        return Err(StackError::Rows {
            field: name(path),
            expected: n,
            found,
        });
    }
    let shape = batch.shape().get(1..).unwrap_or_default().to_vec();
    let batch = batch.as_standard_layout();
    let flat = batch.as_slice().unwrap_or_default();
    let per_row: usize = shape.iter().product();
    let row_shape = || StackError::RowShape {
        field: name(path),
        shape: shape.clone(),
    };
    if per_row == 0 {
        return (0..n)
            .map(|_| T::from_flat(&[], &shape).ok_or_else(row_shape))
            .collect();
    }
    flat.chunks_exact(per_row)
        .map(|row| T::from_flat(row, &shape).ok_or_else(row_shape))
        .collect()
}

/// `Stack` and `Unstack` of a dense type, whose batch is `Array<Elem, Shape::Batched>`.
macro_rules! dense_stack {
    () => {
        type Batch = Array<Self::Elem, <<Self as TensorField>::Shape as Shape>::Batched>;

        #[inline]
        fn __stack_field<'a, I>(
            items: I,
            n: usize,
            declared: Option<&[Declared]>,
            path: Option<&Path<'_>>,
        ) -> Result<Self::Batch, StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            stack_dense(items, n, declared, path, Vec::new())
        }

        fn __stack_field_into<'a, I>(
            items: I,
            n: usize,
            declared: Option<&[Declared]>,
            path: Option<&Path<'_>>,
            batch: &mut Self::Batch,
        ) -> Result<(), StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            stack_dense_into(items, n, declared, path, batch)
        }

        fn __stack_field_padded<'a, I>(
            items: I,
            n: usize,
            pad: Option<Self::Elem>,
            declared: Option<&[Declared]>,
            path: Option<&Path<'_>>,
            lengths: &mut Lengths,
        ) -> Result<Self::Batch, StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            stack_dense_padded(items, n, pad, declared, path, lengths, Vec::new())
        }

        fn __stack_field_padded_into<'a, I>(
            items: I,
            n: usize,
            pad: Option<Self::Elem>,
            declared: Option<&[Declared]>,
            path: Option<&Path<'_>>,
            lengths: &mut Lengths,
            batch: &mut Self::Batch,
        ) -> Result<(), StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            let reuse = take_buffer(batch);
            *batch = stack_dense_padded(items, n, pad, declared, path, lengths, reuse)?;
            Ok(())
        }

        // The mode's: `__stack_field_into` or `__stack_field_padded_into` above.
        #[allow(clippy::too_many_arguments)]
        #[inline]
        fn __stack_with<'a, I, M: StackMode>(
            items: I,
            n: usize,
            pad: Option<Self::Elem>,
            declared: Option<&[Declared]>,
            path: Option<&Path<'_>>,
            mode: &mut M,
            batch: &mut Self::Batch,
        ) -> Result<(), StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            mode.field(items, n, pad, declared, path, batch)
        }

        #[inline]
        fn __batch_len(batch: &Self::Batch) -> Option<usize> {
            batch.shape().first().copied()
        }

        fn __visit<V: BatchVisitor>(
            batch: &mut Self::Batch,
            _: usize,
            _: Option<&[Declared]>,
            path: Option<&Path<'_>>,
            visitor: &mut V,
        ) -> Result<(), StackError> {
            visitor.dense(path, batch);
            Ok(())
        }

        #[inline]
        fn __empty(
            declared: Option<&[Declared]>,
            path: Option<&Path<'_>>,
        ) -> Result<Self::Batch, StackError> {
            let shape = match declared {
                Some(declared) => declared
                    .iter()
                    .map(|dim| match dim {
                        Declared::Fixed(extent) => *extent,
                        Declared::Any | Declared::Symbol(_) => 0,
                    })
                    .collect(),
                None => common_shape(core::iter::empty::<&Self>(), None, path)?,
            };
            batch_array(Vec::new(), 0, &shape, path)
        }
    };
}

/// A scalar of each element type: its batch is an `Array1`.
macro_rules! scalar_stack {
    ($($ty:ty => $dtype:ident),*) => {$(
        impl Stack for $ty {
            dense_stack!();
        }

        impl Unstack for $ty {
            dense_unstack!();
        }

        impl Contiguous for $ty {}
    )*};
}

impl<T: Dense, const N: usize> Stack for [T; N]
where
    [T; N]: Dense,
{
    dense_stack!();
}

impl<T: Dense> Stack for Vec<T>
where
    Vec<T>: Dense,
{
    dense_stack!();
}

impl<S, D, A> Stack for ArrayBase<S, D, A>
where
    S: Data<Elem = A>,
    A: Element,
    D: DimShape,
{
    dense_stack!();
}

/// `Unstack` of an owned dense type.
macro_rules! dense_unstack {
    () => {
        #[inline]
        fn __split_field(
            batch: Self::Batch,
            n: usize,
            path: Option<&Path<'_>>,
        ) -> Result<Vec<Self>, StackError> {
            unstack_dense(batch, n, path)
        }
    };
}

for_each_element!(scalar_stack);

impl<T: FromFlat, const N: usize> Unstack for [T; N]
where
    [T; N]: FromFlat,
{
    dense_unstack!();
}

impl<T: FromFlat> Unstack for Vec<T>
where
    Vec<T>: FromFlat,
{
    dense_unstack!();
}

impl<D: DimShape, A: Element> Unstack for Array<A, D> {
    dense_unstack!();
}

impl<D: DimShape, A: Element> Unstack for ArcArray<A, D> {
    dense_unstack!();
}

/// Whether every item is `Some`, `None` if they disagree (an error naming the first that
/// differs from item 0).
fn presence<'a, F: 'a, I>(items: I, path: Option<&Path<'_>>) -> Result<bool, StackError>
where
    I: Iterator<Item = &'a Option<F>>,
{
    let mut first = None;
    for (sample, item) in items.enumerate() {
        match first {
            None => first = Some(item.is_some()),
            Some(present) if present != item.is_some() => {
                return Err(StackError::Presence {
                    field: name(path),
                    sample,
                    present: item.is_some(),
                });
            }
            Some(_) => {}
        }
    }
    Ok(first.unwrap_or(false))
}

impl<F: Stack> Stack for Option<F> {
    type Batch = Option<F::Batch>;

    // One function for plain and padded stacking, as the derive's: `__stack_field`,
    // `__stack_field_into` and their padded forms are the trait's, through it.
    #[allow(clippy::too_many_arguments)]
    fn __stack_with<'a, I, M: StackMode>(
        items: I,
        n: usize,
        pad: Option<Self::Elem>,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        mode: &mut M,
        batch: &mut Self::Batch,
    ) -> Result<(), StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a,
    {
        if !presence(items.clone(), path)? {
            // Absent in this batch: the buffers of the last present one are let go.
            *batch = None;
            return Ok(());
        }
        let items = items.filter_map(Option::as_ref);
        match batch {
            // Present in the last batch too: its buffers are refilled.
            Some(inner) => mode.field(items, n, pad, declared, path, inner),
            None => {
                let mut inner = F::__empty(declared, path)?;
                mode.field(items, n, pad, declared, path, &mut inner)?;
                *batch = Some(inner);
                Ok(())
            }
        }
    }

    fn __batch_len(batch: &Self::Batch) -> Option<usize> {
        batch.as_ref().and_then(F::__batch_len)
    }

    fn __visit<V: BatchVisitor>(
        batch: &mut Self::Batch,
        n: usize,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        visitor: &mut V,
    ) -> Result<(), StackError> {
        if !visitor.optional(path, batch.is_some()) {
            *batch = None;
            return Ok(());
        }
        let inner = match batch {
            Some(inner) => inner,
            None => batch.insert(F::__empty(declared, path)?),
        };
        F::__visit(inner, n, declared, path, visitor)
    }

    fn __empty(_: Option<&[Declared]>, _: Option<&Path<'_>>) -> Result<Self::Batch, StackError> {
        Ok(None)
    }
}

impl<F: Unstack> Unstack for Option<F> {
    fn __split_field(
        batch: Self::Batch,
        n: usize,
        path: Option<&Path<'_>>,
    ) -> Result<Vec<Self>, StackError> {
        match batch {
            None => Ok((0..n).map(|_| None).collect()),
            Some(batch) => Ok(F::__split_field(batch, n, path)?
                .into_iter()
                .map(Some)
                .collect()),
        }
    }
}

/// A field behind a pointer stacks as the field, and splits back into new pointers.
macro_rules! pointer_stack {
    ($($pointer:ident),*) => {$(
        impl<F: Stack> Stack for $pointer<F> {
            type Batch = F::Batch;

            #[allow(clippy::too_many_arguments)]
            #[inline]
            fn __stack_with<'a, I, M: StackMode>(
                items: I,
                n: usize,
                pad: Option<Self::Elem>,
                declared: Option<&[Declared]>,
                path: Option<&Path<'_>>,
                mode: &mut M,
                batch: &mut Self::Batch,
            ) -> Result<(), StackError>
            where
                I: Iterator<Item = &'a Self> + Clone,
                Self: 'a,
            {
                let items = items.map(|item| &**item);
                F::__stack_with(items, n, pad, declared, path, mode, batch)
            }

            fn __batch_len(batch: &Self::Batch) -> Option<usize> {
                F::__batch_len(batch)
            }

            fn __visit<V: BatchVisitor>(
                batch: &mut Self::Batch,
                n: usize,
                declared: Option<&[Declared]>,
                path: Option<&Path<'_>>,
                visitor: &mut V,
            ) -> Result<(), StackError> {
                F::__visit(batch, n, declared, path, visitor)
            }

            fn __empty(
                declared: Option<&[Declared]>,
                path: Option<&Path<'_>>,
            ) -> Result<Self::Batch, StackError> {
                F::__empty(declared, path)
            }
        }

        impl<F: Unstack> Unstack for $pointer<F> {
            fn __split_field(
                batch: Self::Batch,
                n: usize,
                path: Option<&Path<'_>>,
            ) -> Result<Vec<Self>, StackError> {
                Ok(F::__split_field(batch, n, path)?.into_iter().map($pointer::new).collect())
            }
        }
    )*};
}

pointer_stack!(Box, Arc, Rc);

/// A borrowed slice stacks as a `Vec` would: its batch is an `Array2`.
impl<E: Element> Stack for &[E] {
    dense_stack!();
}

impl<E: Element> Contiguous for &[E] {
    #[inline]
    fn contiguous(&self) -> Option<&[E]> {
        Some(self)
    }
}

/// The error of a batch field whose length is not the batch's.
pub fn rows_error(path: Option<&Path<'_>>, expected: usize, found: usize) -> StackError {
    StackError::Rows {
        field: name(path),
        expected,
        found,
    }
}
