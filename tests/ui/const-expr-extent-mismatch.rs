// `{ EXPR }` extents are constants, checked like literals.
use tensorspec::TensorSpec;

const ROWS: usize = 4;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [{ ROWS }, { 2 * 2 }])]
    table: [[u8; 3]; 4],
}

fn main() {}
