//! The fifth case: a generator of `{image: f32[32, 32, 3], label: i64[]}` elements,
//! validated and batched by 64, with its throughput printed. TensorFlow's
//! `from_generator(...).batch(64)` moves about 2,000–3,000 such elements a second; an invalid
//! element inside a `.batch(10)` there takes the good elements of its batch down with it.
//!
//! Here element 1000 is bad: it is reported with its index, and the 63 elements that would
//! have shared its batch still reach a batch.
//!
//! `cargo run --release --example pipeline`

use std::time::Instant;

use ndarray::Array3;
use tensorspec::prelude::*;
use tensorspec::stream::BatchError;

/// An image and its label.
#[derive(TensorSpec)]
#[tensor(batch = SampleBatch)]
struct Sample {
    #[tensor(dtype = f32, shape = [32, 32, 3])]
    image: Array3<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

const ELEMENTS: usize = 20_000;
const BAD: usize = 1_000;

fn main() {
    // Pre-made, so that the time measured is the pipeline's, not the generator's.
    let samples: Vec<Sample> = (0..ELEMENTS)
        .map(|i| Sample {
            image: if i == BAD {
                Array3::zeros((32, 31, 3))
            } else {
                Array3::from_elem((32, 32, 3), i as f32)
            },
            label: i as i64,
        })
        .collect();

    let start = Instant::now();
    let (mut batches, mut stacked, mut bytes) = (0, 0, 0);
    for item in samples.into_iter().validated().batched(64) {
        match item {
            Ok(batch) => {
                batches += 1;
                stacked += batch.len();
                bytes +=
                    batch.image.len() * size_of::<f32>() + batch.label.len() * size_of::<i64>();
            }
            Err(BatchError::Invalid(invalid)) => println!("{invalid}"),
            Err(error) => println!("{error}"),
        }
    }
    let seconds = start.elapsed().as_secs_f64();
    println!(
        "{stacked} of {ELEMENTS} elements in {batches} batches of up to 64 in {:.1} ms: \
         {:.0} elements/s, {:.2} GB/s stacked",
        seconds * 1e3,
        stacked as f64 / seconds,
        bytes as f64 / seconds / 1e9,
    );
}
