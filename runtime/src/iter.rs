//! Streams of samples: [`IteratorExt::validated`] and what to do with invalid elements.
//!
//! A generator is a plain iterator. `validated()` checks each element as it is pulled and
//! yields `Result<T, Invalid<T>>`; an invalid element keeps its index, the element itself and
//! its violations, and the stream goes on. Then, as the pipeline needs:
//!
//! | want | write |
//! |---|---|
//! | every element, valid or not | `iter.validated()` |
//! | valid elements; each invalid one to a closure (log it, count it, keep it) | `.on_invalid(\|invalid\| ...)` |
//! | valid elements, counting the invalid ones | `.drop_invalid()`, then `.dropped()` |
//! | valid elements until the first invalid one, which becomes the `Err` | `.while_valid(\|samples\| ...)` |
//! | all elements or the first invalid one | `.collect::<Result<Vec<_>, _>>()` |
//! | batches of `n` valid elements, each invalid one reported as it comes | `.batched(n)` |
//!
//! And on any stream of samples whose struct has `#[tensor(batch = ...)]`:
//!
//! | want | write |
//! |---|---|
//! | batches of `n` (the last one shorter) | `iter.batched(n)` |
//! | only full batches | `iter.batched(n).drop_last()` |
//! | batches padded to the longest sample, with the true lengths | `iter.batched(n).padded()` |

use core::fmt;
use core::iter::FusedIterator;
use std::error::Error;

use crate::{Batchable, Invalid, Padded, StackError, TensorSpec};

/// Adapters for streams of samples. In the [prelude](crate::prelude).
pub trait IteratorExt: Iterator + Sized {
    /// Checks each element with [`TensorSpec::validate`] as it is pulled: `Ok(sample)`, or
    /// `Err(Invalid { index, sample, violations })`. The stream goes on after an invalid
    /// element.
    ///
    /// ```
    /// use ndarray::Array2;
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// struct Sample {
    ///     #[tensor(dtype = f32, shape = [3, 2])]
    ///     points: Array2<f32>,
    /// }
    ///
    /// let generator = (0..20).map(|i| Sample {
    ///     points: if i == 17 { Array2::zeros((2, 2)) } else { Array2::zeros((3, 2)) },
    /// });
    /// let mut valid = 0;
    /// for element in generator.validated() {
    ///     match element {
    ///         Ok(_sample) => valid += 1,
    ///         Err(invalid) => assert_eq!(
    ///             invalid.to_string(),
    ///             "element 17: field `points`: shape mismatch: expected [3, 2], found [2, 2]"
    ///         ),
    ///     }
    /// }
    /// assert_eq!(valid, 19);
    /// ```
    fn validated(self) -> Validated<Self>
    where
        Self::Item: TensorSpec,
    {
        Validated {
            iter: self,
            index: 0,
        }
    }

    /// Stacks the samples into batches of `n`: `Ok(batch)`, or `Err(BatchError::Stack {
    /// samples, .. })` when a batch's samples differ in an open extent (the samples are
    /// handed back). The last batch is shorter if the stream ends early;
    /// [`drop_last`](Batched::drop_last) drops it instead.
    ///
    /// # Panics
    ///
    /// If `n` is 0, as [`slice::chunks`] does.
    ///
    /// ```
    /// use ndarray::Array2;
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = PointsBatch)]
    /// struct Points {
    ///     #[tensor(dtype = f32, shape = [3, 2])]
    ///     points: Array2<f32>,
    /// }
    ///
    /// let generator = (0..10).map(|_| Points { points: Array2::zeros((3, 2)) });
    /// let sizes: Vec<usize> = generator.batched(4).map(|batch| batch.unwrap().len()).collect();
    /// assert_eq!(sizes, [4, 4, 2]);
    /// ```
    fn batched(self, n: usize) -> Batched<Plain<Self>>
    where
        Self::Item: Batchable,
    {
        Batched::new(Plain(self), n)
    }
}

impl<I: Iterator> IteratorExt for I {}

/// The iterator of [`IteratorExt::validated`].
#[derive(Clone, Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Validated<I> {
    iter: I,
    index: usize,
}

impl<I> Iterator for Validated<I>
where
    I: Iterator,
    I::Item: TensorSpec,
{
    type Item = Result<I::Item, Invalid<I::Item>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let sample = self.iter.next()?;
        let index = self.index;
        self.index += 1;
        Some(match sample.validate() {
            Ok(()) => Ok(sample),
            Err(violations) => Err(Invalid {
                index,
                sample,
                violations,
            }),
        })
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I> ExactSizeIterator for Validated<I>
where
    I: ExactSizeIterator,
    I::Item: TensorSpec,
{
}

impl<I> FusedIterator for Validated<I>
where
    I: FusedIterator,
    I::Item: TensorSpec,
{
}

impl<I> Validated<I>
where
    I: Iterator,
    I::Item: TensorSpec,
{
    /// How many elements have been pulled so far: the index the next one will have.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// struct Scalar {
    ///     x: f32,
    /// }
    ///
    /// let mut stream = [Scalar { x: 1.0 }, Scalar { x: 2.0 }].into_iter().validated();
    /// stream.next();
    /// assert_eq!(stream.position(), 1);
    /// ```
    pub fn position(&self) -> usize {
        self.index
    }

    /// Stacks the valid elements into batches of `n`, and reports each invalid element as
    /// `Err(BatchError::Invalid(..))` when it is pulled: the valid elements around it still
    /// reach their batch, so nothing is dropped without a report. Otherwise as
    /// [`IteratorExt::batched`].
    ///
    /// # Panics
    ///
    /// If `n` is 0.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    /// use tensorspec::iter::BatchError;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = RowBatch)]
    /// struct Row {
    ///     #[tensor(shape = [2])]
    ///     xy: Vec<f32>,
    /// }
    ///
    /// // Element 1 is invalid: it is reported as it is pulled, and elements 0, 2, 3 fill the
    /// // first batch, 4, 5, 6 the second.
    /// let rows = (0..7).map(|i| Row { xy: vec![i as f32; if i == 1 { 1 } else { 2 }] });
    /// let mut out = Vec::new();
    /// for item in rows.validated().batched(3) {
    ///     match item {
    ///         Ok(batch) => out.push(format!("batch of {}", batch.len())),
    ///         Err(BatchError::Invalid(invalid)) => out.push(format!("invalid {}", invalid.index)),
    ///         Err(other) => panic!("{other}"),
    ///     }
    /// }
    /// assert_eq!(out, ["invalid 1", "batch of 3", "batch of 3"]);
    /// ```
    pub fn batched(self, n: usize) -> Batched<Self>
    where
        I::Item: Batchable,
    {
        Batched::new(self, n)
    }

    /// Yields the valid elements and hands each invalid one to `f`, which gets the whole
    /// [`Invalid`]: log it, count it, or keep its sample.
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
    /// let rows = (0..5).map(|i| Row { xy: vec![0.0; if i % 2 == 0 { 2 } else { 3 }] });
    /// let mut rejected = Vec::new();
    /// let valid: Vec<Row> = rows
    ///     .validated()
    ///     .on_invalid(|invalid| {
    ///         eprintln!("skipping {invalid}");
    ///         rejected.push(invalid.index);
    ///     })
    ///     .collect();
    /// assert_eq!(valid.len(), 3);
    /// assert_eq!(rejected, [1, 3]);
    /// ```
    pub fn on_invalid<F>(self, f: F) -> OnInvalid<I, F>
    where
        F: FnMut(Invalid<I::Item>),
    {
        OnInvalid { inner: self, f }
    }

    /// Yields the valid elements and counts the invalid ones it drops; read the count with
    /// [`DropInvalid::dropped`].
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
    /// let rows = (0..10).map(|i| Row { xy: vec![0.0; if i < 7 { 2 } else { 1 }] });
    /// let mut stream = rows.validated().drop_invalid();
    /// let valid = stream.by_ref().count();
    /// assert_eq!((valid, stream.dropped()), (7, 3));
    /// ```
    pub fn drop_invalid(self) -> DropInvalid<I> {
        DropInvalid {
            inner: self,
            dropped: 0,
        }
    }

    /// Runs `f` on the valid elements up to the first invalid one, and returns `f`'s result,
    /// or that invalid element as the error. The elements are not collected: `f` streams them.
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
    /// let good = (0..4).map(|_| Row { xy: vec![1.0, 2.0] });
    /// let sum = good.validated().while_valid(|rows| rows.map(|r| r.xy[0]).sum::<f32>());
    /// assert_eq!(sum.unwrap(), 4.0);
    ///
    /// let bad = (0..4).map(|i| Row { xy: vec![1.0; if i == 2 { 3 } else { 2 }] });
    /// let sum = bad.validated().while_valid(|rows| rows.map(|r| r.xy[0]).sum::<f32>());
    /// assert_eq!(sum.unwrap_err().index, 2);
    /// ```
    pub fn while_valid<R, F>(self, f: F) -> Result<R, Invalid<I::Item>>
    where
        F: FnOnce(WhileValid<'_, I>) -> R,
    {
        let mut error = None;
        let result = f(WhileValid {
            inner: self,
            error: &mut error,
        });
        match error {
            None => Ok(result),
            Some(invalid) => Err(invalid),
        }
    }
}

/// The iterator of [`Validated::on_invalid`].
#[derive(Clone)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct OnInvalid<I, F> {
    inner: Validated<I>,
    f: F,
}

impl<I, F> Iterator for OnInvalid<I, F>
where
    I: Iterator,
    I::Item: TensorSpec,
    F: FnMut(Invalid<I::Item>),
{
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        loop {
            match self.inner.next()? {
                Ok(sample) => return Some(sample),
                Err(invalid) => (self.f)(invalid),
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.inner.size_hint().1)
    }
}

impl<I, F> FusedIterator for OnInvalid<I, F>
where
    I: FusedIterator,
    I::Item: TensorSpec,
    F: FnMut(Invalid<I::Item>),
{
}

/// The iterator of [`Validated::drop_invalid`].
#[derive(Clone, Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct DropInvalid<I> {
    inner: Validated<I>,
    dropped: usize,
}

impl<I> DropInvalid<I> {
    /// How many invalid elements have been dropped so far.
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

impl<I> Iterator for DropInvalid<I>
where
    I: Iterator,
    I::Item: TensorSpec,
{
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        loop {
            match self.inner.next()? {
                Ok(sample) => return Some(sample),
                Err(_) => self.dropped += 1,
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        (0, self.inner.size_hint().1)
    }
}

impl<I> FusedIterator for DropInvalid<I>
where
    I: FusedIterator,
    I::Item: TensorSpec,
{
}

/// The iterator [`Validated::while_valid`] hands its closure: the valid elements, ending at
/// the first invalid one.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct WhileValid<'a, I: Iterator> {
    inner: Validated<I>,
    error: &'a mut Option<Invalid<I::Item>>,
}

impl<I> Iterator for WhileValid<'_, I>
where
    I: Iterator,
    I::Item: TensorSpec,
{
    type Item = I::Item;

    #[inline]
    fn next(&mut self) -> Option<I::Item> {
        if self.error.is_some() {
            return None;
        }
        match self.inner.next()? {
            Ok(sample) => Some(sample),
            Err(invalid) => {
                *self.error = Some(invalid);
                None
            }
        }
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.error.is_some() {
            (0, Some(0))
        } else {
            (0, self.inner.size_hint().1)
        }
    }
}

impl<I> FusedIterator for WhileValid<'_, I>
where
    I: FusedIterator,
    I::Item: TensorSpec,
{
}

/// A stream of samples, as a stream of results that are all `Ok` (for [`Batched`]).
#[derive(Clone, Debug)]
pub struct Plain<I>(I);

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
    fn new(source: S, n: usize) -> Self {
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
