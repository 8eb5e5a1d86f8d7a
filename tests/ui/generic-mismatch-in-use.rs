// A generic struct whose instantiation breaks a declared dtype, used as a sample.
use ndarray::Array1;
use tensorspec::prelude::*;

#[derive(TensorSpec)]
struct Sample<T> {
    #[tensor(dtype = f32)]
    values: Array1<T>,
}

fn main() {
    let sample = Sample { values: Array1::<u8>::zeros(3) };
    let _ = sample.validate();
    let _ = vec![Sample { values: Array1::<u8>::zeros(3) }].into_iter().validated().count();
}
