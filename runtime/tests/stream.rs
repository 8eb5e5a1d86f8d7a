//! `validated()` and the adapters after it.

use std::cell::Cell;
use std::error::Error;

use ndarray::Array2;
use tensorspec::prelude::*;
use tensorspec::{Invalid, Violations};

/// The TensorFlow shape case: `(3, 2)` declared.
#[derive(Debug, PartialEq, TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [3, 2])]
    points: Array2<f32>,
    #[tensor(dtype = i64, shape = [])]
    id: i64,
}

/// Twenty elements; those in `bad` have shape `(2, 2)`.
fn generator(bad: &'static [i64]) -> impl Iterator<Item = Sample> {
    (0..20).map(move |id| Sample {
        points: if bad.contains(&id) {
            Array2::zeros((2, 2))
        } else {
            Array2::zeros((3, 2))
        },
        id,
    })
}

#[test]
fn an_invalid_element_keeps_its_index_and_itself_and_the_stream_goes_on() {
    let results: Vec<Result<Sample, Invalid<Sample>>> = generator(&[17]).validated().collect();
    assert_eq!(results.len(), 20);
    for (i, result) in results.iter().enumerate() {
        assert_eq!(result.is_ok(), i != 17, "element {i}");
    }
    let Some(Err(invalid)) = results.into_iter().nth(17) else {
        panic!("element 17 is invalid");
    };
    assert_eq!(invalid.index, 17);
    assert_eq!(invalid.sample.id, 17);
    assert_eq!(invalid.sample.points.shape(), [2, 2]);
    assert_eq!(invalid.violations.len(), 1);
    assert_eq!(
        invalid.to_string(),
        "element 17: field `points`: shape mismatch: expected [3, 2], found [2, 2]"
    );
    assert_eq!(invalid.into_sample().id, 17);
}

#[test]
fn every_violation_of_an_element_is_on_its_own_prefixed_line() {
    #[derive(TensorSpec)]
    struct Two {
        #[tensor(shape = [2])]
        a: Vec<u8>,
        #[tensor(shape = [2])]
        b: Vec<u8>,
    }
    let invalid = [Two {
        a: vec![],
        b: vec![1],
    }]
    .into_iter()
    .validated()
    .find_map(Result::err)
    .unwrap();
    assert_eq!(
        invalid.to_string(),
        "element 0: field `a`: shape mismatch: expected [2], found [0]\n\
         element 0: field `b`: shape mismatch: expected [2], found [1]"
    );
}

#[test]
fn invalid_is_an_error_whose_debug_shows_no_data() {
    fn first_invalid() -> Result<usize, Box<dyn Error + Send + Sync>> {
        let mut count = 0;
        for sample in generator(&[3]).validated() {
            sample?;
            count += 1;
        }
        Ok(count)
    }
    let error = first_invalid().unwrap_err();
    assert!(error.to_string().starts_with("element 3: field `points`"));
    let invalid = generator(&[3]).validated().find_map(Result::err).unwrap();
    let debug = format!("{invalid:?}");
    assert!(
        debug.starts_with("Invalid { index: 3, sample: stream::Sample { .. }"),
        "{debug}"
    );
    assert!(!debug.contains("0.0"), "{debug}");
    let _: &dyn Error = &invalid.violations;
    let violations: Violations = invalid.violations;
    assert_eq!(violations.into_vec().len(), 1);
}

#[test]
fn on_invalid_yields_the_valid_elements_and_hands_over_the_invalid_ones() {
    let mut rejected = Vec::new();
    let ids: Vec<i64> = generator(&[2, 5, 19])
        .validated()
        .on_invalid(|invalid| rejected.push((invalid.index, invalid.sample.id)))
        .map(|sample| sample.id)
        .collect();
    assert_eq!(ids.len(), 17);
    assert!(!ids.contains(&2) && !ids.contains(&5) && !ids.contains(&19));
    assert_eq!(rejected, [(2, 2), (5, 5), (19, 19)]);
}

#[test]
fn drop_invalid_counts_what_it_drops() {
    let mut stream = generator(&[0, 1, 2, 10]).validated().drop_invalid();
    assert_eq!(stream.dropped(), 0);
    let first = stream.next().unwrap();
    assert_eq!((first.id, stream.dropped()), (3, 3));
    assert_eq!(stream.by_ref().count(), 15);
    assert_eq!(stream.dropped(), 4);
}

#[test]
fn while_valid_streams_until_the_first_invalid_element_and_returns_it() {
    let pulled = Cell::new(0);
    let counted = generator(&[4, 8]).inspect(|_| pulled.set(pulled.get() + 1));
    let result = counted.validated().while_valid(|samples| samples.count());
    let invalid = result.unwrap_err();
    assert_eq!((invalid.index, invalid.sample.id), (4, 4));
    // Nothing after the invalid element was pulled.
    assert_eq!(pulled.get(), 5);

    let all = generator(&[])
        .validated()
        .while_valid(|samples| samples.count());
    assert_eq!(all.unwrap(), 20);

    // A closure that stops early, before any invalid element, succeeds.
    let early = generator(&[10])
        .validated()
        .while_valid(|mut samples| samples.next().map(|s| s.id));
    assert_eq!(early.unwrap(), Some(0));
}

#[test]
fn collecting_results_stops_at_the_first_invalid_element() {
    let all: Result<Vec<Sample>, Invalid<Sample>> = generator(&[]).validated().collect();
    assert_eq!(all.unwrap().len(), 20);
    let first: Result<Vec<Sample>, Invalid<Sample>> = generator(&[6, 7]).validated().collect();
    assert_eq!(first.unwrap_err().index, 6);
}

#[test]
fn references_and_boxes_stream_without_moving() {
    let samples: Vec<Sample> = generator(&[9]).collect();
    let invalid: Vec<usize> = samples
        .iter()
        .validated()
        .filter_map(|r| r.err().map(|i| i.index))
        .collect();
    assert_eq!(invalid, [9]);
    let boxed: Vec<Box<Sample>> = samples.into_iter().map(Box::new).collect();
    assert_eq!(
        boxed.into_iter().validated().filter(Result::is_err).count(),
        1
    );
}

#[test]
fn the_stream_keeps_the_size_hint_and_counts_positions() {
    let mut stream = generator(&[]).validated();
    assert_eq!(stream.size_hint(), (20, Some(20)));
    assert_eq!(stream.next_index(), 0);
    stream.nth(4);
    assert_eq!(stream.next_index(), 5);
    // `Iterator::position` is not shadowed.
    let first_invalid = generator(&[3]).validated().position(|r| r.is_err());
    assert_eq!(first_invalid, Some(3));
    let exact: Vec<Sample> = generator(&[]).collect();
    assert_eq!(exact.iter().validated().len(), 20);
    assert_eq!(
        generator(&[]).validated().drop_invalid().size_hint(),
        (0, Some(20))
    );
}
