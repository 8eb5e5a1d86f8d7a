// Batching a struct without `#[tensor(batch = ...)]`: one error that says to declare one.
use tensorspec::prelude::*;

#[derive(TensorSpec)]
struct Row {
    #[tensor(shape = [2])]
    xy: [f32; 2],
}

fn main() {
    let rows = vec![Row { xy: [0.0; 2] }];
    for batch in rows.into_iter().batched(4) {
        let _ = batch;
    }
}
