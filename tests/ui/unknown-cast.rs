use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, cast = wrapping)]
    features: ndarray::Array1<f32>,
}

fn main() {}
