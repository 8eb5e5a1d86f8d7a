//! The cost of `validated()` on a generator, measured by alternating the two streams.
//!
//! `cargo bench -p tensorspec --bench stream_overhead`
//!
//! Criterion's `stream/generator/*` arms (in `validate.rs`) run one after the other, and on a
//! shared 2-core VM their means drift by more than the few percent being measured. Here the
//! bare and the validated stream alternate, 300 times each, and the medians are compared: the
//! drift hits both alike.

use std::hint::black_box;
use std::time::Instant;

use ndarray::Array3;
use tensorspec::prelude::*;

/// An image and its label.
#[derive(TensorSpec)]
struct Image {
    #[tensor(dtype = f32, shape = [32, 32, 3])]
    image: Array3<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

const STREAM: i64 = 20_000;
const ROUNDS: usize = 300;

/// A generator of zero-filled samples: the cheapest a real generator can be.
fn generator() -> impl Iterator<Item = Image> {
    (0..STREAM).map(|label| Image {
        image: Array3::zeros((32, 32, 3)),
        label,
    })
}

#[inline(never)]
fn bare() -> i64 {
    generator().map(|s| black_box(s).label).sum()
}

#[inline(never)]
fn validated() -> i64 {
    generator()
        .validated()
        .map(|s| s.map_or(0, |s| black_box(s).label))
        .sum()
}

fn median(mut times: Vec<f64>) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

fn main() {
    // `cargo test --benches` runs bench targets with `--bench` absent: do one round only.
    let rounds = if std::env::args().any(|a| a == "--bench") {
        ROUNDS
    } else {
        1
    };
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..rounds {
        let start = Instant::now();
        black_box(bare());
        a.push(start.elapsed().as_secs_f64());
        let start = Instant::now();
        black_box(validated());
        b.push(start.elapsed().as_secs_f64());
    }
    let (bare, validated) = (median(a), median(b));
    let per_element = |t: f64| t / STREAM as f64 * 1e9;
    println!(
        "stream of {STREAM} image samples, {rounds} alternating rounds, medians:\n  \
         bare      {:.3} ms ({:.1} ns/element, {:.2} M elements/s)\n  \
         validated {:.3} ms ({:.1} ns/element, {:.2} M elements/s)\n  \
         validated / bare = {:.4} ({:+.1} ns/element)",
        bare * 1e3,
        per_element(bare),
        STREAM as f64 / bare / 1e6,
        validated * 1e3,
        per_element(validated),
        STREAM as f64 / validated / 1e6,
        validated / bare,
        per_element(validated) - per_element(bare),
    );
}
