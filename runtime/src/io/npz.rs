//! `.npz` files: zip archives of `.npy` entries (on the `zip` crate), read within the
//! read's budget and written compressed.
//!
//! A stored entry is read where it lies in the file (its checksum checked). A compressed
//! one is inflated as a stream: its `.npy` header first, whose claimed size must be the
//! entry's, then its data, growing with what actually comes out and never past either claim
//! nor [`ReadOptions::max_bytes`]. Entries that share bytes (a bomb lists one entry under
//! many names) are refused before any is inflated.

use std::borrow::Cow;
use std::io::{Cursor, Read, Write};
use std::ops::Range;

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive};

use super::npy::{self, Array, MAX_PREAMBLE};
use super::{Budget, ReadError, Wanted, WriteError, sample, samples, stack_samples};
use crate::named::{FromTensors, ReadOptions, ToTensors};
use crate::tensor::{Tensor, TensorView};

const FORMAT: &str = "npz";

fn malformed(name: &str, message: impl std::fmt::Display) -> ReadError {
    npy::malformed(FORMAT, name, message)
}

/// A zip entry the `zip` crate could not open or inflate.
fn unreadable(name: &str, error: impl std::error::Error + Send + Sync + 'static) -> ReadError {
    npy::malformed_by(FORMAT, name, "its zip entry is unreadable", error)
}

/// An entry a read looks at: its index, its name without `.npy`, and its bytes in the file
/// (local header and compressed data).
struct Entry {
    index: usize,
    name: String,
    bytes: Range<u64>,
}

/// The entries of `archive` a read looks at (`wanted` does not skip them), refused if
/// two of them share bytes.
fn entries(
    archive: &mut ZipArchive<Cursor<&[u8]>>,
    wanted: &Wanted,
) -> Result<Vec<Entry>, ReadError> {
    let mut entries = Vec::new();
    for index in 0..archive.len() {
        // The name is the central directory's: a skipped entry is neither inflated nor parsed.
        let Some(name) = archive.name_for_index(index) else {
            continue;
        };
        let name = name.strip_suffix(".npy").unwrap_or(name).to_owned();
        if wanted.skips(&name) {
            continue;
        }
        let raw = archive
            .by_index_raw(index)
            .map_err(|error| unreadable(&name, error))?;
        let end = raw
            .data_start()
            .checked_add(raw.compressed_size())
            .ok_or_else(|| malformed(&name, "its size overflows"))?;
        let start = raw.header_start();
        entries.push(Entry {
            index,
            name,
            bytes: start..end,
        });
    }
    let mut order: Vec<&Entry> = entries.iter().collect();
    order.sort_unstable_by_key(|entry| entry.bytes.start);
    for pair in order.windows(2) {
        if let [first, second] = pair {
            if second.bytes.start < first.bytes.end {
                return Err(malformed(
                    &second.name,
                    format!("its bytes are also `{}`'s", first.name),
                ));
            }
        }
    }
    Ok(entries)
}

/// The arrays of an `.npz` file that a read asks for, and stand-ins for the others it does
/// not skip (see `io::stand_in`), each entry's claims checked before its data is inflated.
fn arrays<'f>(
    bytes: &'f [u8],
    wanted: &Wanted,
    budget: &mut Budget,
) -> Result<Vec<(String, Array<'f>)>, ReadError> {
    let mut archive = ZipArchive::new(Cursor::new(bytes)).map_err(|error| {
        npy::malformed_by(FORMAT, "archive", "not a readable zip archive", error)
    })?;
    let mut arrays = Vec::new();
    for Entry { index, name, .. } in entries(&mut archive, wanted)? {
        let asked = wanted.asks_for(&name);
        let raw = archive
            .by_index_raw(index)
            .map_err(|error| unreadable(&name, error))?;
        let array = if raw.compression() == CompressionMethod::Stored && !raw.encrypted() {
            let (start, size, crc) = (raw.data_start(), raw.compressed_size(), raw.crc32());
            if raw.size() != size {
                return Err(malformed(&name, "a stored entry whose sizes differ"));
            }
            let data = usize::try_from(start)
                .ok()
                .zip(usize::try_from(size).ok())
                .and_then(|(start, size)| bytes.get(start..start.checked_add(size)?))
                .ok_or_else(|| malformed(&name, "its data is past the end of the file"))?;
            if asked && crc32fast::hash(data) != crc {
                return Err(malformed(&name, "Invalid checksum"));
            }
            npy::parse(data, &name, FORMAT, asked)?
        } else {
            drop(raw);
            let mut entry = archive
                .by_index(index)
                .map_err(|error| unreadable(&name, error))?;
            let claimed = entry.size();
            inflate(&mut entry, claimed, &name, asked, budget)?
        };
        arrays.push((name, array));
    }
    Ok(arrays)
}

/// Reads into `buffer` until it is full or the entry ends; the bytes read.
fn fill(entry: &mut impl Read, buffer: &mut [u8], name: &str) -> Result<usize, ReadError> {
    let mut filled = 0;
    while let Some(rest) = buffer.get_mut(filled..).filter(|rest| !rest.is_empty()) {
        match entry.read(rest) {
            Ok(0) => break,
            Ok(read) => filled += read,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
            Err(error) => return Err(unreadable(name, error)),
        }
    }
    Ok(filled)
}

/// The array of a compressed entry whose zip header claims `claimed` bytes: its `.npy`
/// header first (at most NumPy's limit), then, if a field asks for it, its data, growing
/// with the bytes that come out (at most twice what came out is ever reserved) up to the
/// size both headers claim and the budget allows.
fn inflate(
    entry: &mut impl Read,
    claimed: u64,
    name: &str,
    asked: bool,
    budget: &mut Budget,
) -> Result<Array<'static>, ReadError> {
    let mut start = [0u8; MAX_PREAMBLE];
    let got = fill(entry, start.get_mut(..10).unwrap_or_default(), name)?;
    let mut preamble = npy::preamble(start.get(..got).unwrap_or_default())
        .map_err(|error| malformed(name, error))?;
    if preamble.len > got {
        let more = fill(
            entry,
            start.get_mut(got..preamble.len).unwrap_or_default(),
            name,
        )?;
        preamble = npy::preamble(start.get(..got + more).unwrap_or_default())
            .map_err(|error| malformed(name, error))?;
    }
    if preamble.header_len > npy::MAX_HEADER_LEN {
        return Err(malformed(
            name,
            format!(
                "the header claims {} bytes, more than NumPy's limit of {}",
                preamble.header_len,
                npy::MAX_HEADER_LEN
            ),
        ));
    }
    let mut text = vec![0; preamble.header_len];
    if fill(entry, &mut text, name)? != text.len() {
        return Err(malformed(name, "the entry ends inside its header"));
    }
    let header =
        npy::parse_header(&text, preamble.version).map_err(|error| malformed(name, error))?;
    if !asked {
        return npy::stand_in_array(name, &header.shape);
    }
    let (dtype, big, len) = npy::data_len(&header, name)?;
    let claimed_data = usize::try_from(claimed.saturating_sub((preamble.len + text.len()) as u64));
    let claimed_data = claimed_data.unwrap_or(usize::MAX);
    let Some(len) = len else {
        return Err(npy::length_error(header, dtype, None, claimed_data, name));
    };
    let total = u64::try_from(len)
        .ok()
        .and_then(|len| len.checked_add(u64::try_from(preamble.len + text.len()).ok()?));
    if total != Some(claimed) {
        return Err(malformed(
            name,
            format!(
                "the zip entry claims {claimed} bytes, its .npy header {}",
                total.map_or_else(|| "more than a u64".to_owned(), |total| total.to_string())
            ),
        ));
    }
    budget.spend(name, len)?;
    let mut data: Vec<u8> = Vec::new();
    while data.len() < len {
        let step = (len - data.len()).min(data.len().max(1 << 16));
        let at = data.len();
        data.reserve_exact(step);
        data.resize(at + step, 0);
        let read = fill(entry, data.get_mut(at..).unwrap_or_default(), name)?;
        if read < step {
            return Err(npy::length_error(header, dtype, Some(len), at + read, name));
        }
    }
    // The end: nothing more comes out (and the zip crate checks the checksum).
    if fill(entry, &mut [0], name)? != 0 {
        return Err(malformed(name, "it inflates past the size it claims"));
    }
    npy::array(&header, dtype, big, Cow::Owned(data), name, FORMAT)
}

/// Views of named arrays.
fn views<'a>(
    arrays: &'a [(String, Array<'_>)],
) -> Result<Vec<(String, TensorView<'a>)>, ReadError> {
    arrays
        .iter()
        .map(|(name, array)| Ok((name.clone(), array.view(name)?)))
        .collect()
}

/// Reads a sample from the bytes of an `.npz` file (NumPy's `np.savez` or
/// `np.savez_compressed`), entries named by field paths. Structs with view fields cannot be
/// read this way (the data may be compressed); the data is copied once into the fields.
///
/// With [`ReadOptions::ignore_unexpected`], an entry no field asks for is skipped before it
/// is inflated or its header parsed: a string (`<U1`) or object (`|O`) array beside the
/// arrays read is no obstacle. Without it, such an entry is an unexpected tensor, as any
/// other is (only its header is inflated). An entry a field asks for, of a dtype tensorspec
/// does not have, is [`ReadError::UnsupportedDType`]. What inflating allocates is bounded by
/// [`ReadOptions::max_bytes`] ([`ReadError::TooLarge`]).
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
    let mut budget = Budget::new(options);
    let arrays = arrays(bytes, &Wanted::new::<T>(options), &mut budget)?;
    sample(views(&arrays)?, options, &budget)
}

/// Reads a sequence of samples from an `.npz` file whose arrays hold them along their
/// first axis. Entries no field asks for are treated as [`read_npz`] treats them.
pub fn read_npz_samples<T>(bytes: &[u8], options: &ReadOptions) -> Result<Vec<T>, ReadError>
where
    T: for<'t> FromTensors<'t>,
{
    let mut budget = Budget::new(options);
    let arrays = arrays(bytes, &Wanted::new::<T>(options), &mut budget)?;
    samples(views(&arrays)?, options, &mut budget)
}

fn npz(tensors: &[(String, Tensor)]) -> Result<Vec<u8>, WriteError> {
    fn zip_error(error: impl std::error::Error + Send + Sync + 'static) -> WriteError {
        WriteError::Format {
            format: FORMAT,
            message: "the zip archive could not be written".to_owned(),
            source: Some(Box::new(error)),
        }
    }
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, tensor) in tensors {
        let header = npy::header_bytes(tensor, name)?;
        let size = header.len() as u64 + tensor.data().len() as u64;
        let options = SimpleFileOptions::default()
            .compression_method(CompressionMethod::Deflated)
            .large_file(size >= u64::from(u32::MAX));
        writer
            .start_file(format!("{name}.npy"), options)
            .map_err(zip_error)?;
        writer
            .write_all(&header)
            .and_then(|()| writer.write_all(tensor.data()))
            .map_err(zip_error)?;
    }
    let cursor = writer.finish().map_err(zip_error)?;
    Ok(cursor.into_inner())
}

/// Writes a sample as a compressed `.npz` file: one array a field, named by its path, its
/// data copied bit for bit. `bf16` is refused (NumPy has no such dtype).
///
/// ```
/// use ndarray::Array2;
/// use tensorspec::{ReadOptions, TensorSpec, read_npz, write_npz};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Image {
///     #[tensor(shape = [H, W])]
///     pixels: Array2<u8>,
///     label: i64,
/// }
///
/// let image = Image { pixels: Array2::from_elem((2, 3), 7), label: 4 };
/// let file = write_npz(&image).unwrap(); // `np.load` reads `pixels` and `label`
/// assert_eq!(read_npz::<Image>(&file, &ReadOptions::new()).unwrap(), image);
/// ```
pub fn write_npz<T: ToTensors>(sample: &T) -> Result<Vec<u8>, WriteError> {
    npz(&sample.to_tensors().map_err(WriteError::Invalid)?)
}

/// Writes samples as one `.npz` file, each field's arrays stacked along a new first axis.
///
/// ```
/// use tensorspec::{ReadOptions, TensorSpec, read_npz_samples, write_npz_samples};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Point {
///     #[tensor(shape = [3])]
///     xyz: [f32; 3],
/// }
///
/// let points = [Point { xyz: [1.0; 3] }, Point { xyz: [2.0; 3] }];
/// let file = write_npz_samples(&points).unwrap(); // one `xyz` array of shape (2, 3)
/// let back: Vec<Point> = read_npz_samples(&file, &ReadOptions::new()).unwrap();
/// assert_eq!(back, points);
/// ```
pub fn write_npz_samples<T: ToTensors>(samples: &[T]) -> Result<Vec<u8>, WriteError> {
    npz(&stack_samples(samples)?)
}
