//! [`StackError`]: why samples could not be stacked into a batch, or a batch not split back.

use core::fmt;
use std::error::Error;

use crate::validate::violation::{Violation, Violations};

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
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum StackError {
    /// A sample that breaks its spec: it is not stacked. The batch would break its own spec.
    #[non_exhaustive]
    Invalid {
        /// The sample.
        sample: usize,
        /// What `validate()` reports of it.
        violations: Violations,
    },
    /// An axis whose extent differs between samples (a symbol or `_`, or an open extent).
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
    #[non_exhaustive]
    Ragged {
        /// The sample.
        sample: usize,
        /// What `validate()` reports of it.
        violation: Violation,
    },
    /// An optional field present in some samples and absent in others.
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
    #[non_exhaustive]
    RowShape {
        /// The field's path.
        field: String,
        /// The row's shape.
        shape: Vec<usize>,
    },
}

impl StackError {
    /// The sample the error is about, when it is about one: the invalid or ragged sample, or
    /// the first that differs from sample 0.
    ///
    /// ```
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = TokensBatch)]
    /// struct Tokens {
    ///     #[tensor(shape = [T])]
    ///     ids: Vec<i64>,
    /// }
    ///
    /// let samples = [Tokens { ids: vec![1, 2] }, Tokens { ids: vec![3] }];
    /// assert_eq!(Tokens::stack(&samples).unwrap_err().sample(), Some(1));
    /// ```
    pub fn sample(&self) -> Option<usize> {
        match self {
            StackError::Invalid { sample, .. }
            | StackError::Extent { sample, .. }
            | StackError::Rank { sample, .. }
            | StackError::Ragged { sample, .. }
            | StackError::Presence { sample, .. } => Some(*sample),
            StackError::TooLarge { .. } | StackError::Rows { .. } | StackError::RowShape { .. } => {
                None
            }
        }
    }

    /// The message, each sample named by `sample(i)`: `sample 3` for a slice of samples,
    /// `element 17` for a stream.
    pub(crate) fn write(
        &self,
        f: &mut fmt::Formatter<'_>,
        sample: &dyn Fn(usize) -> String,
    ) -> fmt::Result {
        match self {
            StackError::Invalid {
                sample: i,
                violations,
            } => {
                for (line, violation) in violations.iter().enumerate() {
                    if line > 0 {
                        f.write_str("\n")?;
                    }
                    write!(f, "{}: {violation}", sample(*i))?;
                }
                Ok(())
            }
            StackError::Extent {
                field,
                axis,
                sample: i,
                expected,
                found,
            } => write!(
                f,
                "field `{field}`: {} has extent {found} on axis {axis}, but {} has {expected}",
                sample(*i),
                sample(0)
            ),
            StackError::Rank {
                field,
                sample: i,
                expected,
                found,
            } => write!(
                f,
                "field `{field}`: {} has rank {found}, but {} has rank {expected}",
                sample(*i),
                sample(0)
            ),
            StackError::Ragged {
                sample: i,
                violation,
            } => write!(f, "{}: {violation}", sample(*i)),
            StackError::Presence {
                field,
                sample: i,
                present,
            } => {
                let (this, first) = if *present {
                    ("has a value", "is `None`")
                } else {
                    ("is `None`", "has a value")
                };
                write!(
                    f,
                    "field `{field}`: {} {this}, but {} {first}",
                    sample(*i),
                    sample(0)
                )
            }
            StackError::TooLarge {
                field,
                samples,
                shape,
            } => write!(
                f,
                "field `{field}`: a batch of {samples} samples of shape {shape:?} is too large to allocate"
            ),
            StackError::Rows {
                field,
                expected,
                found,
            } => write!(
                f,
                "field `{field}`: {found} rows, but the batch has {expected} samples"
            ),
            StackError::RowShape { field, shape } => write!(
                f,
                "field `{field}`: a row of shape {shape:?} cannot be the field's type"
            ),
        }
    }
}

impl fmt::Display for StackError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f, &|i| format!("sample {i}"))
    }
}

impl Error for StackError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            StackError::Invalid { violations, .. } => Some(violations),
            _ => None,
        }
    }
}
