//! Reading a Parquet file of 20,000 image/label rows into validated batches of 64, against
//! arrow-rs's own reader decoding the same file to record batches, in the same run.
//!
//! `cargo bench -p tensorspec --features parquet --bench parquet`
//!
//! The file: 20,000 rows of a 32×32×3 `uint8` image (`arrow.fixed_shape_tensor`) and an
//! `int64` label, written by `write_parquet` (snappy, row groups of 1,024 rows), 61 MB of
//! images.
//!
//! - `arrow-rs`: `ParquetRecordBatchReader`, batches of 1,024 rows, every batch pulled;
//! - `tensorspec`: `read_parquet(..).try_validated().batched(64)`: the same decoding, then
//!   each row read into a sample (its image copied once into an `Array3<u8>`) and checked,
//!   and 64 stacked into a batch (copied once more);
//! - `arrow-rs-again`: the baseline run a second time, after `tensorspec`, to show how much
//!   the (shared) machine drifted during the run.
//!
//! Before criterion's arms, which run one after the other, the three readers (`tensorspec
//! rows`: samples, not batched) alternate for 9 rounds and their medians and ratios are
//! printed: on a shared machine, the ratio to quote.

use std::hint::black_box;

use bytes::Bytes;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndarray::Array3;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use tensorspec::prelude::*;
use tensorspec::{ReadOptions, read_parquet, write_parquet};

const ROWS: usize = 20_000;

#[derive(TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(shape = [32, 32, 3])]
    image: Array3<u8>,
    label: i64,
}

fn file() -> Bytes {
    let images: Vec<Image> = (0..ROWS)
        .map(|row| Image {
            image: Array3::from_shape_fn((32, 32, 3), |(y, x, c)| {
                (row.wrapping_mul(31) ^ (y * 7 + x * 3 + c)) as u8
            }),
            label: (row % 10) as i64,
        })
        .collect();
    match write_parquet(&images, Vec::new()) {
        Ok(file) => Bytes::from(file),
        Err(error) => panic!("{error}"),
    }
}

fn arrow_rs(file: &Bytes) -> usize {
    let reader = ParquetRecordBatchReaderBuilder::try_new(file.clone())
        .and_then(|builder| builder.with_batch_size(1024).build());
    let Ok(reader) = reader else {
        panic!("arrow-rs could not open the file");
    };
    reader
        .map(|batch| match batch {
            Ok(batch) => black_box(batch).num_rows(),
            Err(error) => panic!("{error}"),
        })
        .sum()
}

fn tensorspec(file: &Bytes) -> usize {
    let Ok(rows) = read_parquet::<Image, _>(file.clone(), &ReadOptions::new()) else {
        panic!("tensorspec could not open the file");
    };
    rows.try_validated()
        .batched(64)
        .map(|batch| match batch {
            Ok(batch) => black_box(batch).len(),
            Err(error) => panic!("{error}"),
        })
        .sum()
}

/// Every row read into a sample and checked, not batched.
fn rows_only(file: &Bytes) -> usize {
    let Ok(rows) = read_parquet::<Image, _>(file.clone(), &ReadOptions::new()) else {
        panic!("tensorspec could not open the file");
    };
    rows.map(|row| match row {
        Ok(row) => usize::from(black_box(row).label >= 0),
        Err(error) => panic!("{error}"),
    })
    .sum()
}

/// A reader of the whole file, returning the rows it read.
type Reader = fn(&Bytes) -> usize;

/// The arms alternated (A B C A B C ...), so that the shared machine's drift falls on all of
/// them alike: each arm's median, and tensorspec's throughput against arrow-rs's.
fn interleaved(file: &Bytes, rounds: usize) {
    let arms: [(&str, Reader); 3] = [
        ("arrow-rs", arrow_rs),
        ("tensorspec rows", rows_only),
        ("tensorspec batches", tensorspec),
    ];
    let mut times = vec![Vec::new(); arms.len()];
    for _ in 0..rounds {
        for (arm, (_, run)) in arms.iter().enumerate() {
            let start = std::time::Instant::now();
            assert_eq!(run(file), ROWS);
            times[arm].push(start.elapsed().as_secs_f64() * 1e3);
        }
    }
    let median = |times: &mut Vec<f64>| {
        times.sort_by(f64::total_cmp);
        times[times.len() / 2]
    };
    let medians: Vec<f64> = times.iter_mut().map(median).collect();
    for ((name, _), ms) in arms.iter().zip(&medians) {
        println!("interleaved, {rounds} rounds: {name}: median {ms:.1} ms");
    }
    println!(
        "tensorspec's throughput against arrow-rs's: rows {:.2}, batches of 64 {:.2}",
        medians[0] / medians[1],
        medians[0] / medians[2]
    );
}

fn bench(c: &mut Criterion) {
    let file = file();
    assert_eq!(arrow_rs(&file), ROWS);
    assert_eq!(tensorspec(&file), ROWS);
    interleaved(&file, 9);
    let mut group = c.benchmark_group("parquet-20000-images");
    group.throughput(Throughput::Elements(ROWS as u64));
    group.sample_size(20);
    group.bench_function("arrow-rs", |b| b.iter(|| arrow_rs(&file)));
    group.bench_function("tensorspec", |b| b.iter(|| tensorspec(&file)));
    // The baseline again: how far the shared machine drifted during the run.
    group.bench_function("arrow-rs-again", |b| b.iter(|| arrow_rs(&file)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
