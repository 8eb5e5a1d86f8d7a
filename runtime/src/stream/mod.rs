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
//! | a fallible generator (`Result<T, E>` items): valid samples; each generator error or invalid sample reported with its index | `iter.try_validated()`, then `.batched(n)` as above |
//!
//! And on any stream of samples whose struct has `#[tensor(batch = ...)]`:
//!
//! | want | write |
//! |---|---|
//! | batches of `n` (the last one shorter) | `iter.batched(n)` |
//! | only full batches | `iter.batched(n).drop_last()` |
//! | batches padded to the longest sample, with the true lengths | `iter.batched(n).padded()` |
//!
//! And to overlap loading with training, on any stream whose items can move between threads:
//!
//! | want | write |
//! |---|---|
//! | decode or augment on several threads, the results in the stream's order | `iter.parallel_map(threads, \|item\| decode(item))` |
//! | everything upstream (generator, decoding, validation, stacking) on a background thread, at most `k` items ahead | `.prefetch(k)` |
//!
//! Both keep every item and its place: `validated()` or `batched(n)` after `parallel_map`
//! report the same indices as without it. A panic upstream (or in the function) reaches the
//! consumer as a panic at the item's place, and dropping the stream stops the threads.

mod batched;
mod parallel;
mod prefetch;
mod try_validated;
mod validated;

pub use batched::{BatchError, Batched, PaddedBatched, Rejection, SampleSource};
pub use parallel::ParallelMap;
pub use prefetch::Prefetch;
pub use try_validated::{Rejected, TryValidated};
pub use validated::{DropInvalid, OnInvalid, Validated, WhileValid};

use crate::sample::TensorSpec;

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
        Validated::new(self)
    }

    /// Checks each element of a fallible generator (an iterator of `Result<T, E>`, as one that
    /// reads or decodes files makes) as it is pulled: `Ok(sample)` for a valid sample, and
    /// `Err(rejected)` for a generator error or an invalid sample, a [`Rejected`] whose
    /// `Display` starts `element N: ` and whose `source()` is the generator's error. The
    /// stream goes on after either; [`batched`](TryValidated::batched) works on it as on
    /// `validated()`.
    ///
    /// ```
    /// use tensorspec::prelude::*;
    /// use tensorspec::stream::Rejected;
    ///
    /// #[derive(TensorSpec)]
    /// struct Reading {
    ///     #[tensor(shape = [3])]
    ///     xyz: Vec<f32>,
    /// }
    ///
    /// let lines = ["1 2 3", "4 x 6", "7 8"];
    /// let decoded = lines.iter().map(|line| {
    ///     let xyz = line.split(' ').map(str::parse).collect::<Result<Vec<f32>, _>>()?;
    ///     Ok::<_, std::num::ParseFloatError>(Reading { xyz })
    /// });
    /// let mut valid = 0;
    /// for element in decoded.try_validated() {
    ///     match element {
    ///         Ok(_reading) => valid += 1,
    ///         Err(Rejected::Failed { index, error, .. }) => assert_eq!((index, error.to_string().as_str()), (1, "invalid float literal")),
    ///         Err(Rejected::Invalid(invalid)) => assert_eq!(invalid.index, 2),
    ///         Err(_) => unreachable!(),
    ///     }
    /// }
    /// assert_eq!(valid, 1);
    /// ```
    fn try_validated<T, E>(self) -> TryValidated<Self, T>
    where
        Self: Iterator<Item = Result<T, E>>,
        T: TensorSpec,
    {
        TryValidated::new(self)
    }

    /// Validates each sample as it is pulled and stacks the valid ones into batches of `n`,
    /// as `self.validated().batched(n)`: `Ok(batch)`; `Err(BatchError::Invalid(..))` for an
    /// element that breaks its spec (reported as it is pulled, never stacked: every batch
    /// satisfies its own spec); or `Err(BatchError::Stack { samples, .. })` when a batch's
    /// samples differ in an extent the spec leaves open (the samples are handed back). The
    /// last batch is shorter if the stream ends early; [`drop_last`](Batched::drop_last)
    /// drops it instead. `n` is the most a batch holds, not a reservation.
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
    fn batched(self, n: usize) -> Batched<Validated<Self>>
    where
        Self::Item: TensorSpec,
    {
        Batched::new(Validated::new(self), n, 0)
    }

    /// Runs everything upstream (the generator, decoding, validation, stacking) on a
    /// background thread, at most `k` items ahead of the consumer, so that making the next
    /// batch overlaps training on this one. Nothing is lost or reordered.
    ///
    /// The thread starts at once. A panic upstream reaches the consumer as the same panic,
    /// where its item would have come (the items before it are yielded first); dropping the
    /// stream stops the thread and waits for it to finish the item it is making, so nothing
    /// upstream runs after the drop (a panic upstream that the consumer never reached is not
    /// raised then).
    ///
    /// # Panics
    ///
    /// If `k` is 0: with nothing made ahead, there would be nothing to overlap.
    ///
    /// ```
    /// use ndarray::Array3;
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = ImageBatch)]
    /// struct Image {
    ///     #[tensor(dtype = f32, shape = [32, 32, 3])]
    ///     pixels: Array3<f32>,
    ///     #[tensor(dtype = i64, shape = [])]
    ///     label: i64,
    /// }
    ///
    /// /// Stands for reading and decoding an image file.
    /// fn decode(label: i64) -> Image {
    ///     Image { pixels: Array3::from_elem((32, 32, 3), label as f32 / 255.0), label }
    /// }
    ///
    /// // Decoding, validating and stacking run on a background thread, two batches ahead.
    /// let batches = (0..200).map(decode).batched(64).prefetch(2);
    /// let mut labels = Vec::new();
    /// for batch in batches {
    ///     let batch = batch.unwrap();
    ///     // Train on `batch` here while the next one is being made.
    ///     labels.extend(batch.label.iter().copied());
    /// }
    /// assert_eq!(labels, (0..200).collect::<Vec<i64>>());
    /// ```
    fn prefetch(self, k: usize) -> Prefetch<Self::Item>
    where
        Self: Send + 'static,
        Self::Item: Send + 'static,
    {
        Prefetch::new(self, k)
    }

    /// Applies `f` (decoding, augmenting) to each item on `threads` worker threads and yields
    /// the results in the stream's order, so indices downstream stay the stream's:
    /// `generator.parallel_map(2, decode).validated()` reports element 17 as element 17.
    ///
    /// The stream itself is pulled on the consumer's thread as results are asked for (it need
    /// not be `Send`; `.prefetch(k)` after it moves the pulling to a background thread too).
    /// At most `8 × threads` items are taken from the stream and not yet yielded. A panic in
    /// `f` reaches the consumer as the same panic, at its item's place; dropping the stream
    /// stops the workers and waits for the items they are working on.
    ///
    /// # Panics
    ///
    /// If `threads` is 0.
    ///
    /// ```
    /// use ndarray::Array3;
    /// use tensorspec::prelude::*;
    ///
    /// #[derive(TensorSpec)]
    /// struct Image {
    ///     #[tensor(dtype = f32, shape = [32, 32, 3])]
    ///     pixels: Array3<f32>,
    ///     #[tensor(dtype = i64, shape = [])]
    ///     label: i64,
    /// }
    ///
    /// /// Stands for decoding an image file: file 17 is cut short.
    /// fn decode((bytes, label): (Vec<u8>, i64)) -> Image {
    ///     let side = if bytes.len() < 32 * 32 * 3 { 31 } else { 32 };
    ///     let pixels = Array3::from_shape_fn((side, 32, 3), |(y, x, c)| {
    ///         f32::from(bytes[(y * 32 + x) * 3 + c]) / 255.0
    ///     });
    ///     Image { pixels, label }
    /// }
    ///
    /// let files = (0..40).map(|i| (vec![0u8; if i == 17 { 31 * 32 * 3 } else { 32 * 32 * 3 }], i));
    /// let mut labels = Vec::new();
    /// for image in files.parallel_map(2, decode).validated() {
    ///     match image {
    ///         Ok(image) => labels.push(image.label),
    ///         Err(invalid) => assert_eq!(
    ///             invalid.to_string(),
    ///             "element 17: field `pixels`: shape mismatch: expected [32, 32, 3], found [31, 32, 3]"
    ///         ),
    ///     }
    /// }
    /// assert_eq!(labels, (0..40).filter(|&i| i != 17).collect::<Vec<i64>>());
    /// ```
    fn parallel_map<F, U>(self, threads: usize, f: F) -> ParallelMap<Self, U>
    where
        F: Fn(Self::Item) -> U + Send + Sync + 'static,
        Self::Item: Send + 'static,
        U: Send + 'static,
    {
        ParallelMap::new(self, threads, f)
    }
}

impl<I: Iterator> IteratorExt for I {}
