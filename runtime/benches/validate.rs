//! `validate()` and `validated()` against their baselines, in the same run.
//!
//! `cargo bench -p tensorspec --bench validate`
//!
//! - `validate/image` and `validate/six-fields`: the derived `validate()` against the same
//!   checks written by hand (`shape() == [..]` comparisons, symbols as local variables).
//! - `stream/*`: 20,000 samples through `validated()` against the same stream without it:
//!   pre-made samples by reference (the overhead alone, against a loop that does nothing), and
//!   a generator that makes each sample (as `from_generator` does). Pre-made samples moved out
//!   of a `Vec` are not measured: freeing 240 MB per iteration times the allocator, not us.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use ndarray::{Array1, Array2, Array3};
use tensorspec::prelude::*;

/// An image and its label: `{image: f32 [32, 32, 3], label: i64 []}`.
#[derive(Clone, TensorSpec)]
struct Image {
    #[tensor(dtype = f32, shape = [32, 32, 3])]
    image: Array3<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

fn image(label: i64) -> Image {
    Image {
        image: Array3::zeros((32, 32, 3)),
        label,
    }
}

/// Six fields, two of them sharing symbols `H`/`W`, two sharing `N`.
#[derive(Clone, TensorSpec)]
struct Six {
    #[tensor(dtype = f32, shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(dtype = u8, shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(dtype = f32, shape = [H, W])]
    depth: Array2<f32>,
    #[tensor(dtype = f32, shape = [_, 4])]
    boxes: Array2<f32>,
    #[tensor(dtype = f32, shape = [N, 3])]
    points: Vec<[f32; 3]>,
    #[tensor(dtype = i64, shape = [N])]
    ids: Array1<i64>,
}

fn six() -> Six {
    Six {
        image: Array3::zeros((16, 24, 3)),
        mask: Array2::zeros((16, 24)),
        depth: Array2::zeros((16, 24)),
        boxes: Array2::zeros((5, 4)),
        points: vec![[0.0; 3]; 10],
        ids: Array1::zeros(10),
    }
}

/// The image's checks by hand: what a careful user would write instead of `validate()`.
fn image_by_hand(sample: &Image) -> bool {
    sample.image.shape() == [32, 32, 3]
}

/// The six-field checks by hand.
fn six_by_hand(s: &Six) -> bool {
    let [h, w, c] = *s.image.shape() else {
        return false;
    };
    let n = s.points.len();
    c == 3
        && s.mask.shape() == [h, w]
        && s.depth.shape() == [h, w]
        && s.boxes.shape()[1] == 4
        && s.ids.shape() == [n]
}

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("validate");
    let sample = image(7);
    group.bench_function("image/by-hand", |b| {
        b.iter(|| image_by_hand(black_box(&sample)))
    });
    group.bench_function("image/validate", |b| {
        b.iter(|| black_box(&sample).validate().is_ok())
    });
    let sample = six();
    group.bench_function("six-fields/by-hand", |b| {
        b.iter(|| six_by_hand(black_box(&sample)))
    });
    group.bench_function("six-fields/validate", |b| {
        b.iter(|| black_box(&sample).validate().is_ok())
    });
    group.finish();
}

const STREAM: usize = 20_000;

fn stream(c: &mut Criterion) {
    let samples: Vec<Image> = (0..STREAM as i64).map(image).collect();

    let mut group = c.benchmark_group("stream");
    group.throughput(Throughput::Elements(STREAM as u64));
    group.sample_size(50);
    group.measurement_time(std::time::Duration::from_secs(10));

    group.bench_function("by-reference/bare", |b| {
        b.iter(|| samples.iter().map(|s| black_box(s).label).sum::<i64>())
    });
    group.bench_function("by-reference/validated", |b| {
        b.iter(|| {
            samples
                .iter()
                .validated()
                .map(|s| s.map_or(0, |s| black_box(s).label))
                .sum::<i64>()
        })
    });

    group.bench_function("generator/bare", |b| {
        b.iter(|| {
            (0..STREAM as i64)
                .map(image)
                .map(|s| black_box(s).label)
                .sum::<i64>()
        })
    });
    group.bench_function("generator/validated", |b| {
        b.iter(|| {
            (0..STREAM as i64)
                .map(image)
                .validated()
                .map(|s| s.map_or(0, |s| black_box(s).label))
                .sum::<i64>()
        })
    });
    group.finish();
}

criterion_group!(benches, validate, stream);
criterion_main!(benches);
