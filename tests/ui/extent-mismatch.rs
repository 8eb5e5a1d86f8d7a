// TensorFlow's shape case: a `(2, 2)` array where `(3, 2)` was declared.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = float32, shape = [3, 2])]
    points: [[f32; 2]; 2],
}

fn main() {}
