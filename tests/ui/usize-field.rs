// `usize` is not an element type: one error, at the field.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    index: usize,
}

fn main() {}
