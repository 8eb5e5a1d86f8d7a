// A batch name that another type in the module already has. A derive cannot see the
// module's other items: rustc's E0428 names both definitions, and the generated impls, which
// bind to the other type, add their own errors after it (a known limit, see the README).
use tensorspec::TensorSpec;

struct RowBatch;

#[derive(TensorSpec)]
#[tensor(batch = RowBatch)]
struct Row {
    #[tensor(shape = [2])]
    xy: [f32; 2],
}

fn main() {}
