//! Property tests of stacking: random batch sizes and extents.

use ndarray::{Array2, Axis};
use proptest::prelude::*;
use tensorspec::StackError;
use tensorspec::prelude::*;

#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = SeqBatch)]
struct Seq {
    #[tensor(shape = [T, 2], pad = -1.0)]
    points: Array2<f32>,
    #[tensor(shape = [T], pad = 7)]
    ids: Vec<i32>,
    #[tensor(shape = [])]
    label: u16,
}

/// Sample `i` with `t` steps, every value distinct.
fn seq(i: usize, t: usize) -> Seq {
    Seq {
        points: Array2::from_shape_fn((t, 2), |(r, c)| (i * 1000 + r * 2 + c) as f32),
        ids: (0..t).map(|r| (i * 1000 + 500 + r) as i32).collect(),
        label: i as u16,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn equal_extents_stack_to_the_samples_values(n in 0..7usize, t in 0..5usize) {
        let samples: Vec<Seq> = (0..n).map(|i| seq(i, t)).collect();
        let batch = Seq::stack(&samples).unwrap();
        prop_assert_eq!(batch.len(), n);
        // No samples: `T` is unknown, and the declared 2 stays.
        let steps = if n == 0 { 0 } else { t };
        prop_assert_eq!(batch.points.shape(), &[n, steps, 2]);
        for (i, sample) in samples.iter().enumerate() {
            prop_assert_eq!(batch.points.index_axis(Axis(0), i), sample.points.view());
            prop_assert_eq!(batch.ids.index_axis(Axis(0), i).to_vec(), sample.ids.clone());
            prop_assert_eq!(batch.label[i], sample.label);
        }
        prop_assert_eq!(batch.into_samples().unwrap(), samples);
    }

    #[test]
    fn differing_extents_are_rejected_at_the_first_differing_sample(
        extents in prop::collection::vec(0..4usize, 1..8)
    ) {
        let samples: Vec<Seq> = extents.iter().enumerate().map(|(i, &t)| seq(i, t)).collect();
        let first_differing = extents.iter().position(|&t| t != extents[0]);
        match (Seq::stack(&samples), first_differing) {
            (Ok(batch), None) => prop_assert_eq!(batch.len(), samples.len()),
            (Err(StackError::Extent { field, axis, sample, expected, found, .. }), Some(i)) => {
                prop_assert_eq!(field, "points");
                prop_assert_eq!(axis, 0);
                prop_assert_eq!(sample, i);
                prop_assert_eq!(expected, extents[0]);
                prop_assert_eq!(found, extents[i]);
            }
            (other, expected) => prop_assert!(false, "{other:?} for first differing {expected:?}"),
        }
    }

    #[test]
    fn padded_batches_hold_each_sample_and_pad_the_rest(
        extents in prop::collection::vec(0..5usize, 0..7)
    ) {
        let samples: Vec<Seq> = extents.iter().enumerate().map(|(i, &t)| seq(i, t)).collect();
        let padded = Seq::stack_padded(&samples).unwrap();
        let longest = extents.iter().copied().max().unwrap_or(0);
        prop_assert_eq!(padded.batch.points.shape(), &[samples.len(), longest, 2]);
        for (i, sample) in samples.iter().enumerate() {
            let t = extents[i];
            for r in 0..longest {
                for c in 0..2 {
                    let expected = if r < t { sample.points[[r, c]] } else { -1.0 };
                    prop_assert_eq!(padded.batch.points[[i, r, c]], expected);
                }
                let expected = if r < t { sample.ids[r] } else { 7 };
                prop_assert_eq!(padded.batch.ids[[i, r]], expected);
            }
        }
        let lengths = padded.lengths.axis("ids", 0).map(|a| a.to_vec());
        prop_assert_eq!(lengths, Some(extents.clone()));
        let shapes = padded.lengths.field("points").unwrap();
        for (i, &t) in extents.iter().enumerate() {
            prop_assert_eq!(shapes.row(i).to_vec(), vec![t, 2]);
        }
    }

    #[test]
    fn batched_streams_cut_every_n_samples_in_order(len in 0..40usize, n in 1..9usize, drop_last: bool) {
        let stream = (0..len).map(|i| seq(i, 2));
        let batches = stream.batched(n);
        let batches = if drop_last { batches.drop_last() } else { batches };
        let labels: Vec<Vec<u16>> = batches.map(|b| b.unwrap().label.to_vec()).collect();
        let expected: Vec<Vec<u16>> = (0..len as u16)
            .collect::<Vec<_>>()
            .chunks(n)
            .filter(|chunk| !drop_last || chunk.len() == n)
            .map(<[u16]>::to_vec)
            .collect();
        prop_assert_eq!(labels, expected);
    }
}
