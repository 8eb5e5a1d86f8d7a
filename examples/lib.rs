//! Runnable examples of tensorspec: `cargo run --example quickstart`.
