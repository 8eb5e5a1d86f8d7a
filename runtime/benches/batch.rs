//! Stacking against a plain copy of the same bytes, in the same run.
//!
//! `cargo bench -p tensorspec --bench batch`
//!
//! - `stack/64`: `Image::stack` of 64 image samples (`image: f32[32, 32, 3]`, `label: i64[]`)
//!   against copying the same 64 images and labels into a preallocated buffer.
//! - `pipeline/20000`: 20,000 pre-made image samples through `validated()` and `batched(64)`
//!   against the same plain copy, batch by batch, of all their bytes.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndarray::Array3;
use tensorspec::prelude::*;

#[derive(Clone, TensorSpec)]
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
const SAMPLE_BYTES: usize = IMAGE * size_of::<f32>() + size_of::<i64>();

fn samples(n: usize) -> Vec<Image> {
    (0..n)
        .map(|i| Image {
            image: Array3::from_elem((32, 32, 3), i as f32),
            label: i as i64,
        })
        .collect()
}

/// The baseline: each sample's image and label copied into buffers allocated once.
fn plain_copy(samples: &[Image], images: &mut [f32], labels: &mut [i64]) {
    for (i, sample) in samples.iter().enumerate() {
        let image = sample.image.as_slice().unwrap_or_default();
        images[i * IMAGE..(i + 1) * IMAGE].copy_from_slice(image);
        labels[i] = sample.label;
    }
}

fn stack(c: &mut Criterion) {
    let samples = samples(BATCH);
    let mut group = c.benchmark_group("stack/64");
    group.throughput(Throughput::Bytes((BATCH * SAMPLE_BYTES) as u64));
    let (mut images, mut labels) = (vec![0.0; BATCH * IMAGE], vec![0; BATCH]);
    group.bench_function("plain-copy", |b| {
        b.iter(|| {
            plain_copy(black_box(&samples), &mut images, &mut labels);
            black_box((&images, &labels));
        })
    });
    group.bench_function("Image::stack", |b| {
        b.iter(|| black_box(Image::stack(black_box(&samples)).map(|batch| batch.len())))
    });
    group.finish();
}

fn pipeline(c: &mut Criterion) {
    let samples = samples(STREAM);
    let mut group = c.benchmark_group("pipeline/20000");
    group.throughput(Throughput::Elements(STREAM as u64));
    group.sample_size(20);
    let (mut images, mut labels) = (vec![0.0; BATCH * IMAGE], vec![0; BATCH]);
    group.bench_function("plain-copy", |b| {
        b.iter(|| {
            for chunk in samples.chunks(BATCH) {
                plain_copy(chunk, &mut images, &mut labels);
                black_box((&images, &labels));
            }
        })
    });
    group.bench_function("validated-batched", |b| {
        b.iter(|| {
            let mut n = 0;
            for batch in samples.iter().validated().batched(BATCH) {
                n += batch.map_or(0, |batch| black_box(batch).len());
            }
            n
        })
    });
    group.finish();
}

criterion_group!(benches, stack, pipeline);
criterion_main!(benches);
