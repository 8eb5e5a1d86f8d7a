//! `stack_into` (a batch refilled in place) against a copy into a preallocated buffer,
//! `stack_padded_into` (a padded batch refilled, of images that need no padding) and `stack`
//! (a fresh batch each time), the arms alternated round by round in one run, for images of
//! 1 KB to 4 MB and batches of 8 to 1024 (batches of 8 KB to 256 MB).
//!
//! `cargo bench -p tensorspec --bench stack_into`
//!
//! `STACK_INTO_MAX_BYTES=65536` (any byte count) runs only the batches of at most that many
//! bytes: the small ones, while iterating.
//!
//! Prints each arm's median time a batch and the ratios of the medians, tensorspec's time over
//! the copy's: 1.00 is as fast.

#![allow(clippy::expect_used)] // A benchmark: a panic is a failed run.

use std::hint::black_box;

use ndarray::{Array3, s};
use tensorspec::TensorSpec;

/// An RGBA image and its label.
#[derive(TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = u8, shape = [H, W, 4])]
    pixels: Array3<u8>,
    label: i64,
}

fn images(side: usize, n: usize) -> Vec<Image> {
    (0..n)
        .map(|i| Image {
            pixels: Array3::from_elem((side, side, 4), i as u8),
            label: i as i64,
        })
        .collect()
}

/// The best a careful user writes by hand: each image's bytes copied into a buffer allocated
/// once, and each label.
fn copy(images: &[Image], pixels: &mut [u8], labels: &mut [i64]) {
    let per = images.first().map_or(0, |image| image.pixels.len());
    for ((image, out), label) in images.iter().zip(pixels.chunks_exact_mut(per)).zip(labels) {
        if let Some(src) = image.pixels.as_slice() {
            out.copy_from_slice(src);
        }
        *label = image.label;
    }
}

mod common;

fn main() {
    println!("2-core VM; median of alternated rounds; ratio = time / copy's time");
    println!(
        "| image | batch | bytes | copy | stack_into | stack_padded_into | stack | stack_into / copy | stack_padded_into / copy | stack / copy |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|");
    let max_bytes = std::env::var("STACK_INTO_MAX_BYTES")
        .ok()
        .and_then(|bytes| bytes.parse::<usize>().ok())
        .unwrap_or(usize::MAX);
    for (side, n) in [
        (16, 8),
        (16, 1024),
        (128, 8),
        (128, 64),
        (128, 1024),
        (512, 64),
        (1024, 8),
        (1024, 64),
    ] {
        let bytes = side * side * 4 * n;
        if bytes > max_bytes {
            continue;
        }
        let samples = images(side, n);
        let mut pixels = vec![0u8; bytes];
        let mut labels = vec![0i64; n];
        let mut batch = Image::stack(&samples).expect("valid images stack");
        let mut padded = Image::stack_padded(&samples).expect("valid images stack");
        let rounds = if bytes > 64 << 20 { 7 } else { 25 };
        let reps = (64 << 20) / bytes.max(1);
        let reps = reps.clamp(1, 2000);
        let times = common::alternate(
            rounds,
            reps,
            &mut [
                &mut common::repeat(|| {
                    copy(black_box(&samples), &mut pixels, &mut labels);
                    black_box(&pixels);
                }),
                &mut common::repeat(|| {
                    Image::stack_into(black_box(&samples), &mut batch).expect("valid images stack");
                    black_box(&batch);
                }),
                &mut common::repeat(|| {
                    Image::stack_padded_into(black_box(&samples), &mut padded)
                        .expect("valid images stack");
                    black_box(&padded);
                }),
                &mut common::repeat(|| {
                    Image::stack(black_box(&samples)).expect("valid images stack")
                }),
            ],
        );
        // The batch holds what was stacked.
        assert_eq!(
            batch.pixels.slice(s![n - 1, 0, 0, ..]).to_vec(),
            [(n - 1) as u8; 4]
        );
        assert_eq!(padded.batch.pixels, batch.pixels);
        let [copy, into, padded_into, stack] = times[..] else {
            unreachable!("four arms")
        };
        println!(
            "| {}×{}×4 ({} KB) | {n} | {:.1} MB | {:.1} µs | {:.1} µs | {:.1} µs | {:.1} µs | {:.2} | {:.2} | {:.2} |",
            side,
            side,
            side * side * 4 / 1024,
            bytes as f64 / 1e6,
            copy * 1e6,
            into * 1e6,
            padded_into * 1e6,
            stack * 1e6,
            into / copy,
            padded_into / copy,
            stack / copy,
        );
    }
}
