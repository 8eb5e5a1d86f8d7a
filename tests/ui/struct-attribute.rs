use tensorspec::TensorSpec;

#[derive(TensorSpec)]
#[tensor(dtype = f32)]
struct Sample {
    features: Vec<f32>,
}

fn main() {}
