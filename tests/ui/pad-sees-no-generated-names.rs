// A `pad` expression is the user's: it cannot see the generated code's locals (the batch
// size was once in scope as `n`).
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
#[tensor(batch = TokensBatch)]
struct Tokens {
    #[tensor(shape = [T], pad = n)]
    ids: Vec<i64>,
}

fn main() {}
