// A view borrows a tensor's bytes as they are: it cannot hold a converted copy.
use ndarray::ArrayView2;
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample<'a> {
    #[tensor(dtype = f32, cast)]
    image: ArrayView2<'a, f32>,
}

fn main() {}
