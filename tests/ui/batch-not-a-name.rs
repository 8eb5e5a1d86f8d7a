use tensorspec::TensorSpec;

#[derive(TensorSpec)]
#[tensor(batch = "FrameBatch")]
struct Frame {
    rgb: [f32; 3],
}

#[derive(TensorSpec)]
#[tensor(batch = ABatch, batch = BBatch)]
struct Twice {
    rgb: [f32; 3],
}

#[derive(TensorSpec)]
#[tensor(bach = CBatch)]
struct Typo {
    rgb: [f32; 3],
}

fn main() {}
