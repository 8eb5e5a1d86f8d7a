//! [`Validated`] and what follows it: [`OnInvalid`], [`DropInvalid`], [`WhileValid`].

use core::iter::FusedIterator;

use super::Batched;
use crate::sample::TensorSpec;
use crate::validate::violation::Invalid;

/// The iterator of [`IteratorExt::validated`](super::IteratorExt::validated).
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Validated<I: Iterator> {
    iter: I,
    index: usize,
    // `check::<I::Item>`, taken where `validated()` requires `I::Item: TensorSpec`: the impls
    // below then need no such bound, so a sample type that is not a `TensorSpec` is one error,
    // at `validated()`, and not one more at each use of the stream.
    check: Check<I::Item>,
}

/// How a stream checks element `index`.
pub(super) type Check<T> = fn(usize, T) -> Result<T, Invalid<T>>;

impl<I: Iterator> Validated<I> {
    pub(super) fn new(iter: I) -> Self
    where
        I::Item: TensorSpec,
    {
        Validated {
            iter,
            index: 0,
            check: check::<I::Item>,
        }
    }
}

// By hand: `derive` would ask for `I::Item: Clone`, which a function pointer does not need.
impl<I: Iterator + Clone> Clone for Validated<I> {
    fn clone(&self) -> Self {
        Validated {
            iter: self.iter.clone(),
            index: self.index,
            check: self.check,
        }
    }
}

// By hand: the check is a function pointer, which says nothing.
impl<I: Iterator + core::fmt::Debug> core::fmt::Debug for Validated<I> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Validated")
            .field("iter", &self.iter)
            .field("index", &self.index)
            .finish()
    }
}

impl<I: Iterator> Iterator for Validated<I> {
    type Item = Result<I::Item, Invalid<I::Item>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let sample = self.iter.next()?;
        let index = self.index;
        self.index += 1;
        Some((self.check)(index, sample))
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I: ExactSizeIterator> ExactSizeIterator for Validated<I> {}

impl<I: FusedIterator> FusedIterator for Validated<I> {}

impl<I: Iterator> Validated<I> {
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
    /// assert_eq!(stream.next_index(), 1);
    /// ```
    pub fn next_index(&self) -> usize {
        self.index
    }

    /// Stacks the valid elements into batches of `n`, and reports each invalid element as
    /// `Err(BatchError::Invalid(..))` when it is pulled: the valid elements around it still
    /// reach their batch, so nothing is dropped without a report. Otherwise as
    /// [`IteratorExt::batched`](super::IteratorExt::batched).
    ///
    /// # Panics
    ///
    /// If `n` is 0.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    /// use tensorspec::stream::BatchError;
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
    // No `Batchable` bound here: a struct without a batch type is then one error, where
    // the batches are used, saying to declare one.
    pub fn batched(self, n: usize) -> Batched<Self> {
        let next = self.index;
        Batched::new(self, n, next)
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
pub struct OnInvalid<I: Iterator, F> {
    inner: Validated<I>,
    f: F,
}

// By hand: the closure has no `Debug`.
impl<I: Iterator + core::fmt::Debug, F> core::fmt::Debug for OnInvalid<I, F> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("OnInvalid")
            .field("inner", &self.inner)
            .finish_non_exhaustive()
    }
}

impl<I, F> Iterator for OnInvalid<I, F>
where
    I: Iterator,
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
    F: FnMut(Invalid<I::Item>),
{
}

/// The iterator of [`Validated::drop_invalid`].
#[derive(Clone, Debug)]
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct DropInvalid<I: Iterator> {
    inner: Validated<I>,
    dropped: usize,
}

impl<I: Iterator> DropInvalid<I> {
    /// How many invalid elements have been dropped so far.
    pub fn dropped(&self) -> usize {
        self.dropped
    }
}

impl<I: Iterator> Iterator for DropInvalid<I> {
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

impl<I: FusedIterator> FusedIterator for DropInvalid<I> {}

/// The iterator [`Validated::while_valid`] hands its closure: the valid elements, ending at
/// the first invalid one.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct WhileValid<'a, I: Iterator> {
    inner: Validated<I>,
    error: &'a mut Option<Invalid<I::Item>>,
}

// By hand: the invalid element's data is not shown.
impl<I: Iterator + core::fmt::Debug> core::fmt::Debug for WhileValid<'_, I> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("WhileValid")
            .field("inner", &self.inner)
            .field("stopped", &self.error.is_some())
            .finish()
    }
}

impl<I: Iterator> Iterator for WhileValid<'_, I> {
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

impl<I: FusedIterator> FusedIterator for WhileValid<'_, I> {}

/// Element `index` of a stream: the sample if it is valid, else the report that names its
/// index and hands it back. Every checked stream reports through this one function.
#[inline]
pub(super) fn check<T: TensorSpec>(index: usize, sample: T) -> Result<T, Invalid<T>> {
    match sample.validate() {
        Ok(()) => Ok(sample),
        Err(violations) => Err(Invalid {
            index,
            sample,
            violations,
        }),
    }
}
