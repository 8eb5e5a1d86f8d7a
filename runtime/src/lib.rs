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
//! # At run time
//!
//! What the types leave open, [`TensorSpec::validate`] checks: ndarray extents and `Vec`
//! lengths against fixed extents, symbols (the first axis to use `H` binds it for the sample,
//! every later use must agree), `IxDyn` ranks, and ragged nested `Vec`s. It reports every
//! violation, in field order, and allocates nothing when the sample is valid.
//!
//! ```
//! # use ndarray::{Array2, Array3};
//! # use tensorspec::TensorSpec;
//! # #[derive(TensorSpec)]
//! # struct Sample {
//! #     #[tensor(dtype = f32, shape = [H, W, 3])]
//! #     image: Array3<f32>,
//! #     #[tensor(dtype = u8, shape = [H, W])]
//! #     mask: Array2<u8>,
//! # }
//! let sample = Sample { image: Array3::zeros((32, 32, 3)), mask: Array2::zeros((32, 31)) };
//! assert_eq!(
//!     sample.validate().unwrap_err().to_string(),
//!     "field `mask`: shape mismatch: expected [H=32, W=32], found [32, 31] (W=32 from `image`)"
//! );
//! ```
//!
//! Streams: `use tensorspec::prelude::*;` gives every iterator of samples
//! [`validated()`](stream::IteratorExt::validated), which yields `Result<T, Invalid<T>>`; an
//! [`Invalid`] keeps the element's index, the element and its violations, and the stream goes
//! on. The [`stream`] module lists what follows (`on_invalid`, `drop_invalid`, `while_valid`).
//!
//! # Batches
//!
//! `#[tensor(batch = SampleBatch)]` on the struct generates `SampleBatch`: the same field
//! names, each tensor field an owned, standard-layout ndarray array with a leading batch axis
//! (see [`Stack`] for each field type's batch type), each skipped field a `Vec` of the
//! samples' values (so skipped fields must be `Clone`). It is itself a `TensorSpec`: its
//! spec is the sample's behind one leading `batch` axis (`batch_size` if the sample uses
//! `batch` as a symbol), read from the sample's spec, and `validate()` checks a batch against
//! it. It has `len()`, `is_empty()` and `into_samples()` (for structs without lifetimes). The
//! sample struct gets
//!
//! - `Sample::stack(&[Sample])`: each sample is validated first, so that every batch
//!   satisfies its own spec (a sample that breaks it is [`StackError::Invalid`]); then one
//!   allocation a field, straight copies. Every extent the spec leaves open must agree between
//!   samples, or a [`StackError`] names the field, the axis, the first sample that differs and
//!   both extents;
//! - `Sample::stack_from(iter)`: the same from an iterator of references, without collecting;
//! - `Sample::stack_padded(&[Sample])`: each sample validated; the extents the spec leaves
//!   open may differ, each such axis padded to the longest with the field's `pad` value, the
//!   true shapes in [`Padded::lengths`]. A sample is never padded into validity.
//!
//! ```
//! use ndarray::Array3;
//! use tensorspec::TensorSpec;
//!
//! #[derive(TensorSpec)]
//! #[tensor(batch = SampleBatch)]
//! struct Sample {
//!     #[tensor(dtype = f32, shape = [32, 32, 3])]
//!     image: Array3<f32>,
//!     #[tensor(dtype = i64, shape = [])]
//!     label: i64,
//! }
//!
//! let samples: Vec<Sample> = (0..64)
//!     .map(|i| Sample { image: Array3::zeros((32, 32, 3)), label: i })
//!     .collect();
//! let batch = Sample::stack(&samples).unwrap();
//! assert_eq!(batch.image.shape(), [64, 32, 32, 3]);
//! assert_eq!(batch.label.shape(), [64]);
//! assert_eq!(SampleBatch::spec().to_string(), "image: f32[batch, 32, 32, 3]\nlabel: i64[batch]\n");
//! ```
//!
//! Streams: [`batched(n)`](stream::IteratorExt::batched) on any iterator of samples (it
//! validates each as it is pulled, as `validated().batched(n)` does): an invalid element is
//! reported with its stream index and never stacked, the valid elements around it still reach
//! their batch, and a batch that cannot be stacked names its elements by stream index.
//!
//! # Data from untyped sources
//!
//! Where tensors come from files or other languages, their dtype and shape are known only at
//! run time: [`Tensor`] (owned) and [`TensorView`] (borrowed) hold a dtype tag, a shape and
//! little-endian data, and convert from and to ndarray arrays of every dtype.
//! [`FromTensors::from_tensors`] builds a struct from named tensors (a field's tensor is
//! named by its path, `left.depth`) and reports every violation at once: a missing tensor, an
//! unexpected one, a dtype mismatch, a shape mismatch, symbols that disagree. Fields typed as
//! views borrow from the tensors. [`ToTensors::to_tensors`] is the reverse.
//!
//! A dtype is never converted unless asked: [`Casting::Lossless`] (`u8` → `f32`, `i32` →
//! `i64`, `bf16` → `f32`) by the call's [`ReadOptions`] or a field's `cast` attribute;
//! lossy casts (`f64` → `f32`, `i64` → `i32`, float → integer, signed → unsigned) only by
//! name (`cast = lossy`, [`Casting::Lossy`]), and then a value out of range is an error naming
//! its index, unless `cast = saturating` asks for clamping.
//!
//! Files: [`read_npz`], [`write_npz`], [`Tensor::from_npy`] and [`Tensor::to_npy`] (feature
//! `npy`, on by default: NumPy's format read and written here, on the `zip` crate),
//! [`read_safetensors`] (zero-copy) and [`write_safetensors`] (feature `safetensors`, off by
//! default: on the safetensors crate and serde_json), each also for a file of samples stacked
//! on the first axis. Values are the file's
//! bits. Malformed or hostile files are errors, never panics or hangs, and never allocate the
//! sizes they claim; what a read allocates beyond the file's own bytes is bounded by
//! [`ReadOptions::max_bytes`].
//!
//! Tables (features `arrow` and `parquet`): [`Spec::to_arrow_schema`] gives a spec's Arrow
//! schema (`arrow.fixed_shape_tensor` and `arrow.variable_shape_tensor` columns);
//! [`read_parquet`], [`read_ipc_file`], [`read_ipc_stream`] and [`read_record_batch`] read a
//! table's rows as samples, the schema checked before the first row and each bad row reported
//! with its index while the others are read ([`Rows`]); [`write_parquet`], [`write_ipc_file`],
//! [`write_ipc_stream`] and [`to_record_batch`] write samples. A batch is a record batch
//! without a copy ([`batch_to_record_batch`]) and back in one ([`record_batch_to_batch`]).
//! Hugging Face `datasets`' and polars' tensor columns, and plain nested lists, are read too.
//!
//! For a Python consumer of Rust-made data, [`Spec::to_tensorflow`] writes the
//! `tf.TensorSpec` signature that declares exactly what was checked; with the `serde`
//! feature, a spec is JSON ([`Spec::describe`]).
//!
//! # The attribute
//!
//! `#[tensor(dtype = NAME, shape = [DIM, ...], cast, pad = VALUE)]` on a field, or
//! `#[tensor(skip)]`; `#[tensor(batch = Name)]` on the struct:
//!
//! - `dtype`: `bool u8 u16 u32 u64 i8 i16 i32 i64 f16 bf16 f32 f64 complex64 complex128`, or
//!   the NumPy spellings `uint8 ... int64 float16 bfloat16 float32 float64`. Omitted: taken
//!   from the field's type.
//! - `shape = [DIM, ...]`, the shape grammar, each `DIM` one of:
//!
//!   | `DIM` | means |
//!   |---|---|
//!   | `3` | a fixed extent (a non-negative integer literal) |
//!   | `_` or `None` | any extent; `None` is TensorFlow's spelling of the same, never a symbol |
//!   | `H`, `batch`, `seq_len` | a symbol: every use of the name within one sample has the same extent, bound by its first use |
//!   | `N`, a const generic parameter of the struct | a fixed extent, the parameter's value |
//!   | `{ EXPR }` | a fixed extent: a constant `usize` expression, such as `{IMG_H}` or `{2 * N}` |
//!
//!   A name that is a constant in scope (`const IMG_H: usize = 32;`) is a compile error at the
//!   name that says to write `{IMG_H}`: a constant is never silently a symbol. `shape = []` is
//!   a scalar. At most 6 axes. Omitted: the rank and extents the type fixes.
//! - `cast`: reading from tensors, lossless casts to the declared dtype are made; `cast =
//!   lossy` (out-of-range values are errors) or `cast = saturating` (they are clamped) allow
//!   lossy ones. Omitted: the dtype must match (unless the call's [`ReadOptions`] allow casts).
//! - `pad`: the value a padded batch fills this field with past a sample's extents (an
//!   expression of the element type, such as `-1` or `f32::NAN`). Omitted: 0 (`false`).
//!   Needs `batch` on the struct.
//! - `skip`: the field is not part of the spec.
//! - `batch = Name` (on the struct): generate the batch struct `Name`, see above.
//!
//! # What is checked when
//!
//! | check | when |
//! |---|---|
//! | `dtype` vs the element type | compile time |
//! | rank vs the rank the type fixes (scalars 0, `[T; N]`, `Vec`, `Ix0`..`Ix6`) | compile time |
//! | fixed extent vs the extent the type fixes (`[T; N]`, `[T; N]` with a const generic `N`) | compile time |
//! | malformed attributes (unknown key or dtype, duplicate key, bad extent, `skip` with others) | compile time |
//! | a constant's name written where a symbol goes (`IMG_H` for `{IMG_H}`), `cast` on a view | compile time |
//! | a batched struct's nested spec without a batch type, a `pad` of another type than the element, a skipped field that is not `Clone` | compile time |
//! | a field whose type mentions the struct's generic parameters | compile time, where the struct is used as a `TensorSpec` |
//! | extents the type leaves open (ndarray axes, `Vec` lengths), `IxDyn` ranks, symbols, ragged `Vec`s | run time, [`TensorSpec::validate`], every violation with its field path |
//! | every sample stacked or padded into a batch, and the batch itself | run time, `stack`, `stack_padded`, `batched`: the same checks as `validate()` |
//! | open extents that differ between the samples of a batch | run time, `stack` and `batched`: a [`StackError`] |
//! | tensors from files and other languages: names, dtypes, shapes, symbols, cast ranges | run time, [`FromTensors::from_tensors`]: every violation |
//!
//! Checks go through the type system, so a field typed with an alias (`type Img =
//! Array3<u8>;`) or wrapped in `Option` is checked like one spelled out.
//!
//! For a field whose type or declared shape mentions a type or const parameter of the struct
//! (`Array2<T>`, `[f32; N]`), the checks are where-clauses of the generated `TensorSpec`
//! impl: `Grid<3>` is checked when `Grid<3>` is used as a `TensorSpec`. A `{ EXPR }` extent that
//! mentions a generic parameter cannot be checked at compile time (Rust does not allow generic
//! parameters in such constant expressions); it appears in the spec as its value.

// Without their features, the readers and writers the docs name are absent: the links go to
// the section that describes them.
#![cfg_attr(
    not(feature = "npy"),
    doc = "",
    doc = "[`read_npz`]: #data-from-untyped-sources",
    doc = "[`write_npz`]: #data-from-untyped-sources",
    doc = "[`Tensor::from_npy`]: #data-from-untyped-sources",
    doc = "[`Tensor::to_npy`]: #data-from-untyped-sources"
)]
#![cfg_attr(
    not(feature = "safetensors"),
    doc = "",
    doc = "[`read_safetensors`]: #data-from-untyped-sources",
    doc = "[`write_safetensors`]: #data-from-untyped-sources"
)]
#![cfg_attr(
    not(feature = "arrow"),
    doc = "",
    doc = "[`Spec::to_arrow_schema`]: #data-from-untyped-sources",
    doc = "[`read_ipc_file`]: #data-from-untyped-sources",
    doc = "[`read_ipc_stream`]: #data-from-untyped-sources",
    doc = "[`read_record_batch`]: #data-from-untyped-sources",
    doc = "[`Rows`]: #data-from-untyped-sources",
    doc = "[`write_ipc_file`]: #data-from-untyped-sources",
    doc = "[`write_ipc_stream`]: #data-from-untyped-sources",
    doc = "[`to_record_batch`]: #data-from-untyped-sources",
    doc = "[`batch_to_record_batch`]: #data-from-untyped-sources",
    doc = "[`record_batch_to_batch`]: #data-from-untyped-sources"
)]
#![cfg_attr(
    not(feature = "parquet"),
    doc = "",
    doc = "[`read_parquet`]: #data-from-untyped-sources",
    doc = "[`write_parquet`]: #data-from-untyped-sources"
)]
#![cfg_attr(
    not(feature = "serde"),
    doc = "",
    doc = "[`Spec::describe`]: #data-from-untyped-sources"
)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[doc(hidden)]
#[path = "private/mod.rs"]
pub mod __private;
// The derive's generated code names `::tensorspec`, also inside this crate (`example`).
extern crate self as tensorspec;

/// Invokes `$m!` for each tuple the derive passes a struct's fields in: of 0 to 12 elements,
/// named `A 0, B 1, ..`. A struct of more fields nests the rest in the twelfth (the derive's
/// `nest`, in `macros/src/generics.rs`).
macro_rules! for_each_tuple {
    ($m:ident) => {
        $m!();
        $m!(A 0);
        $m!(A 0, B 1);
        $m!(A 0, B 1, C 2);
        $m!(A 0, B 1, C 2, D 3);
        $m!(A 0, B 1, C 2, D 3, E 4);
        $m!(A 0, B 1, C 2, D 3, E 4, F 5);
        $m!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
        $m!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
        $m!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
        $m!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
        $m!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
        $m!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
    };
}

/// The widest tuple [`for_each_tuple`] lists, which the derive's expansions assert.
const TUPLE_FIELDS: usize = 12;

// The list above and `TUPLE_FIELDS` agree: one tuple of each width, 0 to `TUPLE_FIELDS`.
const _: () = {
    let mut widths = 0;
    macro_rules! tally {
        ($($T:ident $k:tt),*) => {
            widths += 1;
        };
    }
    for_each_tuple!(tally);
    assert!(widths == TUPLE_FIELDS + 1);
};

mod batch;
pub mod checks;
mod dim;
mod dtype;
#[cfg(doc)]
pub mod example;
mod export;
mod field;
mod io;
mod named;
mod sample;
mod spec;
pub mod stream;
mod tensor;
mod validate;

pub use batch::{BatchOf, Batchable, Lengths, Padded, Stack, StackError, Unstack};
pub use dim::Dim;
pub use dtype::{DType, Element};
#[cfg(feature = "serde")]
pub use export::{DimDesc, FieldDesc, SpecDesc};
pub use field::TensorField;
#[cfg(feature = "parquet")]
pub use io::{PARQUET_ROW_GROUP_ROWS, ParquetWriter, read_parquet, write_parquet};
pub use io::{ReadError, WriteError};
#[cfg(feature = "arrow")]
pub use io::{
    Rows, batch_to_record_batch, read_ipc_file, read_ipc_stream, read_record_batch,
    record_batch_to_batch, to_record_batch, write_ipc_file, write_ipc_stream,
};
#[cfg(feature = "npy")]
pub use io::{read_npz, read_npz_samples, write_npz, write_npz_samples};
#[cfg(feature = "safetensors")]
pub use io::{
    read_safetensors, read_safetensors_samples, write_safetensors, write_safetensors_samples,
};
pub use named::{FromTensors, ReadOptions, ToTensors, Unexpected};
pub use sample::TensorSpec;
pub use spec::{Fields, Spec, SpecField};
pub use tensor::cast::{CastError, Casting};
pub use tensor::{Tensor, TensorError, TensorView};
pub use validate::violation::{
    ExpectedDim, FoundShape, Invalid, SymbolConflict, Violation, ViolationKind, Violations,
};

pub use tensorspec_macros::TensorSpec;

/// The `half` crate, whose `f16` and `bf16` are the element types of `dtype = f16` and
/// `dtype = bf16`: no second dependency, no version to match.
pub use half;
/// The `num-complex` crate, whose `Complex<f32>` and `Complex<f64>` are the element types of
/// `dtype = complex64` and `dtype = complex128`.
pub use num_complex;

/// arrow-rs's array crate (feature `arrow`): the `RecordBatch` that
/// [`to_record_batch`] makes and [`read_record_batch`] reads, of the version tensorspec uses.
#[cfg(feature = "arrow")]
pub use arrow_array;
/// arrow-rs's buffer crate (feature `arrow`): the `Buffer` that [`read_ipc_file`] reads from
/// without copying.
#[cfg(feature = "arrow")]
pub use arrow_buffer;
/// arrow-rs's schema crate (feature `arrow`): the `Schema` of
/// [`Spec::to_arrow_schema`](crate::Spec::to_arrow_schema).
#[cfg(feature = "arrow")]
pub use arrow_schema;
/// The parquet crate (feature `parquet`): the `ChunkReader` that [`read_parquet`] reads from.
#[cfg(feature = "parquet")]
pub use parquet;

/// `use tensorspec::prelude::*;` brings the derive and trait, and the stream adapters.
///
/// ```
/// use tensorspec::prelude::*;
///
/// #[derive(TensorSpec)]
/// struct Scalar {
///     x: f32,
/// }
///
/// let all = [Scalar { x: 1.0 }].into_iter().validated().collect::<Result<Vec<_>, _>>();
/// assert_eq!(all.unwrap().len(), 1);
/// ```
pub mod prelude {
    pub use crate::TensorSpec;
    pub use crate::stream::IteratorExt;
}

/// The README's examples compile and run (they read and write `.npz` files: feature `npy`).
#[cfg(all(doctest, feature = "npy"))]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;
