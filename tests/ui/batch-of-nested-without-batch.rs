use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Camera {
    #[tensor(shape = [H, W])]
    depth: ndarray::Array2<f32>,
}

#[derive(TensorSpec)]
#[tensor(batch = RigBatch)]
struct Rig {
    left: Camera,
}

fn main() {}
