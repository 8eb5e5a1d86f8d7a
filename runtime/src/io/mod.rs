//! Files: safetensors (feature `safetensors`), `.npy`/`.npz` (feature `npy`), Arrow IPC
//! (feature `arrow`) and Parquet (feature `parquet`), read into a
//! `#[derive(TensorSpec)]` struct with the full validation of [`FromTensors`], and written
//! from one. A file's tensor names are the field paths (`image`, `left.depth`).
//!
//! Malformed or hostile bytes are an error, never a panic, a hang, or an allocation of a size
//! the file claims: every claimed size is checked against the bytes actually there first, and
//! what a read allocates beyond the input's bytes (inflated `.npz` entries, the rows of
//! zero-size tensors) is bounded by [`ReadOptions::max_bytes`].
//!
//! A read decides by name which of the file's tensors the struct asks for (its fields'
//! paths). With [`ReadOptions::ignore_unexpected`], the others are skipped unread: neither
//! inflated nor parsed, so their dtype does not matter (a NumPy string or object array, an
//! `F8_E4M3` tensor). Without it, each is reported as an unexpected tensor, whatever its
//! dtype. A tensor a field asks for, of a dtype tensorspec does not have, is
//! [`ReadError::UnsupportedDType`].

use core::fmt;
use std::error::Error;

use crate::batch::StackError;
use crate::dtype::DType;
use crate::named::{FromTensors, ReadOptions, ToTensors, Unexpected};
use crate::sample::TensorSpec;
use crate::tensor::{Tensor, TensorError, TensorView};
use crate::validate::violation::Violations;

/// Why a file could not be read into a sample.
#[derive(Debug)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not a well-formed file of the format.
    Malformed {
        /// `safetensors`, `npy` or `npz`.
        format: &'static str,
        /// What is wrong.
        message: String,
        /// The error of the library that read the bytes (`zip`, `safetensors`, I/O), where
        /// one did: its message is not repeated in `message`.
        source: Option<BoxError>,
    },
    /// A tensor of a dtype tensorspec does not have (`F8_E4M3`, `float128`, ...) that a
    /// field asks for (or a lone `.npy` array, for `Tensor::from_npy`).
    UnsupportedDType {
        /// The tensor's name.
        name: String,
        /// The file's name for the dtype.
        dtype: String,
    },
    /// A tensor whose data is not what its dtype and shape say.
    Tensor {
        /// The tensor's name.
        name: String,
        /// What is wrong.
        error: TensorError,
    },
    /// The tensors are not a valid sample.
    Invalid(Violations),
    /// The read would allocate more than [`ReadOptions::max_bytes`] allows beyond the input's
    /// bytes: inflating a compressed entry, or building a file's samples.
    TooLarge {
        /// The tensor.
        name: String,
        /// The bytes the read would have allocated by then, `usize::MAX` if more.
        needed: usize,
        /// The read's limit.
        limit: usize,
    },
    /// Sample `index` of a file of samples is not valid.
    InvalidSample {
        /// The sample's position.
        index: usize,
        /// Its violations.
        violations: Violations,
    },
    /// Row `index` of a table (an Arrow or Parquet file) is not a valid sample; the rows
    /// around it are still read.
    InvalidRow {
        /// The row's position in the file, counted from 0 over all its record batches or
        /// row groups.
        index: usize,
        /// Its violations.
        violations: Violations,
    },
    /// Rows read as one batch that cannot be stacked together (an open extent that differs
    /// between them: `sample` in the error is the row's index), or a batch whose fields
    /// could not be filled.
    Stack(StackError),
    /// A file of samples whose tensors disagree on the number of samples (their first axis).
    Samples {
        /// The tensor that differs.
        name: String,
        /// Its first extent.
        found: usize,
        /// The first tensor.
        first: String,
        /// Its first extent.
        expected: usize,
    },
}

/// Why a sample could not be written.
#[derive(Debug)]
#[non_exhaustive]
pub enum WriteError {
    /// The sample is not valid (a ragged field has no tensor).
    Invalid(Violations),
    /// A field whose dtype the format cannot hold (`complex128` in safetensors, `bf16` and
    /// `f16` in `.npy`).
    UnsupportedDType {
        /// The field's path.
        name: String,
        /// The format.
        format: &'static str,
        /// The dtype.
        dtype: DType,
    },
    /// Samples whose fields differ in shape, written as one file of samples.
    Shape {
        /// The field's path.
        name: String,
        /// The sample.
        index: usize,
        /// Sample 0's shape.
        expected: Vec<usize>,
        /// That sample's shape.
        found: Vec<usize>,
    },
    /// The format's writer failed.
    Format {
        /// The format.
        format: &'static str,
        /// What failed.
        message: String,
        /// The error of the library that wrote the bytes, where one did: its message is not
        /// repeated in `message`.
        source: Option<BoxError>,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed {
                format, message, ..
            } => write!(f, "malformed {format} data: {message}"),
            Self::UnsupportedDType { name, dtype } => {
                write!(f, "tensor `{name}`: unsupported dtype {dtype}")
            }
            Self::Tensor { name, error } => write!(f, "tensor `{name}`: {error}"),
            Self::Invalid(violations) => fmt::Display::fmt(violations, f),
            Self::TooLarge {
                name,
                needed,
                limit,
            } => write!(
                f,
                "tensor `{name}`: needs {needed} bytes beyond the input's, past the read's limit of {limit} (`ReadOptions::max_bytes`)"
            ),
            Self::InvalidSample { index, violations } => {
                write!(f, "sample {index}: {violations}")
            }
            Self::InvalidRow { index, violations } => write!(f, "row {index}: {violations}"),
            Self::Stack(error) => fmt::Display::fmt(error, f),
            Self::Samples {
                name,
                found,
                first,
                expected,
            } => write!(
                f,
                "tensor `{name}` holds {found} samples, but `{first}` holds {expected}"
            ),
        }
    }
}

/// The library's error, or the stacking error: the other variants say all in their message.
impl Error for ReadError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Malformed { source, .. } => source_of(source),
            Self::Stack(error) => Some(error),
            _ => None,
        }
    }
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Invalid(violations) => fmt::Display::fmt(violations, f),
            Self::UnsupportedDType {
                name,
                format,
                dtype,
            } => write!(f, "field `{name}`: {format} cannot hold dtype {dtype}"),
            Self::Shape {
                name,
                index,
                expected,
                found,
            } => write!(
                f,
                "field `{name}`: sample {index} has shape {found:?}, but sample 0 has {expected:?}"
            ),
            Self::Format {
                format, message, ..
            } => write!(f, "{format}: {message}"),
        }
    }
}

/// The library's error: the other variants say all in their message.
impl Error for WriteError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            Self::Format { source, .. } => source_of(source),
            _ => None,
        }
    }
}

fn source_of(source: &Option<BoxError>) -> Option<&(dyn Error + 'static)> {
    source
        .as_deref()
        .map(|error| error as &(dyn Error + 'static))
}

/// The error of a library a reader or writer uses, kept as the [`source`] of a
/// [`ReadError`] or [`WriteError`].
///
/// [`source`]: std::error::Error::source
type BoxError = Box<dyn std::error::Error + Send + Sync + 'static>;

/// What a read may still allocate beyond the input's bytes ([`ReadOptions::max_bytes`]).
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
struct Budget {
    spent: usize,
    limit: usize,
}

#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
impl Budget {
    fn new(options: &ReadOptions) -> Budget {
        Budget {
            spent: 0,
            limit: options.budget(),
        }
    }

    /// What is left: the limit of the reads that follow (`from_tensors` of the fields).
    fn left(&self) -> usize {
        self.limit.saturating_sub(self.spent)
    }

    /// Takes `bytes` for tensor `name`, or refuses before they are allocated.
    fn spend(&mut self, name: &str, bytes: usize) -> Result<(), ReadError> {
        match self.spent.checked_add(bytes) {
            Some(total) if total <= self.limit => {
                self.spent = total;
                Ok(())
            }
            total => Err(ReadError::TooLarge {
                name: name.to_owned(),
                needed: total.unwrap_or(usize::MAX),
                limit: self.limit,
            }),
        }
    }
}

/// The tensors a read of a struct asks for, by name, and whether it ignores the others.
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
struct Wanted {
    names: Vec<String>,
    ignore: bool,
}

#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
impl Wanted {
    /// The fields' paths of `T`, and `options`' choice for the other tensors.
    fn new<T: TensorSpec + ?Sized>(options: &ReadOptions) -> Wanted {
        Wanted {
            names: T::spec()
                .fields()
                .map(|field| field.name().to_owned())
                .collect(),
            ignore: options.unexpected() == Unexpected::Ignore,
        }
    }

    /// Whether a field asks for the tensor `name`.
    fn asks_for(&self, name: &str) -> bool {
        self.names.iter().any(|wanted| wanted == name)
    }

    /// Whether the tensor `name` is left unread: no field asks for it, and it is ignored.
    fn skips(&self, name: &str) -> bool {
        self.ignore && !self.asks_for(name)
    }
}

/// What stands in for a tensor of a dtype tensorspec does not have that no field asks for
/// (and is not ignored), so that the read reports it as unexpected like any other. An empty
/// `u8` tensor: its first axis is the tensor's (it counts a file's samples), its last is 0.
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
fn stand_in(name: &str, shape: &[usize]) -> Result<TensorView<'static>, ReadError> {
    let shape = [shape, &[0]].concat();
    TensorView::new(DType::U8, shape, &[]).map_err(|error| ReadError::Tensor {
        name: name.to_owned(),
        error,
    })
}

/// Reads a sample from named tensors, within what is left of `budget`, reporting violations
/// as a [`ReadError`].
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
fn sample<'a, T: FromTensors<'a>>(
    views: Vec<(String, TensorView<'a>)>,
    options: &ReadOptions,
    budget: &Budget,
) -> Result<T, ReadError> {
    let options = options.max_bytes(budget.left());
    T::from_tensors_with(views, &options).map_err(ReadError::Invalid)
}

/// Splits named tensors along their first axis into samples, and reads each.
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
fn samples<'a, T: FromTensors<'a>>(
    views: Vec<(String, TensorView<'a>)>,
    options: &ReadOptions,
    budget: &mut Budget,
) -> Result<Vec<T>, ReadError> {
    let mut count: Option<(&str, usize)> = None;
    for (name, view) in &views {
        let rows = view.shape().first().copied().unwrap_or(0);
        match count {
            None => count = Some((name, rows)),
            Some((first, expected)) if expected != rows || view.shape().is_empty() => {
                return Err(ReadError::Samples {
                    name: name.clone(),
                    found: rows,
                    first: first.to_owned(),
                    expected,
                });
            }
            Some(_) => {}
        }
    }
    let rows = count.map_or(0, |(_, rows)| rows);
    // The samples themselves: a file of zero-size tensors may claim 2^40 of them.
    if let Some((first, _)) = count {
        budget.spend(first, rows.saturating_mul(size_of::<T>().max(1)))?;
    }
    let options = &options.max_bytes(budget.left());
    (0..rows)
        .map(|index| {
            let row = views
                .iter()
                .filter_map(|(name, view)| Some((name.clone(), view.index_first(index)?)));
            T::from_tensors_with(row, options)
                .map_err(|violations| ReadError::InvalidSample { index, violations })
        })
        .collect()
}

/// The tensors of each sample stacked along a new first axis.
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
fn stack_samples<T: ToTensors>(samples: &[T]) -> Result<Vec<(String, Tensor)>, WriteError> {
    let mut stacked: Vec<(String, DType, Vec<usize>, Vec<u8>)> = Vec::new();
    for (index, sample) in samples.iter().enumerate() {
        let tensors = sample.to_tensors().map_err(WriteError::Invalid)?;
        if index == 0 {
            stacked = tensors
                .into_iter()
                .map(|(name, tensor)| {
                    let shape = tensor.shape().to_vec();
                    (name, tensor.dtype(), shape, tensor.data().to_vec())
                })
                .collect();
            continue;
        }
        for (name, tensor) in tensors {
            let Some(entry) = stacked.iter_mut().find(|(n, ..)| *n == name) else {
                return Err(WriteError::Shape {
                    name,
                    index,
                    expected: Vec::new(),
                    found: tensor.shape().to_vec(),
                });
            };
            if entry.2 != tensor.shape() {
                return Err(WriteError::Shape {
                    name,
                    index,
                    expected: entry.2.clone(),
                    found: tensor.shape().to_vec(),
                });
            }
            entry.3.extend_from_slice(tensor.data());
        }
    }
    stacked
        .into_iter()
        .map(|(name, dtype, shape, data)| {
            let shape = [vec![samples.len()], shape].concat();
            let tensor = Tensor::new(dtype, shape, data).map_err(|error| WriteError::Format {
                format: "tensors",
                message: format!("the batch of `{name}` is not a tensor"),
                source: Some(Box::new(error)),
            })?;
            Ok((name, tensor))
        })
        .collect()
}

#[cfg(feature = "arrow")]
mod arrow;
#[cfg(feature = "npy")]
mod npy;
#[cfg(feature = "npy")]
mod npz;
#[cfg(feature = "parquet")]
mod parquet;
#[cfg(feature = "safetensors")]
mod safetensors;

#[cfg(feature = "arrow")]
pub use self::arrow::*;
#[cfg(feature = "npy")]
pub use self::npz::*;
#[cfg(feature = "parquet")]
pub use self::parquet::*;
#[cfg(feature = "safetensors")]
pub use self::safetensors::*;
