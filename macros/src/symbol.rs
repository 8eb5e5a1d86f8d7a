//! The attribute's name and keys, in one place.

pub const TENSOR: &str = "tensor";
pub const DTYPE: &str = "dtype";
pub const SHAPE: &str = "shape";
pub const SKIP: &str = "skip";

/// The keys a field's `#[tensor(...)]` accepts, in the order messages list them.
pub const FIELD_KEYS: [&str; 3] = [DTYPE, SHAPE, SKIP];

/// The most axes a declared shape may have: ndarray's largest static dimension, `Ix6`.
/// Must equal `tensorspec::__private::MAX_RANK`.
pub const MAX_RANK: usize = 6;
