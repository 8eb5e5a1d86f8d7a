//! The spec is enforced at every seam: stacking, padding and batched streams refuse what
//! `validate()` refuses, the shape grammar has no silent readings, and the batch struct's spec
//! names its batch axis once.

use ndarray::{Array2, Array3, ArrayD, IxDyn};
use tensorspec::prelude::*;
use tensorspec::stream::BatchError;
use tensorspec::{Dim, StackError};

#[derive(Clone, Debug, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = u8, shape = [H, W, 3])]
    pixels: Array3<u8>,
    #[tensor(shape = [H, W])]
    mask: Array2<u8>,
    label: i64,
}

fn image(label: i64, h: usize, w: usize, channels: usize) -> Image {
    Image {
        pixels: Array3::from_elem((h, w, channels), label as u8),
        mask: Array2::zeros((h, w)),
        label,
    }
}

#[test]
fn stack_refuses_a_sample_that_breaks_its_spec() {
    // Four samples with 4 channels where `[H, W, 3]` is declared: they agree with each other,
    // and used to stack into a batch that failed its own `validate()`.
    let samples: Vec<Image> = (0..4).map(|i| image(i, 2, 2, 4)).collect();
    let error = Image::stack(&samples).unwrap_err();
    assert!(matches!(error, StackError::Invalid { sample: 0, .. }));
    assert_eq!(
        error.to_string(),
        "sample 0: field `pixels`: shape mismatch: expected [H=2, W=2, 3], found [2, 2, 4]"
    );
    assert!(Image::stack_from(samples.iter()).is_err());

    // A symbol that disagrees between fields of one sample.
    let mut bad = image(1, 2, 2, 3);
    bad.mask = Array2::zeros((2, 3));
    let samples = [image(0, 2, 2, 3), bad];
    let error = Image::stack(&samples).unwrap_err();
    assert!(matches!(error, StackError::Invalid { sample: 1, .. }));
    assert!(std::error::Error::source(&error).is_some());
}

#[test]
fn padding_never_pads_a_sample_into_validity() {
    // A fixed axis too short (2 channels of 3) is not padded up to the declared extent.
    let samples = [image(0, 2, 2, 3), image(1, 3, 2, 2)];
    let error = Image::stack_padded(&samples).unwrap_err();
    assert!(matches!(error, StackError::Invalid { sample: 1, .. }));

    // Open extents (`H`, `W`) are padded, and the padded batch satisfies its spec.
    let samples = [image(0, 2, 2, 3), image(1, 3, 1, 3)];
    let padded = Image::stack_padded(&samples).unwrap();
    assert_eq!(padded.batch.pixels.shape(), [2, 3, 2, 3]);
    assert_eq!(padded.batch.mask.shape(), [2, 3, 2]);
    padded.batch.validate().unwrap();
}

#[test]
fn batched_without_validated_reports_invalid_elements_with_their_index() {
    let stream = (0..6).map(|i| image(i, 2, 2, if i == 2 { 4 } else { 3 }));
    let items: Vec<_> = stream.batched(2).collect();
    let mut batches = Vec::new();
    for item in items {
        match item {
            Ok(batch) => {
                batch.validate().unwrap();
                batches.push(batch.label.to_vec());
            }
            Err(BatchError::Invalid(invalid)) => {
                assert_eq!((invalid.index, invalid.sample.label), (2, 2));
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(batches, [vec![0, 1], vec![3, 4], vec![5]]);

    // Padded streams too: the bad element is reported, never padded.
    let stream = (0..3).map(|i| image(i, 2, 2, if i == 1 { 2 } else { 3 }));
    let items: Vec<_> = stream.batched(3).padded().collect();
    assert!(matches!(&items[0], Err(BatchError::Invalid(invalid)) if invalid.index == 1));
    let padded = items[1].as_ref().unwrap();
    assert_eq!(padded.batch.label.to_vec(), [0, 2]);
    padded.batch.validate().unwrap();
}

#[test]
fn a_batch_size_is_a_most_not_a_reservation() {
    let batches: Vec<_> = (0..3).map(|i| image(i, 1, 1, 3)).batched(1 << 40).collect();
    assert_eq!(batches.len(), 1);
    assert_eq!(batches[0].as_ref().unwrap().len(), 3);
}

#[test]
fn none_is_any_extent_as_in_tensorflow() {
    #[derive(TensorSpec)]
    struct Scores {
        #[tensor(shape = [None, None])]
        scores: Array2<f32>,
    }
    let scores = Scores {
        scores: Array2::zeros((5, 7)),
    };
    scores.validate().unwrap();
    let spec = Scores::spec();
    assert_eq!(spec.to_string(), "scores: f32[_, _]\n");
    assert!(spec.to_tensorflow().contains("shape=(None, None)"));
}

#[test]
fn braces_make_a_constant_a_fixed_extent() {
    const IMG_H: usize = 4;
    #[derive(TensorSpec)]
    struct Fixed {
        #[tensor(shape = [{ IMG_H }, { 2 * IMG_H }])]
        grid: Array2<u8>,
    }
    assert_eq!(Fixed::spec().to_string(), "grid: u8[4, 8]\n");
    assert!(
        Fixed {
            grid: Array2::zeros((7, 9))
        }
        .validate()
        .is_err()
    );
    Fixed {
        grid: Array2::zeros((4, 8)),
    }
    .validate()
    .unwrap();
}

#[test]
fn the_batch_axis_has_one_name_in_every_field() {
    // The sample uses `batch` as a symbol: the batch axis is `batch_size` everywhere, in
    // declared shapes and in shapes the type gives alike.
    #[derive(TensorSpec)]
    #[tensor(batch = GroupBatch)]
    struct Group {
        #[tensor(shape = [batch, 2])]
        members: Array2<f32>,
        weights: [f32; 3],
        any: ArrayD<f32>,
    }
    let spec = GroupBatch::spec();
    assert_eq!(
        spec.to_string(),
        "members: f32[batch_size, batch, 2]\nweights: f32[batch_size, 3]\nany: f32[..]\n"
    );
    let dims = spec.field("weights").unwrap().dims().map(<[Dim]>::to_vec);
    assert_eq!(dims, Some(vec![Dim::Symbol("batch_size"), Dim::Fixed(3)]));

    let group = Group {
        members: Array2::zeros((2, 2)),
        weights: [0.0; 3],
        any: ArrayD::zeros(IxDyn(&[1])),
    };
    let batch = Group::stack(&[group]).unwrap();
    batch.validate().unwrap();
}

#[test]
fn a_batch_whose_field_was_replaced_fails_its_spec_naming_the_batch_axis() {
    let mut batch = Image::stack(&[image(0, 2, 2, 3), image(1, 2, 2, 3)]).unwrap();
    batch.label = ndarray::Array1::zeros(3);
    assert_eq!(
        batch.validate().unwrap_err().to_string(),
        "field `label`: shape mismatch: expected [batch=2], found [3] (batch=2 from `pixels`)"
    );
}

#[allow(non_upper_case_globals)]
const n: i64 = -7;

#[test]
fn a_pad_expression_sees_the_users_names_not_the_generated_code() {
    #[derive(TensorSpec)]
    #[tensor(batch = TokensBatch)]
    struct Tokens {
        #[tensor(shape = [T], pad = n)]
        ids: Vec<i64>,
    }
    let samples = [Tokens { ids: vec![1, 2, 3] }, Tokens { ids: vec![4] }];
    let padded = Tokens::stack_padded(&samples).unwrap();
    assert_eq!(padded.batch.ids, ndarray::array![[1, 2, 3], [4, n, n]]);
}

#[derive(TensorSpec)]
#[tensor(batch = GridBatch)]
struct Grid<const N: usize> {
    #[tensor(shape = [N, 2])]
    cells: [[u8; 2]; N],
    #[tensor(shape = [N])]
    flags: Vec<bool>,
}

#[derive(TensorSpec)]
#[tensor(batch = PixelsBatch)]
struct Pixels<T: tensorspec::Element> {
    #[tensor(shape = [H, W])]
    pixels: Array2<T>,
}

#[test]
fn generic_structs_with_shapes_have_batches() {
    let grids = [
        Grid::<3> {
            cells: [[1; 2]; 3],
            flags: vec![true; 3],
        },
        Grid::<3> {
            cells: [[2; 2]; 3],
            flags: vec![false; 3],
        },
    ];
    let batch = Grid::stack(&grids).unwrap();
    assert_eq!(batch.cells.shape(), [2, 3, 2]);
    batch.validate().unwrap();
    let short = [Grid::<3> {
        cells: [[1; 2]; 3],
        flags: vec![true; 2],
    }];
    assert!(matches!(
        Grid::stack(&short),
        Err(StackError::Invalid { sample: 0, .. })
    ));

    let pixels = [Pixels {
        pixels: Array2::<f32>::zeros((2, 3)),
    }];
    let batch = Pixels::stack(&pixels).unwrap();
    assert_eq!(batch.pixels.shape(), [1, 2, 3]);
    assert_eq!(
        PixelsBatch::<f32>::spec().to_string(),
        "pixels: f32[batch, H, W]\n"
    );
}

#[test]
fn empty_rows_stack_to_the_declared_fixed_extent() {
    #[derive(Debug, TensorSpec)]
    #[tensor(batch = DocBatch)]
    struct Doc {
        #[tensor(shape = [_, 4], pad = -1.0)]
        boxes: Vec<Vec<f32>>,
    }
    let docs = [Doc { boxes: vec![] }, Doc { boxes: vec![] }];
    let batch = Doc::stack(&docs).unwrap();
    assert_eq!(batch.boxes.shape(), [2, 0, 4]);
    batch.validate().unwrap();

    let docs = [
        Doc { boxes: vec![] },
        Doc {
            boxes: vec![vec![1.0; 4]],
        },
    ];
    let padded = Doc::stack_padded(&docs).unwrap();
    assert_eq!(padded.batch.boxes.shape(), [2, 1, 4]);
    padded.batch.validate().unwrap();
    let lengths = padded.lengths.field("boxes").unwrap();
    assert_eq!(lengths.row(0).to_vec(), [0, 4]);
}

#[test]
fn empty_rows_of_open_rank_stack_to_the_declared_rank() {
    #[derive(Debug, TensorSpec)]
    #[tensor(batch = PatchesBatch)]
    struct Patches {
        #[tensor(shape = [_, 2, 2])]
        xs: Vec<ArrayD<f32>>,
    }
    let empty = || Patches { xs: vec![] };
    let batch = Patches::stack(&[empty(), empty()]).unwrap();
    assert_eq!(batch.xs.shape(), [2, 0, 2, 2]);
    batch.validate().unwrap();

    let one = Patches {
        xs: vec![ArrayD::zeros(IxDyn(&[2, 2]))],
    };
    let padded = Patches::stack_padded(&[empty(), one]).unwrap();
    assert_eq!(padded.batch.xs.shape(), [2, 1, 2, 2]);
    padded.batch.validate().unwrap();
}

#[test]
fn padding_extents_that_overflow_is_an_error_in_either_axis_order() {
    #[derive(TensorSpec)]
    #[tensor(batch = SheetBatch)]
    struct Sheet {
        #[tensor(shape = [_, _])]
        cells: Array2<u8>,
    }
    let huge = 1usize << 40;
    let samples = [
        Sheet {
            cells: Array2::zeros((huge, 0)),
        },
        Sheet {
            cells: Array2::zeros((0, huge)),
        },
    ];
    assert!(matches!(
        Sheet::stack_padded(&samples),
        Err(StackError::TooLarge { .. })
    ));
    let reversed = [
        Sheet {
            cells: Array2::zeros((0, huge)),
        },
        Sheet {
            cells: Array2::zeros((huge, 0)),
        },
    ];
    assert!(matches!(
        Sheet::stack_padded(&reversed),
        Err(StackError::TooLarge { .. })
    ));
}

#[test]
fn empty_rows_whose_symbol_another_field_binds_stack_into_a_valid_batch() {
    #[derive(Debug, TensorSpec)]
    #[tensor(batch = DetectionsBatch)]
    struct Detections {
        #[tensor(shape = [_, H])]
        rows: Vec<Vec<f32>>,
        #[tensor(shape = [H])]
        scale: ndarray::Array1<f32>,
    }
    let empty = || Detections {
        rows: vec![],
        scale: ndarray::Array1::zeros(5),
    };
    let batch = Detections::stack(&[empty(), empty()]).unwrap();
    batch.validate().unwrap();
    let padded = Detections::stack_padded(&[empty(), empty()]).unwrap();
    padded.batch.validate().unwrap();
    for batch in [empty(), empty()].into_iter().batched(2) {
        batch.unwrap().validate().unwrap();
    }
}
