//! A Hugging Face dataset's Parquet file into a validated, batched stream. `datasets` wrote
//! the file (`Dataset.to_parquet`, `runtime/tests/data/arrow/make_fixtures.py`) with an
//! `Array3D(shape=(2, 2, 3), dtype="uint8")` image, a `Sequence(Value("int32"))` of tokens,
//! a `ClassLabel` and a `Value("float32")`: the struct below is its spec, the tokens padded
//! to each batch's longest row. Every dataset on the Hub has such a Parquet export; give one's
//! path (and declare its features) to read it instead.
//!
//! `cargo run -p tensorspec-examples --features parquet --example hf_parquet [FILE]`

use ndarray::Array3;
use tensorspec::prelude::*;
use tensorspec::stream::BatchError;
use tensorspec::{ReadOptions, read_parquet};

/// The dataset's features, as a spec.
#[derive(Debug, TensorSpec)]
#[tensor(batch = ExampleBatch)]
struct Example {
    #[tensor(dtype = uint8, shape = [2, 2, 3])]
    image: Array3<u8>,
    #[tensor(dtype = int32, shape = [T], pad = -1)]
    tokens: Vec<i32>,
    /// The `ClassLabel`: its index, an `int64` column.
    label: i64,
    score: f32,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../runtime/tests/data/arrow/hf_dataset.parquet"
        )
        .to_owned()
    });
    let file = std::fs::File::open(&path)?;
    // The schema is checked here, before any row: columns, dtypes, the Array3D's shape.
    let rows = read_parquet::<Example, _>(file, &ReadOptions::new())?;
    print!("{}", Example::spec());
    let mut rows_read = 0;
    for item in rows.try_validated().batched(2).padded() {
        match item {
            Ok(padded) => {
                let batch = padded.batch;
                rows_read += batch.len();
                println!(
                    "batch: image {:?}, tokens {:?} (true lengths {}), labels {}",
                    batch.image.shape(),
                    batch.tokens.shape(),
                    padded
                        .lengths
                        .axis("tokens", 0)
                        .map(|l| l.to_string())
                        .unwrap_or_default(),
                    batch.label,
                );
            }
            // A bad row: its index in the file and every violation; the stream goes on.
            Err(BatchError::Invalid(rejected)) => eprintln!("{rejected}"),
            Err(error) => eprintln!("{error}"),
        }
    }
    println!("{rows_read} rows in batches");
    Ok(())
}
