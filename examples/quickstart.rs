//! The first thing to run: a spec declared once, checked by the compiler, then a sample
//! checked at run time for what the types leave open.
//!
//! `cargo run --example quickstart`

use ndarray::{Array1, Array2, Array3};
use tensorspec::TensorSpec;

/// One element of a detection dataset.
#[derive(TensorSpec)]
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

    // What the types leave open (ndarray extents, the symbols H and W) is checked at run time.
    let mut sample = Sample {
        features: Array1::zeros(3),
        image: Array3::zeros((32, 32, 3)),
        mask: Array2::zeros((32, 32)),
        boxes: Array2::zeros((5, 4)),
        label: 7,
        source: "camera-0".to_owned(),
    };
    println!(
        "\nvalidate(): {:?}",
        sample.validate().map_err(|e| e.to_string())
    );
    sample.mask = Array2::zeros((32, 31));
    sample.boxes = Array2::zeros((5, 3));
    if let Err(violations) = sample.validate() {
        println!(
            "after breaking `mask` and `boxes` of {}:\n{violations}",
            sample.source
        );
    }
}
