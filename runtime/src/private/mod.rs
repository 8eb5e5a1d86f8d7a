//! The derive's door: everything its generated code names, listed one by one, and nothing
//! else. Not a public API: it may change in any release. The macro spells this module's path
//! in one place (`tensorspec-macros`' `private()`), and the test `tests/door.rs` checks that
//! every item here is used by it.

mod probes;

// The compile-time checks.
pub use crate::checks::{
    DTypeIs, ExtentIs, FieldDTypeIs, FieldExtentIs, FieldHasShape, FieldRankIs, HasShape, RankIs,
    SymbolAgrees,
};
pub use probes::{
    CastInto, Id, Of, SymbolIsNotAConstant, agreed, assert_limits, found_extent, found_rank,
    type_extent,
};

// The spec and validation.
pub use crate::dim::Declared;
pub use crate::field::shape::NestedShape;
pub use crate::field::{FieldVisitor, TensorField};
pub use crate::sample::{TensorSpec, check_nested};
pub use crate::spec::{FieldKind, FieldSpec, Spec};
pub use crate::tensor::cast::Casting;
pub use crate::validate::violation::Violation;
pub use crate::validate::{Checker, Path};

// Batches.
pub use crate::batch::{
    BatchIs, BatchOf, BatchStruct, Batchable, DebugBatch, EmptyFields, NoBatch, Padded, SampleRefs,
    SplitFields, Stack, StackError, StackFields, StackMode, Unstack, batch_len, clone_all,
    debug_batch, stack_from,
};

// Named tensors.
pub use crate::named::{
    DefaultSkip, FromTensors, Lookup, ReadField, ReadOptions, ReadVia, Wrap, read_fields,
    read_nested, write_nested,
};
pub use crate::tensor::Tensor;

// Element types a `dtype` names.
pub use half::{bf16, f16};
pub use num_complex::Complex;

// The standard items generated code names, immune to the user's own `Option` or `Vec`.
pub use core::clone::Clone;
pub use core::fmt::{Debug, Formatter, Result as FmtResult};
pub use core::iter::IntoIterator;
pub use core::option::Option::{self, None, Some};
pub use core::result::Result::{self, Ok};
pub use std::string::String;
pub use std::vec::Vec;
