// Generic structs: a type parameter with a default and a batch; a symbol named like a field
// of a generic struct.
use ndarray::Array1;
use tensorspec::{Element, TensorSpec};

#[derive(TensorSpec)]
#[tensor(batch = DefaultedBatch)]
struct Defaulted<T: Element + Default = f32> {
    #[tensor(shape = [N])]
    values: Array1<T>,
}

/// A field whose type is a parameter: a nested spec with a batch type of its own.
#[derive(Clone, TensorSpec)]
#[tensor(batch = PairBatch)]
struct Pair<T: tensorspec::Unstack> {
    label: i64,
    item: T,
}

#[derive(Clone, TensorSpec)]
#[tensor(batch = CameraBatch)]
struct Camera {
    #[tensor(shape = [3])]
    position: [f32; 3],
}

#[derive(TensorSpec)]
struct Tokens<T: Element> {
    #[tensor(shape = [tokens])]
    tokens: Vec<T>,
}

fn main() {
    let samples = [Defaulted::<f32> { values: Array1::zeros(3) }];
    assert_eq!(Defaulted::stack(&samples).unwrap().values.shape(), [1, 3]);

    assert!(Tokens::<i64> { tokens: vec![1, 2] }.validate().is_ok());

    let camera = Camera {
        position: [1.0, 2.0, 3.0],
    };
    let pairs = vec![Pair { label: 7, item: camera }; 2];
    let batch = Pair::stack(&pairs).unwrap();
    assert_eq!(batch.item.position.shape(), [2, 3]);
    assert_eq!(batch.into_samples().unwrap().len(), 2);
}
