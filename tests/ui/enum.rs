use tensorspec::TensorSpec;

#[derive(TensorSpec)]
enum Sample {
    Image(Vec<f32>),
}

fn main() {}
