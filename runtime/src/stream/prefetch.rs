//! [`Prefetch`]: a stream made on a background thread, a bounded number of items ahead.

use core::fmt;
use core::iter::FusedIterator;
use std::panic;
use std::sync::mpsc::{self, Receiver};
use std::thread::{self, JoinHandle};

/// The iterator of [`IteratorExt::prefetch`](super::IteratorExt::prefetch): the items of a
/// stream that a background thread makes, at most `k` of them ahead of the consumer.
///
/// Dropping it stops the thread: the thread finishes the item it is making, finds nobody
/// listening and drops the upstream iterator; the drop waits for that (it joins the thread),
/// so nothing upstream runs after it.
#[must_use = "iterators are lazy and do nothing unless consumed"]
pub struct Prefetch<T> {
    /// `None` once the stream has ended (or its panic has been passed on).
    receiver: Option<Receiver<T>>,
    thread: Option<JoinHandle<()>>,
    ahead: usize,
    /// Items yielded so far, for `size_hint`.
    yielded: usize,
    /// The upstream's `size_hint` when the thread took it over.
    upstream_hint: (usize, Option<usize>),
}

impl<T: Send + 'static> Prefetch<T> {
    pub(super) fn new<I>(upstream: I, ahead: usize) -> Self
    where
        I: Iterator<Item = T> + Send + 'static,
    {
        assert!(
            ahead > 0,
            "prefetch(0): the number of items made ahead must be at least 1 \
             (prefetch(1) makes the next item while the consumer works on this one)"
        );
        let upstream_hint = upstream.size_hint();
        // The thread holds one finished item while it waits to hand it over, so the channel
        // holds `ahead - 1`: at most `ahead` items are made and not yet taken.
        let (sender, receiver) = mpsc::sync_channel(ahead - 1);
        let spawned = thread::Builder::new()
            .name("tensorspec-prefetch".into())
            .spawn(move || {
                for item in upstream {
                    if sender.send(item).is_err() {
                        // The consumer dropped the stream: stop pulling.
                        return;
                    }
                }
            });
        let thread = match spawned {
            Ok(thread) => thread,
            Err(error) => panic!("prefetch: cannot start its background thread: {error}"),
        };
        Prefetch {
            receiver: Some(receiver),
            thread: Some(thread),
            ahead,
            yielded: 0,
            upstream_hint,
        }
    }
}

impl<T> Prefetch<T> {
    /// The stream has ended or panicked: wait for the thread, and pass its panic on.
    fn finish(&mut self) {
        self.receiver = None;
        if let Some(Err(payload)) = self.thread.take().map(JoinHandle::join) {
            panic::resume_unwind(payload);
        }
    }
}

impl<T> Iterator for Prefetch<T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        // The channel hands over every item sent before the thread ended, then reports the
        // end: an upstream panic surfaces exactly where its item would have been.
        match self.receiver.as_ref()?.recv() {
            Ok(item) => {
                self.yielded += 1;
                Some(item)
            }
            Err(mpsc::RecvError) => {
                self.finish();
                None
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        if self.receiver.is_none() {
            return (0, Some(0));
        }
        let (lower, upper) = self.upstream_hint;
        (
            lower.saturating_sub(self.yielded),
            upper.map(|upper| upper.saturating_sub(self.yielded)),
        )
    }
}

impl<T> FusedIterator for Prefetch<T> {}

impl<T> Drop for Prefetch<T> {
    fn drop(&mut self) {
        // Dropping the receiver makes the thread's next `send` fail, so it stops; a panic
        // upstream of an item the consumer never asked for is not passed on (the panic hook
        // has printed it).
        self.receiver = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

// By hand: the items are not shown, and `T` need not be `Debug`.
impl<T> fmt::Debug for Prefetch<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Prefetch")
            .field("ahead", &self.ahead)
            .field("yielded", &self.yielded)
            .field("finished", &self.receiver.is_none())
            .finish()
    }
}
