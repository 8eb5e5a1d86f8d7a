// A field whose type mentions a type parameter is checked where the struct is used.
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Sample<T: tensorspec::Element> {
    #[tensor(dtype = f32, shape = [N])]
    values: Vec<T>,
}

fn main() {
    let _ = <Sample<f32> as TensorSpec>::spec();
    let _ = <Sample<u8> as TensorSpec>::spec();
}
