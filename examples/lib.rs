//! Runnable examples of tensorspec: `cargo run --example quickstart` first, then
//!
//! - `cargo run --example tensorflow_cases`: the dtype and shape cases TensorFlow finds too late, at compile time;
//! - `cargo run --example validated_stream`: a generator whose element 17 is bad;
//! - `cargo run --release --example pipeline`: a generator of images, validated and batched,
//!   with its throughput;
//! - `cargo run --example npz_cast`: a `uint8` file NumPy wrote, where `float32` is declared.
//!
//! The two compile-time cases, as the errors they now are:
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
