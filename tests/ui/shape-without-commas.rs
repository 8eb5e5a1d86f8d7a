// `shape` takes `[DIM, ...]` with commas.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [3 2])]
    points: ndarray::Array2<f32>,
    #[tensor(shape = [3; 2])]
    grid: ndarray::Array2<f32>,
}

fn main() {}
