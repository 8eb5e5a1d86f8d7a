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

#[derive(TensorSpec)]
struct Tokens<T: Element> {
    #[tensor(shape = [tokens])]
    tokens: Vec<T>,
}

fn main() {
    let samples = [Defaulted::<f32> { values: Array1::zeros(3) }];
    assert_eq!(Defaulted::stack(&samples).unwrap().values.shape(), [1, 3]);

    assert!(Tokens::<i64> { tokens: vec![1, 2] }.validate().is_ok());
}
