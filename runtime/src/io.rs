//! Files: safetensors (feature `safetensors`) and `.npy`/`.npz` (feature `npy`), read into a
//! `#[derive(TensorSpec)]` struct with the full validation of [`FromTensors`], and written
//! from one. A file's tensor names are the field paths (`image`, `left.depth`).
//!
//! Malformed or hostile bytes are an error, never a panic, and never an allocation of a size
//! the file claims: every claimed size is checked against the bytes actually there first.

use crate::dynamic::{Tensor, TensorError, TensorView};
use crate::tensors::{FromTensors, ReadOptions, ToTensors};
use crate::{DType, Violations};

/// Why a file could not be read into a sample.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not a well-formed file of the format.
    #[error("malformed {format} data: {message}")]
    Malformed {
        /// `safetensors`, `npy` or `npz`.
        format: &'static str,
        /// What is wrong.
        message: String,
    },
    /// A tensor of a dtype tensorspec does not have (`F8_E4M3`, `float128`, ...).
    #[error("tensor `{name}`: unsupported dtype {dtype}")]
    UnsupportedDType {
        /// The tensor's name.
        name: String,
        /// The file's name for the dtype.
        dtype: String,
    },
    /// A tensor whose data is not what its dtype and shape say.
    #[error("tensor `{name}`: {error}")]
    Tensor {
        /// The tensor's name.
        name: String,
        /// What is wrong.
        error: TensorError,
    },
    /// The tensors are not a valid sample.
    #[error("{0}")]
    Invalid(Violations),
    /// Sample `index` of a file of samples is not valid.
    #[error("sample {index}: {violations}")]
    InvalidSample {
        /// The sample's position.
        index: usize,
        /// Its violations.
        violations: Violations,
    },
    /// A file of samples whose tensors disagree on the number of samples (their first axis).
    #[error("tensor `{name}` holds {found} samples, but `{first}` holds {expected}")]
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
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum WriteError {
    /// The sample is not valid (a ragged field has no tensor).
    #[error("{0}")]
    Invalid(Violations),
    /// A field whose dtype the format cannot hold (`complex128` in safetensors, `bf16` and
    /// `f16` in `.npy`).
    #[error("field `{name}`: {format} cannot hold dtype {dtype}")]
    UnsupportedDType {
        /// The field's path.
        name: String,
        /// The format.
        format: &'static str,
        /// The dtype.
        dtype: DType,
    },
    /// Samples whose fields differ in shape, written as one file of samples.
    #[error("field `{name}`: sample {index} has shape {found:?}, but sample 0 has {expected:?}")]
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
    #[error("{format}: {message}")]
    Format {
        /// The format.
        format: &'static str,
        /// What failed.
        message: String,
    },
}

/// Reads a sample from named tensors, reporting violations as a [`ReadError`].
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
fn sample<'a, T: FromTensors<'a>>(
    views: Vec<(String, TensorView<'a>)>,
    options: &ReadOptions,
) -> Result<T, ReadError> {
    T::from_tensors_with(views, options).map_err(ReadError::Invalid)
}

/// Splits named tensors along their first axis into samples, and reads each.
#[cfg_attr(not(any(feature = "npy", feature = "safetensors")), allow(dead_code))]
fn samples<'a, T: FromTensors<'a>>(
    views: Vec<(String, TensorView<'a>)>,
    options: &ReadOptions,
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
                message: error.to_string(),
            })?;
            Ok((name, tensor))
        })
        .collect()
}

#[cfg(feature = "safetensors")]
pub use self::safetensors_io::*;

#[cfg(feature = "safetensors")]
mod safetensors_io {
    use std::borrow::Cow;

    use safetensors::tensor::{Dtype, SafeTensors, View};

    use super::*;

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
            let view = TensorView::new(dtype, tensor.shape().to_vec(), tensor.data()).map_err(
                |error| ReadError::Tensor {
                    name: name.to_owned(),
                    error,
                },
            )?;
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
}

#[cfg(feature = "npy")]
pub use self::npy_io::*;

#[cfg(feature = "npy")]
mod npy_io {
    use std::io::{Cursor, Read};

    use ndarray::{ArrayD, IxDyn};
    use ndarray_npy::npy::header::Header;
    use ndarray_npy::{NpzWriter, ReadNpyExt, WriteNpyExt};

    use super::*;

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
        let data = reader;
        // A simple descriptor is a Python string literal, `'<f4'`; structured ones are not.
        let literal = header.type_descriptor.to_string();
        let descr = literal
            .strip_prefix('\'')
            .and_then(|d| d.strip_suffix('\''))
            .unwrap_or(&literal)
            .to_owned();
        let (dtype, big_endian) =
            descriptor(&descr).ok_or_else(|| ReadError::UnsupportedDType {
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
        fn add_to(&self, writer: &mut NpzWriter<Cursor<Vec<u8>>>, name: &str)
        -> Result<(), String>;
    }

    impl<A: ndarray_npy::WritableElement> WriteAny for ArrayD<A> {
        fn write_npy(&self, out: &mut Vec<u8>) -> Result<(), String> {
            WriteNpyExt::write_npy(self, out).map_err(|error| error.to_string())
        }
        fn add_to(
            &self,
            writer: &mut NpzWriter<Cursor<Vec<u8>>>,
            name: &str,
        ) -> Result<(), String> {
            writer
                .add_array(name, self)
                .map_err(|error| error.to_string())
        }
    }

    /// The named tensors of an `.npz` file (entries `name.npy`), each entry's size checked.
    fn npz_tensors(bytes: &[u8]) -> Result<Vec<(String, Tensor)>, ReadError> {
        let mut archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|error| malformed("npz", error))?;
        let mut tensors = Vec::new();
        for index in 0..archive.len() {
            let mut entry = archive
                .by_index(index)
                .map_err(|error| malformed("npz", error))?;
            let name = entry.name().to_owned();
            let name = name.strip_suffix(".npy").unwrap_or(&name).to_owned();
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
            tensors.push((name.clone(), parse_npy(&data, &name, "npz")?));
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
        let tensors = npz_tensors(bytes)?;
        sample(named_views(&tensors), options)
    }

    /// Reads a sequence of samples from an `.npz` file whose arrays hold them along their
    /// first axis.
    pub fn read_npz_samples<T>(bytes: &[u8], options: &ReadOptions) -> Result<Vec<T>, ReadError>
    where
        T: for<'t> FromTensors<'t>,
    {
        let tensors = npz_tensors(bytes)?;
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
}
