use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [2.5, "3", 3u8, 99999999999999999999999])]
    points: ndarray::Array4<f32>,
}

fn main() {}
