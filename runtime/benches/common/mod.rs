//! The timing the benchmarks here share: the arms of a comparison alternate round by round
//! (A B C A B C ...) in one run, so that the drift of a shared VM (20–50 % here) falls on all
//! of them alike, and each arm's median round is compared.

#![allow(dead_code)] // Each benchmark uses what it needs.

use std::hint::black_box;
use std::time::Instant;

/// The median seconds of one call of each arm: `rounds` rounds, each running every arm for
/// `reps` calls, the arms in turn. Make each arm with [`repeat`], so that its calls are a loop
/// of their own, inlined, not calls through `dyn`. With `cargo test --benches` (no `--bench`
/// argument), one round: a check that the benchmark runs, not a measurement.
pub fn alternate(rounds: usize, reps: usize, arms: &mut [&mut dyn FnMut(usize)]) -> Vec<f64> {
    let rounds = if measuring() { rounds } else { 1 };
    let mut times = vec![Vec::with_capacity(rounds); arms.len()];
    for _ in 0..rounds {
        for (arm, times) in arms.iter_mut().zip(&mut times) {
            let start = Instant::now();
            arm(reps);
            times.push(start.elapsed().as_secs_f64() / reps as f64);
        }
    }
    times.into_iter().map(median).collect()
}

/// An arm that calls `f` the given number of times, its result black-boxed.
pub fn repeat<R>(mut f: impl FnMut() -> R) -> impl FnMut(usize) {
    move |reps| {
        for _ in 0..reps {
            black_box(f());
        }
    }
}

/// Whether this is a measuring run (`cargo bench`), not `cargo test --benches`.
pub fn measuring() -> bool {
    std::env::args().any(|arg| arg == "--bench")
}

/// The median of `values`.
pub fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}
