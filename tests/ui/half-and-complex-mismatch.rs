// Element types outside the primitives are named as Rust spells them.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = bf16)]
    weights: Vec<half::f16>,
    #[tensor(dtype = complex128)]
    spectrum: Vec<num_complex::Complex<f32>>,
}

fn main() {}
