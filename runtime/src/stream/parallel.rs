//! [`ParallelMap`]: a function applied to a stream on several threads, the results in the
//! stream's order.
//!
//! Plain threads, no thread pool: the stream is pulled on the consumer's thread (so the
//! generator need not be `Send`), each item goes with its index into one job queue that the
//! workers share (a slow item does not hold up the items queued behind it), and each result
//! goes to its slot in a window of `LOOK_AHEAD × threads` slots. The consumer sleeps only
//! when the result it needs next is missing, and is woken once the next half window of
//! results is in, not for each: waking a thread on another core takes time from the worker
//! that does it (about 10 µs on a 2-core VM), and the consumer's own turn takes a core from
//! the workers, while the other half of the window keeps them busy.

use core::fmt;
use core::iter::FusedIterator;
use std::collections::VecDeque;
use std::panic::{self, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::{self, JoinHandle};

/// An item and its index in the stream.
type Job<T> = (usize, T);

/// Items a worker may be ahead of the consumer: the window is this many times `threads`.
const LOOK_AHEAD: usize = 8;

/// What the workers and the consumer share.
struct Shared<U> {
    slots: Mutex<Slots<U>>,
    /// Signalled when the awaited results are in, or a worker ends.
    arrived: Condvar,
    stop: AtomicBool,
}

/// The results of the items in flight, by stream index.
struct Slots<U> {
    /// The stream index of `results[0]`: every earlier result has been taken.
    first: usize,
    /// `Err` holds the payload of a panic in the function.
    results: VecDeque<Option<thread::Result<U>>>,
    /// When the consumer sleeps: the last index it waits for, every result up to it.
    awaited: Option<usize>,
    /// Workers that have ended, for whatever reason.
    ended: usize,
}

impl<U> Slots<U> {
    /// Whether every result up to stream index `last` is in.
    fn ready_through(&self, last: usize) -> bool {
        let count = (last + 1).saturating_sub(self.first);
        self.results.len() >= count && self.results.iter().take(count).all(Option::is_some)
    }
}

impl<U> Shared<U> {
    fn slots(&self) -> MutexGuard<'_, Slots<U>> {
        // Only a result's `drop` can panic under the lock, and it leaves the slots consistent.
        self.slots.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Counts its worker as ended when dropped, also when the thread unwinds.
struct Ending<'a, U>(&'a Shared<U>);

impl<U> Drop for Ending<'_, U> {
    fn drop(&mut self) {
        self.0.slots().ended += 1;
        self.0.arrived.notify_all();
    }
}

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
    shared: Arc<Shared<U>>,
    workers: Vec<JoinHandle<()>>,
    threads: usize,
    /// Results taken from the slots in one go, in order, to be yielded.
    taken: VecDeque<thread::Result<U>>,
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
        let shared = Arc::new(Shared {
            slots: Mutex::new(Slots {
                first: 0,
                results: VecDeque::new(),
                awaited: None,
                ended: 0,
            }),
            arrived: Condvar::new(),
            stop: AtomicBool::new(false),
        });
        let workers = (0..threads)
            .map(|n| {
                let (f, queue, shared) = (f.clone(), queue.clone(), shared.clone());
                thread::Builder::new()
                    .name(format!("tensorspec-map-{n}"))
                    .spawn(move || work(&*f, &queue, &shared))
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
            shared,
            workers,
            threads,
            taken: VecDeque::new(),
            dispatched: 0,
            yielded: 0,
            window: threads.saturating_mul(LOOK_AHEAD),
        }
    }
}

/// A worker: runs `f` on jobs until the queue closes or the consumer says stop.
fn work<T, U>(f: &impl Fn(T) -> U, queue: &Mutex<Receiver<Job<T>>>, shared: &Shared<U>) {
    let _ending = Ending(shared);
    loop {
        // The lock is held while waiting for a job, never while running `f`.
        let job = queue.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok((index, item)) = job else { return };
        if shared.stop.load(Ordering::Relaxed) {
            return;
        }
        // A panic in `f` is handed to the consumer, who raises it at the item's turn.
        let result = panic::catch_unwind(AssertUnwindSafe(|| f(item)));
        let mut slots = shared.slots();
        // Only filled slots are taken, so `index >= first`; never index backwards.
        let Some(slot) = index.checked_sub(slots.first) else {
            return;
        };
        if slots.results.len() <= slot {
            slots.results.resize_with(slot + 1, || None);
        }
        slots.results[slot] = Some(result);
        if slots.awaited.is_some_and(|last| slots.ready_through(last)) {
            slots.awaited = None;
            drop(slots);
            shared.arrived.notify_one();
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
                    // It fails only if every worker has ended, which `take_ready` reports.
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
        self.shared.stop.store(true, Ordering::Relaxed);
        self.jobs = None;
        self.taken.clear();
        for worker in self.workers.drain(..) {
            // Panics in `f` are caught in the worker: a join error cannot carry one.
            let _ = worker.join();
        }
        self.shared.slots().results.clear();
    }

    /// Moves the next results, as many as are ready in order, to `taken`. If the next one is
    /// missing, sleeps until half a window of them are in (or the rest of the stream).
    fn take_ready(&mut self) {
        let mut slots = self.shared.slots();
        let last = (slots.first + self.window / 2 - 1).min(self.dispatched - 1);
        if slots.results.front().is_none_or(Option::is_none) {
            while !slots.ready_through(last) {
                if slots.ended > 0 {
                    drop(slots);
                    self.finish();
                    panic!(
                        "parallel_map: a worker thread ended before item {}",
                        self.yielded
                    );
                }
                slots.awaited = Some(last);
                slots = self
                    .shared
                    .arrived
                    .wait(slots)
                    .unwrap_or_else(PoisonError::into_inner);
            }
        }
        while let Some(Some(result)) = slots.results.front_mut().map(Option::take) {
            slots.results.pop_front();
            slots.first += 1;
            self.taken.push_back(result);
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
        if self.taken.is_empty() {
            self.take_ready();
        }
        match self.taken.pop_front()? {
            Ok(value) => {
                self.yielded += 1;
                Some(value)
            }
            Err(payload) => {
                self.finish();
                panic::resume_unwind(payload);
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
