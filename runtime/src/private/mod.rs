//! What the derive's generated code names. Not a public API: it may change in any release.

mod probes;

pub use probes::*;

pub use crate::batch::{BatchIs, DebugBatch, IsBatch, NoBatch};
pub use crate::batch::{BatchOf, Batchable, Lengths, Padded, Stack, StackError, Unstack};
pub use crate::batch::{ShowBatch, clone_all, rows_error, stack_samples, stack_samples_padded};
pub use crate::field::shape::{Axis, MAX_RANK, NestedShape, Shape};
pub use crate::named::generated::*;
pub use crate::named::{Lookup, ReadField, WriteField};
pub use crate::spec::{FieldKind, FieldSpec, Spec};
pub use crate::tensor::cast::Casting;
pub use crate::validate::violation::Violation;
pub use crate::validate::{Binding, Checker, Dense, Expect, Extents, FromFlat, Path, UNKNOWN};
pub use crate::{DType, Dim, TensorField, TensorSpec};
pub use crate::{FromTensors, ReadOptions, Tensor, ToTensors};
pub use core::clone::Clone;
pub use core::fmt::{Debug, Formatter, Result as FmtResult};
pub use core::iter::{IntoIterator, Iterator};
pub use core::option::Option::{self, None, Some};
pub use core::result::Result::{self, Err, Ok};
pub use half::{bf16, f16};
pub use ndarray::Axis as NdAxis;
pub use num_complex::Complex;
pub use std::format;
pub use std::string::String;
pub use std::vec::Vec;
