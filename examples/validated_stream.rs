//! The shape case at run time. A generator yields `(3, 2)` arrays, but element 17 is
//! `(2, 2)`. `tf.data.Dataset.from_generator` would fail when that element is pulled, naming
//! neither the field nor the element, and a `.batch(10)` around it would drop the good
//! elements of its batch. Here the report names both, the element comes back with it, and
//! the stream goes on.
//!
//! `cargo run --example validated_stream`

use ndarray::{Array2, Array3};
use tensorspec::prelude::*;

/// An image and its label: `points` must be `(3, 2)`; `image` and `mask` share `H` and `W`.
#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [3, 2])]
    points: Array2<f32>,
    #[tensor(dtype = f32, shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(dtype = u8, shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

/// A generator of 30 samples. Element 17 has `(2, 2)` points and a mask one column short.
fn generator() -> impl Iterator<Item = Sample> {
    (0..30).map(|i| {
        let bad = i == 17;
        Sample {
            points: Array2::from_elem(if bad { (2, 2) } else { (3, 2) }, i as f32),
            image: Array3::zeros((8, 8, 3)),
            mask: Array2::zeros(if bad { (8, 7) } else { (8, 8) }),
            label: i,
        }
    })
}

fn main() {
    print!("spec:\n{}\n", Sample::spec());

    // Every element, valid or not: the invalid one is reported and handed back.
    let mut valid = 0;
    for element in generator().validated() {
        match element {
            Ok(_sample) => valid += 1,
            Err(invalid) => {
                println!("{invalid}");
                println!(
                    "  (kept: label {} of the invalid element)",
                    invalid.sample.label
                );
            }
        }
    }
    println!("{valid} valid elements\n");

    // Only the valid elements, counting the others.
    let mut stream = generator().validated().drop_invalid();
    let labels: i64 = stream.by_ref().map(|sample| sample.label).sum();
    println!(
        "drop_invalid: sum of valid labels {labels}, {} dropped",
        stream.dropped()
    );

    // All or nothing: the first invalid element is the error.
    match generator()
        .validated()
        .while_valid(|samples| samples.count())
    {
        Ok(n) => println!("while_valid: all {n} valid"),
        Err(invalid) => println!("while_valid: stopped at element {}", invalid.index),
    }
}
