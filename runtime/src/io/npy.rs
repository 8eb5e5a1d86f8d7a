//! `.npy` and `.npz` files, on ndarray-npy and zip.

use std::io::{Cursor, Read};

use ndarray::{ArrayD, IxDyn};
use ndarray_npy::npy::header::Header;
use ndarray_npy::{NpzWriter, ReadNpyExt, WriteNpyExt};

use super::{ReadError, Wanted, WriteError, sample, samples, stack_samples, stand_in};
use crate::dtype::DType;
use crate::named::{FromTensors, ReadOptions, ToTensors};
use crate::tensor::{Tensor, TensorError, TensorView};

/// The most bytes an `.npz` entry may decompress to: past it, the file is refused (a
/// zip bomb claims little and expands to much).
pub const MAX_NPZ_ENTRY_BYTES: u64 = 1 << 32;

fn malformed(format: &'static str, message: impl ToString) -> ReadError {
    ReadError::Malformed {
        format,
        message: message.to_string(),
    }
}

/// `match $dtype` calling `$typed!(ElementType)` for each dtype ndarray-npy reads and
/// writes, and `$other` (bound to the dtype) for `f16` and `bf16`, which it does not.
macro_rules! npy_dtypes {
    ($dtype:expr, $typed:ident, $other:ident => $otherwise:expr) => {
        match $dtype {
            DType::Bool => $typed!(bool),
            DType::U8 => $typed!(u8),
            DType::U16 => $typed!(u16),
            DType::U32 => $typed!(u32),
            DType::U64 => $typed!(u64),
            DType::I8 => $typed!(i8),
            DType::I16 => $typed!(i16),
            DType::I32 => $typed!(i32),
            DType::I64 => $typed!(i64),
            DType::F32 => $typed!(f32),
            DType::F64 => $typed!(f64),
            DType::Complex64 => $typed!(num_complex::Complex<f32>),
            DType::Complex128 => $typed!(num_complex::Complex<f64>),
            $other @ (DType::F16 | DType::BF16) => $otherwise,
        }
    };
}

/// The dtype of a NumPy type descriptor (`<f4`, `|u1`, `|b1`), and whether its bytes are
/// big-endian.
fn descriptor(descr: &str) -> Option<(DType, bool)> {
    let (order, code) = descr.split_at_checked(1)?;
    let big = match order {
        ">" => true,
        "<" | "|" | "=" => false,
        _ => return None,
    };
    let dtype = match code {
        "b1" => DType::Bool,
        "u1" => DType::U8,
        "u2" => DType::U16,
        "u4" => DType::U32,
        "u8" => DType::U64,
        "i1" => DType::I8,
        "i2" => DType::I16,
        "i4" => DType::I32,
        "i8" => DType::I64,
        "f2" => DType::F16,
        "f4" => DType::F32,
        "f8" => DType::F64,
        "c8" => DType::Complex64,
        "c16" => DType::Complex128,
        _ => return None,
    };
    Some((dtype, big))
}

/// The tensor of the bytes of one `.npy` file, or why not. The header's claims (its
/// length, the data's size) are checked against the bytes there before anything of
/// their size is allocated.
pub(super) fn parse_npy(
    bytes: &[u8],
    name: &str,
    format: &'static str,
) -> Result<Tensor, ReadError> {
    let (header, data) = npy_header(bytes, name, format)?;
    npy_tensor(bytes, &header, data, name, format)
}

/// The header of one `.npy` file and the data after it. The header's claimed length is
/// checked against the bytes there first.
fn npy_header<'b>(
    bytes: &'b [u8],
    name: &str,
    format: &'static str,
) -> Result<(Header, &'b [u8]), ReadError> {
    // The preamble: magic, version, header length (2 bytes in version 1, 4 after).
    let (version, rest) = match bytes {
        [0x93, b'N', b'U', b'M', b'P', b'Y', major, _minor, rest @ ..] => (*major, rest),
        _ => {
            return Err(malformed(
                format,
                format!("`{name}`: not an .npy array (no magic string)"),
            ));
        }
    };
    let (header_len, rest) = match (version, rest) {
        (1, [a, b, rest @ ..]) => (usize::from(u16::from_le_bytes([*a, *b])), rest),
        (2 | 3, [a, b, c, d, rest @ ..]) => {
            let len = u32::from_le_bytes([*a, *b, *c, *d]);
            (usize::try_from(len).unwrap_or(usize::MAX), rest)
        }
        _ => {
            return Err(malformed(
                format,
                format!("`{name}`: unknown .npy version {version}"),
            ));
        }
    };
    if header_len > rest.len() {
        return Err(malformed(
            format,
            format!(
                "`{name}`: the header claims {header_len} bytes, but {} follow",
                rest.len()
            ),
        ));
    }
    let mut reader = bytes;
    let header = Header::from_reader(&mut reader)
        .map_err(|error| malformed(format, format!("`{name}`: {error}")))?;
    Ok((header, reader))
}

/// The tensor of an `.npy` file's `bytes`, its `header` parsed and its `data` after it;
/// the data's size is checked against the header's shape first.
fn npy_tensor(
    bytes: &[u8],
    header: &Header,
    data: &[u8],
    name: &str,
    format: &'static str,
) -> Result<Tensor, ReadError> {
    // A simple descriptor is a Python string literal, `'<f4'`; structured ones are not.
    let literal = header.type_descriptor.to_string();
    let descr = literal
        .strip_prefix('\'')
        .and_then(|d| d.strip_suffix('\''))
        .unwrap_or(&literal)
        .to_owned();
    let (dtype, big_endian) = descriptor(&descr).ok_or_else(|| ReadError::UnsupportedDType {
        name: name.to_owned(),
        dtype: descr.clone(),
    })?;
    let shape = header.shape.clone();
    let expected = shape
        .iter()
        .try_fold(dtype.size_of(), |acc, &extent| acc.checked_mul(extent));
    if expected != Some(data.len()) {
        return Err(ReadError::Tensor {
            name: name.to_owned(),
            error: TensorError::Length {
                dtype,
                shape,
                expected,
                found: data.len(),
            },
        });
    }
    let tensor_error = |error| ReadError::Tensor {
        name: name.to_owned(),
        error,
    };
    if !big_endian && !header.layout.is_fortran() {
        return Tensor::new(dtype, shape, data.to_vec()).map_err(tensor_error);
    }
    // Fortran order or big-endian: ndarray-npy reorders and swaps (its size checks can no
    // longer be fooled: the data's length is the shape's).
    let read_error =
        |error: ndarray_npy::ReadNpyError| malformed(format, format!("`{name}`: {error}"));
    macro_rules! typed {
        ($ty:ty) => {
            Tensor::from_array(&ArrayD::<$ty>::read_npy(bytes).map_err(read_error)?)
        };
    }
    Ok(npy_dtypes!(dtype, typed, _half => {
        return Err(ReadError::UnsupportedDType {
            name: name.to_owned(),
            dtype: format!("{descr} in Fortran order or big-endian"),
        });
    }))
}

impl Tensor {
    /// The tensor of an `.npy` file's bytes. Requires the `npy` feature.
    ///
    /// ```
    /// let tensor = tensorspec::Tensor::from(ndarray::array![[1.5f64, 2.5]]);
    /// let bytes = tensor.to_npy().unwrap();
    /// assert_eq!(tensorspec::Tensor::from_npy(&bytes).unwrap(), tensor);
    /// assert!(tensorspec::Tensor::from_npy(&bytes[..20]).is_err());
    /// ```
    pub fn from_npy(bytes: &[u8]) -> Result<Tensor, ReadError> {
        parse_npy(bytes, "array", "npy")
    }

    /// The tensor as the bytes of an `.npy` file. Requires the `npy` feature; `f16` and
    /// `bf16` are refused (ndarray-npy writes neither).
    pub fn to_npy(&self) -> Result<Vec<u8>, WriteError> {
        let mut out = Vec::new();
        write_typed(self, "array", |array| array.write_npy(&mut out))?;
        Ok(out)
    }
}

/// Calls `write` with the tensor as a typed `ArrayD`.
fn write_typed<F>(tensor: &Tensor, name: &str, mut write: F) -> Result<(), WriteError>
where
    F: FnMut(&dyn WriteAny) -> Result<(), String>,
{
    let format_error = |message: String| WriteError::Format {
        format: "npy",
        message,
    };
    macro_rules! typed {
        ($ty:ty) => {{
            let array: ArrayD<$ty> = tensor
                .to_array::<$ty, IxDyn>()
                .map_err(|error| format_error(error.to_string()))?;
            write(&array).map_err(format_error)
        }};
    }
    npy_dtypes!(tensor.dtype(), typed, dtype => Err(WriteError::UnsupportedDType {
        name: name.to_owned(),
        format: "npy",
        dtype,
    }))
}

/// An `ArrayD` of any writable element type, for `write_typed`'s callback.
pub(super) trait WriteAny {
    fn write_npy(&self, out: &mut Vec<u8>) -> Result<(), String>;
    fn add_to(&self, writer: &mut NpzWriter<Cursor<Vec<u8>>>, name: &str) -> Result<(), String>;
}

impl<A: ndarray_npy::WritableElement> WriteAny for ArrayD<A> {
    fn write_npy(&self, out: &mut Vec<u8>) -> Result<(), String> {
        WriteNpyExt::write_npy(self, out).map_err(|error| error.to_string())
    }
    fn add_to(&self, writer: &mut NpzWriter<Cursor<Vec<u8>>>, name: &str) -> Result<(), String> {
        writer
            .add_array(name, self)
            .map_err(|error| error.to_string())
    }
}

/// The named tensors of an `.npz` file (entries `name.npy`) a read asks for (`wanted`),
/// each entry's size checked.
fn npz_tensors(bytes: &[u8], wanted: &Wanted) -> Result<Vec<(String, Tensor)>, ReadError> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| malformed("npz", error))?;
    let mut tensors = Vec::new();
    for index in 0..archive.len() {
        // The name is the central directory's: a skipped entry is neither inflated nor parsed.
        let Some(name) = archive.name_for_index(index) else {
            continue;
        };
        let name = name.strip_suffix(".npy").unwrap_or(name).to_owned();
        if wanted.skips(&name) {
            continue;
        }
        let mut entry = archive
            .by_index(index)
            .map_err(|error| malformed("npz", error))?;
        // Read what is there, in pieces, up to a limit: never the size the entry claims.
        let mut data = Vec::new();
        let mut buffer = [0; 1 << 16];
        loop {
            let read = entry
                .read(&mut buffer)
                .map_err(|error| malformed("npz", format!("`{name}`: {error}")))?;
            if read == 0 {
                break;
            }
            if (data.len() + read) as u64 > MAX_NPZ_ENTRY_BYTES {
                return Err(malformed(
                    "npz",
                    format!("`{name}`: more than {MAX_NPZ_ENTRY_BYTES} bytes"),
                ));
            }
            data.extend_from_slice(buffer.get(..read).unwrap_or_default());
        }
        let (header, npy_data) = npy_header(&data, &name, "npz")?;
        let tensor = match npy_tensor(&data, &header, npy_data, &name, "npz") {
            // No field asks for it: reported as unexpected, as one of a known dtype would be.
            Err(ReadError::UnsupportedDType { .. }) if !wanted.asks_for(&name) => {
                stand_in(&name, &header.shape)?.to_tensor()
            }
            tensor => tensor?,
        };
        tensors.push((name, tensor));
    }
    Ok(tensors)
}

/// Views of named owned tensors.
fn named_views(tensors: &[(String, Tensor)]) -> Vec<(String, TensorView<'_>)> {
    tensors
        .iter()
        .map(|(name, tensor)| (name.clone(), tensor.view()))
        .collect()
}

/// Reads a sample from the bytes of an `.npz` file (NumPy's `np.savez`), entries named by
/// field paths. The data is copied (it is compressed, or may be): structs with view fields
/// cannot be read this way.
///
/// With [`ReadOptions::ignore_unexpected`], an entry no field asks for is skipped before it
/// is inflated or its header parsed: a string (`<U1`) or object (`|O`) array beside the
/// arrays read is no obstacle. Without it, such an entry is an unexpected tensor, as any
/// other is. An entry a field asks for, of a dtype tensorspec does not have, is
/// [`ReadError::UnsupportedDType`].
///
/// ```
/// use ndarray::Array1;
/// use tensorspec::{ReadOptions, TensorSpec, read_npz, write_npz};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Sample {
///     #[tensor(dtype = f32, shape = [3])]
///     features: Array1<f32>,
/// }
///
/// let bytes = write_npz(&Sample { features: Array1::ones(3) }).unwrap();
/// let back: Sample = read_npz(&bytes, &ReadOptions::new()).unwrap();
/// assert_eq!(back.features, Array1::<f32>::ones(3));
/// ```
pub fn read_npz<T>(bytes: &[u8], options: &ReadOptions) -> Result<T, ReadError>
where
    T: for<'t> FromTensors<'t>,
{
    let tensors = npz_tensors(bytes, &Wanted::new::<T>(options))?;
    sample(named_views(&tensors), options)
}

/// Reads a sequence of samples from an `.npz` file whose arrays hold them along their
/// first axis. Entries no field asks for are treated as [`read_npz`] treats them.
pub fn read_npz_samples<T>(bytes: &[u8], options: &ReadOptions) -> Result<Vec<T>, ReadError>
where
    T: for<'t> FromTensors<'t>,
{
    let tensors = npz_tensors(bytes, &Wanted::new::<T>(options))?;
    samples(named_views(&tensors), options)
}

fn npz(tensors: &[(String, Tensor)]) -> Result<Vec<u8>, WriteError> {
    let mut writer = NpzWriter::new_compressed(Cursor::new(Vec::new()));
    for (name, tensor) in tensors {
        write_typed(tensor, name, |array| array.add_to(&mut writer, name))?;
    }
    let cursor = writer.finish().map_err(|error| WriteError::Format {
        format: "npz",
        message: error.to_string(),
    })?;
    Ok(cursor.into_inner())
}

/// Writes a sample as a compressed `.npz` file: one array a field, named by its path.
pub fn write_npz<T: ToTensors>(sample: &T) -> Result<Vec<u8>, WriteError> {
    npz(&sample.to_tensors().map_err(WriteError::Invalid)?)
}

/// Writes samples as one `.npz` file, each field's arrays stacked along a new first axis.
pub fn write_npz_samples<T: ToTensors>(samples: &[T]) -> Result<Vec<u8>, WriteError> {
    npz(&stack_samples(samples)?)
}
