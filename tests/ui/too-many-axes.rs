use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [1, 2, 3, 4, 5, 6, 7])]
    volume: ndarray::ArrayD<f32>,
}

fn main() {}
