use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample(Vec<f32>, i64);

fn main() {}
