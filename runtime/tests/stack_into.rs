//! `stack_into`: a batch refilled in place equals a fresh one, and keeps its allocations.

use ndarray::{Array2, Array3, ArrayD};
use tensorspec::{StackError, TensorSpec};

#[derive(Clone, Debug, TensorSpec)]
#[tensor(batch = CameraBatch)]
struct Camera {
    #[tensor(shape = [3, 3])]
    intrinsics: [[f64; 3]; 3],
}

#[derive(Clone, Debug, TensorSpec)]
#[tensor(batch = FrameBatch)]
struct Frame {
    #[tensor(dtype = u8, shape = [H, W, 3])]
    pixels: Array3<u8>,
    #[tensor(shape = [_, 4])]
    boxes: Option<Array2<f32>>,
    camera: Camera,
    label: i64,
    #[tensor(skip)]
    source: String,
}

fn frame(i: i64, h: usize, boxes: bool) -> Frame {
    Frame {
        pixels: Array3::from_elem((h, 4, 3), i as u8),
        boxes: boxes.then(|| Array2::from_elem((2, 4), i as f32)),
        camera: Camera {
            intrinsics: [[i as f64; 3]; 3],
        },
        label: i,
        source: format!("frame-{i}.png"),
    }
}

fn assert_same(a: &FrameBatch, b: &FrameBatch) {
    assert_eq!(a.pixels, b.pixels);
    assert_eq!(a.boxes, b.boxes);
    assert_eq!(a.camera.intrinsics, b.camera.intrinsics);
    assert_eq!(a.label, b.label);
    assert_eq!(a.source, b.source);
}

#[test]
fn a_refilled_batch_equals_a_fresh_one_and_keeps_its_buffers() {
    let first: Vec<Frame> = (0..4).map(|i| frame(i, 5, true)).collect();
    let mut batch = Frame::stack(&first).unwrap();
    let pixels = batch.pixels.as_ptr();
    let labels = batch.label.as_ptr();

    let second: Vec<Frame> = (10..14).map(|i| frame(i, 5, true)).collect();
    Frame::stack_into(&second, &mut batch).unwrap();
    assert_same(&batch, &Frame::stack(&second).unwrap());
    batch.validate().unwrap();
    // The same allocations, refilled: no new memory for a batch of the same size.
    assert_eq!(batch.pixels.as_ptr(), pixels);
    assert_eq!(batch.label.as_ptr(), labels);

    // Smaller and larger batches, other extents, an optional field that comes and goes.
    for (n, h, boxes) in [(2, 3, false), (6, 7, true), (0, 1, true), (3, 5, true)] {
        let samples: Vec<Frame> = (0..n).map(|i| frame(i, h, boxes)).collect();
        Frame::stack_into(&samples, &mut batch).unwrap();
        assert_same(&batch, &Frame::stack(&samples).unwrap());
        assert_eq!(batch.len(), n as usize);
        batch.validate().unwrap();
    }
}

#[test]
fn an_invalid_sample_is_refused_and_the_batch_is_not_half_filled_with_it() {
    let good: Vec<Frame> = (0..3).map(|i| frame(i, 5, true)).collect();
    let mut batch = Frame::stack(&good).unwrap();
    let mut bad = good.clone();
    bad[1].pixels = Array3::zeros((5, 4, 2));
    assert!(matches!(
        Frame::stack_into(&bad, &mut batch),
        Err(StackError::Invalid { sample: 1, .. })
    ));
    // Validation comes first: the batch is untouched.
    assert_same(&batch, &Frame::stack(&good).unwrap());
}

/// A stream of frames: element 3 is invalid, element 0 has no boxes while 1, 2 and 4 have
/// (an optional that comes and goes), and element 9 is 6 high where the others are 5.
fn stream() -> impl Iterator<Item = Frame> {
    (0..14).map(|i| {
        let mut frame = frame(i, if i == 9 { 6 } else { 5 }, i % 3 != 0 || i >= 6);
        if i == 3 {
            frame.pixels = Array3::zeros((5, 4, 2));
        }
        frame
    })
}

#[test]
fn a_batched_stream_refills_the_batch_it_is_handed_back() {
    use tensorspec::prelude::*;
    use tensorspec::stream::BatchError;

    // What `next` yields, as (indices or invalid index, labels).
    let mut expected = Vec::new();
    for item in stream().batched(4) {
        expected.push(match item {
            Ok(batch) => Ok(batch.label.to_vec()),
            Err(BatchError::Invalid(invalid)) => Err(vec![invalid.index]),
            Err(BatchError::Stack { indices, .. }) => Err(indices),
            Err(other) => panic!("{other}"),
        });
    }
    assert_eq!(
        expected,
        [
            Err(vec![3]),
            Err(vec![0, 1, 2, 4]),
            Ok(vec![5, 6, 7, 8]),
            Err(vec![9, 10, 11, 12]),
            Ok(vec![13]),
        ]
    );

    // `next_into` yields the same, in one batch refilled in place.
    let mut stream = stream().batched(4);
    let mut batch = Frame::stack(&[frame(100, 5, true)]).unwrap();
    let mut got = Vec::new();
    while let Some(item) = stream.next_into(&mut batch) {
        got.push(match item {
            Ok(()) => {
                batch.validate().unwrap();
                Ok(batch.label.to_vec())
            }
            Err(BatchError::Invalid(invalid)) => Err(vec![invalid.index]),
            Err(BatchError::Stack {
                indices, samples, ..
            }) => {
                assert_eq!(samples.len(), indices.len()); // handed back
                Err(indices)
            }
            Err(other) => panic!("{other}"),
        });
    }
    assert_eq!(got, expected);
    assert!(stream.next_into(&mut batch).is_none());
}

#[derive(Clone, Debug, TensorSpec)]
#[tensor(batch = MaskedBatch)]
struct Masked {
    #[tensor(shape = [8, 8])]
    mask: Option<Array2<u8>>,
    #[tensor(shape = [8])]
    weights: Box<[f32; 8]>,
}

#[test]
fn optional_and_boxed_fields_keep_their_buffers_too() {
    let masked = |i: u8, present: bool| Masked {
        mask: present.then(|| Array2::from_elem((8, 8), i)),
        weights: Box::new([f32::from(i); 8]),
    };
    let samples: Vec<Masked> = (0..4).map(|i| masked(i, true)).collect();
    let mut batch = Masked::stack(&samples).unwrap();
    let mask = batch.mask.as_ref().unwrap().as_ptr();
    let weights = batch.weights.as_ptr();

    let samples: Vec<Masked> = (4..8).map(|i| masked(i, true)).collect();
    Masked::stack_into(&samples, &mut batch).unwrap();
    let fresh = Masked::stack(&samples).unwrap();
    assert_eq!(batch.mask, fresh.mask);
    assert_eq!(batch.weights, fresh.weights);
    assert_eq!(batch.mask.as_ref().unwrap().as_ptr(), mask);
    assert_eq!(batch.weights.as_ptr(), weights);

    // Absent, then present again: the batch follows the samples.
    let absent: Vec<Masked> = (0..4).map(|i| masked(i, false)).collect();
    Masked::stack_into(&absent, &mut batch).unwrap();
    assert!(batch.mask.is_none());
    Masked::stack_into(&samples, &mut batch).unwrap();
    assert_eq!(batch.mask, fresh.mask);
    assert_eq!(batch.weights.as_ptr(), weights);
}

#[test]
fn a_refilled_padded_batch_equals_a_fresh_one_and_keeps_its_buffers() {
    use tensorspec::Padded;

    // Heights 3..=6 in one group: padded to the tallest.
    let group = |first: i64, heights: &[usize], boxes: bool| -> Vec<Frame> {
        heights
            .iter()
            .zip(first..)
            .map(|(&h, i)| frame(i, h, boxes))
            .collect()
    };
    let assert_same_padded = |a: &Padded<FrameBatch>, b: &Padded<FrameBatch>| {
        assert_same(&a.batch, &b.batch);
        for field in ["pixels", "boxes", "camera.intrinsics"] {
            assert_eq!(a.lengths.field(field), b.lengths.field(field), "{field}");
        }
        assert!(a.lengths.field("pixels").is_some());
        a.batch.validate().unwrap();
    };
    let first = group(0, &[3, 6, 4, 5], true);
    let mut batch = Frame::stack_padded(&first).unwrap();
    let pixels = batch.batch.pixels.as_ptr();
    let labels = batch.batch.label.as_ptr();

    let second = group(10, &[6, 2, 6, 1], true);
    Frame::stack_padded_into(&second, &mut batch).unwrap();
    assert_same_padded(&batch, &Frame::stack_padded(&second).unwrap());
    assert_eq!(batch.batch.pixels.as_ptr(), pixels);
    assert_eq!(batch.batch.label.as_ptr(), labels);

    // Fewer, more, none, and boxes that go and come back.
    for (heights, boxes) in [
        (&[2, 3][..], false),
        (&[7, 1, 2, 3, 4, 5][..], true),
        (&[][..], true),
        (&[4, 4, 4][..], true),
    ] {
        let samples = group(20, heights, boxes);
        Frame::stack_padded_into(&samples, &mut batch).unwrap();
        assert_same_padded(&batch, &Frame::stack_padded(&samples).unwrap());
        assert_eq!(batch.batch.len(), heights.len());
    }

    // An invalid sample is refused before anything is written.
    let before = Frame::stack_padded(&group(30, &[2, 3], true)).unwrap();
    let mut batch = Frame::stack_padded(&group(30, &[2, 3], true)).unwrap();
    let mut bad = group(40, &[2, 3], true);
    bad[0].pixels = Array3::zeros((2, 4, 1));
    assert!(matches!(
        Frame::stack_padded_into(&bad, &mut batch),
        Err(StackError::Invalid { sample: 0, .. })
    ));
    assert_same_padded(&batch, &before);
}

#[test]
fn samples_that_cannot_share_a_batch_leave_no_half_refilled_batch() {
    // Valid samples whose heights differ: `stack` refuses them at `pixels`, after `label`
    // and the others could have been refilled.
    let mut batch = Frame::stack(&[frame(0, 5, true), frame(1, 5, true)]).unwrap();
    let differ = [frame(2, 5, true), frame(3, 6, true)];
    let error = Frame::stack_into(&differ, &mut batch).unwrap_err();
    assert!(matches!(error, StackError::Extent { .. }), "{error:?}");
    assert_eq!(batch.len(), 0);
    assert_eq!(batch.label.len(), 0);
    batch.validate().unwrap();

    // Padded, the same samples stack; an optional that comes and goes does not.
    let mut padded = Frame::stack_padded(&differ).unwrap();
    let error = Frame::stack_padded_into(&[frame(4, 5, true), frame(5, 5, false)], &mut padded)
        .unwrap_err();
    assert!(matches!(error, StackError::Presence { .. }), "{error:?}");
    assert_eq!(padded.batch.len(), 0);
    assert_eq!(padded.batch.label.len(), 0);
    assert!(padded.lengths.field("pixels").is_none());
    padded.batch.validate().unwrap();
}

#[derive(Clone, Debug, TensorSpec)]
#[tensor(batch = GridBatch)]
struct Grid {
    #[tensor(shape = [H, W])]
    cells: Array2<f32>,
    any: ArrayD<f32>,
    label: i64,
}

fn grid(i: i64, cells: Array2<f32>, any: &[usize]) -> Grid {
    Grid {
        cells,
        any: ArrayD::from_elem(any, i as f32),
        label: i,
    }
}

fn cells(i: i64, h: usize, w: usize) -> Array2<f32> {
    Array2::from_shape_fn((h, w), |(y, x)| (i * 100) as f32 + (y * w + x) as f32)
}

fn assert_same_grid(a: &GridBatch, b: &GridBatch) {
    assert_eq!(a.cells, b.cells);
    assert_eq!(a.any, b.any);
    assert_eq!(a.label, b.label);
}

#[test]
fn a_refill_compares_each_samples_shape_with_the_batchs_as_stack_would() {
    let first: Vec<Grid> = (0..3).map(|i| grid(i, cells(i, 2, 3), &[2])).collect();
    let mut batch = Grid::stack(&first).unwrap();

    // The batch's shape in every sample but one, wherever it is: the error `stack` gives, and
    // an emptied batch. Sample 0 unlike the batch, the others like it, is the same error.
    for odd in 0..3 {
        let samples: Vec<Grid> = (0..3)
            .map(|i| match i == odd {
                true => grid(i, cells(i, 3, 2), &[2]),
                false => grid(i, cells(i, 2, 3), &[2]),
            })
            .collect();
        let error = Grid::stack_into(&samples, &mut batch).unwrap_err();
        let expected = Grid::stack(&samples).unwrap_err();
        assert_eq!(format!("{error:?}"), format!("{expected:?}"));
        assert_eq!(error.to_string(), expected.to_string());
        assert_eq!(batch.len(), 0);
        Grid::stack_into(&first, &mut batch).unwrap();
        assert_same_grid(&batch, &Grid::stack(&first).unwrap());
    }

    // A rank that differs in a later sample of an `IxDyn` field: the rank error of `stack`.
    let ranks = [
        grid(0, cells(0, 2, 3), &[2]),
        grid(1, cells(1, 2, 3), &[2, 1]),
    ];
    let error = Grid::stack_into(&ranks, &mut batch).unwrap_err();
    let expected = Grid::stack(&ranks).unwrap_err();
    assert!(matches!(error, StackError::Rank { .. }), "{error:?}");
    assert_eq!(format!("{error:?}"), format!("{expected:?}"));

    // Samples alike but unlike the batch: it is rebuilt to their shape.
    let other: Vec<Grid> = (0..4).map(|i| grid(i, cells(i, 3, 2), &[1, 2])).collect();
    Grid::stack_into(&first, &mut batch).unwrap();
    Grid::stack_into(&other, &mut batch).unwrap();
    assert_same_grid(&batch, &Grid::stack(&other).unwrap());
    batch.validate().unwrap();

    // The batch's shape in a column-major sample (not one contiguous row): refilled as
    // `stack` would, element by element in standard order.
    Grid::stack_into(&first, &mut batch).unwrap();
    let columns: Vec<Grid> = (0..3)
        .map(|i| grid(i, cells(i, 3, 2).reversed_axes(), &[2]))
        .collect();
    assert!(columns[0].cells.as_slice().is_none());
    Grid::stack_into(&columns, &mut batch).unwrap();
    assert_same_grid(&batch, &Grid::stack(&columns).unwrap());
    assert_eq!(
        batch.cells.slice(ndarray::s![1, 0, ..]).to_vec(),
        [100.0, 102.0, 104.0]
    );
    batch.validate().unwrap();
}
