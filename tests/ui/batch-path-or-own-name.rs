// The batch struct is named by one identifier, not a path, and not the sample's own name.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
#[tensor(batch = a::b::PointsBatch)]
struct Points {
    xyz: [f32; 3],
}

#[derive(TensorSpec)]
#[tensor(batch = Labels)]
struct Labels {
    label: i64,
}

fn main() {}
