use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [-1, 3])]
    points: ndarray::Array2<f32>,
}

fn main() {}
