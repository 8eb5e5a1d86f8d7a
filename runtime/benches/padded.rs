//! Padded stacking against its baselines, in the same run and the same benchmark group.
//!
//! `cargo bench -p tensorspec --bench padded -- --warm-up-time 1 --measurement-time 3`
//!
//! Each group stacks 32 `u8` images of at most `H x W x 3`, each with an `i64` label:
//!
//! - `equal/HxW`: every image `H x W`; `Image::stack_padded` against `Image::stack` (plain).
//! - `heights/HxW`: heights from `H` down to 3/4 `H`, width `W`; `Image::stack_padded`
//!   against `hand-copy`, a hand-written copy of the padded bytes (rows copied, gaps filled)
//!   into a buffer allocated once, where `stack_padded` allocates its batch every time.
//! - `heights-widths/HxW`: heights and widths both vary, so each row has a gap; the same arms.
//!
//! A `64x64` batch (393 kB) fits in L2; a `224x224` one (4.8 MB) does not.

use std::hint::black_box;

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main};
use ndarray::Array3;
use tensorspec::prelude::*;

#[derive(Clone, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = u8, shape = [H, W, 3])]
    image: Array3<u8>,
    label: i64,
}

const BATCH: usize = 32;
const CHANNELS: usize = 3;

/// `BATCH` images, image `i` of `height(i) x width(i)`, its pixels from `i` and their place.
fn images(height: impl Fn(usize) -> usize, width: impl Fn(usize) -> usize) -> Vec<Image> {
    (0..BATCH)
        .map(|i| Image {
            image: Array3::from_shape_fn((height(i), width(i), CHANNELS), |(r, c, k)| {
                (i + r * 7 + c * 3 + k) as u8
            }),
            label: i as i64,
        })
        .collect()
}

/// The baseline of varying sizes: each image's rows copied into its padded block of `out`,
/// the gaps filled with 0, every byte of `out` written once.
fn hand_copy(images: &[Image], out: &mut Vec<u8>, labels: &mut Vec<i64>) {
    let (mut height, mut width) = (0, 0);
    for image in images {
        let &[h, w, _] = image.image.shape() else {
            return;
        };
        height = height.max(h);
        width = width.max(w);
    }
    let (stride, block) = (width * CHANNELS, height * width * CHANNELS);
    out.resize(images.len() * block, 0);
    labels.clear();
    for (image, dst) in images.iter().zip(out.chunks_exact_mut(block)) {
        let &[h, w, _] = image.image.shape() else {
            return;
        };
        let src = image.image.as_slice().unwrap_or_default();
        let (rows, tail) = dst.split_at_mut(h * stride);
        if w == width {
            rows.copy_from_slice(src);
        } else {
            let row = w * CHANNELS;
            for (dst, src) in rows.chunks_exact_mut(stride).zip(src.chunks_exact(row)) {
                let (data, gap) = dst.split_at_mut(row);
                data.copy_from_slice(src);
                gap.fill(0);
            }
        }
        tail.fill(0);
        labels.push(image.label);
    }
}

fn group<'c>(
    c: &'c mut Criterion,
    name: &str,
    (h, w): (usize, usize),
) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(format!("{name}/{h}x{w}"));
    group.throughput(Throughput::Bytes((BATCH * h * w * CHANNELS) as u64));
    group
}

fn padded_arm(group: &mut BenchmarkGroup<'_, WallTime>, images: &[Image]) {
    group.bench_function("Image::stack_padded", |b| {
        b.iter(|| {
            black_box(Image::stack_padded(black_box(images)).map(|padded| padded.batch.len()))
        })
    });
}

/// Equal sizes: padded stacking against plain stacking.
fn equal(c: &mut Criterion) {
    for size @ (h, w) in [(64, 64), (224, 224)] {
        let images = images(|_| h, |_| w);
        let mut group = group(c, "equal", size);
        group.bench_function("Image::stack", |b| {
            b.iter(|| black_box(Image::stack(black_box(&images)).map(|batch| batch.len())))
        });
        padded_arm(&mut group, &images);
        group.finish();
    }
}

/// Varying sizes: padded stacking against a hand-written copy of the padded bytes.
fn varying(c: &mut Criterion) {
    for size @ (h, w) in [(64, 64), (224, 224)] {
        // Image 0 has the longest extents, the others spread down to 3/4 of them; widths in
        // another order (7 is prime to `BATCH`) than heights.
        let shorter = |longest: usize, k: usize| longest - longest / 4 * (k % BATCH) / (BATCH - 1);
        let arms: [(&str, Vec<Image>); 2] = [
            ("heights", images(|i| shorter(h, i), |_| w)),
            (
                "heights-widths",
                images(|i| shorter(h, i), |i| shorter(w, 7 * i)),
            ),
        ];
        for (name, images) in arms {
            let mut group = group(c, name, size);
            let (mut out, mut labels) = (Vec::new(), Vec::new());
            group.bench_function("hand-copy", |b| {
                b.iter(|| {
                    hand_copy(black_box(&images), &mut out, &mut labels);
                    black_box((&out, &labels));
                })
            });
            padded_arm(&mut group, &images);
            group.finish();
        }
    }
}

criterion_group!(benches, equal, varying);
criterion_main!(benches);
