//! safetensors files, on the `safetensors` crate: zero-copy reads.

use std::borrow::Cow;

use safetensors::SafeTensorError;
use safetensors::tensor::{Dtype, Metadata, SafeTensors, View};
use serde_json::{Map, Value};

use super::{Budget, ReadError, Wanted, WriteError, sample, samples, stack_samples, stand_in};
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

/// The bytes before a safetensors header: its length.
const N_LEN: usize = 8;

/// A header the `safetensors` crate (or JSON) refused: its error is the source.
fn malformed(error: impl std::error::Error + Send + Sync + 'static) -> ReadError {
    ReadError::Malformed {
        format: FORMAT,
        message: "the header is not a valid safetensors header".to_owned(),
        source: Some(Box::new(error)),
    }
}

/// A file whose length is not what its header describes.
fn truncated() -> ReadError {
    ReadError::Malformed {
        format: FORMAT,
        message: "the file's length is not that of the data its header describes".to_owned(),
        source: None,
    }
}

/// A tensor of a dtype the safetensors crate does not know: its name and shape.
type Foreign = (String, Vec<usize>);

/// The named tensors of a safetensors file a read asks for (`wanted`), in the file's order,
/// borrowing its bytes.
fn views<'a>(bytes: &'a [u8], wanted: &Wanted) -> Result<Vec<(String, TensorView<'a>)>, ReadError> {
    let (header_len, metadata, foreign) = match SafeTensors::read_metadata(bytes) {
        Ok((header_len, metadata)) => (header_len, metadata, Vec::new()),
        Err(error @ SafeTensorError::InvalidHeaderDeserialization(_)) => {
            lenient_metadata(bytes, wanted)?.ok_or_else(|| malformed(error))?
        }
        Err(error) => return Err(malformed(error)),
    };
    let data = N_LEN
        .checked_add(header_len)
        .and_then(|start| bytes.get(start..))
        .ok_or_else(truncated)?;
    let mut views = Vec::new();
    for name in metadata.offset_keys() {
        if wanted.skips(&name) {
            continue;
        }
        let Some(info) = metadata.info(&name) else {
            continue;
        };
        // No field asks for it (`lenient_metadata` refused the others): it is unexpected.
        if let Some((_, shape)) = foreign.iter().find(|(n, ..)| *n == name) {
            let view = stand_in(&name, shape)?;
            views.push((name, view));
            continue;
        }
        let view = match dtype(info.dtype) {
            Some(dtype) => {
                let (start, end) = info.data_offsets;
                let tensor = data.get(start..end).ok_or_else(truncated)?;
                TensorView::new(dtype, info.shape.clone(), tensor).map_err(|error| {
                    ReadError::Tensor {
                        name: name.clone(),
                        error,
                    }
                })?
            }
            None if wanted.asks_for(&name) => {
                return Err(ReadError::UnsupportedDType {
                    dtype: format!("{:?}", info.dtype),
                    name,
                });
            }
            // Unexpected, as one of a known dtype would be.
            None => stand_in(&name, &info.shape)?,
        };
        views.push((name, view));
    }
    Ok(views)
}

/// The header of a file the safetensors crate refuses to parse, if the reason is tensors of
/// dtypes it does not know: each becomes plain bytes (`U8`) for the crate to check the
/// rest, and is listed with its own shape. `None` if the fault is elsewhere.
/// A field that asks for such a tensor is [`ReadError::UnsupportedDType`].
fn lenient_metadata(
    bytes: &[u8],
    wanted: &Wanted,
) -> Result<Option<(usize, Metadata, Vec<Foreign>)>, ReadError> {
    // The crate has checked the header's length and UTF-8 before it refused the JSON.
    let header = bytes
        .get(..N_LEN)
        .and_then(|len| <[u8; N_LEN]>::try_from(len).ok())
        .and_then(|len| usize::try_from(u64::from_le_bytes(len)).ok())
        .and_then(|len| Some((len, bytes.get(N_LEN..N_LEN.checked_add(len)?)?)))
        .and_then(|(len, header)| Some((len, std::str::from_utf8(header).ok()?)));
    let Some((header_len, header)) = header else {
        return Ok(None);
    };
    let Ok(mut entries) = serde_json::from_str::<Map<String, Value>>(header) else {
        return Ok(None);
    };
    let mut foreign = Vec::new();
    for (name, entry) in &mut entries {
        if name == "__metadata__" {
            continue;
        }
        let Some(dtype) = entry.get("dtype").and_then(Value::as_str) else {
            continue;
        };
        if serde_json::from_value::<Dtype>(Value::from(dtype)).is_ok() {
            continue;
        }
        if wanted.asks_for(name) {
            return Err(ReadError::UnsupportedDType {
                name: name.clone(),
                dtype: dtype.to_owned(),
            });
        }
        let field = |key: &str| entry.get(key).cloned().unwrap_or_default();
        let (Ok(shape), Ok((start, end))) = (
            serde_json::from_value::<Vec<usize>>(field("shape")),
            serde_json::from_value::<(usize, usize)>(field("data_offsets")),
        ) else {
            return Ok(None);
        };
        foreign.push((name.clone(), shape));
        // `end < start` stays an error: the crate checks the offsets.
        *entry = serde_json::json!({
            "dtype": "U8",
            "shape": [end.saturating_sub(start)],
            "data_offsets": [start, end],
        });
    }
    if foreign.is_empty() {
        return Ok(None);
    }
    let metadata = serde_json::from_value::<Metadata>(Value::Object(entries)).map_err(malformed)?;
    let end = N_LEN
        .checked_add(header_len)
        .and_then(|start| start.checked_add(metadata.data_len()));
    if end != Some(bytes.len()) {
        return Err(truncated());
    }
    Ok(Some((header_len, metadata, foreign)))
}

/// Reads a sample from the bytes of a safetensors file, without copying: fields typed as
/// views borrow from `bytes` where the data is aligned. Every violation is reported.
///
/// With [`ReadOptions::ignore_unexpected`], a tensor no field asks for is skipped whatever
/// its dtype: one tensorspec does not have (`F8_E4M3`), or one the safetensors crate
/// does not know either (the rest of the header is still checked). Without it, such a
/// tensor is an unexpected tensor, as any other is. A tensor a field asks for, of a dtype
/// tensorspec does not have, is [`ReadError::UnsupportedDType`].
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
    let budget = Budget::new(options);
    sample(views(bytes, &Wanted::new::<T>(options))?, options, &budget)
}

/// Reads a sequence of samples from a safetensors file whose tensors hold them along
/// their first axis (as [`write_safetensors_samples`] writes them). Tensors no field asks
/// for are treated as [`read_safetensors`] treats them.
pub fn read_safetensors_samples<'a, T: FromTensors<'a>>(
    bytes: &'a [u8],
    options: &ReadOptions,
) -> Result<Vec<T>, ReadError> {
    let mut budget = Budget::new(options);
    samples(
        views(bytes, &Wanted::new::<T>(options))?,
        options,
        &mut budget,
    )
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
        message: "the safetensors crate could not write the tensors".to_owned(),
        source: Some(Box::new(error)),
    })
}

/// Writes a sample as a safetensors file: one tensor a field, named by its path. The
/// sample is validated first.
///
/// ```
/// use ndarray::Array2;
/// use tensorspec::{ReadOptions, TensorSpec, read_safetensors, write_safetensors};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Embedding {
///     #[tensor(shape = [N, 4])]
///     vectors: Array2<f32>,
/// }
///
/// let embedding = Embedding { vectors: Array2::ones((2, 4)) };
/// let file = write_safetensors(&embedding).unwrap();
/// let back: Embedding = read_safetensors(&file, &ReadOptions::new()).unwrap();
/// assert_eq!(back, embedding);
///
/// // An invalid sample is not written.
/// let bad = Embedding { vectors: Array2::ones((2, 3)) };
/// assert!(write_safetensors(&bad).is_err());
/// ```
pub fn write_safetensors<T: ToTensors>(sample: &T) -> Result<Vec<u8>, WriteError> {
    serialize(&sample.to_tensors().map_err(WriteError::Invalid)?)
}

/// Writes samples as one safetensors file, each field's tensors stacked along a new
/// first axis; their shapes must agree.
///
/// ```
/// use tensorspec::{ReadOptions, TensorSpec, read_safetensors_samples, write_safetensors_samples};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Label {
///     class: i64,
/// }
///
/// let labels = [Label { class: 3 }, Label { class: 5 }];
/// let file = write_safetensors_samples(&labels).unwrap(); // one `class` tensor of shape [2]
/// let back: Vec<Label> = read_safetensors_samples(&file, &ReadOptions::new()).unwrap();
/// assert_eq!(back, labels);
/// ```
pub fn write_safetensors_samples<T: ToTensors>(samples: &[T]) -> Result<Vec<u8>, WriteError> {
    serialize(&stack_samples(samples)?)
}
