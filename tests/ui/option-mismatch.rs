// `Option<F>` is checked as `F`.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = i64)]
    label: Option<i32>,
    #[tensor(shape = [4])]
    weights: Option<[f32; 3]>,
}

fn main() {}
