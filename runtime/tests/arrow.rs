//! Arrow: a spec as a schema, samples to record batches and back, IPC files and streams that
//! pyarrow wrote (`data/arrow/make_fixtures.py`), and every mismatch reported with its row.

#![cfg(feature = "arrow")]
// Helpers of tests unwrap too: a panic there is a failed test (clippy.toml allows it in tests).
#![allow(clippy::unwrap_used)]

use ndarray::{Array2, Array3, array};
use tensorspec::prelude::*;
use tensorspec::stream::{BatchError, Rejected};
use tensorspec::{
    Casting, ReadError, ReadOptions, ViolationKind, read_ipc_file, read_ipc_stream,
    read_record_batch, to_record_batch, write_ipc_file, write_ipc_stream,
};

const PYARROW_FILE: &[u8] = include_bytes!("data/arrow/pyarrow_tensors.arrow");
const PYARROW_STREAM: &[u8] = include_bytes!("data/arrow/pyarrow_tensors.arrows");

/// The fixture's rows: `image` u8[2, 3] (`arrow.fixed_shape_tensor`), `points` f32[N, 2]
/// (`arrow.variable_shape_tensor`), `label` i64, `weight` f32 (null in row 2).
#[derive(Debug, PartialEq, TensorSpec)]
#[tensor(batch = RowBatch)]
struct Row {
    #[tensor(shape = [2, 3])]
    image: Array2<u8>,
    #[tensor(shape = [N, 2])]
    points: Array2<f32>,
    label: i64,
    weight: Option<f32>,
}

/// What make_fixtures.py wrote in row `row`.
fn expected(row: usize) -> Row {
    let r = row as f32;
    Row {
        image: Array2::from_shape_fn((2, 3), |(i, j)| (10 * row + 3 * i + j) as u8),
        points: Array2::from_shape_fn((row + 1, 2), |(i, j)| (2 * i + j) as f32 * 0.5 + r),
        label: 7 + row as i64,
        weight: [Some(0.25), Some(0.5), None, Some(1.0)][row],
    }
}

fn all<T>(rows: impl Iterator<Item = Result<T, ReadError>>) -> Vec<T> {
    rows.collect::<Result<_, _>>().unwrap()
}

#[test]
fn pyarrow_ipc_files_and_streams_are_read_with_their_values() {
    let want: Vec<Row> = (0..4).map(expected).collect();
    let from_file = all(read_ipc_file::<Row>(PYARROW_FILE.to_vec(), &ReadOptions::new()).unwrap());
    assert_eq!(from_file, want);
    let from_stream =
        all(read_ipc_stream::<Row>(PYARROW_STREAM.to_vec(), &ReadOptions::new()).unwrap());
    assert_eq!(from_stream, want);
}

#[test]
fn missing_unexpected_and_mistyped_columns_are_reported_before_any_row() {
    #[derive(Debug, TensorSpec)]
    struct Other {
        #[tensor(dtype = f32, shape = [2, 3])]
        image: Array2<f32>,
        label: i64,
        depth: Array2<f32>,
    }
    let error = read_ipc_file::<Other>(PYARROW_FILE.to_vec(), &ReadOptions::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `image`: dtype mismatch: expected f32, found u8 (a lossless cast: allow it with `cast`)\n\
         field `depth`: missing: no tensor named `depth`\n\
         tensor `points`: unexpected: no field of the spec has this name\n\
         tensor `weight`: unexpected: no field of the spec has this name"
    );
}

#[test]
fn a_cast_is_made_only_when_asked() {
    #[derive(Debug, TensorSpec)]
    struct Floats {
        #[tensor(dtype = f32, shape = [2, 3])]
        image: Array2<f32>,
        #[tensor(dtype = f64)]
        label: f64,
    }
    let options = ReadOptions::new().cast(Casting::Lossy).ignore_unexpected();
    let rows = all(read_ipc_file::<Floats>(PYARROW_FILE.to_vec(), &options).unwrap());
    assert_eq!(rows.len(), 4);
    assert_eq!(
        rows[3].image,
        array![[30.0, 31.0, 32.0], [33.0, 34.0, 35.0]]
    );
    assert_eq!(rows[3].label, 10.0);
    // Lossless only: i64 -> f64 is lossy, u8 -> f32 is not.
    let options = ReadOptions::new()
        .cast(Casting::Lossless)
        .ignore_unexpected();
    let error = read_ipc_file::<Floats>(PYARROW_FILE.to_vec(), &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `label`: dtype mismatch: expected f64, found i64 (a lossy cast: ask for it with `cast = lossy` or `cast = saturating`)"
    );
}

#[test]
fn a_fixed_shape_that_differs_is_reported_before_any_row() {
    #[derive(Debug, TensorSpec)]
    struct Wide {
        #[tensor(shape = [2, 4])]
        image: Array2<u8>,
    }
    let options = ReadOptions::new().ignore_unexpected();
    let error = read_ipc_file::<Wide>(PYARROW_FILE.to_vec(), &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `image`: shape mismatch: expected [2, 4], found [2, 3]"
    );
}

/// `points` declared `[2, 2]`: rows 0, 2 and 3 have 1, 3 and 4 points; row 2's `weight` is
/// null where the field is not an `Option`.
#[derive(Debug, TensorSpec)]
#[tensor(batch = PairBatch)]
struct Pair {
    #[tensor(shape = [2, 2])]
    points: Array2<f32>,
    weight: f32,
}

#[test]
fn bad_rows_are_reported_with_their_index_and_the_others_read() {
    let options = ReadOptions::new().ignore_unexpected();
    let rows: Vec<_> = read_ipc_file::<Pair>(PYARROW_FILE.to_vec(), &options)
        .unwrap()
        .collect();
    let reports: Vec<String> = rows
        .iter()
        .filter_map(|row| row.as_ref().err().map(ToString::to_string))
        .collect();
    assert_eq!(
        reports,
        [
            "row 0: field `points`: shape mismatch: expected [2, 2], found [1, 2]",
            "row 2: field `points`: shape mismatch: expected [2, 2], found [3, 2]\n\
             field `weight`: null, but the field is not an `Option`",
            "row 3: field `points`: shape mismatch: expected [2, 2], found [4, 2]",
        ]
    );
    let ReadError::InvalidRow { index, violations } = rows[2].as_ref().unwrap_err() else {
        panic!("not a row's report");
    };
    assert_eq!(*index, 2);
    assert!(matches!(
        violations.iter().nth(1).unwrap().kind(),
        ViolationKind::Null { index, .. } if index.is_empty()
    ));
    let good = rows[1].as_ref().unwrap();
    assert_eq!(good.points, array![[1.0, 1.5], [2.0, 2.5]]);
    assert_eq!(good.weight, 0.5);
}

#[test]
fn valid_rows_around_invalid_ones_still_reach_their_batches() {
    // Rows of 1, 2, 3, 4 points, declared [N, 2] with N = 2 fixed by `pair`: only row 1 fits.
    let options = ReadOptions::new().ignore_unexpected();
    let mut indices = Vec::new();
    let mut batched = 0;
    for item in read_ipc_stream::<Pair>(PYARROW_STREAM.to_vec(), &options)
        .unwrap()
        .try_validated()
        .batched(2)
    {
        match item {
            Ok(batch) => {
                assert_eq!(batch.points.shape(), [1, 2, 2]);
                assert_eq!(batch.weight.to_vec(), [0.5]);
                batched += batch.len();
            }
            Err(BatchError::Invalid(Rejected::Failed { index, error, .. })) => {
                assert!(matches!(error, ReadError::InvalidRow { index: row, .. } if row == index));
                indices.push(index);
            }
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(indices, [0, 2, 3]);
    assert_eq!(batched, 1);
}

/// Every kind of field, written and read back.
#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = CameraBatch)]
struct Camera {
    #[tensor(shape = [3, 3])]
    intrinsics: [[f64; 3]; 3],
    id: Option<u16>,
}

#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = FrameBatch)]
struct Frame {
    #[tensor(shape = [H, W, 3])]
    rgb: Array3<u8>,
    #[tensor(shape = [H, W])]
    depth: Array2<f32>,
    mask: [bool; 4],
    half: tensorspec::half::f16,
    brain: [tensorspec::half::bf16; 2],
    wave: Vec<tensorspec::num_complex::Complex<f32>>,
    camera: Camera,
    extra: Option<Camera>,
    score: Option<f64>,
}

fn frame(i: usize) -> Frame {
    use tensorspec::half::{bf16, f16};
    use tensorspec::num_complex::Complex;
    let (h, w) = (1 + i % 3, 2 + i % 2);
    Frame {
        rgb: Array3::from_shape_fn((h, w, 3), |(a, b, c)| (a * 7 + b * 3 + c + i) as u8),
        depth: Array2::from_shape_fn(
            (h, w),
            |(a, b)| if a == b { f32::NAN } else { (a + b + i) as f32 },
        ),
        mask: [i % 2 == 0, true, false, i % 3 == 0],
        half: f16::from_f32(i as f32 / 8.0),
        brain: [bf16::from_f32(-(i as f32)), bf16::from_bits(0x7fc1)],
        wave: (0..i)
            .map(|k| Complex::new(k as f32, -(k as f32) / 2.0))
            .collect(),
        camera: Camera {
            intrinsics: [[i as f64; 3]; 3],
            id: (i % 2 == 1).then_some(i as u16),
        },
        extra: (i % 2 == 0).then_some(Camera {
            intrinsics: [[0.5; 3]; 3],
            id: Some(9),
        }),
        score: (i != 1).then_some(i as f64 * 1.5),
    }
}

/// Equal, NaN payloads compared as bits.
fn same(a: &Frame, b: &Frame) -> bool {
    let bits = |x: &Array2<f32>| x.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    let brain = |x: &Frame| x.brain.map(|v| v.to_bits());
    a.rgb == b.rgb
        && bits(&a.depth) == bits(&b.depth)
        && a.mask == b.mask
        && a.half.to_bits() == b.half.to_bits()
        && brain(a) == brain(b)
        && a.wave == b.wave
        && a.camera == b.camera
        && a.extra == b.extra
        && a.score == b.score
}

#[test]
fn every_kind_of_field_round_trips_through_a_record_batch_and_ipc() {
    let frames: Vec<Frame> = (0..6).map(frame).collect();
    let batch = to_record_batch(&frames).unwrap();
    let schema = batch.schema();
    let field = |name: &str| schema.field_with_name(name).unwrap().clone();
    assert_eq!(
        field("rgb").metadata()["ARROW:extension:name"],
        "arrow.variable_shape_tensor"
    );
    assert_eq!(
        field("mask").metadata()["ARROW:extension:name"],
        "arrow.fixed_shape_tensor"
    );
    assert_eq!(field("brain").metadata()["tensorspec.dtype"], "bf16");
    assert_eq!(field("wave").metadata()["tensorspec.dtype"], "complex64");
    assert_eq!(
        field("camera").data_type().to_string(),
        "Struct(\"intrinsics\": non-null FixedSizeList(9 x Float64), metadata: \
         {\"ARROW:extension:metadata\": \"{\\\"shape\\\":[3,3]}\", \
         \"ARROW:extension:name\": \"arrow.fixed_shape_tensor\"}, \"id\": UInt16)"
    );
    assert!(field("extra").is_nullable() && !field("camera").is_nullable());
    assert_eq!(
        schema.metadata()["tensorspec.spec"],
        Frame::spec().to_string(),
    );
    let back = all(read_record_batch::<Frame>(&batch, &ReadOptions::new()).unwrap());
    assert_eq!(back.len(), frames.len());
    for (a, b) in frames.iter().zip(&back) {
        assert!(same(a, b), "{a:?}\n{b:?}");
    }
    for bytes in [
        write_ipc_file(&frames).unwrap(),
        write_ipc_stream(&frames).unwrap(),
    ] {
        let back = if bytes.starts_with(b"ARROW1") {
            all(read_ipc_file::<Frame>(bytes, &ReadOptions::new()).unwrap())
        } else {
            all(read_ipc_stream::<Frame>(bytes, &ReadOptions::new()).unwrap())
        };
        assert!(frames.iter().zip(&back).all(|(a, b)| same(a, b)));
        assert_eq!(back.len(), frames.len());
    }
}

#[test]
fn values_a_cast_cannot_hold_and_symbols_that_disagree_are_reported_with_their_row() {
    #[derive(Debug, TensorSpec)]
    struct Wide {
        #[tensor(shape = [N, 2])]
        points: Array2<f32>,
        #[tensor(shape = [N])]
        ids: Vec<i64>,
    }
    let table = to_record_batch(&[
        Wide {
            points: Array2::zeros((2, 2)),
            ids: vec![1, 2],
        },
        Wide {
            points: Array2::zeros((1, 2)),
            ids: vec![300],
        },
        Wide {
            points: Array2::zeros((1, 2)),
            ids: vec![-1],
        },
    ])
    .unwrap();

    #[derive(Debug, TensorSpec)]
    struct Narrow {
        #[tensor(shape = [N, 2])]
        points: Array2<f32>,
        #[tensor(shape = [N], cast = lossy)]
        ids: Vec<u8>,
    }
    let reports: Vec<String> = read_record_batch::<Narrow>(&table, &ReadOptions::new())
        .unwrap()
        .map(|row| match row {
            Ok(row) => format!("{:?}", row.ids),
            Err(error) => error.to_string(),
        })
        .collect();
    assert_eq!(
        reports,
        [
            "[1, 2]",
            "row 1: field `ids`: value 300 at [0] is out of range for u8 (cast from i64)",
            "row 2: field `ids`: value -1 at [0] is out of range for u8 (cast from i64)",
        ]
    );
    // Symbols bind per row: N = 2 in row 0, 1 in row 1; a row whose fields disagree fails.
    #[derive(Debug, TensorSpec)]
    struct Tied {
        #[tensor(shape = [N, 2])]
        points: Array2<f32>,
        #[tensor(shape = [M])]
        ids: Vec<i64>,
    }
    let table = to_record_batch(&[
        Tied {
            points: Array2::zeros((2, 2)),
            ids: vec![1, 2],
        },
        Tied {
            points: Array2::zeros((2, 2)),
            ids: vec![1, 2, 3],
        },
    ])
    .unwrap();
    let rows: Vec<_> = read_record_batch::<Wide>(&table, &ReadOptions::new())
        .unwrap()
        .collect();
    assert!(rows[0].is_ok());
    assert_eq!(
        rows[1].as_ref().unwrap_err().to_string(),
        "row 1: field `ids`: shape mismatch: expected [N=2], found [3] (N=2 from `points`)"
    );
}

#[test]
fn samples_become_a_record_batch_and_back_into_the_same_batch() {
    let rows: Vec<Row> = (0..3)
        .map(|r| Row {
            points: Array2::from_elem((2, 2), r as f32),
            weight: Some(r as f32),
            ..expected(r)
        })
        .collect();
    let table = to_record_batch(&rows).unwrap();
    assert_eq!(*table.schema(), Row::spec().to_arrow_schema().unwrap());
    // A batch struct's spec gives its samples' schema.
    assert_eq!(
        RowBatch::spec().to_arrow_schema().unwrap(),
        Row::spec().to_arrow_schema().unwrap()
    );
    let back = all(read_record_batch::<Row>(&table, &ReadOptions::new()).unwrap());
    let (a, b) = (Row::stack(&rows).unwrap(), Row::stack(&back).unwrap());
    assert_eq!((a.image, a.points, a.label), (b.image, b.points, b.label));
    assert_eq!(a.weight, b.weight);
}

#[test]
fn nested_fields_are_read_from_columns_named_by_their_path() {
    use std::sync::Arc;
    use tensorspec::arrow_array::{ArrayRef, Float64Array, RecordBatch, UInt16Array};

    // A flat table, as Spark writes a flattened struct: `camera.intrinsics` from lists of 9.
    let table = to_record_batch(&[Camera {
        intrinsics: [[2.0; 3]; 3],
        id: Some(4),
    }])
    .unwrap();
    let intrinsics = table.column(0).clone();
    let ids: ArrayRef = Arc::new(UInt16Array::from(vec![Some(4)]));
    let scores: ArrayRef = Arc::new(Float64Array::from(vec![0.5]));
    let schema = Arc::new(tensorspec::arrow_schema::Schema::new(vec![
        table
            .schema()
            .field(0)
            .clone()
            .with_name("camera.intrinsics"),
        table.schema().field(1).clone().with_name("camera.id"),
        tensorspec::arrow_schema::Field::new(
            "score",
            tensorspec::arrow_schema::DataType::Float64,
            false,
        ),
    ]));
    let flat = RecordBatch::try_new(schema, vec![intrinsics, ids, scores]).unwrap();

    #[derive(Debug, TensorSpec)]
    struct Shot {
        camera: Camera,
        score: f64,
    }
    let shots = all(read_record_batch::<Shot>(&flat, &ReadOptions::new()).unwrap());
    assert_eq!(
        shots[0].camera,
        Camera {
            intrinsics: [[2.0; 3]; 3],
            id: Some(4)
        }
    );
    assert_eq!(shots[0].score, 0.5);
}

#[test]
fn a_variable_shape_row_whose_shape_is_not_its_data_is_reported_with_its_row() {
    use std::sync::Arc;
    use tensorspec::arrow_array::types::Int32Type;
    use tensorspec::arrow_array::{FixedSizeListArray, ListArray, RecordBatch, StructArray};
    use tensorspec::arrow_schema::DataType;

    #[derive(Debug, TensorSpec)]
    struct Seq {
        #[tensor(shape = [N])]
        tokens: Vec<i32>,
    }
    let schema = Seq::spec().to_arrow_schema().unwrap();
    let DataType::Struct(children) = schema.field(0).data_type().clone() else {
        panic!("not arrow.variable_shape_tensor's struct");
    };
    let data = ListArray::from_iter_primitive::<Int32Type, _, _>([
        Some(vec![Some(1), Some(2)]),
        Some(vec![Some(3)]),
        Some(vec![]),
    ]);
    // Row 1 claims 2 values and has 1; row 2 claims -1.
    let shape = FixedSizeListArray::from_iter_primitive::<Int32Type, _, _>(
        [
            Some(vec![Some(2)]),
            Some(vec![Some(2)]),
            Some(vec![Some(-1)]),
        ],
        1,
    );
    let column =
        StructArray::try_new(children, vec![Arc::new(data), Arc::new(shape)], None).unwrap();
    let table = RecordBatch::try_new(Arc::new(schema), vec![Arc::new(column)]).unwrap();
    let reports: Vec<String> = read_record_batch::<Seq>(&table, &ReadOptions::new())
        .unwrap()
        .map(|row| match row {
            Ok(row) => format!("{:?}", row.tokens),
            Err(error) => error.to_string(),
        })
        .collect();
    assert_eq!(
        reports,
        [
            "[1, 2]",
            "row 1: field `tokens`: i32 tensor of shape [2]: 4 bytes of data, but the shape needs 8",
            "row 2: field `tokens`: shape [] cannot be a `a row whose shape has a negative extent`",
        ]
    );
}

#[test]
fn columns_tensorspec_cannot_read_are_errors_naming_them() {
    use std::sync::Arc;
    use tensorspec::arrow_array::{ArrayRef, RecordBatch, StringArray};
    use tensorspec::arrow_schema::{DataType, Field, Schema};

    let table = to_record_batch(&[expected(0)]).unwrap();
    // The image stored transposed (`permutation` [1, 0]): not read rather than misread.
    let image = table.schema().field(0).clone();
    let mut metadata = image.metadata().clone();
    metadata.insert(
        "ARROW:extension:metadata".to_owned(),
        r#"{"shape":[2,3],"permutation":[1,0]}"#.to_owned(),
    );
    let schema = Schema::new(vec![image.with_metadata(metadata)]);
    let transposed = RecordBatch::try_new(Arc::new(schema), vec![table.column(0).clone()]).unwrap();
    #[derive(Debug, TensorSpec)]
    struct Image {
        #[tensor(shape = [2, 3])]
        image: Array2<u8>,
    }
    let error = read_record_batch::<Image>(&transposed, &ReadOptions::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "tensor `image`: unsupported dtype arrow.fixed_shape_tensor with permutation [1,0]"
    );
    // Strings where a field asks for numbers.
    let names: ArrayRef = Arc::new(StringArray::from(vec!["cat"]));
    let schema = Schema::new(vec![Field::new("image", DataType::Utf8, false)]);
    let strings = RecordBatch::try_new(Arc::new(schema), vec![names]).unwrap();
    let error = read_record_batch::<Image>(&strings, &ReadOptions::new()).unwrap_err();
    assert_eq!(error.to_string(), "tensor `image`: unsupported dtype Utf8");
}

#[test]
fn a_reader_can_be_sent_to_a_prefetching_thread() {
    let batches = read_ipc_file::<Row>(PYARROW_FILE.to_vec(), &ReadOptions::new())
        .unwrap()
        .try_validated()
        .prefetch(2);
    let rows: Vec<Row> = batches
        .map(|row| row.map_err(|e| e.to_string()).unwrap())
        .collect();
    assert_eq!(rows, (0..4).map(expected).collect::<Vec<_>>());
}

#[test]
fn an_empty_list_row_takes_the_declared_extents_under_it() {
    use std::sync::Arc;
    use tensorspec::arrow_array::types::Float64Type;
    use tensorspec::arrow_array::{Array, ListArray, RecordBatch};
    use tensorspec::arrow_buffer::OffsetBuffer;
    use tensorspec::arrow_schema::{DataType, Field, Schema};

    // list<list<double>>: row 0 is [], row 1 is [[1, 2], [3, 4]].
    let inner = ListArray::from_iter_primitive::<Float64Type, _, _>([
        Some(vec![Some(1.0), Some(2.0)]),
        Some(vec![Some(3.0), Some(4.0)]),
    ]);
    let item = Arc::new(Field::new_list_field(inner.data_type().clone(), true));
    let outer = ListArray::try_new(
        item.clone(),
        OffsetBuffer::new(vec![0, 0, 2].into()),
        Arc::new(inner),
        None,
    )
    .unwrap();
    let schema = Schema::new(vec![Field::new("boxes", DataType::List(item), false)]);
    let table = RecordBatch::try_new(Arc::new(schema), vec![Arc::new(outer)]).unwrap();

    #[derive(Debug, TensorSpec)]
    struct Boxes {
        #[tensor(shape = [_, 2])]
        boxes: Array2<f64>,
    }
    let rows = all(read_record_batch::<Boxes>(&table, &ReadOptions::new()).unwrap());
    assert_eq!(rows[0].boxes.shape(), [0, 2]);
    assert_eq!(rows[1].boxes, array![[1.0, 2.0], [3.0, 4.0]]);
}
