//! The attribute's name and keys, in one place.

pub const TENSOR: &str = "tensor";
pub const DTYPE: &str = "dtype";
pub const SHAPE: &str = "shape";
pub const SKIP: &str = "skip";
pub const PAD: &str = "pad";
pub const CAST: &str = "cast";
pub const BATCH: &str = "batch";

/// The keys a field's `#[tensor(...)]` accepts, in the order messages list them.
pub const FIELD_KEYS: [&str; 5] = [DTYPE, SHAPE, CAST, PAD, SKIP];

/// The values of `cast = ...` (a bare `cast` is `lossless`), each with its
/// `tensorspec::Casting` variant. The runtime's test `cast_names_are_the_runtimes` checks
/// them against `Casting::name`.
pub const CASTS: [(&str, &str); 4] = [
    ("exact", "Exact"),
    ("lossless", "Lossless"),
    ("lossy", "Lossy"),
    ("saturating", "Saturating"),
];

/// The keys the struct's `#[tensor(...)]` accepts.
pub const STRUCT_KEYS: [&str; 1] = [BATCH];

/// The most axes a declared shape may have: ndarray's largest static dimension, `Ix6`. Every
/// expansion asserts that it equals the runtime's `MAX_RANK`.
pub const MAX_RANK: usize = 6;

/// The most fields a tuple the derive passes a struct's fields in holds: a struct of more
/// nests the rest in the last. Every expansion asserts that it equals the runtime's
/// `TUPLE_FIELDS`, the widest tuple it implements reading and splitting back for.
pub const TUPLE_FIELDS: usize = 12;
