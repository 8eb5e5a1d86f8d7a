use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, dtype = f32)]
    features: Vec<f32>,
    #[tensor(shape = [3])]
    #[tensor(shape = [3])]
    xyz: [f32; 3],
}

fn main() {}
