// The check goes through the type system: an alias is checked like the type it names.
use tensorspec::TensorSpec;

type Image = ndarray::Array3<u8>;
type Row = [f32; 4];

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [H, W, 3])]
    image: Image,
    #[tensor(shape = [2, 3])]
    rows: [Row; 2],
}

fn main() {}
