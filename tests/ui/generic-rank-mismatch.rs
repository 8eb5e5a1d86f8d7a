// A field sized by a const generic whose type fixes another rank than declared: checked
// where `Grid<4>` is used.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Grid<const N: usize> {
    #[tensor(shape = [N, 3, 1])]
    cells: [[f32; 3]; N],
}

fn main() {
    let _ = <Grid<4> as TensorSpec>::spec();
}
