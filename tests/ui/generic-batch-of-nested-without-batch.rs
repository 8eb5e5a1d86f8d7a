use tensorspec::TensorSpec;

#[derive(Clone, TensorSpec)]
struct Camera {
    #[tensor(shape = [3])]
    position: [f32; 3],
}

#[derive(Clone, TensorSpec)]
#[tensor(batch = PairBatch)]
struct Pair<T: tensorspec::Unstack> {
    label: i64,
    item: T,
}

fn main() {
    let samples = vec![
        Pair {
            label: 1,
            item: Camera {
                position: [1.0, 2.0, 3.0],
            },
        };
        2
    ];
    // `Camera` has no batch type: stacking `Pair<Camera>` would fill nothing of `item`.
    let _ = Pair::stack(&samples);
}
