// A NumPy or torch dtype path: the name it means is suggested.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = np.float32)]
    features: Vec<f32>,
    #[tensor(dtype = torch::int64)]
    labels: Vec<i64>,
}

fn main() {}
