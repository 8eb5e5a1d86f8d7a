// A name in `shape` that is a constant in scope is not silently a symbol: `{IMG_H}` is the
// constant. Names that are not constants (`W`) stay symbols.
use ndarray::{Array2, Array3};
use tensorspec::TensorSpec;

const IMG_H: usize = 32;

mod sizes {
    pub const IMG_W: usize = 32;
}
use sizes::IMG_W;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(shape = [IMG_H, W, 3])]
    image: Array3<u8>,
    #[tensor(shape = [IMG_H, IMG_W])]
    mask: Array2<u8>,
}

fn main() {}
