// A field sized by a const generic: `[N, 3]` declared, `[[f32; 2]; N]` found. The field's
// type mentions `N`, so the check is a where-clause of the impl, reported where
// `Grid<4>` is used as a `TensorSpec`.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Grid<const N: usize> {
    #[tensor(shape = [N, 3])]
    cells: [[f32; 2]; N],
}

fn main() {
    let _ = <Grid<4> as TensorSpec>::spec();
}
