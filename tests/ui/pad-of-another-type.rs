use tensorspec::TensorSpec;

#[derive(TensorSpec)]
#[tensor(batch = TextBatch)]
struct Text {
    #[tensor(shape = [T], pad = 0.5)]
    tokens: Vec<i64>,
}

fn main() {}
