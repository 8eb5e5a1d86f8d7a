use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Camera {
    #[tensor(shape = [3, 3])]
    intrinsics: [[f64; 3]; 3],
}

#[derive(TensorSpec)]
struct Frame {
    #[tensor(shape = [3, 3])]
    camera: Camera,
}

fn main() {}
