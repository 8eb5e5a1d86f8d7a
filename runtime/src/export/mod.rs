//! A spec for other languages: the TensorFlow signature, and (feature `serde`) JSON.

#[cfg(feature = "serde")]
mod json;
mod tensorflow;

#[cfg(feature = "serde")]
pub use json::{DimDesc, FieldDesc, SpecDesc};
