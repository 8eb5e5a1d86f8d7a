//! The dtype case from a file. NumPy wrote a `uint8` array (`np.savez("uint8_features.npz",
//! features=np.array([1, 2, 255], dtype=np.uint8))`); the spec declares `float32`. TensorFlow's
//! `from_generator` would convert it silently. Here it is refused with a clear error, then read
//! with the cast asked for.
//!
//! `cargo run --example npz_cast`

use ndarray::Array1;
use tensorspec::{Casting, ReadOptions, TensorSpec, read_npz};

/// The NumPy-made file (`runtime/tests/data/make_fixtures.py`).
const FILE: &[u8] = include_bytes!("../runtime/tests/data/uint8_features.npz");

#[derive(Debug, TensorSpec)]
struct Sample {
    #[tensor(dtype = float32, shape = [3])]
    features: Array1<f32>,
}

fn main() {
    match read_npz::<Sample>(FILE, &ReadOptions::new()) {
        Ok(sample) => println!("read without a cast?! {sample:?}"),
        Err(error) => println!("refused: {error}"),
    }
    let lossless = ReadOptions::new().cast(Casting::Lossless);
    match read_npz::<Sample>(FILE, &lossless) {
        Ok(sample) => println!("with `cast`: features = {}", sample.features),
        Err(error) => println!("still refused: {error}"),
    }
    // A lossy cast is never made without its name, and never wraps.
    #[derive(Debug, TensorSpec)]
    struct Signed {
        #[tensor(dtype = i8, shape = [3])]
        features: Array1<i8>,
    }
    for casting in [Casting::Lossless, Casting::Lossy, Casting::Saturating] {
        let options = ReadOptions::new().cast(casting);
        match read_npz::<Signed>(FILE, &options) {
            Ok(sample) => println!("as i8 with {}: {}", casting.name(), sample.features),
            Err(error) => println!("as i8 with {}: refused: {error}", casting.name()),
        }
    }
    print!(
        "\nthe signature for a Python consumer:\n{}\n",
        Sample::spec().to_tensorflow()
    );
}
