use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    features: Vec<f32>,
    source: String,
    #[tensor(dtype = u8, shape = [N])]
    tags: Vec<String>,
}

fn main() {}
