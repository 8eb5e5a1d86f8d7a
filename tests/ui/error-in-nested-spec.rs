// A mistake in a nested spec is reported once, not again at every struct that nests it.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Camera {
    #[tensor(shape = [3, 3], dtype = f33)]
    intrinsics: [[f64; 3]; 3],
}

#[derive(TensorSpec)]
struct Frame {
    camera: Camera,
    timestamp: i64,
}

fn main() {
    let _ = Frame::spec();
}
