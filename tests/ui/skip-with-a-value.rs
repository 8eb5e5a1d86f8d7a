// `skip` takes no value.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(skip = true)]
    source: String,
}

fn main() {}
