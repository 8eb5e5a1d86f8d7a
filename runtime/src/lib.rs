//! `#[derive(TensorSpec)]` turns a plain struct of tensors into a checked schema.
//!
//! What the types can tell is checked when the struct compiles: the declared dtype against the
//! field's element type, the declared rank against the rank the type fixes, and each fixed
//! extent against the extent the type fixes. `cargo check` fails at the field, naming it, what
//! was declared and what the type has.
//!
//! ```
//! use ndarray::{Array1, Array2, Array3};
//! use tensorspec::TensorSpec;
//!
//! #[derive(TensorSpec)]
//! struct Sample {
//!     #[tensor(dtype = f32, shape = [3])]
//!     features: Array1<f32>,
//!     #[tensor(dtype = f32, shape = [H, W, 3])]
//!     image: Array3<f32>,
//!     #[tensor(dtype = u8, shape = [H, W])]
//!     mask: Array2<u8>,
//!     #[tensor(dtype = f32, shape = [_, 4])]
//!     boxes: Array2<f32>,
//!     #[tensor(dtype = i64, shape = [])]
//!     label: i64,
//!     #[tensor(skip)]
//!     source: String,
//! }
//!
//! assert_eq!(
//!     Sample::spec().to_string(),
//!     "features: f32[3]\n\
//!      image: f32[H, W, 3]\n\
//!      mask: u8[H, W]\n\
//!      boxes: f32[_, 4]\n\
//!      label: i64[]\n"
//! );
//! ```
//!
//! A mismatch is a compile error:
//!
//! ```compile_fail,E0277
//! use tensorspec::TensorSpec;
//!
//! #[derive(TensorSpec)]
//! struct Sample {
//!     #[tensor(dtype = f32)]
//!     features: ndarray::Array1<u8>, // declared `dtype = f32`, but the element type is `u8`
//! }
//! ```
//!
//! ```compile_fail,E0277
//! use tensorspec::TensorSpec;
//!
//! #[derive(TensorSpec)]
//! struct Sample {
//!     #[tensor(shape = [3, 2])]
//!     points: [[f32; 2]; 2], // declared extent 3 on axis 0, but the type has 2
//! }
//! ```
//!
//! # The attribute
//!
//! `#[tensor(dtype = NAME, shape = [DIM, ...])]` on a field, or `#[tensor(skip)]`:
//!
//! - `dtype`: `bool u8 u16 u32 u64 i8 i16 i32 i64 f16 bf16 f32 f64 complex64 complex128`, or
//!   the NumPy spellings `uint8 ... int64 float16 bfloat16 float32 float64`. Omitted: taken
//!   from the field's type.
//! - `shape`: each `DIM` is an integer (a fixed extent), `_` (any extent), an identifier (a
//!   symbol such as `H`: every use within one sample must agree; a const generic parameter of
//!   the struct is a fixed extent instead) or `{ EXPR }` (a constant `usize` expression, such
//!   as `{IMG_H}` or `{2 * N}`). `shape = []` is a scalar. At most 6 axes. Omitted: the
//!   rank and extents the type fixes.
//! - `skip`: the field is not part of the spec.
//!
//! # What is checked when
//!
//! | check | when |
//! |---|---|
//! | `dtype` vs the element type | compile time |
//! | rank vs the rank the type fixes (scalars 0, `[T; N]`, `Vec`, `Ix0`..`Ix6`) | compile time |
//! | fixed extent vs the extent the type fixes (`[T; N]`, `[T; N]` with a const generic `N`) | compile time |
//! | malformed attributes (unknown key or dtype, duplicate key, bad extent, `skip` with others) | compile time |
//! | a field whose type mentions the struct's generic parameters | compile time, where the struct is used as a `TensorSpec` |
//! | extents the type leaves open (ndarray axes, `Vec` lengths), `IxDyn` ranks, symbols | run time (`validate`, in a later release) |
//!
//! Checks go through the type system, so a field typed with an alias (`type Img =
//! Array3<u8>;`) or wrapped in `Option` is checked like one spelled out.
//!
//! For a field whose type or declared shape mentions a type or const parameter of the struct
//! (`Array2<T>`, `[f32; N]`), the checks are where-clauses of the generated `TensorSpec`
//! impl: `Grid<3>` is checked when `Grid<3>` is used as a `TensorSpec`. A `{ EXPR }` extent that
//! mentions a generic parameter cannot be checked at compile time (Rust does not allow generic
//! parameters in such constant expressions); it appears in the spec as its value.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod check;
mod dim;
mod dtype;
mod field;
mod shape;
mod spec;

pub use dim::Dim;
pub use dtype::{DType, Element};
pub use field::TensorField;
pub use spec::{Fields, Spec, SpecField};

/// Derives [`TensorSpec`] for a struct with named fields. See the [crate docs](crate).
pub use tensorspec_macros::TensorSpec;

/// A struct of tensors with a schema, implemented by `#[derive(TensorSpec)]`.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Point {
///     #[tensor(shape = [3])]
///     xyz: [f32; 3],
/// }
///
/// assert_eq!(Point::spec().to_string(), "xyz: f32[3]\n");
/// ```
pub trait TensorSpec {
    /// The schema: field names, dtypes and dims, in declaration order. Built at compile time.
    fn spec() -> &'static Spec;
}

/// What the derive's generated code names. Not a public API: it may change in any release.
#[doc(hidden)]
pub mod __private {
    pub use crate::check::*;
    pub use crate::shape::{Axis, MAX_RANK, NestedShape, Shape};
    pub use crate::spec::{FieldKind, FieldSpec, Spec};
    pub use crate::{DType, Dim, TensorField, TensorSpec};
    pub use core::option::Option::{None, Some};
    pub use half::{bf16, f16};
    pub use num_complex::Complex;
}

/// The README's example compiles and runs.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
