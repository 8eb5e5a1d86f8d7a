//! `try_validated()`: a fallible generator's stream, with generator errors and invalid samples
//! reported by stream index, the error kept as the report's source, and batching as usual.

use std::error::Error;
use std::fmt;

use ndarray::Array2;
use tensorspec::prelude::*;
use tensorspec::stream::{BatchError, Rejected};

#[derive(Debug, TensorSpec)]
#[tensor(batch = PointsBatch)]
struct Points {
    #[tensor(shape = [N, 2])]
    points: Array2<f32>,
    id: i64,
}

#[derive(Debug)]
struct DecodeError(i64);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "file {} is corrupt", self.0)
    }
}

impl Error for DecodeError {}

/// Element `i`: a decoding error where `i % 5 == 1`, an invalid sample where `i % 5 == 3`.
fn decode(i: i64) -> Result<Points, DecodeError> {
    match i % 5 {
        1 => Err(DecodeError(i)),
        3 => Ok(Points {
            points: Array2::zeros((2, 3)),
            id: i,
        }),
        _ => Ok(Points {
            points: Array2::zeros((2, 2)),
            id: i,
        }),
    }
}

#[test]
fn errors_and_invalid_samples_are_reported_with_their_index_and_the_stream_goes_on() {
    let mut valid = Vec::new();
    let mut reports = Vec::new();
    for element in (0..10).map(decode).try_validated() {
        match element {
            Ok(sample) => valid.push(sample.id),
            Err(rejected) => {
                let index = rejected.index();
                let source = rejected.source().map(ToString::to_string);
                match &rejected {
                    Rejected::Failed { error, .. } => assert_eq!(error.0, index as i64),
                    Rejected::Invalid(invalid) => assert_eq!(invalid.sample.id, index as i64),
                    _ => unreachable!(),
                }
                reports.push((rejected.to_string(), source));
            }
        }
    }
    assert_eq!(valid, [0, 2, 4, 5, 7, 9]);
    assert_eq!(
        reports[0],
        (
            "element 1: file 1 is corrupt".to_owned(),
            Some("file 1 is corrupt".to_owned())
        )
    );
    assert_eq!(
        reports[1].0,
        "element 3: field `points`: shape mismatch: expected [N=2, 2], found [2, 3]"
    );
    assert_eq!(reports.len(), 4);
}

#[test]
fn batches_of_a_fallible_generator_keep_stream_indices() {
    let mut batches = Vec::new();
    let mut reported = Vec::new();
    for item in (0..10).map(decode).try_validated().batched(3) {
        match item {
            Ok(batch) => {
                batch.validate().unwrap();
                batches.push(batch.id.to_vec());
            }
            Err(BatchError::Invalid(rejected)) => reported.push(rejected.index()),
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(reported, [1, 3, 6, 8]);
    assert_eq!(batches, [vec![0, 2, 4], vec![5, 7, 9]]);
}

#[test]
fn a_batch_error_of_a_fallible_stream_has_the_generators_error_as_its_source() {
    let error = (0..2)
        .map(decode)
        .try_validated()
        .batched(2)
        .find_map(Result::err)
        .unwrap();
    assert_eq!(error.index(), 1);
    assert_eq!(error.to_string(), "element 1: file 1 is corrupt");
    // The report's source: the generator's own error, kept as a value.
    let source = error.source().unwrap();
    assert_eq!(source.to_string(), "file 1 is corrupt");
    assert!(source.downcast_ref::<DecodeError>().is_some());
}
