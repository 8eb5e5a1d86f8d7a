use tensorspec::TensorSpec;

struct Handle;

#[derive(TensorSpec)]
#[tensor(batch = FrameBatch)]
struct Frame {
    #[tensor(shape = [3])]
    rgb: [f32; 3],
    #[tensor(skip)]
    handle: Handle,
}

fn main() {}
