// A `#[derive(TensorSpec)]` struct as a field: its fields appear as `outer.inner`.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Camera {
    #[tensor(shape = [3, 3])]
    intrinsics: [[f64; 3]; 3],
    #[tensor(dtype = f32, shape = [H, W])]
    depth: ndarray::Array2<f32>,
}

#[derive(TensorSpec)]
struct Frame {
    #[tensor(dtype = i64)]
    timestamp: i64,
    left: Camera,
    right: Option<Camera>,
}

#[derive(TensorSpec)]
struct Episode {
    first: Frame,
}

fn main() {
    assert_eq!(
        Episode::spec().to_string(),
        "first.timestamp: i64[]\n\
         first.left.intrinsics: f64[3, 3]\n\
         first.left.depth: f32[H, W]\n\
         first.right.intrinsics: f64[3, 3] (optional)\n\
         first.right.depth: f32[H, W] (optional)\n"
    );
}
