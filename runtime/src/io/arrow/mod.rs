//! Arrow (feature `arrow`): a spec as an Arrow schema, samples and batches to and from record
//! batches, Arrow IPC files and streams. The Parquet reader (feature `parquet`) reads through the same
//! columns.
//!
//! How each field is a column, in the schema [`Spec::to_arrow_schema`](crate::Spec) writes
//! and in the files read:
//!
//! | field | column written | also read |
//! |---|---|---|
//! | a scalar (`label: i64`) | the primitive type (`int64`) | |
//! | fixed extents (`[32, 32, 3]`) | `arrow.fixed_shape_tensor` over `FixedSizeList` | `FixedSizeList`s (polars `Array`), nested `List`s (Hugging Face `Array2D`..`Array5D`, `Sequence`, Spark and pandas lists) |
//! | open extents (`[H, W, 3]`, `[_]`) | `arrow.variable_shape_tensor` (`uniform_shape` the fixed extents) | the same |
//! | `Option<F>` | a nullable column, null for `None` | a missing column is `None` in every row |
//! | a nested spec | a struct column | a struct column, or columns named `outer.inner` |
//!
//! Element types: `bool` is Arrow's `bool` (bit-packed), the integers and `f16`, `f32`,
//! `f64` are Arrow's. Arrow has no `bf16` and no complex numbers: `bf16` is written as
//! `uint16` (its bits), a complex dtype as its real type with a trailing axis of 2 (real,
//! imaginary), and the column's `tensorspec.dtype` metadata names the dtype, so that
//! tensorspec reads them back as they were; pyarrow, polars and Hugging Face `datasets` see
//! the `uint16` bits and the `[..., 2]` floats.

mod batch;
mod columns;
mod ipc;
mod rows;
mod schema;
mod write;

pub use self::batch::{batch_to_record_batch, record_batch_to_batch};
pub use self::ipc::{read_ipc_file, read_ipc_stream, write_ipc_file, write_ipc_stream};
pub use self::rows::{Rows, read_record_batch};
pub use self::write::to_record_batch;

#[cfg(feature = "parquet")]
pub(crate) use self::rows::{Batches, guarded, read_batches, used_columns};

use crate::dtype::DType;

/// The extension type name key of a field's metadata (Arrow's).
const EXTENSION_NAME: &str = "ARROW:extension:name";
/// The extension type metadata key of a field's metadata (Arrow's).
const EXTENSION_METADATA: &str = "ARROW:extension:metadata";
/// Arrow's canonical extension type for tensors of one shape.
const FIXED_SHAPE_TENSOR: &str = "arrow.fixed_shape_tensor";
/// Arrow's canonical extension type for tensors of one rank and any extents.
const VARIABLE_SHAPE_TENSOR: &str = "arrow.variable_shape_tensor";
/// A column's metadata key naming a dtype Arrow does not have (`bf16`, `complex64`).
const DTYPE_KEY: &str = "tensorspec.dtype";
/// The schema's metadata key holding the spec the file was written from.
const SPEC_KEY: &str = "tensorspec.spec";

/// The Arrow type that holds the elements of `dtype`, and whether each element is two of
/// them (a complex number: real, imaginary).
fn storage_type(dtype: DType) -> (arrow_schema::DataType, bool) {
    use arrow_schema::DataType as A;
    match dtype {
        DType::Bool => (A::Boolean, false),
        DType::U8 => (A::UInt8, false),
        DType::U16 => (A::UInt16, false),
        DType::U32 => (A::UInt32, false),
        DType::U64 => (A::UInt64, false),
        DType::I8 => (A::Int8, false),
        DType::I16 => (A::Int16, false),
        DType::I32 => (A::Int32, false),
        DType::I64 => (A::Int64, false),
        DType::F16 => (A::Float16, false),
        // Arrow has no bfloat16: its bits.
        DType::BF16 => (A::UInt16, false),
        DType::F32 => (A::Float32, false),
        DType::F64 => (A::Float64, false),
        DType::Complex64 => (A::Float32, true),
        DType::Complex128 => (A::Float64, true),
    }
}

/// The dtype of an Arrow element type: the one `storage_type` stores there, `bf16` or a
/// complex dtype only when the column's `tensorspec.dtype` metadata names it (the caller
/// drops a complex column's trailing axis of 2). `None` for a type tensorspec has no dtype
/// for.
fn element_dtype(data_type: &arrow_schema::DataType, declared: Option<&str>) -> Option<DType> {
    let stored_as = |dtype: &DType| storage_type(*dtype).0 == *data_type;
    let declared = declared.and_then(DType::from_name).filter(stored_as);
    declared.or_else(|| {
        DType::ALL
            .iter()
            .copied()
            .filter(|&dtype| dtype != DType::BF16 && !storage_type(dtype).1)
            .find(stored_as)
    })
}
