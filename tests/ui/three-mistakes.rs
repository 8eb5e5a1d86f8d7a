// Three mistakes, three errors, one compile.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = f32)]
    features: Vec<u8>,
    #[tensor(dtype = flaot32)]
    image: ndarray::Array3<f32>,
    #[tensor(shape = [3])]
    grid: [[f32; 3]; 3],
}

fn main() {}
