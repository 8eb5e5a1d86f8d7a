//! [`Batched`] and [`PaddedBatched`]: streams of samples stacked into batches.

use core::fmt;
use std::error::Error;

use crate::batch::{Batchable, Padded, StackError};
use crate::sample::TensorSpec;
use crate::validate::violation::Invalid;

/// A stream of samples, as a stream of results that are all `Ok` (for [`Batched`]).
#[derive(Clone, Debug)]
pub struct Plain<I>(pub(super) I);

impl<I: Iterator> Iterator for Plain<I>
where
    I::Item: TensorSpec,
{
    type Item = Result<I::Item, Invalid<I::Item>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(Ok)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

/// Why a batched stream yielded no batch: an invalid element (reported as it was pulled; the
/// valid elements around it go on to their batch), or a group of samples that could not be
/// stacked (handed back).
#[non_exhaustive]
pub enum BatchError<T> {
    /// An element that failed validation (streams from `validated()` only).
    Invalid(Invalid<T>),
    /// The samples of one batch differ in an extent the spec leaves open.
    Stack {
        /// The stream position of the group's first sample.
        index: usize,
        /// The group's samples, handed back.
        samples: Vec<T>,
        /// What differs.
        error: StackError,
    },
}

impl<T> fmt::Display for BatchError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Invalid(invalid) => write!(f, "{invalid}"),
            BatchError::Stack {
                index,
                samples,
                error,
            } => write!(
                f,
                "the batch of elements {index}..{}: {error}",
                index + samples.len()
            ),
        }
    }
}

// By hand: the samples' data is not shown.
impl<T> fmt::Debug for BatchError<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Invalid(invalid) => f.debug_tuple("Invalid").field(invalid).finish(),
            BatchError::Stack {
                index,
                samples,
                error,
            } => f
                .debug_struct("Stack")
                .field("index", index)
                .field("samples", &format_args!("[{} samples]", samples.len()))
                .field("error", error)
                .finish(),
        }
    }
}

impl<T> Error for BatchError<T> {}

/// The iterator of [`IteratorExt::batched`] and [`Validated::batched`].
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Batched<S: Iterator<Item = Result<T, Invalid<T>>>, T = <S as SampleSource>::Sample> {
    source: S,
    n: usize,
    drop_last: bool,
    position: usize,
    start: usize,
    pending: Vec<T>,
}

/// The sample type of a stream of results.
pub trait SampleSource {
    /// The sample.
    type Sample;
}

impl<S, T> SampleSource for S
where
    S: Iterator<Item = Result<T, Invalid<T>>>,
{
    type Sample = T;
}

/// A batch's samples and the stream position of the first.
type Group<T> = (usize, Vec<T>);

impl<S, T> Batched<S, T>
where
    S: Iterator<Item = Result<T, Invalid<T>>>,
{
    pub(super) fn new(source: S, n: usize) -> Self {
        assert!(n > 0, "batched(0): a batch size must be at least 1");
        Batched {
            source,
            n,
            drop_last: false,
            position: 0,
            start: 0,
            pending: Vec::new(),
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
    fn next_group(&mut self) -> Option<Result<Group<T>, Invalid<T>>> {
        while self.pending.len() < self.n {
            match self.source.next() {
                None => break,
                Some(Ok(sample)) => {
                    if self.pending.is_empty() {
                        self.start = self.position;
                        self.pending.reserve_exact(self.n);
                    }
                    self.pending.push(sample);
                    self.position += 1;
                }
                Some(Err(invalid)) => {
                    self.position += 1;
                    return Some(Err(invalid));
                }
            }
        }
        if self.pending.is_empty() || (self.drop_last && self.pending.len() < self.n) {
            self.pending.clear();
            return None;
        }
        Some(Ok((self.start, core::mem::take(&mut self.pending))))
    }

    /// The next group stacked by `stack`, or the invalid element or unstackable group that
    /// came instead.
    fn next_batch<B>(
        &mut self,
        stack: impl FnOnce(&[T]) -> Result<B, StackError>,
    ) -> Option<Result<B, BatchError<T>>> {
        Some(match self.next_group()? {
            Err(invalid) => Err(BatchError::Invalid(invalid)),
            Ok((index, samples)) => stack(&samples).map_err(|error| BatchError::Stack {
                index,
                samples,
                error,
            }),
        })
    }
}

impl<S, T> Iterator for Batched<S, T>
where
    S: Iterator<Item = Result<T, Invalid<T>>>,
    T: Batchable,
{
    type Item = Result<T::Batch, BatchError<T>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_batch(|samples| T::__stack_samples(samples.iter(), samples.len()))
    }
}

/// The iterator of [`Batched::padded`].
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct PaddedBatched<S: Iterator<Item = Result<T, Invalid<T>>>, T = <S as SampleSource>::Sample>
{
    inner: Batched<S, T>,
}

impl<S, T> Iterator for PaddedBatched<S, T>
where
    S: Iterator<Item = Result<T, Invalid<T>>>,
    T: Batchable,
{
    type Item = Result<Padded<T::Batch>, BatchError<T>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.inner
            .next_batch(|samples| T::__stack_samples_padded(samples.iter(), samples.len()))
    }
}
