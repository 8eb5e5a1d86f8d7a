//! The first thing to run: a spec declared once, checked by the compiler.
//!
//! `cargo run --example quickstart`

use ndarray::{Array1, Array2, Array3};
use tensorspec::TensorSpec;

/// One element of a detection dataset.
#[derive(TensorSpec)]
#[allow(dead_code)] // the example only reads the spec
struct Sample {
    #[tensor(dtype = f32, shape = [3])]
    features: Array1<f32>,
    #[tensor(dtype = f32, shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(dtype = u8, shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(dtype = f32, shape = [_, 4])]
    boxes: Array2<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
    #[tensor(skip)]
    source: String,
}

fn main() {
    // Had any field's type disagreed with its `#[tensor(...)]`, this would not have compiled:
    // try `features: Array1<u8>` and run `cargo check --example quickstart`.
    println!("`Sample` compiled, so its dtypes, ranks and fixed extents agree with its types.");
    println!("Its spec:\n");
    print!("{}", Sample::spec());
    println!();
    for field in Sample::spec().fields() {
        let rank = field
            .rank()
            .map_or("any".to_owned(), |rank| rank.to_string());
        println!(
            "{:<10} dtype {:<4} rank {rank}",
            field.name(),
            field.dtype()
        );
    }
}
