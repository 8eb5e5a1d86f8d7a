//! [`ParallelMap`]: a function applied to a stream on several threads, the results in the
//! stream's order.
//!
//! Plain threads and channels, no thread pool: the stream is pulled on the consumer's thread
//! (so the generator need not be `Send`), each item goes with its index into one job queue
//! that the workers share (a slow item does not hold up the items behind it on its thread),
//! and the results are put back in order in a window of `2 × threads` slots.

use core::fmt;
use core::iter::FusedIterator;
use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::{self, JoinHandle};

/// An item and its index in the stream.
type Job<T> = (usize, T);
/// A result and the index of its item: `Err` holds the payload of a panic in the function.
type Done<U> = (usize, thread::Result<U>);

/// The iterator of [`IteratorExt::parallel_map`](super::IteratorExt::parallel_map): the
/// function's results, in the stream's order, computed on worker threads.
///
/// Dropping it stops the workers: items not yet started are dropped, the drop waits for the
/// ones being worked on (it joins the threads), and the function is not called after it.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct ParallelMap<I: Iterator, U> {
    upstream: I,
    upstream_ended: bool,
    /// `None` once the workers are told to stop.
    jobs: Option<Sender<Job<I::Item>>>,
    results: Receiver<Done<U>>,
    workers: Vec<JoinHandle<()>>,
    threads: usize,
    stop: Arc<AtomicBool>,
    /// Results that arrived before their turn: slot `i` holds stream index `yielded + i`.
    early: VecDeque<Option<thread::Result<U>>>,
    /// Items pulled from upstream and handed to the workers.
    dispatched: usize,
    yielded: usize,
    /// The most items dispatched and not yet yielded.
    window: usize,
}

impl<I, U> ParallelMap<I, U>
where
    I: Iterator,
    I::Item: Send + 'static,
    U: Send + 'static,
{
    pub(super) fn new<F>(upstream: I, threads: usize, f: F) -> Self
    where
        F: Fn(I::Item) -> U + Send + Sync + 'static,
    {
        assert!(
            threads > 0,
            "parallel_map(0, ..): the number of threads must be at least 1"
        );
        let f = Arc::new(f);
        let (jobs, queue) = mpsc::channel::<Job<I::Item>>();
        let queue = Arc::new(Mutex::new(queue));
        let (done, results) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let workers = (0..threads)
            .map(|n| {
                let (f, queue, done, stop) = (f.clone(), queue.clone(), done.clone(), stop.clone());
                thread::Builder::new()
                    .name(format!("tensorspec-map-{n}"))
                    .spawn(move || work(&*f, &queue, &done, &stop))
            })
            .collect::<Result<Vec<_>, _>>();
        let workers = match workers {
            Ok(workers) => workers,
            // The workers started so far end when `jobs` is dropped.
            Err(error) => panic!("parallel_map: cannot start a worker thread: {error}"),
        };
        ParallelMap {
            upstream,
            upstream_ended: false,
            jobs: Some(jobs),
            results,
            workers,
            threads,
            stop,
            early: VecDeque::new(),
            dispatched: 0,
            yielded: 0,
            window: threads.saturating_mul(2),
        }
    }
}

/// A worker: runs `f` on jobs until the queue closes or the consumer says stop.
fn work<T, U>(
    f: &impl Fn(T) -> U,
    queue: &Mutex<Receiver<Job<T>>>,
    done: &Sender<Done<U>>,
    stop: &AtomicBool,
) {
    loop {
        // The lock is held while waiting for a job, never while running `f`.
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok((index, item)) = job else { return };
        if stop.load(Ordering::Relaxed) {
            return;
        }
        // A panic in `f` is handed to the consumer, who raises it at the item's turn.
        let result = panic::catch_unwind(AssertUnwindSafe(|| f(item)));
        if done.send((index, result)).is_err() {
            return;
        }
    }
}

impl<I: Iterator, U> ParallelMap<I, U> {
    /// Pulls from upstream until the window is full or the stream ends.
    fn dispatch(&mut self) {
        while !self.upstream_ended && self.dispatched - self.yielded < self.window {
            let Some(jobs) = &self.jobs else { return };
            match self.upstream.next() {
                Some(item) => {
                    // It fails only if every worker is gone; then `next` finds no result.
                    let _ = jobs.send((self.dispatched, item));
                    self.dispatched += 1;
                }
                None => self.upstream_ended = true,
            }
        }
    }

    fn finished(&self) -> bool {
        self.jobs.is_none()
    }

    /// Stops the workers and waits for them; later calls to `next` return `None`.
    fn finish(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.jobs = None;
        self.early.clear();
        for worker in self.workers.drain(..) {
            // Panics in `f` are caught in the worker: a join error cannot carry one.
            let _ = worker.join();
        }
    }
}

impl<I: Iterator, U> Iterator for ParallelMap<I, U> {
    type Item = U;

    fn next(&mut self) -> Option<U> {
        if self.finished() {
            return None;
        }
        self.dispatch();
        if self.dispatched == self.yielded {
            self.finish();
            return None;
        }
        loop {
            match self.early.front_mut().and_then(Option::take) {
                Some(Ok(value)) => {
                    self.early.pop_front();
                    self.yielded += 1;
                    return Some(value);
                }
                Some(Err(payload)) => {
                    self.finish();
                    panic::resume_unwind(payload);
                }
                None => {}
            }
            match self.results.recv() {
                Ok((index, result)) => {
                    let slot = index - self.yielded;
                    if self.early.len() <= slot {
                        self.early.resize_with(slot + 1, || None);
                    }
                    self.early[slot] = Some(result);
                }
                Err(mpsc::RecvError) => {
                    self.finish();
                    panic!(
                        "parallel_map: the worker threads ended before item {}",
                        self.yielded
                    );
                }
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.finished() {
            return (0, Some(0));
        }
        let in_flight = self.dispatched - self.yielded;
        let (lower, upper) = if self.upstream_ended {
            (0, Some(0))
        } else {
            self.upstream.size_hint()
        };
        (
            lower.saturating_add(in_flight),
            upper.and_then(|upper| upper.checked_add(in_flight)),
        )
    }
}

impl<I: Iterator, U> FusedIterator for ParallelMap<I, U> {}

impl<I: Iterator, U> Drop for ParallelMap<I, U> {
    fn drop(&mut self) {
        self.finish();
    }
}

// By hand: the items and results are not shown, and the function has no `Debug`.
impl<I: Iterator + fmt::Debug, U> fmt::Debug for ParallelMap<I, U> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ParallelMap")
            .field("upstream", &self.upstream)
            .field("threads", &self.threads)
            .field("window", &self.window)
            .field("dispatched", &self.dispatched)
            .field("yielded", &self.yielded)
            .finish()
    }
}
