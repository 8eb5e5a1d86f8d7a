//! Parquet: files that pyarrow, Hugging Face `datasets` and polars wrote
//! (`data/arrow/make_fixtures.py`, versions in `data/arrow/versions.json`), read row group by
//! row group into validated samples and batches; files written here, read back here and (once,
//! by the script) by pyarrow and polars.

#![cfg(feature = "parquet")]
// Helpers of tests unwrap too: a panic there is a failed test (clippy.toml allows it in tests).
#![allow(clippy::unwrap_used)]

use bytes::Bytes;
use ndarray::{Array1, Array2, Array3, array};
use tensorspec::prelude::*;
use tensorspec::stream::{BatchError, Rejected};
use tensorspec::{ReadError, ReadOptions, read_parquet, write_parquet};

fn fixture(name: &str) -> Bytes {
    let path = format!("{}/tests/data/arrow/{name}", env!("CARGO_MANIFEST_DIR"));
    Bytes::from(std::fs::read(path).unwrap())
}

fn all<T>(rows: impl Iterator<Item = Result<T, ReadError>>) -> Vec<T> {
    rows.collect::<Result<_, _>>().unwrap()
}

/// pyarrow's canonical tensor types (see tests/arrow.rs for the values).
#[derive(Debug, PartialEq, TensorSpec)]
struct Tensors {
    #[tensor(shape = [H, W])]
    image: Array2<u8>,
    #[tensor(shape = [N, 2])]
    points: Array2<f32>,
    label: i64,
    weight: Option<f32>,
}

#[test]
fn pyarrow_tensor_types_are_read_across_row_groups() {
    let rows = all(read_parquet::<Tensors, _>(
        fixture("pyarrow_tensors.parquet"),
        &ReadOptions::new(),
    )
    .unwrap());
    assert_eq!(rows.len(), 4);
    for (row, sample) in rows.iter().enumerate() {
        let r = row as f32;
        assert_eq!(
            sample.image,
            Array2::from_shape_fn((2, 3), |(i, j)| (10 * row + 3 * i + j) as u8)
        );
        assert_eq!(
            sample.points,
            Array2::from_shape_fn((row + 1, 2), |(i, j)| (2 * i + j) as f32 * 0.5 + r)
        );
        assert_eq!(sample.label, 7 + row as i64);
    }
    let weights: Vec<_> = rows.iter().map(|row| row.weight).collect();
    assert_eq!(weights, [Some(0.25), Some(0.5), None, Some(1.0)]);
}

/// Hugging Face `datasets`: `Array3D(shape=(2, 2, 3), dtype="uint8")`, `Sequence(Value("int32"))`
/// (written as `List`), `ClassLabel(names=["cat", "dog", "bird"])`, `Value("float32")`.
#[derive(Debug, PartialEq, TensorSpec)]
#[tensor(batch = HfBatch)]
struct Hf {
    #[tensor(shape = [2, 2, 3])]
    image: Array3<u8>,
    #[tensor(shape = [_])]
    tokens: Vec<i32>,
    label: i64,
    score: f32,
}

#[test]
fn a_hugging_face_dataset_is_read_with_its_values() {
    let rows =
        all(read_parquet::<Hf, _>(fixture("hf_dataset.parquet"), &ReadOptions::new()).unwrap());
    assert_eq!(rows.len(), 5);
    for (r, row) in rows.iter().enumerate() {
        assert_eq!(
            row.image,
            Array3::from_shape_fn((2, 2, 3), |(i, j, k)| (6 * i + 3 * j + k + r) as u8)
        );
        assert_eq!(row.tokens, (r as i32..=2 * r as i32).collect::<Vec<_>>());
        assert_eq!(row.label, (r % 3) as i64);
        assert_eq!(row.score, r as f32 / 4.0);
    }
}

#[test]
fn a_hugging_face_shape_that_differs_is_reported_from_the_files_features() {
    #[derive(Debug, TensorSpec)]
    struct Wrong {
        #[tensor(shape = [2, 3, 2])]
        image: Array3<u8>,
    }
    let error = read_parquet::<Wrong, _>(
        fixture("hf_dataset.parquet"),
        &ReadOptions::new().ignore_unexpected(),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `image`: shape mismatch: expected [2, 3, 2], found [2, 2, 3]"
    );
}

/// The dataset's images and labels (the other columns ignored).
#[derive(Debug, PartialEq, TensorSpec)]
#[tensor(batch = LabelledBatch)]
struct Labelled {
    #[tensor(shape = [2, 2, 3])]
    image: Array3<u8>,
    label: i64,
}

#[test]
fn a_hugging_face_dataset_becomes_a_batched_stream() {
    let options = ReadOptions::new().ignore_unexpected();
    let rows = read_parquet::<Labelled, _>(fixture("hf_dataset.parquet"), &options).unwrap();
    // The ignored columns (`tokens`, `score`) are not even decoded.
    let decoded: Vec<&str> = rows
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect();
    assert_eq!(decoded, ["image", "label"]);
    let batches: Vec<LabelledBatch> = rows
        .try_validated()
        .batched(2)
        .collect::<Result<_, _>>()
        .unwrap();
    let sizes: Vec<usize> = batches.iter().map(LabelledBatch::len).collect();
    assert_eq!(sizes, [2, 2, 1]);
    assert_eq!(batches[1].image.shape(), [2, 2, 2, 3]);
    assert_eq!(batches[1].image[[1, 0, 0, 0]], 3);
    let labels: Vec<i64> = batches.iter().flat_map(|b| b.label.to_vec()).collect();
    assert_eq!(labels, [0, 1, 2, 0, 1]);
}

/// polars `Array(Float32, (2, 2))`: nested fixed-size lists.
#[derive(Debug, PartialEq, TensorSpec)]
struct Grid {
    #[tensor(shape = [2, 2])]
    grid: [[f32; 2]; 2],
    label: i64,
}

#[test]
fn polars_arrays_are_read_and_its_default_zstd_only_with_parquet_zstd() {
    let rows =
        all(read_parquet::<Grid, _>(fixture("polars_array.parquet"), &ReadOptions::new()).unwrap());
    let want: Vec<Grid> = (0..3)
        .map(|r| Grid {
            grid: [[r as f32, r as f32 + 1.0], [r as f32 + 2.0, r as f32 + 3.0]],
            label: 2 * r,
        })
        .collect();
    assert_eq!(rows, want);
    // polars' default compression is zstd, which `parquet` does not build in (the parquet
    // crate's zstd is C): `parquet-zstd` does.
    let items: Vec<_> =
        read_parquet::<Grid, _>(fixture("polars_array_zstd.parquet"), &ReadOptions::new())
            .unwrap()
            .collect();
    if cfg!(feature = "parquet-zstd") {
        let rows: Vec<Grid> = items.into_iter().map(Result::unwrap).collect();
        assert_eq!(rows, want);
    } else {
        assert_eq!(items.len(), 1);
        let error = items[0].as_ref().unwrap_err();
        let source = std::error::Error::source(error).unwrap().to_string();
        assert_eq!(
            source,
            "Parquet argument error: Parquet error: Disabled feature at compile time: zstd"
        );
    }
}

/// Plain nested lists (Spark, pandas): rows 0 and 1 are 2x2 and 3x2, row 2 is ragged, row 3
/// null, row 4 has a null element.
#[derive(Debug, PartialEq, TensorSpec)]
#[tensor(batch = MatrixBatch)]
struct Matrix {
    #[tensor(shape = [_, 2])]
    matrix: Option<Array2<f64>>,
    id: i64,
}

#[test]
fn ragged_and_null_rows_of_nested_lists_are_reported_with_their_index() {
    let rows: Vec<_> =
        read_parquet::<Matrix, _>(fixture("nested_lists.parquet"), &ReadOptions::new())
            .unwrap()
            .collect();
    assert_eq!(rows.len(), 5);
    assert_eq!(
        rows[0].as_ref().unwrap().matrix,
        Some(array![[0.0, 1.0], [2.0, 3.0]])
    );
    assert_eq!(
        rows[1].as_ref().unwrap().matrix,
        Some(array![[4.0, 5.0], [6.0, 7.0], [8.0, 9.0]])
    );
    assert_eq!(
        rows[2].as_ref().unwrap_err().to_string(),
        "row 2: field `matrix`: ragged nesting: `matrix[1]` has shape [1], but `matrix[0]` has shape [2]"
    );
    // A null row of an `Option` field is `None`.
    assert_eq!(
        rows[3].as_ref().unwrap(),
        &Matrix {
            matrix: None,
            id: 3
        }
    );
    assert_eq!(
        rows[4].as_ref().unwrap_err().to_string(),
        "row 4: field `matrix`: null at [0, 1]: a tensor's elements cannot be null"
    );

    /// The same column, not an `Option`: the null row is reported too.
    #[derive(Debug, TensorSpec)]
    struct Required {
        #[tensor(shape = [_, 2])]
        matrix: Array2<f64>,
    }
    let options = ReadOptions::new().ignore_unexpected();
    let reports: Vec<(usize, String)> =
        read_parquet::<Required, _>(fixture("nested_lists.parquet"), &options)
            .unwrap()
            .try_validated()
            .filter_map(Result::err)
            .map(|rejected| (rejected.index(), rejected.to_string()))
            .collect();
    assert_eq!(
        reports,
        [
            (2, "element 2: row 2: field `matrix`: ragged nesting: `matrix[1]` has shape [1], but `matrix[0]` has shape [2]".to_owned()),
            (3, "element 3: row 3: field `matrix`: null, but the field is not an `Option`".to_owned()),
            (4, "element 4: row 4: field `matrix`: null at [0, 1]: a tensor's elements cannot be null".to_owned()),
        ]
    );
}

#[test]
fn valid_rows_around_bad_ones_reach_their_batches() {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    for item in read_parquet::<Matrix, _>(fixture("nested_lists.parquet"), &ReadOptions::new())
        .unwrap()
        .try_validated()
        .batched(1)
    {
        match item {
            Ok(batch) => good.extend(batch.id.to_vec()),
            Err(BatchError::Invalid(Rejected::Failed { index, .. })) => bad.push(index),
            Err(other) => panic!("{other}"),
        }
    }
    assert_eq!(good, [0, 1, 3]);
    assert_eq!(bad, [2, 4]);
}

/// What tensorspec writes for pyarrow to read back (`tensorspec_written.*`).
#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = WrittenBatch)]
struct Written {
    #[tensor(shape = [2, 3])]
    image: Array2<u8>,
    #[tensor(shape = [N])]
    tokens: Array1<i32>,
    label: i64,
    score: Option<f32>,
}

fn written() -> Vec<Written> {
    (0..3)
        .map(|r| Written {
            image: Array2::from_shape_fn((2, 3), |(i, j)| (10 * r + 3 * i + j) as u8),
            tokens: Array1::from_iter(0..r as i32 + 1),
            label: r as i64 - 1,
            score: (r != 1).then_some(r as f32 * 0.5),
        })
        .collect()
}

#[test]
fn files_written_here_are_read_back_here_and_are_what_pyarrow_read() {
    let parquet = write_parquet(&written(), Vec::new()).unwrap();
    let ipc = tensorspec::write_ipc_file(&written()).unwrap();
    let back =
        all(read_parquet::<Written, _>(Bytes::from(parquet.clone()), &ReadOptions::new()).unwrap());
    assert_eq!(back, written());
    let back = all(tensorspec::read_ipc_file::<Written>(ipc.clone(), &ReadOptions::new()).unwrap());
    assert_eq!(back, written());

    let dir = format!("{}/tests/data/arrow", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("TENSORSPEC_WRITE_FIXTURES").is_some() {
        std::fs::write(format!("{dir}/tensorspec_written.parquet"), &parquet).unwrap();
        std::fs::write(format!("{dir}/tensorspec_written.arrow"), &ipc).unwrap();
    }
    // The committed files are these bytes, which make_fixtures.py gave pyarrow to read.
    assert_eq!(
        std::fs::read(format!("{dir}/tensorspec_written.parquet")).unwrap(),
        parquet
    );
    assert_eq!(
        std::fs::read(format!("{dir}/tensorspec_written.arrow")).unwrap(),
        ipc
    );
    let seen: serde_json::Value =
        serde_json::from_slice(&std::fs::read(format!("{dir}/pyarrow_read_back.json")).unwrap())
            .unwrap();
    for file in ["tensorspec_written.parquet", "tensorspec_written.arrow"] {
        let columns = &seen[file]["columns"];
        assert_eq!(seen[file]["rows"], 3, "{file}");
        assert_eq!(
            columns["image"]["type"],
            "extension<arrow.fixed_shape_tensor[value_type=uint8, shape=[2,3]]>",
            "{file}"
        );
        let images: Vec<Vec<Vec<u8>>> =
            serde_json::from_value(columns["image"]["values"].clone()).unwrap();
        for (image, sample) in images.iter().zip(written()) {
            assert_eq!(
                image.concat(),
                sample.image.iter().copied().collect::<Vec<_>>()
            );
        }
        assert!(
            columns["tokens"]["type"]
                .as_str()
                .unwrap()
                .starts_with("extension<arrow.variable_shape_tensor[value_type=int32, ndim=1"),
            "{file}: {}",
            columns["tokens"]["type"]
        );
        let tokens: Vec<serde_json::Value> =
            serde_json::from_value(columns["tokens"]["values"].clone()).unwrap();
        for (token, sample) in tokens.iter().zip(written()) {
            assert_eq!(
                token["data"],
                serde_json::json!(sample.tokens.to_vec()),
                "{file}"
            );
            assert_eq!(
                token["shape"],
                serde_json::json!([sample.tokens.len()]),
                "{file}"
            );
        }
        assert_eq!(
            columns["label"]["values"],
            serde_json::json!([-1, 0, 1]),
            "{file}"
        );
        assert_eq!(
            columns["score"]["values"],
            serde_json::json!([0.0, null, 1.0]),
            "{file}"
        );
        assert_eq!(columns["label"]["nullable"], false, "{file}");
        assert_eq!(columns["score"]["nullable"], true, "{file}");
    }
    // polars reads the tensor columns as extension types over the right storage.
    assert_eq!(
        seen["polars"]["image"],
        "Extension('arrow.fixed_shape_tensor', Array(UInt8, shape=(6,)), '{\"shape\":[2,3]}')"
    );
    assert_eq!(seen["polars"]["label"], "Int64");
}

#[test]
fn a_writer_writes_row_groups_as_samples_come_and_row_indices_count_across_them() {
    use tensorspec::ParquetWriter;
    use tensorspec::parquet::file::reader::{FileReader, SerializedFileReader};

    #[derive(Debug, PartialEq, TensorSpec)]
    struct Point {
        #[tensor(shape = [2])]
        xy: [f32; 2],
        id: Option<i64>,
    }
    let mut writer = ParquetWriter::<Point, _>::new(Vec::new()).unwrap();
    for chunk in 0..5 {
        let points: Vec<Point> = (0..500)
            .map(|i| {
                let id = chunk * 500 + i;
                // Row 1,500 has no id.
                Point {
                    xy: [id as f32, 0.5],
                    id: (id != 1500).then_some(id),
                }
            })
            .collect();
        writer.write(&points).unwrap();
    }
    let file = Bytes::from(writer.finish().unwrap());
    let groups: Vec<i64> = SerializedFileReader::new(file.clone())
        .unwrap()
        .metadata()
        .row_groups()
        .iter()
        .map(|group| group.num_rows())
        .collect();
    assert_eq!(groups, [1024, 1024, 452]);

    #[derive(Debug, TensorSpec)]
    struct Required {
        #[tensor(shape = [2])]
        xy: [f32; 2],
        id: i64,
    }
    let rows: Vec<_> = read_parquet::<Required, _>(file, &ReadOptions::new())
        .unwrap()
        .collect();
    assert_eq!(rows.len(), 2500);
    for (index, row) in rows.iter().enumerate() {
        match row {
            Ok(row) => assert_eq!((row.id, row.xy), (index as i64, [index as f32, 0.5])),
            Err(error) => assert_eq!(
                (index, error.to_string()),
                (
                    1500,
                    "row 1500: field `id`: null, but the field is not an `Option`".to_owned()
                )
            ),
        }
    }
    assert_eq!(rows.iter().filter(|row| row.is_err()).count(), 1);
}
