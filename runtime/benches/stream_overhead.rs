//! The cost of `validated()` on a generator, measured by alternating the two streams.
//!
//! `cargo bench -p tensorspec --bench stream_overhead`
//!
//! A generator that makes 20,000 image samples, bare and through `validated()`: the two
//! streams alternate, 300 times each (`common::alternate`), and the medians are compared, so
//! the drift of a shared VM, larger than the few percent being measured, hits both alike.

use std::hint::black_box;

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

mod common;

fn main() {
    let times = common::alternate(
        ROUNDS,
        1,
        &mut [&mut common::repeat(bare), &mut common::repeat(validated)],
    );
    let rounds = if common::measuring() { ROUNDS } else { 1 };
    let (bare, validated) = (times[0], times[1]);
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
