use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = float)]
    a: f32,
    #[tensor(dtype = F32)]
    b: f32,
    #[tensor(dtype = string)]
    c: f32,
    #[tensor(dtype = "f32")]
    d: f32,
}

fn main() {}
