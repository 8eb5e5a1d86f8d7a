use tensorspec::TensorSpec;

#[derive(TensorSpec)]
union Sample {
    a: f32,
    b: u32,
}

fn main() {}
