//! `batched(n)` on streams of samples and on `validated()` streams.

use ndarray::{Array2, array};
use tensorspec::prelude::*;
use tensorspec::stream::BatchError;

#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = PointsBatch)]
struct Points {
    #[tensor(dtype = f32, shape = [N, 2])]
    points: Array2<f32>,
    #[tensor(shape = [])]
    id: i64,
}

fn points(id: i64, n: usize) -> Points {
    Points {
        points: Array2::from_elem((n, 2), id as f32),
        id,
    }
}

#[test]
fn batches_have_n_samples_and_the_last_one_the_rest() {
    let batches: Vec<PointsBatch> = (0..10)
        .map(|id| points(id, 3))
        .batched(4)
        .collect::<Result<_, _>>()
        .unwrap();
    let ids: Vec<Vec<i64>> = batches.iter().map(|b| b.id.to_vec()).collect();
    assert_eq!(ids, [vec![0, 1, 2, 3], vec![4, 5, 6, 7], vec![8, 9]]);
    assert_eq!(batches[2].points[[1, 2, 0]], 9.0);

    let full: Vec<usize> = (0..10)
        .map(|id| points(id, 3))
        .batched(4)
        .drop_last()
        .map(|b| b.unwrap().len())
        .collect();
    assert_eq!(full, [4, 4]);
    assert_eq!((0..0).map(|id| points(id, 3)).batched(4).count(), 0);
}

#[test]
fn an_invalid_element_is_reported_and_its_neighbours_still_reach_their_batch() {
    // Element 5 has 3 columns where 2 are declared.
    let stream = (0..9).map(|id| {
        if id == 5 {
            Points {
                points: Array2::zeros((3, 3)),
                id,
            }
        } else {
            points(id, 3)
        }
    });
    let mut seen = Vec::new();
    for item in stream.validated().batched(4) {
        match item {
            Ok(batch) => seen.push(format!("{:?}", batch.id.to_vec())),
            Err(BatchError::Invalid(invalid)) => {
                assert_eq!(invalid.sample.id, 5);
                seen.push(invalid.to_string());
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(
        seen,
        [
            "[0, 1, 2, 3]",
            "element 5: field `points`: shape mismatch: expected [N=3, 2], found [3, 3]",
            "[4, 6, 7, 8]",
        ]
    );
}

#[test]
fn samples_that_cannot_be_stacked_are_handed_back_with_their_position() {
    // Each sample is valid, but `N` differs between samples 5 and 4.
    let stream = (0..8).map(|id| points(id, if id == 5 { 4 } else { 3 }));
    let items: Vec<_> = stream.validated().batched(4).collect();
    assert!(items[0].is_ok());
    match &items[1] {
        Err(BatchError::Stack {
            indices,
            samples,
            error,
            ..
        }) => {
            assert_eq!(*indices, [4, 5, 6, 7]);
            assert_eq!(
                samples.iter().map(|s| s.id).collect::<Vec<_>>(),
                [4, 5, 6, 7]
            );
            assert_eq!(
                error.to_string(),
                "field `points`: sample 1 has extent 4 on axis 0, but sample 0 has 3"
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        items[1].as_ref().unwrap_err().to_string(),
        "field `points`: element 5 has extent 4 on axis 0, but element 4 has 3"
    );
    assert_eq!(items[1].as_ref().unwrap_err().index(), 5);
}

#[test]
fn a_stack_error_after_a_skipped_invalid_element_names_stream_indices() {
    // Element 1 breaks its spec and is reported alone; elements 0, 2, 3, 4 form the batch,
    // and element 4's extent differs from element 0's.
    let stream = (0..5).map(|id| match id {
        1 => Points {
            points: Array2::zeros((3, 3)),
            id,
        },
        4 => points(id, 4),
        _ => points(id, 3),
    });
    let items: Vec<_> = stream.batched(4).collect();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].as_ref().unwrap_err().index(), 1);
    let error = items[1].as_ref().unwrap_err();
    assert_eq!(error.index(), 4);
    assert_eq!(
        error.to_string(),
        "field `points`: element 4 has extent 4 on axis 0, but element 0 has 3"
    );
    match error {
        BatchError::Stack { indices, .. } => assert_eq!(*indices, [0, 2, 3, 4]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn padded_batches_pad_to_the_longest_sample_and_report_lengths() {
    let stream = [2, 1, 3, 2, 1]
        .into_iter()
        .enumerate()
        .map(|(id, n)| points(id as i64, n));
    let batches: Vec<_> = stream
        .batched(3)
        .padded()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(batches.len(), 2);
    assert_eq!(batches[0].batch.points.shape(), [3, 3, 2]);
    assert_eq!(
        batches[0].batch.points.index_axis(ndarray::Axis(0), 1),
        array![[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]]
    );
    assert_eq!(
        batches[0].lengths.axis("points", 0).unwrap().to_vec(),
        [2, 1, 3]
    );
    assert_eq!(batches[1].batch.points.shape(), [2, 2, 2]);
    assert_eq!(
        batches[1].lengths.axis("points", 0).unwrap().to_vec(),
        [2, 1]
    );
}

#[test]
fn streams_of_references_batch_without_moving_samples() {
    let samples: Vec<Points> = (0..6).map(|id| points(id, 2)).collect();
    let batches: Vec<PointsBatch> = samples
        .iter()
        .validated()
        .batched(3)
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(batches[1].id, array![3, 4, 5]);
    assert_eq!(batches[1].clone().into_samples().unwrap(), samples[3..]);
}

#[test]
#[should_panic(expected = "batched(0): a batch size must be at least 1")]
fn a_batch_size_of_zero_is_refused() {
    let _ = (0..3).map(|id| points(id, 1)).batched(0);
}

#[test]
fn a_stream_batched_after_some_elements_were_pulled_keeps_their_indices() {
    // Elements 0..3 have 3 points, element 3 has 2: pulled from element 1 on, the batch of
    // elements 1, 2, 3 cannot be stacked, and the error names elements 3 and 1.
    let mut stream = (0..4)
        .map(|id| points(id, if id == 3 { 2 } else { 3 }))
        .validated();
    stream.next();
    let error = stream.batched(3).next().unwrap().unwrap_err();
    assert_eq!(error.index(), 3);
    assert_eq!(
        error.to_string(),
        "field `points`: element 3 has extent 2 on axis 0, but element 1 has 3"
    );
}
