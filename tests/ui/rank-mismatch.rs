use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [_, 4])]
    grid: Vec<f32>,
    #[tensor(shape = [H, W])]
    image: ndarray::Array3<u8>,
    #[tensor(shape = [])]
    label: [i64; 1],
}

fn main() {}
