// A generic struct whose instantiation breaks a declared dtype, checked from a fallible
// generator: one error, at `try_validated()`, none where the stream is used.
use ndarray::Array1;
use tensorspec::prelude::*;

#[derive(TensorSpec)]
struct Sample<T> {
    #[tensor(dtype = f32)]
    values: Array1<T>,
}

fn main() {
    let decoded = vec![Ok::<_, std::io::Error>(Sample { values: Array1::<u8>::zeros(3) })];
    let _ = decoded.into_iter().try_validated().count();
}
