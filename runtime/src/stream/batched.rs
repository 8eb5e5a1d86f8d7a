//! [`Batched`] and [`PaddedBatched`]: streams of samples stacked into batches.

use core::fmt;
use std::error::Error;

use crate::batch::{Batchable, Padded, StackError};
use crate::validate::violation::Invalid;

/// Why a batched stream yielded no batch: an invalid element (reported as it was pulled; the
/// valid elements around it go on to their batch), or a group of samples that could not be
/// stacked (handed back). Both name elements by their position in the stream.
///
/// ```
/// use ndarray::Array2;
/// use tensorspec::prelude::*;
/// use tensorspec::stream::BatchError;
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = BoxesBatch)]
/// struct Boxes {
///     #[tensor(shape = [N, 4])]
///     boxes: Array2<f32>,
/// }
///
/// // Element 1 breaks its spec; elements 3 and 4 cannot share a batch (2 boxes against 3).
/// let shapes = [(2, 4), (2, 5), (2, 4), (2, 4), (3, 4)];
/// let images = shapes.map(|shape| Boxes { boxes: Array2::zeros(shape) });
/// for item in images.into_iter().batched(2) {
///     match item {
///         Ok(batch) => assert_eq!(batch.len(), 2),
///         Err(BatchError::Invalid(invalid)) => assert_eq!(invalid.index, 1),
///         Err(BatchError::Stack { indices, samples, .. }) => {
///             assert_eq!(indices, [3, 4]);
///             assert_eq!(samples.len(), 2); // handed back
///         }
///         Err(other) => panic!("{other}"),
///     }
/// }
/// ```
#[non_exhaustive]
pub enum BatchError<T, R = Invalid<T>> {
    /// An element that breaks its spec (or, from `try_validated`, that the generator failed
    /// to make): it is not stacked.
    Invalid(R),
    /// The samples of one batch could not be stacked: they differ in an extent the spec
    /// leaves open, an optional field is present in some and absent in others, or the batch
    /// is too large to allocate.
    #[non_exhaustive]
    Stack {
        /// Each sample's position in the stream (invalid elements between them were
        /// reported on their own).
        indices: Vec<usize>,
        /// The group's samples, handed back.
        samples: Vec<T>,
        /// What differs; its sample numbers index `indices`.
        error: StackError,
    },
}

impl<T, R: Rejection> BatchError<T, R> {
    /// The stream position of the element the error is about: the invalid element, or the
    /// first sample of a group that differs from the group's first.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = RowBatch)]
    /// struct Row {
    ///     #[tensor(shape = [N])]
    ///     values: Vec<f32>,
    /// }
    ///
    /// // Element 1 is valid but shorter than element 0: the group 0..2 cannot be stacked.
    /// let rows = [vec![0.0; 3], vec![0.0; 2]].map(|values| Row { values });
    /// let error = rows.into_iter().batched(2).next().unwrap().unwrap_err();
    /// assert_eq!(error.index(), 1);
    /// assert_eq!(
    ///     error.to_string(),
    ///     "field `values`: element 1 has extent 2 on axis 0, but element 0 has 3"
    /// );
    /// ```
    pub fn index(&self) -> usize {
        match self {
            BatchError::Invalid(rejected) => rejected.index(),
            BatchError::Stack { indices, error, .. } => {
                let sample = error.sample().unwrap_or(0);
                indices.get(sample).copied().unwrap_or(0)
            }
        }
    }
}

impl<T, R: fmt::Display> fmt::Display for BatchError<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Invalid(invalid) => write!(f, "{invalid}"),
            BatchError::Stack { indices, error, .. } => {
                error.write(f, &|sample| match indices.get(sample) {
                    Some(index) => format!("element {index}"),
                    None => format!("sample {sample}"),
                })
            }
        }
    }
}

// By hand: the samples' data is not shown.
impl<T, R: fmt::Debug> fmt::Debug for BatchError<T, R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Invalid(invalid) => f.debug_tuple("Invalid").field(invalid).finish(),
            BatchError::Stack {
                indices,
                samples,
                error,
            } => f
                .debug_struct("Stack")
                .field("indices", indices)
                .field("samples", &format_args!("[{} samples]", samples.len()))
                .field("error", error)
                .finish(),
        }
    }
}

impl<T, R: Error + 'static> Error for BatchError<T, R> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            BatchError::Invalid(rejected) => rejected.source(),
            BatchError::Stack { error, .. } => Some(error),
        }
    }
}

/// The iterator of [`IteratorExt::batched`](super::IteratorExt::batched) and [`Validated::batched`](super::Validated::batched).
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Batched<S: SampleSource<Sample = T>, T = <S as SampleSource>::Sample> {
    source: S,
    n: usize,
    drop_last: bool,
    /// The stream position of the next element pulled.
    position: usize,
    pending: Vec<T>,
    /// The stream position of each pending sample.
    indices: Vec<usize>,
}

// By hand: the pending samples' data is not shown.
impl<S, T> fmt::Debug for Batched<S, T>
where
    S: SampleSource<Sample = T> + fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Batched")
            .field("source", &self.source)
            .field("n", &self.n)
            .field("drop_last", &self.drop_last)
            .field("position", &self.position)
            .field("pending", &self.indices)
            .finish()
    }
}

/// A checked stream: samples that passed, and for each element that did not, a
/// [`Rejection`] (an [`Invalid`] element, or from [`try_validated`](super::IteratorExt::try_validated)
/// a [`Rejected`](super::Rejected) one, which may be a generator's error). What `batched` takes.
#[doc(hidden)]
pub trait SampleSource: Iterator<Item = Result<Self::Sample, Self::Rejection>> {
    /// The sample.
    type Sample;
    /// The report of an element that did not pass.
    type Rejection: Rejection;
}

impl<S, T, R> SampleSource for S
where
    S: Iterator<Item = Result<T, R>>,
    R: Rejection,
{
    type Sample = T;
    type Rejection = R;
}

/// The report of an element a checked stream does not pass on: [`Invalid`], or
/// [`Rejected`](super::Rejected). Its `Display` starts `element N: `.
pub trait Rejection: fmt::Display + fmt::Debug {
    /// The element's position in the stream.
    fn index(&self) -> usize;
}

impl<T> Rejection for Invalid<T> {
    fn index(&self) -> usize {
        self.index
    }
}

/// A batch's samples and the stream position of each.
type Group<T> = (Vec<usize>, Vec<T>);

impl<S, T> Batched<S, T>
where
    S: SampleSource<Sample = T>,
{
    /// Batches of `n` from `source`, whose next element is element `position` of the stream.
    pub(super) fn new(source: S, n: usize, position: usize) -> Self {
        assert!(n > 0, "batched(0): a batch size must be at least 1");
        Batched {
            source,
            n,
            drop_last: false,
            position,
            pending: Vec::new(),
            indices: Vec::new(),
        }
    }

    /// Drops the last batch if it is shorter than `n`, as TensorFlow's
    /// `batch(n, drop_remainder=True)`.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = ScalarBatch)]
    /// struct Scalar {
    ///     x: f32,
    /// }
    ///
    /// let batches = (0..10).map(|i| Scalar { x: i as f32 }).batched(4).drop_last();
    /// assert_eq!(batches.count(), 2);
    /// ```
    pub fn drop_last(mut self) -> Self {
        self.drop_last = true;
        self
    }

    /// Pads instead of requiring equal extents: each batch's axes are as long as its longest
    /// sample's, shorter samples padded with each field's `pad` value, and every sample's
    /// true shape is in [`Padded::lengths`].
    ///
    /// ```
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = TextBatch)]
    /// struct Text {
    ///     #[tensor(shape = [T], pad = -1)]
    ///     tokens: Vec<i64>,
    /// }
    ///
    /// let texts = [vec![1, 2, 3], vec![4], vec![5, 6]].map(|tokens| Text { tokens });
    /// let padded = texts.into_iter().batched(3).padded().next().unwrap().unwrap();
    /// assert_eq!(padded.batch.tokens, ndarray::array![[1, 2, 3], [4, -1, -1], [5, 6, -1]]);
    /// assert_eq!(padded.lengths.axis("tokens", 0).unwrap().to_vec(), [3, 1, 2]);
    /// ```
    pub fn padded(self) -> PaddedBatched<S, T> {
        PaddedBatched { inner: self }
    }

    /// The next group of samples, or the next invalid element.
    /// `n` is the most a batch holds: the group grows as samples come, never reserved ahead.
    fn next_group(&mut self) -> Option<Result<Group<T>, S::Rejection>> {
        while self.pending.len() < self.n {
            let position = self.position;
            match self.source.next() {
                None => break,
                Some(Ok(sample)) => {
                    self.position += 1;
                    self.pending.push(sample);
                    self.indices.push(position);
                }
                Some(Err(invalid)) => {
                    self.position += 1;
                    return Some(Err(invalid));
                }
            }
        }
        if self.pending.is_empty() || (self.drop_last && self.pending.len() < self.n) {
            self.pending.clear();
            self.indices.clear();
            return None;
        }
        let indices = core::mem::take(&mut self.indices);
        Some(Ok((indices, core::mem::take(&mut self.pending))))
    }

    /// The next group stacked by `stack`, or the invalid element or unstackable group that
    /// came instead.
    fn next_batch<B>(
        &mut self,
        stack: impl FnOnce(&[T]) -> Result<B, StackError>,
    ) -> Option<Result<B, BatchError<T, S::Rejection>>> {
        Some(match self.next_group()? {
            Err(invalid) => Err(BatchError::Invalid(invalid)),
            Ok((indices, samples)) => stack(&samples).map_err(|error| BatchError::Stack {
                indices,
                samples,
                error,
            }),
        })
    }
}

impl<S, T> Iterator for Batched<S, T>
where
    S: SampleSource<Sample = T>,
    T: Batchable,
{
    type Item = Result<T::Batch, BatchError<T, S::Rejection>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_batch(|samples| T::__stack_samples(samples))
    }
}

impl<S, T> Batched<S, T>
where
    S: SampleSource<Sample = T>,
    T: Batchable,
{
    /// The next batch, stacked into `batch` instead of a new one: a batch the consumer is
    /// done with is handed back and refilled, its arrays growing only when they must (for
    /// batches of many megabytes, a fresh batch costs page faults that a copy does not).
    /// What [`next`](Iterator::next) would yield, but the batch: `Some(Ok(()))` when `batch`
    /// holds the next batch, the same errors otherwise (after an error `batch` may be
    /// emptied, never half filled), `None` at the end.
    ///
    /// ```
    /// use ndarray::Array3;
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = ImageBatch)]
    /// struct Image {
    ///     #[tensor(dtype = u8, shape = [32, 32, 3])]
    ///     pixels: Array3<u8>,
    ///     label: i64,
    /// }
    ///
    /// let images = (0..10).map(|i| Image {
    ///     pixels: Array3::from_elem((32, 32, 3), i as u8),
    ///     label: i,
    /// });
    /// let mut stream = images.batched(4);
    /// let mut batch = stream.next().unwrap().unwrap(); // the first batch, made as usual
    /// let buffer = batch.pixels.as_ptr();
    /// while let Some(result) = stream.next_into(&mut batch) {
    ///     result.unwrap();
    ///     // ... train on `batch` ...
    ///     if batch.label.len() == 4 {
    ///         assert_eq!(batch.pixels.as_ptr(), buffer); // the same memory, refilled
    ///     }
    /// }
    /// assert_eq!(batch.label.to_vec(), [8, 9]); // the last, shorter batch
    /// ```
    pub fn next_into(
        &mut self,
        batch: &mut T::Batch,
    ) -> Option<Result<(), BatchError<T, S::Rejection>>> {
        self.next_batch(|samples| T::__stack_samples_into(samples, batch))
    }
}

/// The iterator of [`Batched::padded`].
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct PaddedBatched<S: SampleSource<Sample = T>, T = <S as SampleSource>::Sample> {
    inner: Batched<S, T>,
}

impl<S, T> fmt::Debug for PaddedBatched<S, T>
where
    S: SampleSource<Sample = T> + fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PaddedBatched")
            .field("inner", &self.inner)
            .finish()
    }
}

impl<S, T> PaddedBatched<S, T>
where
    S: SampleSource<Sample = T>,
    T: Batchable,
{
    /// The next padded batch, stacked into `batch` instead of a new one: what
    /// [`Batched::next_into`] is to [`Batched`], for padded batches. `batch.lengths` are the
    /// new batch's.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = TextBatch)]
    /// struct Text {
    ///     #[tensor(shape = [T], pad = -1)]
    ///     tokens: Vec<i64>,
    /// }
    ///
    /// let texts = [vec![1, 2, 3], vec![4], vec![5, 6], vec![7]].map(|tokens| Text { tokens });
    /// let mut stream = texts.into_iter().batched(2).padded();
    /// let mut batch = stream.next().unwrap().unwrap();
    /// assert_eq!(batch.batch.tokens, ndarray::array![[1, 2, 3], [4, -1, -1]]);
    /// stream.next_into(&mut batch).unwrap().unwrap();
    /// assert_eq!(batch.batch.tokens, ndarray::array![[5, 6], [7, -1]]);
    /// assert_eq!(batch.lengths.axis("tokens", 0).unwrap().to_vec(), [2, 1]);
    /// assert!(stream.next_into(&mut batch).is_none());
    /// ```
    pub fn next_into(
        &mut self,
        batch: &mut Padded<T::Batch>,
    ) -> Option<Result<(), BatchError<T, S::Rejection>>> {
        self.inner
            .next_batch(|samples| T::__stack_samples_padded_into(samples, batch))
    }
}

impl<S, T> Iterator for PaddedBatched<S, T>
where
    S: SampleSource<Sample = T>,
    T: Batchable,
{
    type Item = Result<Padded<T::Batch>, BatchError<T, S::Rejection>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner
            .next_batch(|samples| T::__stack_samples_padded(samples))
    }
}
