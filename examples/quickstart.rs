use ndarray::{Array1, Array2, Array3, ArrayView2};
use tensorspec::TensorSpec;

type Img = Array3<u8>;

#[derive(TensorSpec)]
struct Sample<'a> {
    #[tensor(dtype = f32, shape = [3])]
    features: Array1<f32>,
    #[tensor(dtype = float32, shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(dtype = u8, shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(dtype = f32, shape = [_, 4])]
    boxes: Array2<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
    #[tensor(shape = [3, 2])]
    pts: [[f32; 2]; 3],
    view: ArrayView2<'a, f32>,
    opt: Option<Img>,
    #[tensor(skip)]
    source: String,
}

#[derive(TensorSpec)]
struct G<T: tensorspec::Element, const N: usize> {
    #[tensor(shape = [N, 2])]
    x: [[T; 2]; N],
    y: Vec<T>,
    #[tensor(shape = [N])]
    z: [f32; 3],
}

fn main() {
    print!("{}", Sample::spec());
    print!("{}", G::<u8, 3>::spec());
}
