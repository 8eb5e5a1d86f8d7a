// `stack` exists only with `#[tensor(batch = ...)]`.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Row {
    #[tensor(shape = [2])]
    xy: [f32; 2],
}

fn main() {
    let _ = Row::stack(&[Row { xy: [0.0; 2] }]);
}
