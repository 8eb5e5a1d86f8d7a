// Where the field types fix both extents of one symbol, they must agree: found at compile time.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Square {
    #[tensor(shape = [N, N])]
    grid: [[f32; 3]; 4],
}

#[derive(TensorSpec)]
struct Pair {
    #[tensor(shape = [N, 3])]
    points: [[f32; 3]; 4],
    #[tensor(shape = [N])]
    ids: [u32; 5],
    #[tensor(shape = [N])]
    open: Vec<u32>,
}

fn main() {}
