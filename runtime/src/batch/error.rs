//! [`StackError`]: why samples could not be stacked into a batch, or a batch not split back.

use crate::validate::violation::Violation;

/// Why samples could not be stacked into a batch, or a batch not split back into samples.
///
/// ```
/// use ndarray::Array2;
/// use tensorspec::{StackError, TensorSpec};
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = RowsBatch)]
/// struct Rows {
///     #[tensor(shape = [N, 2])]
///     points: Array2<f32>,
/// }
///
/// let samples = [
///     Rows { points: Array2::zeros((3, 2)) },
///     Rows { points: Array2::zeros((3, 2)) },
///     Rows { points: Array2::zeros((5, 2)) },
/// ];
/// let error = Rows::stack(&samples).unwrap_err();
/// assert_eq!(
///     error.to_string(),
///     "field `points`: sample 2 has extent 5 on axis 0, but sample 0 has 3"
/// );
/// assert!(matches!(error, StackError::Extent { sample: 2, axis: 0, .. }));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StackError {
    /// An axis whose extent differs between samples (a symbol or `_`, or an open extent).
    #[error(
        "field `{field}`: sample {sample} has extent {found} on axis {axis}, but sample 0 has {expected}"
    )]
    #[non_exhaustive]
    Extent {
        /// The field's path.
        field: String,
        /// The axis, of the sample's tensor (the batch's axis `axis + 1`).
        axis: usize,
        /// The first sample whose extent differs from sample 0's.
        sample: usize,
        /// Sample 0's extent.
        expected: usize,
        /// That sample's extent.
        found: usize,
    },
    /// Samples whose `IxDyn` tensors differ in rank.
    #[error("field `{field}`: sample {sample} has rank {found}, but sample 0 has rank {expected}")]
    #[non_exhaustive]
    Rank {
        /// The field's path.
        field: String,
        /// The first sample whose rank differs from sample 0's.
        sample: usize,
        /// Sample 0's rank.
        expected: usize,
        /// That sample's rank.
        found: usize,
    },
    /// A sample whose nested rows differ in shape: it is not a tensor.
    #[error("sample {sample}: {violation}")]
    #[non_exhaustive]
    Ragged {
        /// The sample.
        sample: usize,
        /// What `validate()` reports of it.
        violation: Violation,
    },
    /// An optional field present in some samples and absent in others.
    #[error(
        "field `{field}`: sample {sample} {}, but sample 0 {}",
        if *.present { "has a value" } else { "is `None`" },
        if *.present { "is `None`" } else { "has a value" }
    )]
    #[non_exhaustive]
    Presence {
        /// The field's path.
        field: String,
        /// The first sample that differs from sample 0.
        sample: usize,
        /// Whether that sample has a value.
        present: bool,
    },
    /// A batch whose element count or byte size overflows, or whose buffer cannot be
    /// allocated.
    #[error(
        "field `{field}`: a batch of {samples} samples of shape {shape:?} is too large to allocate"
    )]
    #[non_exhaustive]
    TooLarge {
        /// The field's path.
        field: String,
        /// The number of samples.
        samples: usize,
        /// One sample's shape.
        shape: Vec<usize>,
    },
    /// A batch field whose length (its leading axis) is not the batch's length, when a batch
    /// is split back into samples.
    #[error("field `{field}`: {found} rows, but the batch has {expected} samples")]
    #[non_exhaustive]
    Rows {
        /// The field's path.
        field: String,
        /// The batch's length.
        expected: usize,
        /// The field's.
        found: usize,
    },
    /// A batch field whose rows cannot be the field's type (a batch field replaced by an
    /// array of another shape), when a batch is split back into samples.
    #[error("field `{field}`: a row of shape {shape:?} cannot be the field's type")]
    #[non_exhaustive]
    RowShape {
        /// The field's path.
        field: String,
        /// The row's shape.
        shape: Vec<usize>,
    },
}
