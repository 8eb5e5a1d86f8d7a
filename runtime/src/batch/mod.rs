//! Stacking samples into batches: [`Stack`], [`StackError`], [`Padded`] and [`Lengths`].
//!
//! A field is stacked field-major: its samples' shapes are compared first, then one buffer
//! of the batch's exact size is allocated and each sample's elements are copied in (one
//! `memcpy` for a standard-layout array or a flat `[T; N]`).
mod debug;
mod error;
mod padded;
mod stack;

pub use debug::{DebugBatch, debug_batch};
pub use error::StackError;
pub use padded::{Lengths, Padded};
pub use stack::rows_error;

use ndarray::{Array, ArrayBase, Dimension};

use crate::dim::Declared;
use crate::dtype::Element;
use crate::field::TensorField;
use crate::field::shape::NestedShape;
use crate::sample::TensorSpec;
use crate::spec::{FieldKind, Spec};
use crate::validate::{Checker, Path};

/// A field type that can be stacked into a batch: its batch type is [`BatchOf<F>`].
///
/// Implemented by tensorspec for the field types below and by `#[derive(TensorSpec)]` for
/// structs; its hidden methods are the derive's, not a public API: implement it by deriving.
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
    /// its own pass). `declared`: the field's dims in its spec, for the extents an empty
    /// container's rows leave unknown. `path` is the value's path, for errors.
    /// Provided as [`__empty`](Stack::__empty) refilled by
    /// [`__stack_field_into`](Stack::__stack_field_into).
    #[doc(hidden)]
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
        let mut batch = Self::__empty(declared, path)?;
        Self::__stack_field_into(items, n, declared, path, &mut batch)?;
        Ok(batch)
    }

    /// [`__stack_field`](Stack::__stack_field) into `batch`, reusing its buffers: an array
    /// grows only if it must. On an error, `batch` may be left emptied. Provided as
    /// [`__stack_with`](Stack::__stack_with) (for a struct, through what the derive writes:
    /// one function a struct for plain and padded batches); the dense field types define this
    /// and the padded one instead.
    #[doc(hidden)]
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
        Self::__stack_with(items, n, None, declared, path, &mut Plain, batch)
    }

    /// The same, padding every axis to the longest sample's extent with `pad` (the element
    /// type's default when `None`), and recording each sample's shape in `lengths`.
    /// Provided as [`__empty`](Stack::__empty) refilled by
    /// [`__stack_field_padded_into`](Stack::__stack_field_padded_into).
    #[doc(hidden)]
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
        let mut batch = Self::__empty(declared, path)?;
        Self::__stack_field_padded_into(items, n, pad, declared, path, lengths, &mut batch)?;
        Ok(batch)
    }

    /// [`__stack_field_padded`](Stack::__stack_field_padded) into `batch`, reusing its
    /// buffers. On an error, `batch` is left emptied. Provided as
    /// [`__stack_with`](Stack::__stack_with).
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
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
        Self::__stack_with(items, n, pad, declared, path, lengths, batch)
    }

    /// [`__stack_field_into`](Stack::__stack_field_into) or
    /// [`__stack_field_padded_into`](Stack::__stack_field_padded_into), as `mode` says: the
    /// dense types, `Option` and the pointers call the one `mode` names. By default, a
    /// struct's: the references to its samples gathered into [`SampleRefs`], and its fields
    /// stacked by [`__stack_fields`](Stack::__stack_fields).
    #[doc(hidden)]
    #[allow(clippy::too_many_arguments)]
    #[inline]
    fn __stack_with<'a, I, M: StackMode>(
        items: I,
        n: usize,
        _pad: Option<Self::Elem>,
        _declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        mode: &mut M,
        batch: &mut Self::Batch,
    ) -> Result<(), StackError>
    where
        I: Iterator<Item = &'a Self> + Clone,
        Self: 'a,
    {
        with_refs(items, n, |samples| {
            Self::__stack_fields(samples, n, path, mode, batch)
        })
    }

    /// A struct's fields stacked, plainly or padded as `mode` says: what the derive writes
    /// for a struct with a batch type, once for every mode and every way of reaching the
    /// samples. Its samples come as one concrete type, not a type parameter, so that the
    /// user's build checks the fields' stacking once a struct in one context that every
    /// struct shares. By default, nothing: the batch of a struct without a batch type
    /// ([`NoBatch`]) holds nothing to fill.
    #[doc(hidden)]
    fn __stack_fields<'a, M: StackMode>(
        _samples: SampleRefs<'_, 'a, Self>,
        _n: usize,
        _path: Option<&Path<'_>>,
        _mode: &mut M,
        _batch: &mut Self::Batch,
    ) -> Result<(), StackError> {
        Ok(())
    }

    /// Walks the tensor fields of `batch`, a batch of `n` samples, in its spec's order: each
    /// dense field's array, each optional field's presence, each skipped field, for
    /// `visitor` to take or fill (a batch to Arrow columns and back). By default a struct's:
    /// its fields through [`__stack_fields`](Stack::__stack_fields), stacking no samples; the
    /// dense types, `Option` and the pointers define their own.
    #[doc(hidden)]
    fn __visit<V: BatchVisitor>(
        batch: &mut Self::Batch,
        n: usize,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        visitor: &mut V,
    ) -> Result<(), StackError> {
        let no_samples = core::iter::empty::<&Self>();
        Self::__stack_with(
            no_samples,
            n,
            None,
            declared,
            path,
            &mut Visit(visitor),
            batch,
        )
    }

    /// The number of samples in a batch, if this field tells (an absent optional does not,
    /// nor a struct without a batch type: this default).
    #[doc(hidden)]
    #[inline]
    fn __batch_len(_batch: &Self::Batch) -> Option<usize> {
        None
    }

    /// A batch of no samples: the field's declared fixed extents (from its spec), 0 for
    /// the others; without declared dims, the extents the type fixes, 0 for the others.
    #[doc(hidden)]
    fn __empty(
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
    ) -> Result<Self::Batch, StackError>;
}

/// How a struct's fields are stacked: plainly ([`Plain`], for `stack`) or padded, each
/// sample's shape recorded ([`Lengths`], for `stack_padded`).
#[doc(hidden)]
pub trait StackMode {
    /// Stacks one field's values into `batch`.
    #[allow(clippy::too_many_arguments)]
    fn field<'a, F, I>(
        &mut self,
        items: I,
        n: usize,
        pad: Option<F::Elem>,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        batch: &mut F::Batch,
    ) -> Result<(), StackError>
    where
        F: Stack + 'a,
        I: Iterator<Item = &'a F> + Clone;

    /// Sets a skipped (not a tensor) field of `batch` to the samples' values, cloned by
    /// `clone`, reusing the `Vec`.
    #[inline]
    fn skipped<'a, S: 'a, T>(
        &mut self,
        items: impl Iterator<Item = &'a S>,
        clone: impl Fn(&'a S) -> T,
        batch: &mut Vec<T>,
    ) {
        batch.clear();
        batch.extend(items.map(clone));
    }
}

/// What walks a batch's fields through [`Stack::__visit`]: the columns of a record batch
/// taken from a batch, or filled into one.
#[doc(hidden)]
pub trait BatchVisitor {
    /// A dense field's array (the samples' values behind a leading batch axis), at `path`,
    /// to take or to replace.
    fn dense<E: Element, D: Dimension>(&mut self, path: Option<&Path<'_>>, array: &mut Array<E, D>);

    /// An optional field at `path`, `present` in the batch or not: whether it is to be
    /// (a reader decides; a writer answers `present`). If so, its value is visited next.
    fn optional(&mut self, path: Option<&Path<'_>>, present: bool) -> bool;

    /// A skipped field: not a tensor, in no column.
    fn skipped(&mut self);
}

/// The stacking mode of [`Stack::__visit`]: each field is visited, nothing is stacked.
struct Visit<'v, V>(&'v mut V);

impl<V: BatchVisitor> StackMode for Visit<'_, V> {
    fn field<'a, F, I>(
        &mut self,
        _: I,
        n: usize,
        _: Option<F::Elem>,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        batch: &mut F::Batch,
    ) -> Result<(), StackError>
    where
        F: Stack + 'a,
        I: Iterator<Item = &'a F> + Clone,
    {
        F::__visit(batch, n, declared, path, self.0)
    }

    fn skipped<'a, S: 'a, T>(
        &mut self,
        _: impl Iterator<Item = &'a S>,
        _: impl Fn(&'a S) -> T,
        _: &mut Vec<T>,
    ) {
        self.0.skipped();
    }
}

/// Stacking without padding: every open extent the same in every sample.
#[doc(hidden)]
pub struct Plain;

impl StackMode for Plain {
    #[inline]
    fn field<'a, F, I>(
        &mut self,
        items: I,
        n: usize,
        _: Option<F::Elem>,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        batch: &mut F::Batch,
    ) -> Result<(), StackError>
    where
        F: Stack + 'a,
        I: Iterator<Item = &'a F> + Clone,
    {
        F::__stack_field_into(items, n, declared, path, batch)
    }
}

impl StackMode for Lengths {
    #[inline]
    fn field<'a, F, I>(
        &mut self,
        items: I,
        n: usize,
        pad: Option<F::Elem>,
        declared: Option<&[Declared]>,
        path: Option<&Path<'_>>,
        batch: &mut F::Batch,
    ) -> Result<(), StackError>
    where
        F: Stack + 'a,
        I: Iterator<Item = &'a F> + Clone,
    {
        F::__stack_field_padded_into(items, n, pad, declared, path, self, batch)
    }
}

/// A field type that a batch can be split back into: the owned types of [`Stack`] (not views).
/// Like [`Stack`], implemented by tensorspec and the derive only.
pub trait Unstack: Stack {
    /// The `n` values of a batch, in order. By default (a struct without a batch type, whose
    /// batch holds nothing) an error: there are no values to split.
    #[doc(hidden)]
    fn __split_field(
        _batch: Self::Batch,
        n: usize,
        path: Option<&Path<'_>>,
    ) -> Result<Vec<Self>, StackError> {
        Err(rows_error(path, n, 0))
    }
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
impl<T: TensorSpec> TensorField for NoBatch<T> {
    type Elem = Self;
    type Shape = NestedShape;
    const KIND: FieldKind = FieldKind::Nested {
        spec: T::spec,
        optional: false,
    };

    fn __check(&self, _: &mut Checker<'_>, _: usize) {}

    fn __write(&self, _: String, _: &mut Vec<(String, crate::tensor::Tensor)>) {}
}

/// A batch type: anything but [`NoBatch`]. For the derive's check that a batched struct's
/// fields have batch types.
#[doc(hidden)]
pub trait IsBatch {}

impl<S: ndarray::RawData, D> IsBatch for ArrayBase<S, D> {}
impl<B: IsBatch> IsBatch for Option<B> {}
impl<B: BatchStruct> IsBatch for B {}

/// A batch struct that `#[tensor(batch = ...)]` generated: a batch type, shown in a batch's
/// `Debug` by its own `Debug`. One empty impl a struct, and these two impls once, here.
#[doc(hidden)]
pub trait BatchStruct {}

impl<B: BatchStruct + core::fmt::Debug> DebugBatch for B {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        core::fmt::Debug::fmt(self, f)
    }
}

/// In a struct with `#[tensor(batch = ...)]`, the batch type `B` of a field's type `F` is a
/// real one: a nested spec's struct has `#[tensor(batch = ...)]` too (else its batch type is
/// [`NoBatch`]). Checked at the field, or, for a field whose type is a parameter of the
/// struct, where the struct is stacked (`Pair::<Camera>::stack`).
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(Clone, TensorSpec)]
/// struct Camera {
///     position: [f32; 3],
/// }
///
/// #[derive(Clone, TensorSpec)]
/// #[tensor(batch = PairBatch)]
/// struct Pair<T: tensorspec::Unstack> {
///     item: T,
/// }
///
/// // error: field `item`: `Camera` has no batch type
/// let samples = vec![Pair { item: Camera { position: [0.0; 3] } }; 2];
/// let _ = Pair::stack(&samples);
/// ```
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

/// A sample struct with a batch type: what [`batched`](crate::stream::IteratorExt::batched)
/// and `Sample::stack` need.
///
/// Not implemented by hand: add `#[tensor(batch = SampleBatch)]` to a struct that derives
/// `TensorSpec`, and the derive generates `SampleBatch` and implements this trait (the
/// compiler's "perhaps you need to implement it" on a `stack` or `batched` call means that
/// attribute is missing). Its hidden methods are the derive's, not a public API; its
/// `stack` methods are those of the struct, for code generic over the sample type.
#[diagnostic::on_unimplemented(
    message = "`{Self}` has no batch type",
    label = "`{Self}` cannot be stacked into batches",
    note = "add `#[tensor(batch = {Self}Batch)]` to the struct: the derive then generates `{Self}Batch`, `{Self}::stack` and what `batched` needs"
)]
pub trait Batchable: TensorSpec {
    /// The batch struct.
    type Batch;

    /// Stacks `samples` into one batch, each validated first: what the derive's own
    /// `Sample::stack` does, for code generic over the sample type.
    ///
    /// ```
    /// use tensorspec::{Batchable, TensorSpec};
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = LabelBatch)]
    /// struct Label {
    ///     label: i64,
    /// }
    ///
    /// /// Any sample type with a batch type.
    /// fn first_batch<T: Batchable>(samples: &[T]) -> T::Batch {
    ///     T::stack(&samples[..2]).expect("valid samples stack")
    /// }
    ///
    /// let batch = first_batch(&[Label { label: 4 }, Label { label: 5 }, Label { label: 6 }]);
    /// assert_eq!(batch.label, ndarray::array![4, 5]);
    /// ```
    fn stack(samples: &[Self]) -> Result<Self::Batch, StackError>
    where
        Self: Sized,
    {
        validate_all(samples.iter())?;
        Self::__stack_samples(samples)
    }

    /// [`stack`](Batchable::stack) into `batch`, a batch made before, reusing its buffers:
    /// the derive's `Sample::stack_into`, for generic code.
    ///
    /// ```
    /// use tensorspec::{Batchable, TensorSpec};
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = LabelBatch)]
    /// struct Label {
    ///     label: i64,
    /// }
    ///
    /// let mut batch = <Label as Batchable>::stack(&[Label { label: 1 }]).unwrap();
    /// <Label as Batchable>::stack_into(&[Label { label: 2 }, Label { label: 3 }], &mut batch)
    ///     .unwrap();
    /// assert_eq!(batch.label, ndarray::array![2, 3]);
    /// ```
    fn stack_into(samples: &[Self], batch: &mut Self::Batch) -> Result<(), StackError>
    where
        Self: Sized,
    {
        validate_all(samples.iter())?;
        Self::__stack_samples_into(samples, batch)
    }

    /// [`stack`](Batchable::stack) with the extents the spec leaves open padded to the
    /// longest sample's: the derive's `Sample::stack_padded`, for generic code.
    ///
    /// ```
    /// use tensorspec::{Batchable, TensorSpec};
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = TokensBatch)]
    /// struct Tokens {
    ///     #[tensor(shape = [T])]
    ///     ids: Vec<u32>,
    /// }
    ///
    /// let padded = <Tokens as Batchable>::stack_padded(&[
    ///     Tokens { ids: vec![1] },
    ///     Tokens { ids: vec![2, 3] },
    /// ])
    /// .unwrap();
    /// assert_eq!(padded.batch.ids, ndarray::array![[1, 0], [2, 3]]);
    /// ```
    fn stack_padded(samples: &[Self]) -> Result<Padded<Self::Batch>, StackError>
    where
        Self: Sized,
    {
        validate_all(samples.iter())?;
        Self::__stack_samples_padded(samples)
    }

    /// [`stack_padded`](Batchable::stack_padded) into `batch`, a padded batch made before:
    /// the derive's `Sample::stack_padded_into`, for generic code.
    ///
    /// ```
    /// use tensorspec::{Batchable, TensorSpec};
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = TokensBatch)]
    /// struct Tokens {
    ///     #[tensor(shape = [T])]
    ///     ids: Vec<u32>,
    /// }
    ///
    /// let mut padded = <Tokens as Batchable>::stack_padded(&[Tokens { ids: vec![1] }]).unwrap();
    /// <Tokens as Batchable>::stack_padded_into(&[Tokens { ids: vec![2, 3] }], &mut padded)
    ///     .unwrap();
    /// assert_eq!(padded.batch.ids, ndarray::array![[2, 3]]);
    /// assert_eq!(padded.lengths.axis("ids", 0).unwrap().to_vec(), [2]);
    /// ```
    fn stack_padded_into(
        samples: &[Self],
        batch: &mut Padded<Self::Batch>,
    ) -> Result<(), StackError>
    where
        Self: Sized,
    {
        validate_all(samples.iter())?;
        Self::__stack_samples_padded_into(samples, batch)
    }

    /// The struct whose fields are stacked: `Self` for a derived struct, the struct behind a
    /// reference for `&T`. Through it, every way of stacking below is written once, here,
    /// and the derive writes none of them.
    #[doc(hidden)]
    type __Sample: Stack<Batch = Self::Batch>;

    /// This sample as [`__Sample`](Batchable::__Sample).
    #[doc(hidden)]
    fn __sample(&self) -> &Self::__Sample;

    /// `samples` as the structs whose fields are stacked, when they are those structs
    /// already: a derived struct's own samples. By default (`&T`), `None`: their references
    /// are gathered by [`__sample`](Batchable::__sample).
    #[doc(hidden)]
    #[inline]
    fn __values(_samples: &[Self]) -> Option<&[Self::__Sample]>
    where
        Self: Sized,
    {
        None
    }

    /// `f` of `samples` as [`SampleRefs`]: the slice itself where it holds the structs, or
    /// their references, gathered.
    #[doc(hidden)]
    #[inline]
    fn __with_refs<R>(
        samples: &[Self],
        f: impl FnOnce(SampleRefs<'_, '_, Self::__Sample>) -> R,
    ) -> R
    where
        Self: Sized,
    {
        match Self::__values(samples) {
            Some(values) => f(SampleRefs::values(values)),
            None => with_refs(samples.iter().map(Self::__sample), samples.len(), f),
        }
    }

    /// Stacks `samples`, each already valid.
    #[doc(hidden)]
    #[inline]
    fn __stack_samples(samples: &[Self]) -> Result<Self::Batch, StackError>
    where
        Self: Sized,
    {
        Self::__with_refs(samples, stack_refs::<Self::__Sample>)
    }

    /// Stacks `samples`, each already valid, padded.
    #[doc(hidden)]
    #[inline]
    fn __stack_samples_padded(samples: &[Self]) -> Result<Padded<Self::Batch>, StackError>
    where
        Self: Sized,
    {
        Self::__with_refs(samples, stack_refs_padded::<Self::__Sample>)
    }

    /// Stacks `samples`, each already valid, into `batch`.
    #[doc(hidden)]
    #[inline]
    fn __stack_samples_into(samples: &[Self], batch: &mut Self::Batch) -> Result<(), StackError>
    where
        Self: Sized,
    {
        Self::__with_refs(samples, |refs| {
            stack_refs_into::<Self::__Sample>(refs, batch)
        })
    }

    /// Stacks `samples`, each already valid, padded, into `batch`.
    #[doc(hidden)]
    #[inline]
    fn __stack_samples_padded_into(
        samples: &[Self],
        batch: &mut Padded<Self::Batch>,
    ) -> Result<(), StackError>
    where
        Self: Sized,
    {
        Self::__with_refs(samples, |refs| {
            stack_refs_padded_into::<Self::__Sample>(refs, batch)
        })
    }
}

/// A reference to a sample stacks as the sample: `samples.iter().batched(64)`.
#[diagnostic::do_not_recommend]
impl<T: Batchable + ?Sized> Batchable for &T {
    type Batch = T::Batch;
    type __Sample = T::__Sample;

    #[inline]
    fn __sample(&self) -> &T::__Sample {
        (**self).__sample()
    }
}

/// [`Batchable::stack`] of the samples of an iterator of references: the derive's
/// `stack_from`. The iterator is cloned once, to validate the samples before any is stacked.
#[inline]
pub fn stack_from<'a, T, S>(samples: S) -> Result<T::Batch, StackError>
where
    T: Batchable + 'a,
    S: IntoIterator<Item = &'a T>,
    S::IntoIter: Clone,
{
    let items = samples.into_iter();
    validate_all(items.clone())?;
    let hint = items.size_hint().0;
    with_refs(items.map(T::__sample), hint, stack_refs::<T::__Sample>)
}

fn validate_all<'a, T: TensorSpec + 'a>(
    items: impl Iterator<Item = &'a T>,
) -> Result<(), StackError> {
    for (sample, item) in items.enumerate() {
        item.validate()
            .map_err(|violations| StackError::Invalid { sample, violations })?;
    }
    Ok(())
}

/// A batch of the structs `samples`: a batch of no samples refilled, as
/// [`Stack::__stack_field`] makes one.
fn stack_refs<T: Stack>(samples: SampleRefs<'_, '_, T>) -> Result<T::Batch, StackError> {
    let mut batch = T::__empty(None, None)?;
    stack_refs_into(samples, &mut batch)?;
    Ok(batch)
}

/// [`stack_refs`] into `batch`; on an error, `batch` is left a batch of no samples.
fn stack_refs_into<T: Stack>(
    samples: SampleRefs<'_, '_, T>,
    batch: &mut T::Batch,
) -> Result<(), StackError> {
    let n = samples.len();
    let stacked = T::__stack_fields(samples, n, None, &mut Plain, batch);
    if stacked.is_err() {
        empty_on_error::<T>(batch);
    }
    stacked
}

/// [`stack_refs`], padded.
fn stack_refs_padded<T: Stack>(
    samples: SampleRefs<'_, '_, T>,
) -> Result<Padded<T::Batch>, StackError> {
    let mut padded = Padded {
        batch: T::__empty(None, None)?,
        lengths: Lengths::default(),
    };
    stack_refs_padded_into(samples, &mut padded)?;
    Ok(padded)
}

/// [`stack_refs_into`], padded; on an error, `batch` is left a batch of no samples.
fn stack_refs_padded_into<T: Stack>(
    samples: SampleRefs<'_, '_, T>,
    batch: &mut Padded<T::Batch>,
) -> Result<(), StackError> {
    batch.lengths.clear();
    let Padded { batch, lengths } = batch;
    let n = samples.len();
    let stacked = T::__stack_fields(samples, n, None, lengths, batch);
    if stacked.is_err() {
        lengths.clear();
        empty_on_error::<T>(batch);
    }
    stacked
}

/// Replaces a batch whose refill failed part way by a batch of no samples.
#[cold]
fn empty_on_error<T: Stack>(batch: &mut T::Batch) {
    // A batch of no samples fails only where the first batch could not have been made.
    if let Ok(empty) = T::__empty(None, None) {
        *batch = empty;
    }
}

/// A skipped field's values, cloned from each sample by `clone`. The generated `clone` names
/// the field's type (`<Handle as Clone>::clone`), so a type that is not `Clone` is reported
/// at the user's field, not at a bound of ours.
pub fn clone_all<'a, S: 'a, T>(
    items: impl Iterator<Item = &'a S>,
    clone: impl Fn(&'a S) -> T,
) -> Vec<T> {
    items.map(clone).collect()
}

/// The fields of a struct's spec, one after the other, at `path`: what the derive's walks
/// below share. Each walk calls [`next`](NextField::next) once a tensor field, in the spec's
/// order, and gets that field's path and declared dims.
struct NextField<'p> {
    spec: &'static Spec,
    path: Option<&'p Path<'p>>,
    next: usize,
}

impl<'p> NextField<'p> {
    #[inline(always)]
    fn new(spec: &'static Spec, path: Option<&'p Path<'p>>) -> Self {
        NextField {
            spec,
            path,
            next: 0,
        }
    }

    /// The next field's path and declared dims.
    #[inline(always)]
    fn next(&mut self) -> (Path<'p>, Option<&'static [Declared]>) {
        let k = self.next;
        self.next += 1;
        (
            Path::new(self.path, self.spec.field_name(k)),
            self.spec.field_dims(k),
        )
    }
}

/// The samples of a struct being stacked, as references: the one type of samples that
/// [`Stack::__stack_fields`] takes, however the caller reached them (a slice, an iterator, the
/// fields of an outer struct). [`StackFields`] walks it as the one slice it is.
#[doc(hidden)]
pub struct SampleRefs<'r, 'a, S>(Refs<'r, 'a, S>);

/// Where [`SampleRefs`] are: the samples' own slice, or a slice of references to them.
enum Refs<'r, 'a, S> {
    Values(core::slice::Iter<'a, S>),
    Gathered(core::slice::Iter<'r, &'a S>),
}

impl<'r, 'a, S> SampleRefs<'r, 'a, S> {
    /// The samples of a slice of them.
    #[inline]
    fn values(samples: &'a [S]) -> Self {
        SampleRefs(Refs::Values(samples.iter()))
    }

    /// The samples of a slice of references to them.
    #[inline]
    fn gathered(samples: &'r [&'a S]) -> Self {
        SampleRefs(Refs::Gathered(samples.iter()))
    }

    /// How many samples.
    #[inline]
    fn len(&self) -> usize {
        match &self.0 {
            Refs::Values(values) => values.len(),
            Refs::Gathered(refs) => refs.len(),
        }
    }
}

/// `f` of the references `items` yields, gathered: on the stack in an array of 8 or of 64
/// (the one that `hint`, the number of items expected, fits: filling a larger array than the
/// samples need costs more than it saves), in a `Vec` past that. Not inlined: the callers
/// that have their samples' slice (`stack_into` and the like) stay small enough to be.
#[inline(never)]
fn with_refs<'a, S: 'a, I, R>(
    items: I,
    hint: usize,
    f: impl FnOnce(SampleRefs<'_, 'a, S>) -> R,
) -> R
where
    I: Iterator<Item = &'a S>,
{
    if hint <= 8 {
        with_inline::<8, _, _, _>(items, f)
    } else if hint <= 64 {
        with_inline::<64, _, _, _>(items, f)
    } else {
        let all: Vec<&S> = items.collect();
        f(SampleRefs::gathered(&all))
    }
}

/// [`with_refs`] with an array of `N` on the stack, and a `Vec` if `items` has more.
#[inline]
fn with_inline<'a, const N: usize, S: 'a, I, R>(
    mut items: I,
    f: impl FnOnce(SampleRefs<'_, 'a, S>) -> R,
) -> R
where
    I: Iterator<Item = &'a S>,
{
    let Some(first) = items.next() else {
        return f(SampleRefs::gathered(&[]));
    };
    let mut inline = [first; N];
    let mut len = 1;
    while len < N {
        match items.next() {
            Some(item) => {
                inline[len] = item;
                len += 1;
            }
            None => return f(SampleRefs::gathered(&inline[..len])),
        }
    }
    match items.next() {
        None => f(SampleRefs::gathered(&inline)),
        Some(item) => {
            let mut all = Vec::with_capacity(N * 2);
            all.extend_from_slice(&inline);
            all.push(item);
            all.extend(items);
            f(SampleRefs::gathered(&all))
        }
    }
}

/// A struct's fields stacked one by one, as the derive's `Stack::__stack_fields` walks them:
/// the derive writes only how to reach each field in a sample and in the batch. This generic
/// code is checked once, here, not once a struct.
#[doc(hidden)]
pub struct StackFields<'p, 'm, 'r, 'a, S, M> {
    items: SampleRefs<'r, 'a, S>,
    n: usize,
    mode: &'m mut M,
    fields: NextField<'p>,
    /// The first field's error: the fields after it are left alone.
    error: Option<StackError>,
}

impl<'p, 'm, 'r, 'a, S: 'a, M> StackFields<'p, 'm, 'r, 'a, S, M>
where
    M: StackMode,
{
    /// The fields of `n` samples, `items`, whose struct has spec `spec`, stacked as `mode` says.
    #[inline(always)]
    pub fn new(
        items: SampleRefs<'r, 'a, S>,
        n: usize,
        spec: &'static Spec,
        path: Option<&'p Path<'p>>,
        mode: &'m mut M,
    ) -> Self {
        StackFields {
            items,
            n,
            mode,
            fields: NextField::new(spec, path),
            error: None,
        }
    }

    /// Stacks the next tensor field, `project` of each sample, into `batch`, unless an
    /// earlier field failed.
    #[inline(always)]
    pub fn field<F: Stack + 'a>(
        &mut self,
        project: impl Fn(&'a S) -> &'a F + Clone,
        pad: Option<F::Elem>,
        batch: &mut F::Batch,
    ) {
        let (path, declared) = self.fields.next();
        if self.error.is_some() {
            return;
        }
        // The kind of slice decided here, once a field: the loops over the samples below
        // walk one slice, with no choice in them.
        let (n, path) = (self.n, Some(&path));
        let stacked = match &self.items.0 {
            Refs::Values(values) => {
                let items = values.clone().map(project);
                self.mode
                    .field::<F, _>(items, n, pad, declared, path, batch)
            }
            Refs::Gathered(refs) => {
                let items = refs.clone().copied().map(project);
                self.mode
                    .field::<F, _>(items, n, pad, declared, path, batch)
            }
        };
        self.error = stacked.err();
    }

    /// Sets a skipped field of the batch to each sample's value, made by `clone`, unless a
    /// field failed.
    #[inline(always)]
    pub fn skipped<T>(&mut self, clone: impl Fn(&'a S) -> T, batch: &mut Vec<T>) {
        if self.error.is_none() {
            match &self.items.0 {
                Refs::Values(values) => self.mode.skipped(values.clone(), clone, batch),
                Refs::Gathered(refs) => self.mode.skipped(refs.clone().copied(), clone, batch),
            }
        }
    }

    /// The first field's error, if one failed. Otherwise, without samples, `batch` becomes
    /// `T`'s batch of no samples, with the declared extents (a padded batch's lengths are
    /// recorded: no rows).
    #[inline(always)]
    pub fn finish<T: Stack>(self, batch: &mut T::Batch) -> Result<(), StackError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.n == 0 {
            *batch = T::__empty(None, self.fields.path)?;
        }
        Ok(())
    }
}

/// A struct's fields as batches of no samples, as the derive's `Stack::__empty` makes them:
/// each call, the next field of the struct's spec (its declared dims, its path).
#[doc(hidden)]
pub struct EmptyFields<'p>(NextField<'p>);

impl<'p> EmptyFields<'p> {
    /// The fields of a struct whose spec is `spec`, at `path`.
    #[inline(always)]
    pub fn new(spec: &'static Spec, path: Option<&'p Path<'p>>) -> Self {
        EmptyFields(NextField::new(spec, path))
    }

    /// The next tensor field's batch of no samples.
    #[inline]
    pub fn field<F: Stack>(&mut self) -> Result<F::Batch, StackError> {
        let (path, declared) = self.0.next();
        F::__empty(declared, Some(&path))
    }
}

/// A batch's fields split back into their `n` values each, as the derive's
/// `Unstack::__split_field` walks them: each call, the next field of the struct's spec. The
/// first field that fails is the error of [`samples`](SplitFields::samples).
#[doc(hidden)]
pub struct SplitFields<'p> {
    fields: NextField<'p>,
    n: usize,
    error: Option<StackError>,
}

impl<'p> SplitFields<'p> {
    /// The fields of a batch of `n` samples whose spec is `spec`, at `path`.
    #[inline(always)]
    pub fn new(spec: &'static Spec, path: Option<&'p Path<'p>>, n: usize) -> Self {
        SplitFields {
            fields: NextField::new(spec, path),
            n,
            error: None,
        }
    }

    /// The next tensor field's `n` values (none if this or an earlier field failed).
    #[inline]
    pub fn field<F: Unstack>(&mut self, batch: F::Batch) -> std::vec::IntoIter<F> {
        let (path, _) = self.fields.next();
        if self.error.is_some() {
            return Vec::new().into_iter();
        }
        match F::__split_field(batch, self.n, Some(&path)) {
            Ok(values) => values.into_iter(),
            Err(error) => {
                self.error = Some(error);
                Vec::new().into_iter()
            }
        }
    }

    /// A skipped field's values, `name` in the struct: `n` of them, or none and an error.
    #[inline]
    pub fn skipped<T>(&mut self, name: &'static str, values: Vec<T>) -> std::vec::IntoIter<T> {
        if self.error.is_none() && values.len() != self.n {
            let path = Path::new(self.fields.path, name);
            self.error = Some(rows_error(Some(&path), self.n, values.len()));
        }
        if self.error.is_some() {
            return Vec::new().into_iter();
        }
        values.into_iter()
    }

    /// The `n` samples, each made by `sample` from a row of `columns` (the fields' values, as
    /// [`field`](SplitFields::field) and [`skipped`](SplitFields::skipped) gave them, in a
    /// tuple), or the first field's error, or an error if a field ran out.
    #[inline]
    pub fn samples<C: Columns, S>(
        self,
        mut columns: C,
        mut sample: impl FnMut(C::Row) -> S,
    ) -> Result<Vec<S>, StackError> {
        if let Some(error) = self.error {
            return Err(error);
        }
        let samples: Option<Vec<S>> = (0..self.n)
            .map(|_| columns.next_row().map(&mut sample))
            .collect();
        samples.ok_or_else(|| rows_error(self.fields.path, self.n, 0))
    }
}

/// The values of a batch's fields, split back: one field's (`vec::IntoIter`), or a tuple of
/// these, of up to twelve (a struct of more fields nests the rest in the twelfth). A row is a
/// value of each, in the same tuple: what makes one sample.
#[doc(hidden)]
pub trait Columns {
    /// One value of each field.
    type Row;
    /// The next row, or `None` if any field has run out.
    fn next_row(&mut self) -> Option<Self::Row>;
}

impl<T> Columns for std::vec::IntoIter<T> {
    type Row = T;
    #[inline]
    fn next_row(&mut self) -> Option<T> {
        self.next()
    }
}

macro_rules! columns {
    ($($C:ident $k:tt),*) => {
        impl<$($C: Columns),*> Columns for ($($C,)*) {
            type Row = ($($C::Row,)*);
            #[inline]
            fn next_row(&mut self) -> Option<Self::Row> {
                Some(($(self.$k.next_row()?,)*))
            }
        }
    };
}

for_each_tuple!(columns);

/// The number of samples of a batch whose fields tell `lens` (an absent optional field does
/// not): the first that does, or 0.
#[doc(hidden)]
#[inline]
pub fn batch_len(lens: &[Option<usize>]) -> usize {
    lens.iter().flatten().next().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_references_gathered_are_the_samples_in_order_on_the_stack_or_past_it() {
        let samples: Vec<u32> = (0..200).collect();
        let counts = [0, 1, 7, 8, 9, 63, 64, 65, 200];
        // Each count with each hint: a hint too small or too large still gathers them all.
        for (n, hint) in counts
            .iter()
            .flat_map(|&n| counts.iter().map(move |&hint| (n, hint)))
        {
            let gathered = with_refs(samples[..n].iter(), hint, |refs| {
                assert_eq!(refs.len(), n);
                match refs.0 {
                    Refs::Gathered(refs) => refs.copied().copied().collect::<Vec<u32>>(),
                    Refs::Values(_) => panic!("{n} samples: not gathered"),
                }
            });
            assert_eq!(gathered, samples[..n], "{n} samples, {hint} expected");
        }
    }
}
