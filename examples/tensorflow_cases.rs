//! The cases in Rust. In Python, `tf.data.Dataset.from_generator` finds a `uint8`
//! array where `float32` was declared, or a `(2, 2)` array where `(3, 2)` was declared, only
//! when that element is pulled. Here both are compile errors at the field.
//!
//! Both mistakes are `compile_fail` doctests in `examples/lib.rs`, and UI tests whose
//! messages are the snapshots `tests/ui/dtype-mismatch.stderr` and
//! `tests/ui/extent-mismatch.stderr`:
//!
//! ```text
//! error[E0277]: field `features`: declared `dtype = f32`, but the field's element type is `u8`
//! error[E0277]: field `points`: declared extent 3 on axis 0, but the field's type has fixed extent 2
//! ```
//!
//! The corrected structs below compile.
//!
//! `cargo run --example tensorflow_cases`

use tensorspec::TensorSpec;

/// Case 1, corrected: the element type is the declared one.
#[derive(TensorSpec)]
#[allow(dead_code)]
struct Case1 {
    #[tensor(dtype = float32, shape = [3])]
    features: ndarray::Array1<f32>,
}

/// Case 2, corrected: the fixed-size array has the declared extents.
#[derive(TensorSpec)]
#[allow(dead_code)]
struct Case2 {
    #[tensor(dtype = float32, shape = [3, 2])]
    points: [[f32; 2]; 3],
}

fn main() {
    print!("{}{}", Case1::spec(), Case2::spec());
}
