//! safetensors files, on the `safetensors` crate: zero-copy reads.

use std::borrow::Cow;

use safetensors::tensor::{Dtype, SafeTensors, View};

use super::{ReadError, WriteError, sample, samples, stack_samples};
use crate::dtype::DType;
use crate::named::{FromTensors, ReadOptions, ToTensors};
use crate::tensor::{Tensor, TensorView};

const FORMAT: &str = "safetensors";

fn dtype(dtype: Dtype) -> Option<DType> {
    Some(match dtype {
        Dtype::BOOL => DType::Bool,
        Dtype::U8 => DType::U8,
        Dtype::U16 => DType::U16,
        Dtype::U32 => DType::U32,
        Dtype::U64 => DType::U64,
        Dtype::I8 => DType::I8,
        Dtype::I16 => DType::I16,
        Dtype::I32 => DType::I32,
        Dtype::I64 => DType::I64,
        Dtype::F16 => DType::F16,
        Dtype::BF16 => DType::BF16,
        Dtype::F32 => DType::F32,
        Dtype::F64 => DType::F64,
        Dtype::C64 => DType::Complex64,
        _ => return None,
    })
}

fn safetensors_dtype(dtype: DType) -> Option<Dtype> {
    Some(match dtype {
        DType::Bool => Dtype::BOOL,
        DType::U8 => Dtype::U8,
        DType::U16 => Dtype::U16,
        DType::U32 => Dtype::U32,
        DType::U64 => Dtype::U64,
        DType::I8 => Dtype::I8,
        DType::I16 => Dtype::I16,
        DType::I32 => Dtype::I32,
        DType::I64 => Dtype::I64,
        DType::F16 => Dtype::F16,
        DType::BF16 => Dtype::BF16,
        DType::F32 => Dtype::F32,
        DType::F64 => Dtype::F64,
        DType::Complex64 => Dtype::C64,
        DType::Complex128 => return None,
    })
}

/// The named tensors of a safetensors file, borrowing its bytes.
fn views(bytes: &[u8]) -> Result<Vec<(String, TensorView<'_>)>, ReadError> {
    let file = SafeTensors::deserialize(bytes).map_err(|error| ReadError::Malformed {
        format: FORMAT,
        message: error.to_string(),
    })?;
    let mut views = Vec::new();
    for (name, tensor) in file.iter() {
        let dtype = dtype(tensor.dtype()).ok_or_else(|| ReadError::UnsupportedDType {
            name: name.to_owned(),
            dtype: format!("{:?}", tensor.dtype()),
        })?;
        let view =
            TensorView::new(dtype, tensor.shape().to_vec(), tensor.data()).map_err(|error| {
                ReadError::Tensor {
                    name: name.to_owned(),
                    error,
                }
            })?;
        views.push((name.to_owned(), view));
    }
    Ok(views)
}

/// Reads a sample from the bytes of a safetensors file, without copying: fields typed as
/// views borrow from `bytes` where the data is aligned. Every violation is reported.
///
/// ```
/// use ndarray::Array2;
/// use tensorspec::{ReadOptions, TensorSpec, read_safetensors, write_safetensors};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Sample {
///     #[tensor(dtype = f32, shape = [N, 2])]
///     points: Array2<f32>,
///     label: i64,
/// }
///
/// let sample = Sample { points: Array2::ones((3, 2)), label: 7 };
/// let bytes = write_safetensors(&sample).unwrap();
/// let back: Sample = read_safetensors(&bytes, &ReadOptions::new()).unwrap();
/// assert_eq!(back, sample);
/// ```
pub fn read_safetensors<'a, T: FromTensors<'a>>(
    bytes: &'a [u8],
    options: &ReadOptions,
) -> Result<T, ReadError> {
    sample(views(bytes)?, options)
}

/// Reads a sequence of samples from a safetensors file whose tensors hold them along
/// their first axis (as [`write_safetensors_samples`] writes them).
pub fn read_safetensors_samples<'a, T: FromTensors<'a>>(
    bytes: &'a [u8],
    options: &ReadOptions,
) -> Result<Vec<T>, ReadError> {
    samples(views(bytes)?, options)
}

/// A tensor as the safetensors crate writes it.
struct Entry<'t>(&'t Tensor, Dtype);

impl View for Entry<'_> {
    fn dtype(&self) -> Dtype {
        self.1
    }
    fn shape(&self) -> &[usize] {
        self.0.shape()
    }
    fn data(&self) -> Cow<'_, [u8]> {
        Cow::Borrowed(self.0.data())
    }
    fn data_len(&self) -> usize {
        self.0.data().len()
    }
}

fn serialize(tensors: &[(String, Tensor)]) -> Result<Vec<u8>, WriteError> {
    let mut entries = Vec::with_capacity(tensors.len());
    for (name, tensor) in tensors {
        let dtype =
            safetensors_dtype(tensor.dtype()).ok_or_else(|| WriteError::UnsupportedDType {
                name: name.clone(),
                format: FORMAT,
                dtype: tensor.dtype(),
            })?;
        entries.push((name.as_str(), Entry(tensor, dtype)));
    }
    safetensors::serialize(entries, None).map_err(|error| WriteError::Format {
        format: FORMAT,
        message: error.to_string(),
    })
}

/// Writes a sample as a safetensors file: one tensor a field, named by its path. The
/// sample is validated first.
pub fn write_safetensors<T: ToTensors>(sample: &T) -> Result<Vec<u8>, WriteError> {
    serialize(&sample.to_tensors().map_err(WriteError::Invalid)?)
}

/// Writes samples as one safetensors file, each field's tensors stacked along a new
/// first axis; their shapes must agree.
pub fn write_safetensors_samples<T: ToTensors>(samples: &[T]) -> Result<Vec<u8>, WriteError> {
    serialize(&stack_samples(samples)?)
}
