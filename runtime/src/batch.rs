//! Stacking samples into batches: [`Stack`], [`StackError`], [`Padded`] and [`Lengths`].
//!
//! A field is stacked field-major: its samples' shapes are compared first, then one buffer
//! of the batch's exact size is allocated and each sample's elements are copied in (one
//! `memcpy` for a standard-layout array or a flat `[T; N]`).

use ndarray::{ArcArray, Array, Array2, ArrayBase, ArrayView2, Axis, Data, Dimension};

use crate::shape::{DimShape, Shape};
use crate::validate::{Dense, Extents, FromFlat, Path, UNKNOWN};
use crate::{Element, TensorField, Violation};

/// Why samples could not be stacked into a batch, or a batch not split back into samples.
///
/// ```
/// use ndarray::Array2;
/// use tensorspec::{StackError, TensorSpec};
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = RowsBatch)]
/// struct Rows {
///     #[tensor(shape = [N, 2])]
///     points: Array2<f32>,
/// }
///
/// let samples = [
///     Rows { points: Array2::zeros((3, 2)) },
///     Rows { points: Array2::zeros((3, 2)) },
///     Rows { points: Array2::zeros((5, 2)) },
/// ];
/// let error = Rows::stack(&samples).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "field `points`: sample 2 has extent 5 on axis 0, but sample 0 has 3"
/// );
/// assert!(matches!(error, StackError::Extent { sample: 2, axis: 0, .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StackError {
    /// An axis whose extent differs between samples (a symbol or `_`, or an open extent).
    #[error(
        "field `{field}`: sample {sample} has extent {found} on axis {axis}, but sample 0 has {expected}"
    )]
    #[non_exhaustive]
    Extent {
        /// The field's path.
        field: String,
        /// The axis, of the sample's tensor (the batch's axis `axis + 1`).
        axis: usize,
        /// The first sample whose extent differs from sample 0's.
        sample: usize,
        /// Sample 0's extent.
        expected: usize,
        /// That sample's extent.
        found: usize,
    },
    /// Samples whose `IxDyn` tensors differ in rank.
    #[error("field `{field}`: sample {sample} has rank {found}, but sample 0 has rank {expected}")]
    #[non_exhaustive]
    Rank {
        /// The field's path.
        field: String,
        /// The first sample whose rank differs from sample 0's.
        sample: usize,
        /// Sample 0's rank.
        expected: usize,
        /// That sample's rank.
        found: usize,
    },
    /// A sample whose nested rows differ in shape: it is not a tensor.
    #[error("sample {sample}: {violation}")]
    #[non_exhaustive]
    Ragged {
        /// The sample.
        sample: usize,
        /// What `validate()` reports of it.
        violation: Violation,
    },
    /// An optional field present in some samples and absent in others.
    #[error(
        "field `{field}`: sample {sample} {}, but sample 0 {}",
        if *.present { "has a value" } else { "is `None`" },
        if *.present { "is `None`" } else { "has a value" }
    )]
    #[non_exhaustive]
    Presence {
        /// The field's path.
        field: String,
        /// The first sample that differs from sample 0.
        sample: usize,
        /// Whether that sample has a value.
        present: bool,
    },
    /// A batch whose element count or byte size overflows, or whose buffer cannot be
    /// allocated.
    #[error(
        "field `{field}`: a batch of {samples} samples of shape {shape:?} is too large to allocate"
    )]
    #[non_exhaustive]
    TooLarge {
        /// The field's path.
        field: String,
        /// The number of samples.
        samples: usize,
        /// One sample's shape.
        shape: Vec<usize>,
    },
    /// A batch field whose length (its leading axis) is not the batch's length, when a batch
    /// is split back into samples.
    #[error("field `{field}`: {found} rows, but the batch has {expected} samples")]
    #[non_exhaustive]
    Rows {
        /// The field's path.
        field: String,
        /// The batch's length.
        expected: usize,
        /// The field's.
        found: usize,
    },
    /// A batch field whose rows cannot be the field's type (a batch field replaced by an
    /// array of another shape), when a batch is split back into samples.
    #[error("field `{field}`: a row of shape {shape:?} cannot be the field's type")]
    #[non_exhaustive]
    RowShape {
        /// The field's path.
        field: String,
        /// The row's shape.
        shape: Vec<usize>,
    },
}

/// A field type that can be stacked into a batch: its batch type is [`BatchOf<F>`].
///
/// | field type | batch type |
/// |---|---|
/// | a scalar `E` | `Array1<E>` |
/// | `[T; N]`, `Vec<T>`, nested, of rank `r` | `Array<E, Ix(r + 1)>` (`IxDyn` past rank 5) |
/// | `ArrayBase<S, IxN>` (any readable storage) | `Array<E, Ix(N + 1)>` (`IxDyn` for `Ix6`) |
/// | `ArrayBase<S, IxDyn>` | `ArrayD<E>` |
/// | `Option<F>` | `Option<BatchOf<F>>`: `Some` when every sample has a value |
/// | a struct with `#[tensor(batch = B)]` | `B` |
///
/// ```
/// use ndarray::{Array1, Array4, ArrayD};
/// use tensorspec::BatchOf;
///
/// let _: BatchOf<f32> = Array1::<f32>::zeros(8);
/// let _: BatchOf<ndarray::Array3<u8>> = Array4::<u8>::zeros((8, 32, 32, 3));
/// let _: BatchOf<Vec<[i64; 2]>> = ndarray::Array3::<i64>::zeros((8, 5, 2));
/// let _: BatchOf<ArrayD<f32>> = ArrayD::<f32>::zeros(vec![8, 2, 2]);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` cannot be stacked into a batch",
    label = "no batch type",
    note = "a nested spec needs a batch type of its own: add `#[tensor(batch = ...)]` to its struct"
)]
pub trait Stack: TensorField + Sized {
    /// What a batch of this field is.
    type Batch;

    /// Stacks `n` values, the items of `items` (a cloneable iterator: each field is read in
    /// its own pass). `path` is the value's path, for errors.
    #[doc(hidden)]
    fn __stack<'a, I>(
        items: I,
        n: usize,
        path: Option<&Path<'_>>,
    ) -> Result<Self::Batch, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a;

    /// The same, padding every axis to the longest sample's extent with `pad` (the element
    /// type's default when `None`), and recording each sample's shape in `lengths`.
    #[doc(hidden)]
    fn __stack_padded<'a, I>(
        items: I,
        n: usize,
        pad: Option<Self::Elem>,
        path: Option<&Path<'_>>,
        lengths: &mut Lengths,
    ) -> Result<Self::Batch, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a;

    /// The number of samples in a batch, if this field tells (an absent optional does not).
    #[doc(hidden)]
    fn __batch_len(batch: &Self::Batch) -> Option<usize>;

    /// A batch of no samples. `declared`: a sample's declared extents (0 for symbols and
    /// `_`); without them, the extents the type fixes, 0 for the others.
    #[doc(hidden)]
    fn __empty(
        declared: Option<&[usize]>,
        path: Option<&Path<'_>>,
    ) -> Result<Self::Batch, StackError>;
}

/// A field type that a batch can be split back into: the owned types of [`Stack`] (not views).
pub trait Unstack: Stack {
    /// The `n` values of a batch, in order.
    #[doc(hidden)]
    fn __unstack(
        batch: Self::Batch,
        n: usize,
        path: Option<&Path<'_>>,
    ) -> Result<Vec<Self>, StackError>;
}

/// The batch type of field type `F`: see [`Stack`].
pub type BatchOf<F> = <F as Stack>::Batch;

/// The batch type of a nested spec whose struct has no `#[tensor(batch = ...)]`: there is
/// none. A batched struct with such a field does not compile; the error is at the field.
pub struct NoBatch<T: ?Sized>(core::marker::PhantomData<fn() -> T>);

impl<T: ?Sized> NoBatch<T> {
    #[doc(hidden)]
    pub const NEW: Self = NoBatch(core::marker::PhantomData);
}

impl<T: ?Sized> Clone for NoBatch<T> {
    fn clone(&self) -> Self {
        NoBatch::NEW
    }
}

impl<T: ?Sized> core::fmt::Debug for NoBatch<T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "NoBatch<{}>", core::any::type_name::<T>())
    }
}

#[diagnostic::do_not_recommend]
impl<T: crate::TensorSpec> TensorField for NoBatch<T> {
    type Elem = Self;
    type Shape = crate::shape::NestedShape;
    const KIND: crate::spec::FieldKind = crate::spec::FieldKind::Nested {
        spec: T::spec,
        optional: false,
    };

    fn __check(
        &self,
        _: &mut crate::validate::Checker<'_>,
        _: &'static str,
        _: Option<&[crate::validate::Expect]>,
    ) {
    }
}

/// A batch type: anything but [`NoBatch`]. For the derive's check that a batched struct's
/// fields have batch types.
#[doc(hidden)]
pub trait IsBatch {}

impl<S: ndarray::RawData, D> IsBatch for ArrayBase<S, D> {}
impl<B: IsBatch> IsBatch for Option<B> {}

/// The batch type `B` of field type `F` is a real one.
#[doc(hidden)]
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: `{F}` has no batch type",
    label = "a nested spec without `#[tensor(batch = ...)]`",
    note = "add `#[tensor(batch = ...)]` to the struct of this field's type"
)]
pub trait BatchIs<F: ?Sized, B: ?Sized> {
    /// Probed by the generated code.
    const OK: () = ();
}

// Not recommended: rustc then reports `BatchIs` (the message above), not `IsBatch`.
#[diagnostic::do_not_recommend]
impl<M: ?Sized, F: ?Sized, B: IsBatch + ?Sized> BatchIs<F, B> for M {}

/// A padded batch and each sample's true shape, from
/// [`Batched::padded`](crate::iter::Batched::padded) or a struct's `stack_padded`.
#[derive(Clone, Debug)]
pub struct Padded<B> {
    /// The batch: each axis as long as the longest sample's, shorter samples padded.
    pub batch: B,
    /// Each sample's shape before padding, by field.
    pub lengths: Lengths,
}

/// Each sample's true shape, by field, for a padded batch: row `i` of a field's array is
/// sample `i`'s shape.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = TextBatch)]
/// struct Text {
///     #[tensor(shape = [T], pad = -1)]
///     tokens: Vec<i64>,
/// }
///
/// let texts = [Text { tokens: vec![5, 6, 7] }, Text { tokens: vec![8] }];
/// let padded = Text::stack_padded(&texts).unwrap();
/// assert_eq!(padded.batch.tokens, ndarray::array![[5, 6, 7], [8, -1, -1]]);
/// assert_eq!(padded.lengths.axis("tokens", 0).unwrap().to_vec(), [3, 1]);
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lengths {
    fields: Vec<(String, Array2<usize>)>,
}

impl Lengths {
    /// The shapes of field `field` (a path such as `outer.inner`): one row per sample.
    pub fn field(&self, field: &str) -> Option<ArrayView2<'_, usize>> {
        self.fields
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, shapes)| shapes.view())
    }

    /// The extents of axis `axis` of field `field`, one per sample: the sequence lengths.
    pub fn axis(&self, field: &str, axis: usize) -> Option<ndarray::ArrayView1<'_, usize>> {
        let shapes = self.field(field)?;
        (axis < shapes.ncols()).then(|| shapes.index_axis_move(Axis(1), axis))
    }

    /// The fields with their shapes, in field order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, ArrayView2<'_, usize>)> {
        self.fields
            .iter()
            .map(|(name, shapes)| (name.as_str(), shapes.view()))
    }
}

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
fn common_shape<'a, T, I>(items: I, path: Option<&Path<'_>>) -> Result<Shapes, StackError>
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
                expected: known(expected[axis]),
                found: known(found[axis]),
            });
        }
    }
    let first = match first {
        Some(extents) => extents.as_slice().iter().copied().map(known).collect(),
        // No samples: the extents the type fixes, 0 for the others.
        None => {
            let rank = <T::Shape as Shape>::RANK;
            let extents = <T::Shape as Shape>::EXTENTS;
            extents
                .get(..rank)
                .unwrap_or_default()
                .iter()
                .copied()
                .map(known)
                .collect()
        }
    };
    Ok(Shapes { first })
}

/// An extent with unknown (an empty container's rows) as 0.
fn known(extent: usize) -> usize {
    if extent == UNKNOWN { 0 } else { extent }
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
    path: Option<&Path<'_>>,
) -> Result<Array<T::Elem, D>, StackError>
where
    T: Dense<Elem: Element> + 'a,
    D: Dimension,
    I: Iterator<Item = &'a T> + Clone,
{
    let shapes = common_shape(items.clone(), path)?;
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
        shapes.extend(found.iter().copied().map(known));
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
            path: Option<&Path<'_>>,
        ) -> Result<Self::Batch, StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            stack_dense(items, n, path)
        }

        fn __stack_padded<'a, I>(
            items: I,
            n: usize,
            pad: Option<Self::Elem>,
            path: Option<&Path<'_>>,
            lengths: &mut Lengths,
        ) -> Result<Self::Batch, StackError>
        where
            I: Iterator<Item = &'a Self> + Clone,
            Self: 'a,
        {
            stack_dense_padded(items, n, pad, path, lengths)
        }

        #[inline]
        fn __batch_len(batch: &Self::Batch) -> Option<usize> {
            batch.shape().first().copied()
        }

        fn __empty(
            declared: Option<&[usize]>,
            path: Option<&Path<'_>>,
        ) -> Result<Self::Batch, StackError> {
            let shape = match declared {
                Some(declared) => declared.to_vec(),
                None => common_shape(core::iter::empty::<&Self>(), path)?.first,
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
        path: Option<&Path<'_>>,
    ) -> Result<Self::Batch, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a,
    {
        if !presence(items.clone(), path)? {
            return Ok(None);
        }
        F::__stack(items.filter_map(Option::as_ref), n, path).map(Some)
    }

    fn __stack_padded<'a, I>(
        items: I,
        n: usize,
        pad: Option<Self::Elem>,
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
        F::__stack_padded(items.filter_map(Option::as_ref), n, pad, path, lengths).map(Some)
    }

    fn __batch_len(batch: &Self::Batch) -> Option<usize> {
        batch.as_ref().and_then(F::__batch_len)
    }

    fn __empty(_: Option<&[usize]>, _: Option<&Path<'_>>) -> Result<Self::Batch, StackError> {
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

/// A sample struct with a batch type: `#[derive(TensorSpec)]` with `#[tensor(batch = B)]`.
/// What [`batched`](crate::iter::IteratorExt::batched) needs of a stream's elements.
pub trait Batchable: crate::TensorSpec {
    /// The batch struct.
    type Batch;

    /// Stacks the samples `items`, `n` of them.
    #[doc(hidden)]
    fn __stack_samples<'a, I>(items: I, n: usize) -> Result<Self::Batch, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a;

    /// The same, padded.
    #[doc(hidden)]
    fn __stack_samples_padded<'a, I>(items: I, n: usize) -> Result<Padded<Self::Batch>, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a;
}

/// A reference to a sample stacks as the sample: `samples.iter().batched(64)`.
impl<T: Batchable + ?Sized> Batchable for &T {
    type Batch = T::Batch;

    #[inline]
    fn __stack_samples<'a, I>(items: I, n: usize) -> Result<Self::Batch, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a,
    {
        T::__stack_samples(items.map(|item| &**item), n)
    }

    fn __stack_samples_padded<'a, I>(items: I, n: usize) -> Result<Padded<Self::Batch>, StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a,
    {
        T::__stack_samples_padded(items.map(|item| &**item), n)
    }
}

/// How a batch's `Debug` shows a field: an array as its dtype and shape (`f32[64, 32, 32,
/// 3]`), never its data.
#[doc(hidden)]
pub trait DebugBatch {
    /// Writes the summary.
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result;
}

impl<S: ndarray::RawData<Elem = A>, D: Dimension, A: Element> DebugBatch for ArrayBase<S, D, A> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}{:?}", A::DTYPE, self.shape())
    }
}

impl<T: DebugBatch> DebugBatch for Option<T> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            None => f.write_str("None"),
            Some(batch) => {
                f.write_str("Some(")?;
                batch.fmt_batch(f)?;
                f.write_str(")")
            }
        }
    }
}

impl<T: ?Sized> DebugBatch for NoBatch<T> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl<T> DebugBatch for Vec<T> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "[{} values]", self.len())
    }
}

/// What the derive's generated code calls.
#[doc(hidden)]
pub mod generated {
    use super::*;

    /// `Debug` by [`DebugBatch`].
    pub struct ShowBatch<'a, T>(pub &'a T);

    impl<T: DebugBatch> core::fmt::Debug for ShowBatch<'_, T> {
        fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
            self.0.fmt_batch(f)
        }
    }

    /// `Batchable::__stack_samples` of a struct.
    #[inline]
    pub fn stack_samples<'a, T, I>(items: I, n: usize) -> Result<T::Batch, StackError>
    where
        T: Stack + 'a,
        I: Iterator<Item = &'a T> + Clone,
    {
        T::__stack(items, n, None)
    }

    /// `Batchable::__stack_samples_padded` of a struct.
    pub fn stack_samples_padded<'a, T, I>(
        items: I,
        n: usize,
    ) -> Result<Padded<T::Batch>, StackError>
    where
        T: Stack + 'a,
        I: Iterator<Item = &'a T> + Clone,
    {
        let mut lengths = Lengths::default();
        let batch = T::__stack_padded(items, n, None, None, &mut lengths)?;
        Ok(Padded { batch, lengths })
    }

    /// A skipped field's values, cloned from each sample.
    pub fn clone_all<'a, S: 'a, T: Clone + 'a>(
        items: impl Iterator<Item = &'a S>,
        field: impl Fn(&'a S) -> &'a T,
    ) -> Vec<T> {
        items.map(|item| field(item).clone()).collect()
    }

    /// The path's string, for errors.
    pub fn rows_error(path: Option<&Path<'_>>, expected: usize, found: usize) -> StackError {
        StackError::Rows {
            field: name(path),
            expected,
            found,
        }
    }
}
