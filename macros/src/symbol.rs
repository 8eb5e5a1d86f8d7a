//! The attribute's name and keys, in one place.

pub const TENSOR: &str = "tensor";
pub const DTYPE: &str = "dtype";
pub const SHAPE: &str = "shape";
pub const SKIP: &str = "skip";
pub const PAD: &str = "pad";
pub const CAST: &str = "cast";
pub const BATCH: &str = "batch";
/// Internal: written on the fields of a generated batch struct, never by users.
pub const BATCH_OF: &str = "__batch_of";

/// The keys a field's `#[tensor(...)]` accepts, in the order messages list them.
pub const FIELD_KEYS: [&str; 5] = [DTYPE, SHAPE, CAST, PAD, SKIP];

/// The values of `cast = ...`; a bare `cast` is `lossless`.
pub const CASTS: [&str; 4] = ["exact", "lossless", "lossy", "saturating"];

/// The keys the struct's `#[tensor(...)]` accepts.
pub const STRUCT_KEYS: [&str; 1] = [BATCH];

/// The most axes a declared shape may have: ndarray's largest static dimension, `Ix6`.
/// Must equal `tensorspec::__private::MAX_RANK`.
pub const MAX_RANK: usize = 6;
