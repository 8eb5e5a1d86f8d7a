//! Runnable examples of tensorspec: `cargo run --example quickstart` first, then
//! `cargo run --example seed_cases` (the seed's cases at compile time) and
//! `cargo run --example validated_stream` (a generator whose element 17 is bad).
//!
//! The seed's two compile-time cases, as the errors they now are:
//!
//! ```compile_fail,E0277
//! use tensorspec::TensorSpec;
//!
//! #[derive(TensorSpec)]
//! struct Case1 {
//!     #[tensor(dtype = float32, shape = [3])]
//!     features: ndarray::Array1<u8>,
//! }
//! ```
//!
//! ```compile_fail,E0277
//! use tensorspec::TensorSpec;
//!
//! #[derive(TensorSpec)]
//! struct Case2 {
//!     #[tensor(dtype = float32, shape = [3, 2])]
//!     points: [[f32; 2]; 2],
//! }
//! ```
