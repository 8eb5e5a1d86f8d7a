//! What `prefetch(k)` and `parallel_map(threads, f)` buy, measured by alternating the arms.
//!
//! `cargo bench -p tensorspec --bench overlap`
//!
//! Each round runs every arm of a comparison once, one after the other (A B A B ...), so the
//! drift of a shared VM hits all arms alike; the report gives each arm's median, the ratio of
//! the medians, and the range of the per-round ratios. Every run's result is black-boxed and
//! checked against the sequential one: the same items, in the same order.
//!
//! - prefetch: a generator that decodes images and stacks batches of 16 (~200 µs a batch) and
//!   a consumer that trains on each batch for as long. Sequential, the two add up; with
//!   `prefetch(2)` they overlap, and the ideal ratio is 0.5.
//! - parallel map: a generator whose decoding costs ~50 µs an image, decoded by `map` on the
//!   consumer's thread, and by `parallel_map` on 1 and on 2 threads. The ideal speed-up of 2
//!   threads is 2.

use std::hint::black_box;
use std::time::Instant;

use ndarray::Array3;
use tensorspec::prelude::*;

#[derive(TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = f32, shape = [32, 32, 3])]
    pixels: Array3<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

/// CPU work that cannot be folded away: `units` rounds of xorshift.
fn spin(units: u64, seed: u64) -> u64 {
    let mut x = black_box(seed) | 1;
    for _ in 0..black_box(units) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    x
}

/// Stands for reading and decoding an image file: `units` of work, then the pixels.
fn decode(label: i64, units: u64) -> Image {
    let noise = spin(units, label as u64);
    let pixels = Array3::from_shape_fn((32, 32, 3), |(y, x, c)| {
        ((noise >> ((y + x + c) % 56)) & 0xff) as f32 / 255.0
    });
    Image { pixels, label }
}

/// Stands for a training step on a batch: reads every pixel, then `units` of work. Returns a
/// checksum of the labels in their order.
fn train(batch: &ImageBatch, units: u64) -> u64 {
    let pixels: f32 = batch.pixels.sum();
    let order = batch
        .label
        .iter()
        .enumerate()
        .fold(0u64, |acc, (i, &label)| {
            acc.wrapping_mul(31)
                .wrapping_add(label as u64 * (i as u64 + 1))
        });
    black_box(pixels);
    order ^ (spin(units, order) & 1)
}

/// The least disturbed run: on a shared machine, the closest to an idle one.
fn fastest(values: &[f64]) -> f64 {
    values.iter().copied().fold(f64::INFINITY, f64::min)
}

fn median(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[sorted.len() / 2]
}

/// Seconds taken by `run`, and its result.
fn time<R>(run: impl FnOnce() -> R) -> (f64, R) {
    let start = Instant::now();
    let result = black_box(run());
    (start.elapsed().as_secs_f64(), result)
}

/// Spin units per microsecond on this machine.
fn calibrate() -> f64 {
    const UNITS: u64 = 2_000_000;
    let times: Vec<f64> = (0..7).map(|_| time(|| spin(UNITS, 7)).0).collect();
    UNITS as f64 / (median(&times) * 1e6)
}

/// Alternates the arms `rounds` times; each arm's times.
fn alternate<R: PartialEq + std::fmt::Debug>(
    rounds: usize,
    arms: &[&dyn Fn() -> R],
) -> Vec<Vec<f64>> {
    let mut times = vec![Vec::with_capacity(rounds); arms.len()];
    let mut expected = None;
    for _ in 0..rounds {
        for (arm, run) in arms.iter().enumerate() {
            let (seconds, result) = time(run);
            times[arm].push(seconds);
            // Every arm yields the same items in the same order.
            match &expected {
                None => expected = Some(result),
                Some(expected) => assert_eq!(&result, expected, "arm {arm} differs"),
            }
        }
    }
    times
}

/// The range of the per-round ratios `a / b`.
fn ratio_range(a: &[f64], b: &[f64]) -> (f64, f64) {
    let ratios = a.iter().zip(b).map(|(a, b)| a / b);
    let low = ratios.clone().fold(f64::INFINITY, f64::min);
    (low, ratios.fold(0.0, f64::max))
}

/// The machine's load average, where Linux tells it: other processes' threads take cores
/// from the overlapped arms and blur the ratios.
fn load() -> String {
    std::fs::read_to_string("/proc/loadavg").map_or_else(
        |_| "unknown".into(),
        |text| {
            text.split_whitespace()
                .take(3)
                .collect::<Vec<_>>()
                .join(" ")
        },
    )
}

fn main() {
    println!(
        "{} cores, load average {} (1, 5, 15 min)",
        std::thread::available_parallelism().map_or(0, usize::from),
        load()
    );
    // `cargo test --benches` runs bench targets with `--bench` absent: do one short round.
    let full = std::env::args().any(|a| a == "--bench");
    let rounds = if full { 21 } else { 1 };
    let per_us = calibrate();
    let units = |us: f64| (us * per_us) as u64;

    // Prefetch: batches of 16, ~12.5 µs of decoding an image, and a consumer as slow.
    const BATCH: usize = 16;
    let batches: i64 = if full { 100 } else { 4 };
    let decode_units = units(12.0);
    let produce = move || (0..batches * BATCH as i64).map(move |i| decode(i, decode_units));
    let producer_alone: Vec<f64> = (0..5)
        .map(|_| {
            time(|| {
                produce()
                    .batched(BATCH)
                    .map(|b| b.map_or(0, |b| b.len()))
                    .sum::<usize>()
            })
            .0
        })
        .collect();
    let producer_per_batch = median(&producer_alone) / batches as f64;
    let train_units = units(producer_per_batch * 1e6);
    let consumer_alone: Vec<f64> = {
        let batch = Image::stack(&produce().take(BATCH).collect::<Vec<_>>());
        let Ok(batch) = batch else {
            panic!("the images stack")
        };
        (0..5)
            .map(|_| {
                time(|| {
                    (0..batches)
                        .map(|_| train(&batch, train_units))
                        .fold(0u64, u64::wrapping_add)
                })
                .0
            })
            .collect()
    };
    let consumer_per_batch = median(&consumer_alone) / batches as f64;

    let sequential = || -> Vec<u64> {
        produce()
            .batched(BATCH)
            .map(|batch| batch.map_or(0, |batch| train(&batch, train_units)))
            .collect()
    };
    let prefetched = || -> Vec<u64> {
        produce()
            .batched(BATCH)
            .prefetch(2)
            .map(|batch| batch.map_or(0, |batch| train(&batch, train_units)))
            .collect()
    };
    let times = alternate(rounds, &[&sequential, &prefetched]);
    let (seq, pre) = (median(&times[0]), median(&times[1]));
    let (low, high) = ratio_range(&times[1], &times[0]);
    println!(
        "prefetch: {batches} batches of {BATCH} images, {rounds} alternating rounds, medians\n  \
         making a batch alone    {:.0} µs (decoding, validating, stacking)\n  \
         training on it alone    {:.0} µs\n  \
         sequential              {:.2} ms\n  \
         .prefetch(2)            {:.2} ms\n  \
         prefetch / sequential = {:.3} (rounds {:.3}..{:.3}; ideal 0.5, target <= 0.6)\n  \
         fastest runs: prefetch / sequential = {:.3}",
        producer_per_batch * 1e6,
        consumer_per_batch * 1e6,
        seq * 1e3,
        pre * 1e3,
        pre / seq,
        low,
        high,
        fastest(&times[1]) / fastest(&times[0]),
    );

    // Parallel map: ~50 µs of decoding an image.
    let count: i64 = if full { 1000 } else { 20 };
    let decode_units = units(50.0);
    // The consumer checks the order as it goes.
    let consume = |images: &mut dyn Iterator<Item = Image>| -> (usize, f32) {
        let mut seen = 0;
        let mut pixels = 0.0;
        for image in images {
            assert_eq!(image.label, seen as i64, "out of order");
            pixels += image.pixels[[0, 0, 0]];
            seen += 1;
        }
        (seen, pixels)
    };
    let mapped = || consume(&mut (0..count).map(move |i| decode(i, decode_units)));
    let one = || consume(&mut (0..count).parallel_map(1, move |i| decode(i, decode_units)));
    let two = || consume(&mut (0..count).parallel_map(2, move |i| decode(i, decode_units)));
    let alone: Vec<f64> = (0..5)
        .map(|_| time(|| decode(black_box(3), decode_units)).0)
        .collect();
    let times = alternate(rounds, &[&mapped, &one, &two]);
    let (map, one, two) = (median(&times[0]), median(&times[1]), median(&times[2]));
    let (low, high) = ratio_range(&times[0], &times[2]);
    println!(
        "parallel_map: {count} images, {rounds} alternating rounds, medians\n  \
         decoding one image      {:.1} µs\n  \
         .map(decode)            {:.2} ms\n  \
         .parallel_map(1, ..)    {:.2} ms ({:.3} of map)\n  \
         .parallel_map(2, ..)    {:.2} ms\n  \
         speed-up of 2 threads over map = {:.2}x (rounds {:.2}..{:.2}; ideal 2, target >= 1.8)\n  \
         fastest runs: speed-up = {:.2}x\n\
         load average after: {}",
        median(&alone) * 1e6,
        map * 1e3,
        one * 1e3,
        one / map,
        two * 1e3,
        map / two,
        low,
        high,
        fastest(&times[0]) / fastest(&times[2]),
        load(),
    );
}
