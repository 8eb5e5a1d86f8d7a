//! A batch of images to a record batch and back, against the copies that bound them: the
//! arms alternated round by round in one run, batches in and out of cache.
//!
//! - write: `batch_to_record_batch(batch.clone())` against `batch.clone()` alone (the
//!   conversion moves the buffers: its cost is what it adds to the clone), and against
//!   `to_record_batch(&samples)`, the samples written one by one;
//! - read: `record_batch_to_batch` against a copy of the columns' bytes into fresh buffers,
//!   and against the rows read one by one and batched (`read_record_batch(..).try_validated()
//!   .batched(n)`).
//!
//! `cargo bench -p tensorspec --features arrow --bench arrow_batches`

// A benchmark's set-up panics on a broken invariant.
#![allow(clippy::expect_used)]

mod common;

use std::hint::black_box;

use ndarray::Array3;
use tensorspec::arrow_array::{Array, RecordBatch};
use tensorspec::prelude::*;
use tensorspec::{
    ReadOptions, batch_to_record_batch, read_record_batch, record_batch_to_batch, to_record_batch,
};

#[derive(Clone, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(shape = [H, W, 3])]
    pixels: Array3<u8>,
    label: i64,
}

fn images(side: usize, n: usize) -> Vec<Image> {
    (0..n)
        .map(|i| Image {
            pixels: Array3::from_elem((side, side, 3), i as u8),
            label: i as i64,
        })
        .collect()
}

/// Each column's bytes copied into a fresh buffer: what reading a batch must at least do.
fn copy_columns(table: &RecordBatch) -> Vec<Vec<u8>> {
    table
        .columns()
        .iter()
        .map(|column| {
            // Down the lists (and a variable-shape tensor's `data`) to the values.
            let mut data = column.to_data();
            while let Some(child) = data.child_data().first().cloned() {
                data = child;
            }
            data.buffers()[0].as_slice().to_vec()
        })
        .collect()
}

fn main() {
    println!("2-core VM; median of alternated rounds; ratio = time / its baseline's");
    println!(
        "| images | batch | bytes | clone | clone + to record batch | samples to record batch | column copy | record batch to batch | rows batched | write / clone | read / copy | rows / read |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    let options = ReadOptions::new();
    for (side, n) in [(32, 64), (32, 1024), (224, 64)] {
        let samples = images(side, n);
        let batch = Image::stack(&samples).expect("valid images stack");
        let table = to_record_batch(&samples).expect("valid images write");
        let bytes = side * side * 3 * n;
        let rounds = if bytes > 64 << 20 { 7 } else { 15 };
        let reps = ((32 << 20) / bytes.max(1)).clamp(1, 200);
        let times = common::alternate(
            rounds,
            reps,
            &mut [
                &mut common::repeat(|| black_box(&batch).clone()),
                &mut common::repeat(|| {
                    batch_to_record_batch::<Image>(black_box(&batch).clone())
                        .expect("a valid batch")
                }),
                &mut common::repeat(|| to_record_batch(black_box(&samples)).expect("valid")),
                &mut common::repeat(|| copy_columns(black_box(&table))),
                &mut common::repeat(|| {
                    record_batch_to_batch::<Image>(black_box(&table), &options)
                        .expect("a valid table")
                }),
                &mut common::repeat(|| {
                    read_record_batch::<Image>(black_box(&table), &options)
                        .expect("a valid table")
                        .try_validated()
                        .batched(n)
                        .next()
                        .expect("one batch")
                        .expect("valid rows")
                }),
            ],
        );
        // What was read is what was written.
        let back = record_batch_to_batch::<Image>(&table, &options).expect("a valid table");
        assert_eq!(back.pixels, batch.pixels);
        let written = batch_to_record_batch::<Image>(batch.clone()).expect("a valid batch");
        assert_eq!(written.column(0).to_data(), table.column(0).to_data());
        let [clone, write, samples_write, copy, read, rows] = times[..] else {
            unreachable!("six arms")
        };
        println!(
            "| {side}×{side}×3 u8 | {n} | {:.1} MB | {:.1} µs | {:.1} µs | {:.1} µs | {:.1} µs | {:.1} µs | {:.1} µs | {:.2} | {:.2} | {:.2} |",
            bytes as f64 / 1e6,
            clone * 1e6,
            write * 1e6,
            samples_write * 1e6,
            copy * 1e6,
            read * 1e6,
            rows * 1e6,
            write / clone,
            read / copy,
            rows / read,
        );
    }
}
