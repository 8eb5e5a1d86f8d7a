//! `prefetch(k)` and `parallel_map(threads, f)`: nothing lost, duplicated or reordered; bounded
//! look-ahead; panics reach the consumer; dropping stops the threads; indices stay the stream's.
//!
//! No test measures time: a hang shows as a test that does not finish, and the random delays
//! only shuffle which thread runs first.

use std::panic::{self, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

use ndarray::Array2;
use proptest::prelude::*;
use tensorspec::prelude::*;
use tensorspec::stream::BatchError;

/// A short pause of one of four kinds: none, a yield, or a sleep of 10 or 100 µs.
fn pause(kind: u8) {
    match kind % 4 {
        0 => {}
        1 => thread::yield_now(),
        2 => thread::sleep(Duration::from_micros(10)),
        _ => thread::sleep(Duration::from_micros(100)),
    }
}

/// The pause for item `i`, from a random list (no pause past its end).
fn pause_at(pauses: &[u8], i: usize) {
    pause(pauses.get(i).copied().unwrap_or(0));
}

/// Sets its flag when dropped: the closure or iterator that owns it is gone.
struct DropFlag(Arc<AtomicBool>);

impl Drop for DropFlag {
    fn drop(&mut self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// The message of a panic payload.
fn message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_string()
    } else {
        "(not a string)".to_string()
    }
}

/// Pulls every item, recording them, until the stream ends or panics: the items seen and the
/// panic's message.
fn drain<T>(stream: impl Iterator<Item = T>) -> (Vec<T>, Option<String>) {
    let mut seen = Vec::new();
    let outcome = panic::catch_unwind(AssertUnwindSafe(|| {
        for item in stream {
            seen.push(item);
        }
    }));
    (seen, outcome.err().map(|payload| message(&*payload)))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn prefetch_yields_every_item_once_in_order(
        len in 0..60usize,
        k in 1..6usize,
        producer in prop::collection::vec(0..4u8, 0..60),
        consumer in prop::collection::vec(0..4u8, 0..60),
    ) {
        let stream = (0..len).inspect(move |&i| pause_at(&producer, i));
        let mut seen = Vec::new();
        for (n, item) in stream.prefetch(k).enumerate() {
            pause_at(&consumer, n);
            seen.push(item);
        }
        prop_assert_eq!(seen, (0..len).collect::<Vec<_>>());
    }

    #[test]
    fn prefetch_makes_at_most_k_items_ahead(
        len in 0..60usize,
        k in 1..6usize,
        consumer in prop::collection::vec(0..4u8, 0..60),
    ) {
        let made = Arc::new(AtomicUsize::new(0));
        let counter = made.clone();
        let stream = (0..len).inspect(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        for (n, _) in stream.prefetch(k).enumerate() {
            pause_at(&consumer, n);
            // `n + 1` items taken: the thread may have made `k` more, not `k + 1`.
            prop_assert!(made.load(Ordering::SeqCst) <= n + 1 + k);
        }
        prop_assert_eq!(made.load(Ordering::SeqCst), len);
    }

    #[test]
    fn a_panic_upstream_of_prefetch_reaches_the_consumer_after_the_items_before_it(
        at in 0..30usize,
        k in 1..6usize,
        producer in prop::collection::vec(0..4u8, 0..30),
    ) {
        let stream = (0..).inspect(move |&i| {
            pause_at(&producer, i);
            assert!(i != at, "generator failed at {i}");
        });
        let (seen, panicked) = drain(stream.prefetch(k));
        prop_assert_eq!(seen, (0..at).collect::<Vec<_>>());
        prop_assert_eq!(panicked, Some(format!("generator failed at {at}")));
    }

    #[test]
    fn parallel_map_yields_every_result_once_in_order(
        len in 0..80usize,
        threads in 1..5usize,
        work in prop::collection::vec(0..4u8, 0..80),
        consumer in prop::collection::vec(0..4u8, 0..80),
    ) {
        let work = Arc::new(work);
        let decoded = (0..len).parallel_map(threads, move |i| {
            pause_at(&work, i);
            (i, i * 3)
        });
        let mut seen = Vec::new();
        for (n, item) in decoded.enumerate() {
            pause_at(&consumer, n);
            seen.push(item);
        }
        prop_assert_eq!(seen, (0..len).map(|i| (i, i * 3)).collect::<Vec<_>>());
    }

    #[test]
    fn parallel_map_takes_at_most_eight_times_threads_items_ahead(
        len in 0..80usize,
        threads in 1..5usize,
        work in prop::collection::vec(0..4u8, 0..80),
    ) {
        let taken = Arc::new(AtomicUsize::new(0));
        let counter = taken.clone();
        let stream = (0..len).inspect(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let work = Arc::new(work);
        let decoded = stream.parallel_map(threads, move |i| {
            pause_at(&work, i);
            i
        });
        for (n, _) in decoded.enumerate() {
            prop_assert!(taken.load(Ordering::SeqCst) <= n + 8 * threads);
        }
        prop_assert_eq!(taken.load(Ordering::SeqCst), len);
    }

    #[test]
    fn a_panic_in_the_function_reaches_the_consumer_at_its_items_place(
        len in 1..60usize,
        at in 0..60usize,
        threads in 1..5usize,
        work in prop::collection::vec(0..4u8, 0..60),
    ) {
        let at = at % len;
        let work = Arc::new(work);
        let decoded = (0..len).parallel_map(threads, move |i| {
            // Later items tend to finish first: the panic must still wait for its turn.
            pause_at(&work, i);
            assert!(i != at, "cannot decode {i}");
            i
        });
        let (seen, panicked) = drain(decoded);
        prop_assert_eq!(seen, (0..at).collect::<Vec<_>>());
        prop_assert_eq!(panicked, Some(format!("cannot decode {at}")));
    }
}

#[test]
fn upstream_runs_on_the_background_thread() {
    #[derive(TensorSpec)]
    #[tensor(batch = PointsBatch)]
    struct Points {
        #[tensor(shape = [3, 2])]
        points: Array2<f32>,
    }
    let consumer = thread::current().id();
    let generator = (0..10).map(move |_| {
        assert_ne!(thread::current().id(), consumer);
        assert_eq!(thread::current().name(), Some("tensorspec-prefetch"));
        Points {
            points: Array2::zeros((3, 2)),
        }
    });
    let sizes: Vec<usize> = generator
        .batched(4)
        .prefetch(1)
        .map(|batch| batch.map_or(0, |batch| batch.len()))
        .collect();
    assert_eq!(sizes, [4, 4, 2]);
}

#[test]
fn dropping_a_prefetched_stream_stops_its_thread() {
    let made = Arc::new(AtomicUsize::new(0));
    let dropped = Arc::new(AtomicBool::new(false));
    let (counter, flag) = (made.clone(), DropFlag(dropped.clone()));
    let endless = (0..u64::MAX).inspect(move |_| {
        let _owned_by_the_generator = &flag;
        counter.fetch_add(1, Ordering::SeqCst);
    });
    let mut stream = endless.prefetch(3);
    assert_eq!(stream.by_ref().take(5).collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
    drop(stream);
    // The drop joined the thread, which dropped the generator: nothing can be made any more.
    assert!(dropped.load(Ordering::SeqCst));
    let after_drop = made.load(Ordering::SeqCst);
    assert!(after_drop <= 5 + 3, "{after_drop} made");
}

#[test]
fn dropping_a_stream_whose_thread_waits_to_hand_over_does_not_hang() {
    for k in 1..4 {
        let made = Arc::new(AtomicUsize::new(0));
        let counter = made.clone();
        let stream = (0..).inspect(move |_| {
            counter.fetch_add(1, Ordering::SeqCst);
        });
        let stream = stream.prefetch(k);
        // The thread makes `k` items and then waits in `send` for the consumer.
        while made.load(Ordering::SeqCst) < k {
            thread::yield_now();
        }
        drop(stream);
        assert_eq!(made.load(Ordering::SeqCst), k);
    }
}

#[test]
fn a_panic_upstream_that_the_consumer_never_reached_is_not_raised_on_drop() {
    let stream = (0..10).inspect(|&i| assert!(i != 3, "generator failed at {i}"));
    let outcome = panic::catch_unwind(|| {
        let mut stream = stream.prefetch(2);
        assert_eq!(stream.next(), Some(0));
        // Dropped here, whether or not the thread has reached element 3.
    });
    assert!(outcome.is_ok());
}

#[test]
#[should_panic(expected = "prefetch(0): the number of items made ahead must be at least 1")]
fn prefetch_zero_is_refused() {
    let _ = (0..3).prefetch(0);
}

#[test]
fn a_prefetched_stream_counts_down_and_stays_ended() {
    let mut stream = (0..5).prefetch(2);
    assert_eq!(stream.size_hint(), (5, Some(5)));
    stream.next();
    assert_eq!(stream.size_hint(), (4, Some(4)));
    assert_eq!(stream.by_ref().count(), 4);
    assert_eq!(stream.size_hint(), (0, Some(0)));
    assert_eq!(stream.next(), None);
    assert!(format!("{stream:?}").starts_with("Prefetch { ahead: 2"));
}

#[test]
fn dropping_a_parallel_map_stops_its_workers() {
    let calls = Arc::new(AtomicUsize::new(0));
    let dropped = Arc::new(AtomicBool::new(false));
    let (counter, flag) = (calls.clone(), DropFlag(dropped.clone()));
    let mut decoded = (0..).parallel_map(2, move |i: u64| {
        let _owned_by_the_function = &flag;
        counter.fetch_add(1, Ordering::SeqCst);
        i * 2
    });
    assert_eq!(
        decoded.by_ref().take(5).collect::<Vec<_>>(),
        [0, 2, 4, 6, 8]
    );
    drop(decoded);
    // Every worker has ended and dropped its handle on the function.
    assert!(dropped.load(Ordering::SeqCst));
    let after_drop = calls.load(Ordering::SeqCst);
    assert!(after_drop <= 5 + 8 * 2, "{after_drop} calls");
}

#[test]
#[should_panic(expected = "parallel_map(0, ..): the number of threads must be at least 1")]
fn parallel_map_on_zero_threads_is_refused() {
    let _ = (0..3).parallel_map(0, |i| i);
}

#[test]
fn a_parallel_map_stays_ended_after_a_panic() {
    let mut decoded = (0..10).parallel_map(2, |i| {
        assert!(i != 1, "cannot decode {i}");
        i
    });
    assert_eq!(decoded.next(), Some(0));
    assert!(panic::catch_unwind(AssertUnwindSafe(|| decoded.next())).is_err());
    assert_eq!(decoded.next(), None);
    assert_eq!(decoded.size_hint(), (0, Some(0)));
    assert!(format!("{decoded:?}").starts_with("ParallelMap { upstream: "));
}

#[test]
fn the_generator_of_a_parallel_map_need_not_be_send() {
    let offset = Rc::new(100);
    let generator = (0..20).map(move |i| i + *offset);
    let decoded: Vec<i32> = generator.parallel_map(3, |i| i * 2).collect();
    assert_eq!(decoded, (100..120).map(|i| i * 2).collect::<Vec<_>>());
}

#[test]
fn a_panic_in_a_parallel_map_reaches_the_consumer_through_prefetch() {
    let decoded = (0..20).parallel_map(2, |i| {
        assert!(i != 12, "cannot decode {i}");
        i
    });
    let (seen, panicked) = drain(decoded.prefetch(2));
    assert_eq!(seen, (0..12).collect::<Vec<_>>());
    assert_eq!(panicked.as_deref(), Some("cannot decode 12"));
}

#[test]
fn a_stream_of_results_keeps_its_order() {
    let files = (0..40).map(|i| {
        if i % 7 == 3 {
            Err(format!("file {i} is missing"))
        } else {
            Ok(i)
        }
    });
    let decoded: Vec<Result<i32, String>> = files
        .parallel_map(3, |file| {
            let i = file?;
            // Later files decode faster.
            thread::sleep(Duration::from_micros(40 - i as u64));
            Ok(i * 10)
        })
        .collect();
    let expected: Vec<Result<i32, String>> = (0..40)
        .map(|i| {
            if i % 7 == 3 {
                Err(format!("file {i} is missing"))
            } else {
                Ok(i * 10)
            }
        })
        .collect();
    assert_eq!(decoded, expected);
}

/// The seed's shape case with an id; elements in `bad` have shape `(2, 2)`.
#[derive(Debug, PartialEq, TensorSpec)]
#[tensor(batch = SampleBatch)]
struct Sample {
    #[tensor(dtype = f32, shape = [3, 2])]
    points: Array2<f32>,
    #[tensor(dtype = i64, shape = [])]
    id: i64,
}

/// "Decodes" element `id`: later elements take less time, so they tend to finish first.
fn decode(id: i64) -> Sample {
    thread::sleep(Duration::from_micros(30u64.saturating_sub(id as u64)));
    let rows = if id == 17 { 2 } else { 3 };
    Sample {
        points: Array2::from_elem((rows, 2), id as f32),
        id,
    }
}

#[test]
fn validated_after_parallel_map_reports_the_streams_indices() {
    let mut valid = Vec::new();
    for element in (0..30).parallel_map(3, decode).validated() {
        match element {
            Ok(sample) => valid.push(sample.id),
            Err(invalid) => {
                assert_eq!(invalid.index, 17);
                assert_eq!(invalid.sample.id, 17);
                assert_eq!(
                    invalid.to_string(),
                    "element 17: field `points`: shape mismatch: expected [3, 2], found [2, 2]"
                );
            }
        }
    }
    assert_eq!(valid, (0..30).filter(|&i| i != 17).collect::<Vec<_>>());
}

#[test]
fn batched_after_parallel_map_reports_the_streams_indices() {
    let mut out = Vec::new();
    for item in (0..30).parallel_map(4, decode).batched(8).prefetch(2) {
        match item {
            Ok(batch) => out.push(batch.id.to_vec()),
            Err(BatchError::Invalid(invalid)) => out.push(vec![-(invalid.index as i64)]),
            Err(error) => panic!("{error}"),
        }
    }
    let expected: Vec<Vec<i64>> = vec![
        (0..8).collect(),
        (8..16).collect(),
        vec![-17],
        [16, 18, 19, 20, 21, 22, 23, 24].into(),
        (25..30).collect(),
    ];
    assert_eq!(out, expected);
}

#[test]
fn a_prefetched_parallel_pipeline_equals_the_sequential_one() {
    let sequential: Vec<Vec<i64>> = (0..100)
        .map(decode)
        .validated()
        .filter_map(Result::ok)
        .batched(16)
        .map(|batch| batch.map_or_else(|_| Vec::new(), |batch| batch.id.to_vec()))
        .collect();
    let overlapped: Vec<Vec<i64>> = (0..100)
        .parallel_map(2, decode)
        .validated()
        .filter_map(Result::ok)
        .batched(16)
        .prefetch(3)
        .map(|batch| batch.map_or_else(|_| Vec::new(), |batch| batch.id.to_vec()))
        .collect();
    assert_eq!(overlapped.len(), 7);
    assert_eq!(overlapped, sequential);
}
