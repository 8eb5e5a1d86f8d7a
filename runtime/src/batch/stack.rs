//! The stacking kernels: one pass to measure every sample's shape, one exact allocation,
//! straight copies (one `memcpy` for a standard-layout array or a flat `[T; N]`); their reverse.

use ndarray::{ArcArray, Array, Array2, ArrayBase, Data, Dimension};

use super::{Lengths, Stack, StackError, Unstack};
use crate::dim::Declared;
use crate::dtype::Element;
use crate::field::TensorField;
use crate::field::shape::{DimShape, Shape};
use crate::validate::violation::Violation;
use crate::validate::{Dense, Extents, FromFlat, Path, UNKNOWN};

/// The path of a field, for errors.
fn name(path: Option<&Path<'_>>) -> String {
    path.map(Path::to_string).unwrap_or_default()
}

/// The shape of one sample of a dense field, and whether each later sample agrees.
struct Shapes {
    /// Sample 0's extents, `UNKNOWN` (an empty container's rows) counted as 0.
    first: Vec<usize>,
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

/// Checks that every sample has sample 0's shape; returns it.
fn common_shape<'a, T, I>(
    items: I,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
) -> Result<Shapes, StackError>
where
    T: Dense + 'a,
    I: Iterator<Item = &'a T>,
{
    let mut first: Option<Extents> = None;
    for (sample, value) in items.enumerate() {
        let extents = measure(value, sample, path)?;
        let Some(expected) = &first else {
            first = Some(extents);
            // A type that fixes its whole shape needs no comparison.
            if <T::Shape as Shape>::FIXED {
                break;
            }
            continue;
        };
        let (expected, found) = (expected.as_slice(), extents.as_slice());
        if expected.len() != found.len() {
            return Err(StackError::Rank {
                field: name(path),
                sample,
                expected: expected.len(),
                found: found.len(),
            });
        }
        if let Some(axis) = expected.iter().zip(found).position(|(a, b)| a != b) {
            return Err(StackError::Extent {
                field: name(path),
                axis,
                sample,
                expected: known(expected[axis], declared, axis),
                found: known(found[axis], declared, axis),
            });
        }
    }
    let first = match first {
        Some(extents) => known_all(extents.as_slice(), declared),
        // No samples: the extents the type fixes, 0 for the others.
        None => {
            let rank = <T::Shape as Shape>::RANK;
            let extents = <T::Shape as Shape>::EXTENTS;
            known_all(extents.get(..rank).unwrap_or_default(), declared)
        }
    };
    Ok(Shapes { first })
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

/// [`known`] of every axis.
fn known_all(extents: &[usize], declared: Option<&[Declared]>) -> Vec<usize> {
    extents
        .iter()
        .enumerate()
        .map(|(axis, &extent)| known(extent, declared, axis))
        .collect()
}

/// A buffer for `samples` samples of `shape`, or the error saying it is too large.
fn buffer<E>(
    samples: usize,
    shape: &[usize],
    path: Option<&Path<'_>>,
) -> Result<Vec<E>, StackError> {
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
    let mut data = Vec::new();
    data.try_reserve_exact(count).map_err(|_| too_large())?;
    Ok(data)
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
fn stack_dense<'a, T, D, I>(
    items: I,
    n: usize,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
) -> Result<Array<T::Elem, D>, StackError>
where
    T: Dense<Elem: Element> + 'a,
    D: Dimension,
    I: Iterator<Item = &'a T> + Clone,
{
    let shapes = common_shape(items.clone(), declared, path)?;
    let mut data = buffer(n, &shapes.first, path)?;
    for value in items {
        value.append(&mut data);
    }
    batch_array(data, n, &shapes.first, path)
}

/// Stacks dense values of one field, padding each axis to the longest extent.
fn stack_dense_padded<'a, T, D, I>(
    items: I,
    n: usize,
    pad: Option<T::Elem>,
    declared: Option<&[Declared]>,
    path: Option<&Path<'_>>,
    lengths: &mut Lengths,
) -> Result<Array<T::Elem, D>, StackError>
where
    T: Dense<Elem: Element> + 'a,
    D: Dimension,
    I: Iterator<Item = &'a T> + Clone,
{
    let pad = pad.unwrap_or_default();
    // Pass 1: every sample's shape; the ranks must agree, the longest extent wins.
    let mut shapes: Vec<usize> = Vec::new();
    let mut rank = None;
    for (sample, value) in items.clone().enumerate() {
        let extents = measure(value, sample, path)?;
        let found = extents.as_slice();
        match rank {
            None => rank = Some(found.len()),
            Some(expected) if expected != found.len() => {
                return Err(StackError::Rank {
                    field: name(path),
                    sample,
                    expected,
                    found: found.len(),
                });
            }
            Some(_) => {}
        }
        shapes.extend(known_all(found, declared));
    }
    // No samples: the batch's rank still tells the samples'.
    let rank = rank.unwrap_or_else(|| D::NDIM.map_or(0, |ndim| ndim.saturating_sub(1)));
    let mut longest = vec![0; rank];
    for shape in shapes.chunks_exact(rank.max(1)).take(n) {
        for (axis, &extent) in shape.iter().enumerate() {
            longest[axis] = longest[axis].max(extent);
        }
    }
    let per_sample: usize = longest.iter().product();
    let mut data = buffer(n, &longest, path)?;
    data.resize(data.capacity(), pad);
    // Pass 2: each sample's elements, row by row, into its padded block.
    let mut scratch = Vec::new();
    for (sample, value) in items.enumerate() {
        scratch.clear();
        value.append(&mut scratch);
        let shape = shapes
            .get(sample * rank..(sample + 1) * rank)
            .unwrap_or_default();
        let block = data
            .get_mut(sample * per_sample..(sample + 1) * per_sample)
            .unwrap_or_default();
        copy_padded(&scratch, shape, block, &longest);
    }
    let shapes = Array2::from_shape_vec((n, rank), shapes).map_err(|_| StackError::RowShape {
        field: name(path),
        shape: longest.clone(),
    })?;
    lengths.fields.push((name(path), shapes));
    batch_array(data, n, &longest, path)
}

/// Copies `src`, a standard-layout tensor of shape `shape`, into the leading corner of `dst`,
/// a standard-layout tensor of shape `longest` (of the same rank, each extent at least
/// `shape`'s), one innermost row at a time.
fn copy_padded<E: Copy>(src: &[E], shape: &[usize], dst: &mut [E], longest: &[usize]) {
    let Some((&row, outer)) = shape.split_last() else {
        if let (Some(d), Some(s)) = (dst.first_mut(), src.first()) {
            *d = *s;
        }
        return;
    };
    // The stride of each outer axis in `dst`.
    let mut strides = vec![0; outer.len()];
    let mut stride = longest.last().copied().unwrap_or(1);
    for (axis, slot) in strides.iter_mut().enumerate().rev() {
        *slot = stride;
        stride = stride.saturating_mul(longest.get(axis).copied().unwrap_or(1));
    }
    let rows: usize = outer.iter().product();
    let mut index = vec![0; outer.len()];
    for k in 0..rows {
        let offset: usize = index.iter().zip(&strides).map(|(i, s)| i * s).sum();
        if let (Some(d), Some(s)) = (
            dst.get_mut(offset..offset + row),
            src.get(k * row..(k + 1) * row),
        ) {
            d.copy_from_slice(s);
        }
        // The next index of `outer`, last axis fastest.
        for (i, &extent) in index.iter_mut().zip(outer).rev() {
            *i += 1;
            if *i < extent {
                break;
            }
            *i = 0;
        }
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
        fn __stack<'a, I>(
            items: I,
            n: usize,
            declared: Option<&[Declared]>,
            path: Option<&Path<'_>>,
        ) -> Result<Self::Batch, StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            stack_dense(items, n, declared, path)
        }

        fn __stack_padded<'a, I>(
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
            stack_dense_padded(items, n, pad, declared, path, lengths)
        }

        #[inline]
        fn __batch_len(batch: &Self::Batch) -> Option<usize> {
            batch.shape().first().copied()
        }

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
                None => common_shape(core::iter::empty::<&Self>(), None, path)?.first,
            };
            batch_array(Vec::new(), 0, &shape, path)
        }
    };
}

impl<E: Element> Stack for E {
    dense_stack!();
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
        fn __unstack(
            batch: Self::Batch,
            n: usize,
            path: Option<&Path<'_>>,
        ) -> Result<Vec<Self>, StackError> {
            unstack_dense(batch, n, path)
        }
    };
}

impl<E: Element> Unstack for E {
    dense_unstack!();
}

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

    fn __stack<'a, I>(
        items: I,
        n: usize,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
    ) -> Result<Self::Batch, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a,
    {
        if !presence(items.clone(), path)? {
            return Ok(None);
        }
        F::__stack(items.filter_map(Option::as_ref), n, declared, path).map(Some)
    }

    fn __stack_padded<'a, I>(
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
        if !presence(items.clone(), path)? {
            return Ok(None);
        }
        let items = items.filter_map(Option::as_ref);
        F::__stack_padded(items, n, pad, declared, path, lengths).map(Some)
    }

    fn __batch_len(batch: &Self::Batch) -> Option<usize> {
        batch.as_ref().and_then(F::__batch_len)
    }

    fn __empty(_: Option<&[Declared]>, _: Option<&Path<'_>>) -> Result<Self::Batch, StackError> {
        Ok(None)
    }
}

impl<F: Unstack> Unstack for Option<F> {
    fn __unstack(
        batch: Self::Batch,
        n: usize,
        path: Option<&Path<'_>>,
    ) -> Result<Vec<Self>, StackError> {
        match batch {
            None => Ok((0..n).map(|_| None).collect()),
            Some(batch) => Ok(F::__unstack(batch, n, path)?
                .into_iter()
                .map(Some)
                .collect()),
        }
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
