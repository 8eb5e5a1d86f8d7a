// TensorFlow's dtype case: a generator yields `uint8` where `float32` was declared.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [3])]
    features: ndarray::Array1<u8>,
}

fn main() {}
