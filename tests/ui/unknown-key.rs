use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtyp = f32)]
    features: Vec<f32>,
    #[tensor(layout = "nhwc", dtype = f32)]
    image: ndarray::Array3<f32>,
}

fn main() {}
