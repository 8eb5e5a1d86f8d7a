// An identifier in a shape is a symbol or a const generic; a type parameter is neither.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample<T: tensorspec::Element> {
    #[tensor(shape = [T])]
    values: Vec<T>,
}

fn main() {}
