use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Text {
    #[tensor(shape = [T], pad = -1)]
    tokens: Vec<i64>,
}

fn main() {}
