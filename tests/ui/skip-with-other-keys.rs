use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(skip, dtype = f32)]
    features: Vec<f32>,
}

fn main() {}
