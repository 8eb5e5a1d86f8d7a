// `c64` means `Complex<f32>` in some crates and `Complex<f64>` in others: not accepted.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = c64)]
    spectrum: Vec<num_complex::Complex<f32>>,
}

fn main() {}
