//! Arrow: a batch struct as a record batch and back (`batch_to_record_batch`,
//! `record_batch_to_batch`): the same table as the samples written one by one, buffers moved
//! not copied, and every row that is not part of a valid batch reported as reading the rows
//! would report it.

#![cfg(feature = "arrow")]
// Helpers of tests unwrap too: a panic there is a failed test (clippy.toml allows it in tests).
#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use half::{bf16, f16};
use ndarray::{Array1, Array2, Array3, ShapeBuilder, array};
use num_complex::Complex;
use proptest::prelude::*;
use tensorspec::arrow_array::{Array, ArrayRef, Int64Array, RecordBatch, UInt8Array};
use tensorspec::arrow_schema::{DataType, Field, Schema};
use tensorspec::prelude::*;
use tensorspec::{
    Casting, ReadError, ReadOptions, StackError, ViolationKind, WriteError, batch_to_record_batch,
    read_record_batch, record_batch_to_batch, to_record_batch,
};

#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = BoxBatch)]
struct Box2 {
    #[tensor(shape = [4])]
    corners: [f32; 4],
    class: u8,
}

/// A field of every kind: each dtype family, fixed and open extents, optional fields present
/// and absent, a nested spec, an optional nested spec, a skipped field.
#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(shape = [H, W, 3])]
    pixels: Array3<u8>,
    #[tensor(shape = [H, W])]
    mask: Array2<bool>,
    #[tensor(shape = [2])]
    half: [f16; 2],
    #[tensor(shape = [2])]
    brain: [bf16; 2],
    #[tensor(shape = [3])]
    spectrum: Vec<Complex<f32>>,
    wide: Complex<f64>,
    label: i64,
    score: f64,
    weight: Option<f32>,
    depth: Option<Array2<f32>>,
    first: Box2,
    second: Option<Box2>,
}

fn image(i: usize, h: usize, w: usize, with_depth: bool) -> Image {
    let x = i as f32;
    Image {
        pixels: Array3::from_shape_fn((h, w, 3), |(a, b, c)| (i + 7 * a + 3 * b + c) as u8),
        mask: Array2::from_shape_fn((h, w), |(a, b)| (a + b + i) % 2 == 0),
        half: [f16::from_f32(x), f16::from_f32(-x)],
        brain: [bf16::from_f32(x * 2.0), bf16::NAN],
        spectrum: vec![
            Complex::new(x, -x),
            Complex::new(0.5, x),
            Complex::new(f32::NAN, 1.0),
        ],
        wide: Complex::new(f64::from(x), 2.0),
        label: i as i64 - 3,
        score: f64::from(x) / 8.0,
        weight: Some(x),
        depth: with_depth.then(|| Array2::from_elem((h, w), x)),
        first: Box2 {
            corners: [x, x + 1.0, x + 2.0, x + 3.0],
            class: i as u8,
        },
        second: None,
    }
}

fn images(n: usize) -> Vec<Image> {
    (0..n).map(|i| image(i, 2, 3, true)).collect()
}

/// Bit-level equality of samples (NaN payloads included): their record batches, built one
/// sample at a time (Arrow compares values by their bytes).
fn same(a: &[Image], b: &[Image]) {
    assert_eq!(a.len(), b.len());
    assert!(
        to_record_batch(a).unwrap() == to_record_batch(b).unwrap(),
        "the samples differ"
    );
}

#[test]
fn a_batch_is_the_table_its_samples_make() {
    let samples = images(5);
    let batch = Image::stack(&samples).unwrap();
    let table = batch_to_record_batch::<Image>(batch).unwrap();
    assert_eq!(table, to_record_batch(&samples).unwrap());
    assert_eq!(*table.schema(), Image::spec().to_arrow_schema().unwrap());
    // The optional nested spec absent from every sample is a null struct in every row.
    assert_eq!(table.column_by_name("second").unwrap().null_count(), 5);
}

#[test]
fn a_batch_read_back_is_the_batch_written() {
    let samples = images(4);
    let table = batch_to_record_batch::<Image>(Image::stack(&samples).unwrap()).unwrap();
    let back = record_batch_to_batch::<Image>(&table, &ReadOptions::new()).unwrap();
    assert_eq!(back.len(), 4);
    assert!(back.second.is_none());
    same(&back.into_samples().unwrap(), &samples);
}

#[test]
fn the_columns_are_the_batch_buffers_moved_not_copied() {
    let batch = Image::stack(&images(3)).unwrap();
    let pointers = [
        ("pixels", batch.pixels.as_ptr().cast::<u8>()),
        ("half", batch.half.as_ptr().cast()),
        ("brain", batch.brain.as_ptr().cast()),
        ("spectrum", batch.spectrum.as_ptr().cast()),
        ("label", batch.label.as_ptr().cast()),
    ];
    let table = batch_to_record_batch::<Image>(batch).unwrap();
    for (name, pointer) in pointers {
        let mut data = table.column_by_name(name).unwrap().to_data();
        // Down the lists and the variable-shape struct's `data` to the values.
        while data.buffers().is_empty() || !data.child_data().is_empty() {
            data = data.child_data()[0].clone();
        }
        assert_eq!(
            data.buffers()[0].as_ptr(),
            pointer,
            "column `{name}` was copied"
        );
    }
}

#[test]
fn an_array_not_in_standard_layout_is_written_in_its_logical_order() {
    let samples = images(3);
    let mut batch = Image::stack(&samples).unwrap();
    // The same labels, in a column-major array of the same shape.
    let values: Vec<u8> = batch.pixels.iter().copied().collect();
    let shape = batch.pixels.raw_dim();
    let fortran = ndarray::Array4::from_shape_vec(shape.f(), vec![0; values.len()]).unwrap();
    let mut fortran = fortran;
    fortran.assign(&batch.pixels);
    assert!(!fortran.is_standard_layout());
    batch.pixels = fortran;
    let table = batch_to_record_batch::<Image>(batch).unwrap();
    assert_eq!(table, to_record_batch(&samples).unwrap());
}

#[test]
fn a_batch_that_breaks_its_spec_is_not_written() {
    let mut batch = Image::stack(&images(3)).unwrap();
    batch.mask = Array3::from_elem((3, 2, 4), true);
    match batch_to_record_batch::<Image>(batch) {
        Err(WriteError::Invalid(violations)) => {
            let text = violations.to_string();
            assert!(text.contains("`mask`"), "{text}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_record_batch_of_no_rows_is_an_empty_batch() {
    let table = to_record_batch::<Image>(&[]).unwrap();
    let batch = record_batch_to_batch::<Image>(&table, &ReadOptions::new()).unwrap();
    assert_eq!(batch.len(), 0);
    assert_eq!(batch.first.corners.shape(), [0, 4]);
    let again = batch_to_record_batch::<Image>(batch).unwrap();
    assert_eq!(again.num_rows(), 0);
}

#[test]
fn a_slice_of_a_record_batch_is_read_from_its_offset() {
    let samples = images(6);
    let table = to_record_batch(&samples).unwrap();
    let batch = record_batch_to_batch::<Image>(&table.slice(2, 3), &ReadOptions::new()).unwrap();
    same(&batch.into_samples().unwrap(), &samples[2..5]);
}

#[test]
fn rows_that_differ_in_an_open_extent_are_no_batch_and_the_error_says_which_row() {
    let samples = vec![
        image(0, 2, 3, true),
        image(1, 2, 3, true),
        image(2, 2, 4, true),
    ];
    let table = to_record_batch(&samples).unwrap();
    let error = record_batch_to_batch::<Image>(&table, &ReadOptions::new()).unwrap_err();
    let ReadError::Stack(stack) = &error else {
        panic!("{error:?}")
    };
    assert!(matches!(stack, StackError::Extent { .. }), "{stack:?}");
    let text = error.to_string();
    assert!(text.contains("sample 2"), "{text}");
}

#[test]
fn an_optional_field_present_in_some_rows_only_is_no_batch() {
    let samples = vec![image(0, 2, 3, true), image(1, 2, 3, false)];
    let table = to_record_batch(&samples).unwrap();
    let error = record_batch_to_batch::<Image>(&table, &ReadOptions::new()).unwrap_err();
    assert!(matches!(error, ReadError::Stack(_)), "{error:?}");
    assert!(error.to_string().contains("depth"), "{error}");
    // Absent in every row: the batch's field is `None`.
    let absent = vec![image(0, 2, 3, false), image(1, 2, 3, false)];
    let table = to_record_batch(&absent).unwrap();
    let batch = record_batch_to_batch::<Image>(&table, &ReadOptions::new()).unwrap();
    assert!(batch.depth.is_none());
    same(&batch.into_samples().unwrap(), &absent);
}

/// A table with an `int64` label and a `uint8` value, `null` in row `null_row` if any.
fn labels(values: &[Option<u8>]) -> RecordBatch {
    let schema = Schema::new(vec![
        Field::new("label", DataType::Int64, false),
        Field::new("value", DataType::UInt8, true),
    ]);
    let label: ArrayRef = Arc::new(Int64Array::from_iter_values(0..values.len() as i64));
    let value: ArrayRef = Arc::new(UInt8Array::from(values.to_vec()));
    RecordBatch::try_new(Arc::new(schema), vec![label, value]).unwrap()
}

#[derive(Debug, PartialEq, TensorSpec)]
#[tensor(batch = LabelledBatch)]
struct Labelled {
    label: i64,
    value: u8,
}

#[test]
fn the_first_invalid_row_is_the_error_with_its_index() {
    let table = labels(&[Some(1), Some(2), None, Some(4), None]);
    match record_batch_to_batch::<Labelled>(&table, &ReadOptions::new()) {
        Err(ReadError::InvalidRow { index, violations }) => {
            assert_eq!(index, 2);
            let kinds: Vec<_> = violations.iter().map(|v| v.kind().clone()).collect();
            assert!(
                matches!(kinds[..], [ViolationKind::Null { .. }]),
                "{kinds:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // The rows around it, read as rows, still make their batches.
    let batches: Vec<_> = read_record_batch::<Labelled>(&table, &ReadOptions::new())
        .unwrap()
        .try_validated()
        .batched(2)
        .filter_map(Result::ok)
        .collect();
    let values: Vec<u8> = batches.iter().flat_map(|b| b.value.to_vec()).collect();
    assert_eq!(values, [1, 2, 4]);
}

#[test]
fn a_schema_that_differs_is_reported_before_any_row() {
    #[derive(Debug, TensorSpec)]
    #[tensor(batch = OtherBatch)]
    struct Other {
        label: i64,
        missing: f32,
    }
    let table = labels(&[Some(1)]);
    match record_batch_to_batch::<Other>(&table, &ReadOptions::new()) {
        Err(ReadError::Invalid(violations)) => {
            let text = violations.to_string();
            assert!(text.contains("`missing`"), "{text}");
            assert!(text.contains("`value`"), "{text}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_column_of_another_dtype_is_cast_only_when_asked() {
    #[derive(Debug, PartialEq, TensorSpec)]
    #[tensor(batch = WideBatch)]
    struct Wide {
        label: i64,
        value: f32,
    }
    let table = labels(&[Some(1), Some(200)]);
    let refused = record_batch_to_batch::<Wide>(&table, &ReadOptions::new()).unwrap_err();
    assert!(matches!(refused, ReadError::Invalid(_)), "{refused:?}");
    let options = ReadOptions::new().cast(Casting::Lossless);
    let batch = record_batch_to_batch::<Wide>(&table, &options).unwrap();
    assert_eq!(batch.value, array![1.0, 200.0]);
    assert_eq!(batch.label, Array1::from(vec![0, 1]));
}

#[test]
fn a_skipped_field_takes_its_default_in_every_row() {
    #[derive(Debug, PartialEq, TensorSpec)]
    #[tensor(batch = NamedBatch)]
    struct Named {
        label: i64,
        value: u8,
        #[tensor(skip)]
        name: String,
    }
    let table = labels(&[Some(1), Some(2)]);
    let batch = record_batch_to_batch::<Named>(&table, &ReadOptions::new()).unwrap();
    assert_eq!(batch.name, ["", ""]);
    assert_eq!(batch.value, array![1, 2]);
    // Written, the skipped field is in no column.
    let written = batch_to_record_batch::<Named>(batch).unwrap();
    assert_eq!(written.columns(), table.columns());
}

#[cfg(feature = "parquet")]
#[test]
fn hugging_face_and_polars_columns_are_read_as_batches() {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn table(name: &str) -> RecordBatch {
        let path = format!("{}/tests/data/arrow/{name}", env!("CARGO_MANIFEST_DIR"));
        let bytes = bytes::Bytes::from(std::fs::read(path).unwrap());
        let reader = ParquetRecordBatchReaderBuilder::try_new(bytes)
            .unwrap()
            .build()
            .unwrap();
        let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>().unwrap();
        tensorspec::arrow_array::RecordBatch::try_new(
            batches[0].schema(),
            batches[0].columns().to_vec(),
        )
        .unwrap()
    }

    /// `Array3D(shape=(2, 2, 3), dtype="uint8")` (nested lists), a class label and a score:
    /// the `tokens` sequence, ragged, is ignored.
    #[derive(Debug, PartialEq, TensorSpec)]
    #[tensor(batch = HfBatch)]
    struct Hf {
        #[tensor(shape = [2, 2, 3])]
        image: Array3<u8>,
        label: i64,
        score: f32,
    }
    let hf = table("hf_dataset.parquet");
    let options = ReadOptions::new().ignore_unexpected();
    let batch = record_batch_to_batch::<Hf>(&hf, &options).unwrap();
    let rows: Vec<Hf> = read_record_batch::<Hf>(&hf, &options)
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(batch.into_samples().unwrap(), rows);

    /// polars `Array(Float32, (2, 2))`.
    #[derive(Debug, PartialEq, TensorSpec)]
    #[tensor(batch = GridBatch)]
    struct Grid {
        #[tensor(shape = [2, 2])]
        grid: [[f32; 2]; 2],
        label: i64,
    }
    let polars = table("polars_array.parquet");
    let batch = record_batch_to_batch::<Grid>(&polars, &ReadOptions::new()).unwrap();
    assert_eq!(batch.grid[[2, 1, 0]], 4.0);
    assert_eq!(batch.label, array![0, 2, 4]);
}

proptest! {
    /// Any batch of valid samples: its record batch is the samples', and reads back to them.
    #[test]
    fn batches_and_record_batches_round_trip(
        n in 0usize..6,
        h in 0usize..4,
        w in 1usize..4,
        depth in any::<bool>(),
        seed in any::<u8>(),
    ) {
        let samples: Vec<Image> = (0..n)
            .map(|i| image(i + usize::from(seed), h, w, depth))
            .collect();
        let table = batch_to_record_batch::<Image>(Image::stack(&samples).unwrap()).unwrap();
        prop_assert_eq!(&table, &to_record_batch(&samples).unwrap());
        let back = record_batch_to_batch::<Image>(&table, &ReadOptions::new()).unwrap();
        prop_assert_eq!(back.len(), n);
        same(&back.into_samples().unwrap(), &samples);
    }
}

/// A field of no elements (`[f32; 0]`) is a column of empty lists, one a row, both ways.
#[test]
fn a_field_of_no_elements_keeps_its_rows() {
    #[derive(Debug, PartialEq, TensorSpec)]
    #[tensor(batch = EmptyBatch)]
    struct Empty {
        #[tensor(shape = [0])]
        nothing: [f32; 0],
        label: i64,
    }
    let samples = [
        Empty {
            nothing: [],
            label: 1,
        },
        Empty {
            nothing: [],
            label: 2,
        },
    ];
    let table = to_record_batch(&samples).unwrap();
    assert_eq!(table.num_rows(), 2);
    let back: Vec<Empty> = read_record_batch(&table, &ReadOptions::new())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(back, samples);
    let batch = Empty::stack(&samples).unwrap();
    let written = batch_to_record_batch::<Empty>(batch).unwrap();
    assert_eq!(written, table);
    let batch = record_batch_to_batch::<Empty>(&table, &ReadOptions::new()).unwrap();
    assert_eq!(batch.nothing.shape(), [2, 0]);
    assert_eq!(batch.label, array![1, 2]);
}
