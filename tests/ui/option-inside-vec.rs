use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Inner {
    x: f32,
}

// A tensor's elements cannot be absent, and a nested spec is not an element.
#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [N])]
    values: Vec<Option<f32>>,
    inners: [Inner; 2],
}

fn main() {}
