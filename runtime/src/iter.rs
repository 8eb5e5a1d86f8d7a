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

use core::iter::FusedIterator;

use crate::{Invalid, TensorSpec};

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
