//! [`TryValidated`]: a fallible generator's stream, checked; [`Rejected`], what it reports.

use core::fmt;
use core::iter::FusedIterator;
use std::error::Error;

use super::validated::{Check, check};
use super::{Batched, Rejection};
use crate::sample::TensorSpec;
use crate::validate::violation::Invalid;

/// An element of a fallible generator's stream that is not passed on: the generator failed to
/// make it, or it breaks its spec. `Display` starts `element N: `; `source()` is the
/// generator's error, or the element's violations.
///
/// ```
/// use tensorspec::prelude::*;
/// use tensorspec::stream::Rejected;
///
/// #[derive(TensorSpec)]
/// struct Row {
///     #[tensor(shape = [2])]
///     xy: Vec<f32>,
/// }
///
/// let decoded: Vec<Result<Row, std::num::ParseFloatError>> = vec![
///     Ok(Row { xy: vec![1.0, 2.0] }),
///     "x".parse::<f32>().map(|x| Row { xy: vec![x, x] }),
///     Ok(Row { xy: vec![3.0] }),
/// ];
/// let reports: Vec<String> = decoded
///     .into_iter()
///     .try_validated()
///     .filter_map(Result::err)
///     .map(|rejected| rejected.to_string())
///     .collect();
/// assert_eq!(
///     reports,
///     [
///         "element 1: invalid float literal",
///         "element 2: field `xy`: shape mismatch: expected [2], found [1]",
///     ]
/// );
/// ```
#[non_exhaustive]
pub enum Rejected<T, E> {
    /// The generator's error for element `index`: there is no sample.
    #[non_exhaustive]
    Failed {
        /// The element's position in the stream.
        index: usize,
        /// The generator's error.
        error: E,
    },
    /// The element breaks its spec; the sample is handed back.
    Invalid(Invalid<T>),
}

impl<T, E> Rejected<T, E> {
    /// The element's position in the stream.
    ///
    /// See [`Rejected`] for an example.
    pub fn index(&self) -> usize {
        match self {
            Rejected::Failed { index, .. } => *index,
            Rejected::Invalid(invalid) => invalid.index,
        }
    }
}

impl<T, E: fmt::Display> fmt::Display for Rejected<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejected::Failed { index, error } => write!(f, "element {index}: {error}"),
            Rejected::Invalid(invalid) => write!(f, "{invalid}"),
        }
    }
}

// By hand: the sample's data is not shown.
impl<T, E: fmt::Debug> fmt::Debug for Rejected<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rejected::Failed { index, error } => f
                .debug_struct("Failed")
                .field("index", index)
                .field("error", error)
                .finish(),
            Rejected::Invalid(invalid) => f.debug_tuple("Invalid").field(invalid).finish(),
        }
    }
}

impl<T, E: Error + 'static> Error for Rejected<T, E> {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Rejected::Failed { error, .. } => Some(error),
            Rejected::Invalid(invalid) => Some(&invalid.violations),
        }
    }
}

impl<T, E: fmt::Display + fmt::Debug> Rejection for Rejected<T, E> {
    fn index(&self) -> usize {
        Rejected::index(self)
    }
}

/// The iterator of [`IteratorExt::try_validated`](super::IteratorExt::try_validated), over
/// a generator of `Result<T, E>`.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct TryValidated<I, T> {
    iter: I,
    index: usize,
    // As in `Validated`: taken where `try_validated()` requires `T: TensorSpec`, so the impls
    // below need no such bound and a `T` that is not a `TensorSpec` is one error, there.
    check: Check<T>,
}

impl<I, T: TensorSpec> TryValidated<I, T> {
    pub(super) fn new(iter: I) -> Self {
        TryValidated {
            iter,
            index: 0,
            check: check::<T>,
        }
    }
}

// By hand: `derive` would ask for `T: Clone` and `T: Debug`, which the function pointer does
// not need.
impl<I: Clone, T> Clone for TryValidated<I, T> {
    fn clone(&self) -> Self {
        TryValidated {
            iter: self.iter.clone(),
            index: self.index,
            check: self.check,
        }
    }
}

impl<I: fmt::Debug, T> fmt::Debug for TryValidated<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TryValidated")
            .field("iter", &self.iter)
            .field("index", &self.index)
            .finish()
    }
}

impl<I, T, E> Iterator for TryValidated<I, T>
where
    I: Iterator<Item = Result<T, E>>,
{
    type Item = Result<T, Rejected<T, E>>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        let item = self.iter.next()?;
        let index = self.index;
        self.index += 1;
        Some(match item {
            Err(error) => Err(Rejected::Failed { index, error }),
            Ok(sample) => (self.check)(index, sample).map_err(Rejected::Invalid),
        })
    }

    #[inline]
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.iter.size_hint()
    }
}

impl<I, T, E> ExactSizeIterator for TryValidated<I, T> where
    I: ExactSizeIterator<Item = Result<T, E>>
{
}

impl<I, T, E> FusedIterator for TryValidated<I, T> where I: FusedIterator<Item = Result<T, E>> {}

impl<I, T> TryValidated<I, T> {
    /// Stacks the valid samples into batches of `n`, and reports each generator error and
    /// invalid element as `Err(BatchError::Invalid(rejected))` when it is pulled; the samples
    /// around it still reach their batch. Otherwise as
    /// [`IteratorExt::batched`](super::IteratorExt::batched).
    ///
    /// # Panics
    ///
    /// If `n` is 0.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = RowBatch)]
    /// struct Row {
    ///     #[tensor(shape = [2])]
    ///     xy: Vec<f32>,
    /// }
    ///
    /// // A decoder that fails on element 1.
    /// let decoded = (0..5).map(|i| if i == 1 { Err("corrupt file") } else { Ok(Row { xy: vec![0.0; 2] }) });
    /// let mut out = Vec::new();
    /// for item in decoded.try_validated().batched(2) {
    ///     match item {
    ///         Ok(batch) => out.push(format!("batch of {}", batch.len())),
    ///         Err(rejected) => out.push(rejected.to_string()),
    ///     }
    /// }
    /// assert_eq!(out, ["element 1: corrupt file", "batch of 2", "batch of 2"]);
    /// ```
    pub fn batched<E>(self, n: usize) -> Batched<Self>
    where
        I: Iterator<Item = Result<T, E>>,
        E: fmt::Display + fmt::Debug,
    {
        let next = self.index;
        Batched::new(self, n, next)
    }
}
