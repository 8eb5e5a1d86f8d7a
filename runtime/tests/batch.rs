//! `#[tensor(batch = ...)]`: stacking samples, and back.

use ndarray::{Array1, Array2, Array3, ArrayD, IxDyn, array};
use tensorspec::{StackError, TensorSpec};

/// An image and its label, with a skipped field.
#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = f32, shape = [32, 32, 3])]
    image: Array3<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
    #[tensor(skip)]
    source: String,
}

fn image(i: usize) -> Image {
    Image {
        image: Array3::from_shape_fn((32, 32, 3), |(y, x, c)| {
            (i * 10_000 + y * 100 + x * 3 + c) as f32
        }),
        label: i as i64,
        source: format!("sample-{i}"),
    }
}

#[test]
fn stacked_values_equal_the_samples_values_element_by_element() {
    let samples: Vec<Image> = (0..5).map(image).collect();
    let batch = Image::stack(&samples).unwrap();
    assert_eq!(batch.len(), 5);
    assert_eq!(batch.image.shape(), [5, 32, 32, 3]);
    assert!(batch.image.is_standard_layout());
    assert_eq!(batch.label, array![0, 1, 2, 3, 4]);
    assert_eq!(
        batch.source,
        ["sample-0", "sample-1", "sample-2", "sample-3", "sample-4"]
    );
    for (i, sample) in samples.iter().enumerate() {
        assert_eq!(batch.image.index_axis(ndarray::Axis(0), i), sample.image);
    }
    assert_eq!(batch.into_samples().unwrap(), samples);
}

#[test]
fn the_batch_is_a_spec_with_the_batch_axis_first() {
    assert_eq!(
        ImageBatch::spec().to_string(),
        "image: f32[batch, 32, 32, 3]\nlabel: i64[batch]\n"
    );
    let batch = Image::stack(&[image(0), image(1)]).unwrap();
    assert!(batch.validate().is_ok());
}

#[test]
fn an_extent_that_differs_between_samples_names_field_axis_and_sample() {
    #[derive(Debug, TensorSpec)]
    #[tensor(batch = CloudBatch)]
    struct Cloud {
        #[tensor(shape = [N, 3])]
        points: Array2<f32>,
        #[tensor(shape = [N])]
        ids: Vec<u32>,
    }
    let cloud = |n: usize| Cloud {
        points: Array2::zeros((n, 3)),
        ids: vec![0; n],
    };
    let error = Cloud::stack(&[cloud(4), cloud(4), cloud(4), cloud(6), cloud(5)]).unwrap_err();
    assert!(
        matches!(
            &error,
            StackError::Extent { field, axis: 0, sample: 3, expected: 4, found: 6, .. } if field == "points"
        ),
        "{error:?}"
    );
    assert_eq!(
        error.to_string(),
        "field `points`: sample 3 has extent 6 on axis 0, but sample 0 has 4"
    );
    let batch = Cloud::stack(&[cloud(4), cloud(4)]).unwrap();
    assert_eq!(batch.points.shape(), [2, 4, 3]);
    assert_eq!(batch.ids.shape(), [2, 4]);
    assert_eq!(
        format!("{batch:?}"),
        "CloudBatch { points: f32[2, 4, 3], ids: u32[2, 4] }"
    );
}

#[test]
fn ranks_raggedness_and_presence_that_differ_are_errors() {
    #[derive(TensorSpec)]
    #[tensor(batch = MixedBatch)]
    struct Mixed {
        cloud: ArrayD<f32>,
        rows: Vec<Vec<u8>>,
        extra: Option<Array1<f64>>,
    }
    let mixed = |rank: usize, ragged: bool, extra: bool| Mixed {
        cloud: ArrayD::zeros(IxDyn(&vec![2; rank])),
        rows: if ragged {
            vec![vec![1, 2], vec![3]]
        } else {
            vec![vec![1, 2], vec![3, 4]]
        },
        extra: extra.then(|| Array1::zeros(2)),
    };
    let rank = Mixed::stack(&[mixed(2, false, true), mixed(3, false, true)]).unwrap_err();
    assert_eq!(
        rank.to_string(),
        "field `cloud`: sample 1 has rank 3, but sample 0 has rank 2"
    );
    let ragged = Mixed::stack(&[mixed(2, false, true), mixed(2, true, true)]).unwrap_err();
    assert_eq!(
        ragged.to_string(),
        "sample 1: field `rows`: ragged nesting: `rows[1]` has shape [1], but `rows[0]` has shape [2]"
    );
    let presence = Mixed::stack(&[mixed(2, false, true), mixed(2, false, false)]).unwrap_err();
    assert_eq!(
        presence.to_string(),
        "field `extra`: sample 1 is `None`, but sample 0 has a value"
    );
    let none = Mixed::stack(&[mixed(2, false, false), mixed(2, false, false)]).unwrap();
    assert!(none.extra.is_none());
    assert_eq!(none.cloud.shape(), [2, 2, 2]);
    let some = Mixed::stack(&[mixed(1, false, true), mixed(1, false, true)]).unwrap();
    assert_eq!(some.extra.unwrap().shape(), [2, 2]);
}

#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = CameraBatch)]
struct Camera {
    #[tensor(shape = [H, W])]
    depth: Array2<f32>,
    intrinsics: [[f64; 3]; 3],
}

#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = RigBatch)]
struct Rig {
    left: Camera,
    #[tensor(shape = [T])]
    times: Vec<f64>,
}

#[test]
fn nested_specs_stack_into_nested_batches_and_back() {
    let rig = |i: usize| Rig {
        left: Camera {
            depth: Array2::from_elem((2, 3), i as f32),
            intrinsics: [[i as f64; 3]; 3],
        },
        times: vec![i as f64; 4],
    };
    let samples: Vec<Rig> = (0..3).map(rig).collect();
    let batch = Rig::stack(&samples).unwrap();
    assert_eq!(batch.left.depth.shape(), [3, 2, 3]);
    assert_eq!(batch.left.intrinsics.shape(), [3, 3, 3]);
    assert_eq!(batch.left.intrinsics[[2, 1, 1]], 2.0);
    assert_eq!(
        RigBatch::spec().to_string(),
        "left.depth: f32[batch, H, W]\nleft.intrinsics: f64[batch, 3, 3]\ntimes: f64[batch, T]\n"
    );
    assert_eq!(batch.into_samples().unwrap(), samples);

    let mut bad = samples.clone();
    bad[2].left.depth = Array2::zeros((2, 4));
    assert_eq!(
        Rig::stack(&bad).unwrap_err().to_string(),
        "field `left.depth`: sample 2 has extent 4 on axis 1, but sample 0 has 3"
    );
}

#[test]
fn stack_from_reads_an_iterator_of_references_without_collecting() {
    let samples: Vec<Image> = (0..10).map(image).collect();
    let even = Image::stack_from(samples.iter().filter(|s| s.label % 2 == 0)).unwrap();
    assert_eq!(even.label, array![0, 2, 4, 6, 8]);
    assert_eq!(even.image.index_axis(ndarray::Axis(0), 2), samples[4].image);
}

#[test]
fn an_empty_batch_has_length_zero() {
    let batch = Image::stack(&[]).unwrap();
    assert_eq!(batch.len(), 0);
    assert!(batch.is_empty());
    assert_eq!(batch.image.shape(), [0, 32, 32, 3]);
    assert!(batch.into_samples().unwrap().is_empty());
}

#[test]
fn a_batch_whose_fields_disagree_is_not_split() {
    let mut batch = Image::stack(&[image(0), image(1)]).unwrap();
    batch.label = array![1, 2, 3];
    assert_eq!(
        batch.clone().into_samples().unwrap_err().to_string(),
        "field `label`: 3 rows, but the batch has 2 samples"
    );
    let rig = Rig {
        left: Camera {
            depth: Array2::zeros((2, 2)),
            intrinsics: [[0.0; 3]; 3],
        },
        times: vec![0.0],
    };
    let mut batch = Rig::stack(&[rig.clone(), rig]).unwrap();
    // `[[f64; 3]; 3]` cannot hold a 3 x 4 row.
    batch.left.intrinsics = ndarray::Array3::zeros((2, 3, 4));
    let error = batch.into_samples().unwrap_err();
    assert!(
        matches!(&error, StackError::RowShape { field, shape, .. } if field == "left.intrinsics" && shape == &[3, 4]),
        "{error:?}"
    );
}

#[test]
fn padded_stacking_pads_with_the_fields_value_and_reports_lengths() {
    #[derive(Debug, TensorSpec)]
    #[tensor(batch = SentenceBatch)]
    struct Sentence {
        #[tensor(shape = [T], pad = -1)]
        tokens: Vec<i64>,
        #[tensor(shape = [T, D])]
        embeddings: Array2<f32>,
        #[tensor(shape = [])]
        label: u8,
    }
    let sentence = |t: usize, d: usize| Sentence {
        tokens: (1..=t as i64).collect(),
        embeddings: Array2::from_elem((t, d), 1.0),
        label: t as u8,
    };
    let padded = Sentence::stack_padded(&[sentence(2, 2), sentence(3, 1), sentence(1, 2)]).unwrap();
    assert_eq!(
        padded.batch.tokens,
        array![[1, 2, -1], [1, 2, 3], [1, -1, -1]]
    );
    assert_eq!(
        padded.batch.embeddings,
        array![
            [[1.0, 1.0], [1.0, 1.0], [0.0, 0.0]],
            [[1.0, 0.0], [1.0, 0.0], [1.0, 0.0]],
            [[1.0, 1.0], [0.0, 0.0], [0.0, 0.0]],
        ]
    );
    assert_eq!(padded.batch.label, array![2, 3, 1]);
    assert_eq!(
        padded.lengths.axis("tokens", 0).unwrap().to_vec(),
        [2, 3, 1]
    );
    assert_eq!(
        padded.lengths.field("embeddings").unwrap(),
        array![[2, 2], [3, 1], [1, 2]]
    );
    assert_eq!(padded.lengths.axis("tokens", 1), None);
    assert_eq!(padded.lengths.field("nothing"), None);
    let fields: Vec<&str> = padded.lengths.iter().map(|(name, _)| name).collect();
    assert_eq!(fields, ["tokens", "embeddings", "label"]);
}

#[test]
fn const_generic_and_borrowed_samples_stack() {
    #[derive(TensorSpec)]
    #[tensor(batch = GridBatch)]
    struct Grid<const N: usize> {
        #[tensor(shape = [N, N])]
        cells: [[u8; N]; N],
    }
    let batch = Grid::<2>::stack(&[
        Grid {
            cells: [[1, 2], [3, 4]],
        },
        Grid {
            cells: [[5, 6], [7, 8]],
        },
    ])
    .unwrap();
    let _: &GridBatch<2> = &batch;
    assert_eq!(batch.cells, array![[[1, 2], [3, 4]], [[5, 6], [7, 8]]]);

    #[derive(TensorSpec)]
    #[tensor(batch = ViewBatch)]
    struct View<'a> {
        #[tensor(shape = [2, _])]
        rows: ndarray::ArrayView2<'a, f32>,
    }
    let data = Array2::from_shape_fn((2, 6), |(r, c)| (r * 6 + c) as f32);
    // Every other column: not contiguous, copied element by element.
    let views: Vec<View<'_>> = (0..2)
        .map(|i| View {
            rows: data.slice(ndarray::s![.., i..; 2]),
        })
        .collect();
    let batch = View::stack(&views).unwrap();
    assert_eq!(batch.rows.shape(), [2, 2, 3]);
    assert_eq!(
        batch.rows.index_axis(ndarray::Axis(0), 1),
        data.slice(ndarray::s![.., 1..; 2])
    );
}

/// A struct of more fields than one tuple holds (a batch is split back twelve fields at a
/// time), with a skipped field among them.
#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = WideBatch)]
struct Wide {
    f00: i64,
    f01: [f32; 2],
    f02: i64,
    f03: i64,
    f04: i64,
    f05: i64,
    f06: i64,
    f07: i64,
    f08: i64,
    f09: i64,
    f10: i64,
    #[tensor(skip)]
    note: String,
    f11: i64,
    f12: Vec<u8>,
    f13: i64,
    f14: i64,
}

#[test]
fn a_batch_of_many_fields_splits_back_into_its_samples() {
    let wide = |k: i64| Wide {
        f00: k,
        f01: [k as f32, -(k as f32)],
        f02: k + 2,
        f03: k + 3,
        f04: k + 4,
        f05: k + 5,
        f06: k + 6,
        f07: k + 7,
        f08: k + 8,
        f09: k + 9,
        f10: k + 10,
        note: format!("sample {k}"),
        f11: k + 11,
        f12: vec![k as u8; 3],
        f13: k + 13,
        f14: k + 14,
    };
    let samples: Vec<Wide> = (0..4).map(|k| wide(k * 100)).collect();
    let batch = Wide::stack(&samples).unwrap();
    assert_eq!(batch.len(), 4);
    assert_eq!(batch.clone().into_samples().unwrap(), samples);

    // A field after the twelfth replaced by one of another length: the error names it.
    let mut short = batch;
    short.f13 = Array1::from(vec![1i64, 2, 3]);
    let error = short.into_samples().unwrap_err().to_string();
    assert!(error.contains("f13"), "{error}");
}
