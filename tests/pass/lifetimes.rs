// Views borrow: structs with lifetimes derive, and their fields are checked like owned ones.
use ndarray::{ArrayView1, ArrayView3, ArrayViewMut2};
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Borrowed<'a, 'b: 'a> {
    #[tensor(dtype = f32, shape = [H, W, 3])]
    image: ArrayView3<'a, f32>,
    #[tensor(dtype = u8, shape = [H, W])]
    mask: ArrayViewMut2<'b, u8>,
    #[tensor(shape = [4])]
    boxes: Option<ArrayView1<'a, f32>>,
    #[tensor(skip)]
    name: &'a str,
}

fn main() {
    assert_eq!(
        Borrowed::spec().to_string(),
        "image: f32[H, W, 3]\nmask: u8[H, W]\nboxes: f32[4] (optional)\n"
    );
}
