//! Stacking and the batched pipeline against a plain copy of the same bytes, the arms
//! alternated round by round in one run.
//!
//! `cargo bench -p tensorspec --bench batch`
//!
//! The sample is an image (`f32 [32, 32, 3]`, 12 KB) and its label; a batch of 64 is 786 KB.
//!
//! - `stack`: 64 images stacked by `Image::stack` (a fresh batch) and `Image::stack_into` (a
//!   batch refilled), against a copy of the same images and labels into buffers allocated once.
//! - `pipeline`: 20,000 images through `iter().validated().batched(64)`, each batch
//!   black-boxed, fresh batches and batches handed back with `next_into`; the same with one
//!   image in a hundred invalid (reported, handed back, the others still batched); against the
//!   copy, batch by batch, of the valid images' bytes.
//!
//! Prints each arm's median and its ratio to the copy's: 1.00 is as fast as the copy.

#![allow(clippy::expect_used)] // A benchmark: a panic is a failed run.

use std::hint::black_box;

use ndarray::Array3;
use tensorspec::prelude::*;
use tensorspec::stream::BatchError;

mod common;

#[derive(TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = f32, shape = [32, 32, 3])]
    image: Array3<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

const IMAGE: usize = 32 * 32 * 3;
const BATCH: usize = 64;
const STREAM: usize = 20_000;

/// `n` images; with `invalid`, every hundredth is 32 × 31 instead of 32 × 32.
fn images(n: usize, invalid: bool) -> Vec<Image> {
    (0..n)
        .map(|i| {
            let width = if invalid && i % 100 == 50 { 31 } else { 32 };
            Image {
                image: Array3::from_elem((32, width, 3), i as f32),
                label: i as i64,
            }
        })
        .collect()
}

/// The baseline: each image and label copied into buffers allocated once.
fn copy(images: &[&Image], pixels: &mut [f32], labels: &mut [i64]) {
    for ((image, out), label) in images
        .iter()
        .zip(pixels.chunks_exact_mut(IMAGE))
        .zip(labels)
    {
        out.copy_from_slice(image.image.as_slice().unwrap_or_default());
        *label = image.label;
    }
}

/// The valid images, batch by batch, copied: what the pipeline's batches hold.
fn copy_batches(valid: &[&Image], pixels: &mut [f32], labels: &mut [i64]) -> usize {
    let mut batches = 0;
    for chunk in valid.chunks(BATCH) {
        copy(chunk, pixels, labels);
        black_box((&*pixels, &*labels));
        batches += 1;
    }
    batches
}

/// Counts a batch or an invalid element's report, black-boxed.
fn count<B, T, R: std::fmt::Display>(
    item: Result<B, BatchError<T, R>>,
    counts: &mut (usize, usize),
) {
    match item {
        Ok(batch) => {
            black_box(&batch);
            counts.0 += 1;
        }
        Err(BatchError::Invalid(invalid)) => {
            black_box(&invalid);
            counts.1 += 1;
        }
        Err(other) => panic!("{other}"),
    }
}

/// The pipeline with fresh batches: how many batches and how many reports.
fn fresh(images: &[Image]) -> (usize, usize) {
    let mut counts = (0, 0);
    for item in images.iter().validated().batched(BATCH) {
        count(item, &mut counts);
    }
    counts
}

/// The pipeline refilling one batch.
fn refilled(images: &[Image], batch: &mut ImageBatch) -> (usize, usize) {
    let mut counts = (0, 0);
    let mut stream = images.iter().validated().batched(BATCH);
    while let Some(item) = stream.next_into(batch) {
        count(item.map(|()| &*batch), &mut counts);
    }
    counts
}

fn ratio_row(name: &str, copy: f64, arm: f64) {
    println!(
        "| {name} | {:.1} µs | {:.1} µs | {:.2} |",
        copy * 1e6,
        arm * 1e6,
        arm / copy
    );
}

fn main() {
    println!("2-core VM; medians of alternated rounds; ratio = time / the copy's time");
    println!("| arm | copy | arm | ratio |");
    println!("|---|---|---|---|");

    let samples = images(BATCH, false);
    let refs: Vec<&Image> = samples.iter().collect();
    let (mut pixels, mut labels) = (vec![0.0; BATCH * IMAGE], vec![0; BATCH]);
    let mut batch = Image::stack(&samples).expect("valid images stack");
    let times = common::alternate(
        41,
        200,
        &mut [
            &mut common::repeat(|| {
                copy(black_box(&refs), &mut pixels, &mut labels);
                black_box((&pixels, &labels));
            }),
            &mut common::repeat(|| Image::stack(black_box(&samples)).expect("valid images stack")),
            &mut common::repeat(|| {
                Image::stack_into(black_box(&samples), &mut batch).expect("valid images stack");
                black_box(&batch);
            }),
        ],
    );
    assert_eq!(
        batch.image.as_slice().expect("standard layout"),
        &pixels[..]
    );
    ratio_row(
        "stack 64 images (786 KB), a fresh batch",
        times[0],
        times[1],
    );
    ratio_row("stack_into 64 images, a batch refilled", times[0], times[2]);

    for invalid in [false, true] {
        let samples = images(STREAM, invalid);
        let valid: Vec<&Image> = samples.iter().filter(|s| s.validate().is_ok()).collect();
        let expected = (valid.len().div_ceil(BATCH), samples.len() - valid.len());
        assert_eq!(fresh(&samples), expected);
        assert_eq!(refilled(&samples, &mut batch), expected);
        let times = common::alternate(
            15,
            1,
            &mut [
                &mut common::repeat(|| copy_batches(black_box(&valid), &mut pixels, &mut labels)),
                &mut common::repeat(|| fresh(black_box(&samples))),
                &mut common::repeat(|| refilled(black_box(&samples), &mut batch)),
            ],
        );
        let which = if invalid {
            "20,000 images, 1 in 100 invalid"
        } else {
            "20,000 images"
        };
        ratio_row(
            &format!("{which}: validated().batched(64)"),
            times[0],
            times[1],
        );
        ratio_row(
            &format!("{which}: the same, next_into one batch"),
            times[0],
            times[2],
        );
    }
}
