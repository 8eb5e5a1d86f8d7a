//! Parquet files (feature `parquet`, on the parquet crate): [`read_parquet`], row group by
//! row group into the rows of [`Rows`], and [`write_parquet`].
//!
//! Compression: snappy, gzip, LZ4 and brotli, all in Rust. Zstandard, polars' default, only
//! with the feature `parquet-zstd`, which compiles the zstd library (C): without it, a zstd
//! file is refused with the parquet crate's error naming zstd; write it with
//! `compression="snappy"` (polars, pyarrow).

use std::io::Write;

mod pages;

use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use parquet::arrow::{ArrowWriter, ProjectionMask};
use parquet::basic::{Compression, Type as PhysicalType};
use parquet::errors::ParquetError;
use parquet::file::metadata::ParquetMetaData;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::ChunkReader;

use self::pages::HeaderError;

use super::arrow::{Batches, Rows, guarded, read_batches, to_record_batch, used_columns};
use crate::io::{ReadError, WriteError};
use crate::named::{FromTensors, ReadOptions, ToTensors};

const FORMAT: &str = "parquet";

/// The rows of a record batch the reader decodes at a time.
const BATCH_ROWS: usize = 1024;

/// The rows of a row group [`write_parquet`] writes.
pub const PARQUET_ROW_GROUP_ROWS: usize = 1024;

fn malformed(message: &str, error: ParquetError) -> ReadError {
    ReadError::Malformed {
        format: FORMAT,
        message: message.to_owned(),
        source: Some(Box::new(error)),
    }
}

/// Reads the rows of a Parquet file as samples of `T`, row group by row group (at most
/// 1,024 rows decoded at a time): see [`Rows`] for what is reported and how. `file` is a
/// `std::fs::File`, or the file's bytes as a `bytes::Bytes`.
///
/// The schema is the Arrow schema the file stores (`ARROW:schema`, written by pyarrow,
/// polars and arrow-rs, with the tensor extension types), else the one derived from its
/// Parquet schema; columns are recognised as [`read_ipc_file`](crate::read_ipc_file)'s are:
/// `arrow.fixed_shape_tensor`, `arrow.variable_shape_tensor`, `FixedSizeList`s (polars
/// `Array`), nested lists (Hugging Face `Array2D`..`Array5D`, whose shapes the file's
/// `huggingface` metadata gives, `Sequence`, `List`; Spark and pandas lists), and
/// primitive columns (`Value`, `ClassLabel`).
///
/// With [`ReadOptions::ignore_unexpected`], the columns no field asks for are not decoded.
/// A row group whose data would take more than [`ReadOptions::max_bytes`] once decoded
/// (as its metadata says) is refused before it is read, and so is a column chunk with a page
/// whose declared size once decompressed, or whose declared values all together, would: each
/// page header of the columns read is checked before any page is decoded (the parquet crate
/// allocates a page's declared size before decompressing it).
///
/// ```
/// use tensorspec::{ReadOptions, TensorSpec, read_parquet, write_parquet};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [2, 2])]
///     image: [[u8; 2]; 2],
///     label: i64,
/// }
///
/// let samples = [Sample { image: [[0, 1], [2, 3]], label: 5 }];
/// let file = write_parquet(&samples, Vec::new()).unwrap();
/// let rows = read_parquet::<Sample, _>(bytes::Bytes::from(file), &ReadOptions::new()).unwrap();
/// assert_eq!(rows.map(Result::unwrap).collect::<Vec<_>>(), samples);
/// ```
pub fn read_parquet<T, R>(file: R, options: &ReadOptions) -> Result<Rows<T>, ReadError>
where
    T: for<'a> FromTensors<'a>,
    R: ChunkReader + 'static,
{
    let metadata = guarded(FORMAT, || {
        ArrowReaderMetadata::load(&file, ArrowReaderOptions::new())
            .map_err(|error| malformed("the file's metadata could not be read", error))
    })?;
    for (index, group) in metadata.metadata().row_groups().iter().enumerate() {
        let bytes = usize::try_from(group.total_byte_size()).unwrap_or(usize::MAX);
        if bytes > options.budget() {
            return Err(ReadError::TooLarge {
                name: format!("(row group {index})"),
                needed: bytes,
                limit: options.budget(),
            });
        }
    }
    let mut schema = metadata.schema().clone();
    let mut mask = ProjectionMask::all();
    // Columns no field asks for, when ignored, are not decoded at all.
    if let Some(columns) = used_columns::<T>(&schema, options) {
        mask = ProjectionMask::roots(metadata.parquet_schema(), columns.iter().copied());
        let projected = schema
            .project(&columns)
            .map_err(|error| ReadError::Malformed {
                format: FORMAT,
                message: "the file's columns could not be selected".to_owned(),
                source: Some(Box::new(error)),
            })?;
        schema = std::sync::Arc::new(projected);
    }
    guarded(FORMAT, || {
        check_pages(&file, metadata.metadata(), &mask, options.budget())
    })?;
    let reader = guarded(FORMAT, || {
        ParquetRecordBatchReaderBuilder::new_with_metadata(file, metadata)
            .with_projection(mask)
            .with_batch_size(BATCH_ROWS)
            .build()
            .map_err(|error| malformed("the file could not be opened", error))
    })?;
    let batches = reader.map(|batch| {
        batch.map_err(|error| ReadError::Malformed {
            format: FORMAT,
            message: "a row group could not be decoded".to_owned(),
            source: Some(Box::new(error)),
        })
    });
    read_batches(schema, Box::new(batches) as Batches, options)
}

/// Reads the page headers of every column chunk a read decodes (the leaves of `mask`),
/// before any page is decoded, since the parquet crate trusts them: each page must lie in its
/// chunk; its declared size once decompressed (allocated before decompressing) must be
/// within `budget` and what its codec can make of its stored bytes; and the values all the
/// chunk's pages declare, at their decoded width (levels included where the column has
/// them), must be within `budget`: what the row group's own size is checked against.
fn check_pages<R: ChunkReader>(
    file: &R,
    metadata: &ParquetMetaData,
    mask: &ProjectionMask,
    budget: usize,
) -> Result<(), ReadError> {
    let schema = metadata.file_metadata().schema_descr();
    for (group_index, group) in metadata.row_groups().iter().enumerate() {
        for (leaf, chunk) in group.columns().iter().enumerate() {
            if !mask.leaf_included(leaf) {
                continue;
            }
            let column = schema.column(leaf);
            // The bits a value decodes to (Arrow's: a `bool` is one), and its levels (an
            // `i16` each, for a column that has them).
            let value_bits = match column.physical_type() {
                PhysicalType::BOOLEAN => 1,
                PhysicalType::INT32 | PhysicalType::FLOAT => 32,
                PhysicalType::INT64 | PhysicalType::DOUBLE => 64,
                PhysicalType::INT96 => 96,
                PhysicalType::FIXED_LEN_BYTE_ARRAY => usize::try_from(column.type_length())
                    .unwrap_or(usize::MAX)
                    .saturating_mul(8),
                PhysicalType::BYTE_ARRAY => 8,
            };
            let level_bits = 16
                * (usize::from(column.max_def_level() > 0)
                    + usize::from(column.max_rep_level() > 0));
            let width = value_bits.saturating_add(level_bits);
            let name = format!("{} (row group {group_index})", column.path());
            let expands = most_expansion(chunk.compression());
            // The chunk's bytes, as the parquet crate's `byte_range` finds them (which
            // asserts, and so panics, on a negative offset or size).
            let start = chunk
                .dictionary_page_offset()
                .unwrap_or_else(|| chunk.data_page_offset());
            let range = u64::try_from(start)
                .ok()
                .zip(u64::try_from(chunk.compressed_size()).ok())
                .ok_or_else(|| ReadError::Malformed {
                    format: FORMAT,
                    message: format!("column `{name}`: a negative offset or size"),
                    source: None,
                })?;
            check_chunk(file, range, width, expands, budget, &name)?;
        }
    }
    Ok(())
}

/// The most times its stored size that a page compressed with `codec` can decompress to
/// (with some slack): snappy copies at most 64 bytes for 3 of tag and offset, LZ4 255 for
/// one, deflate 258 for under two bits; brotli and zstd have no such bound (their pages are
/// bounded by the budget only).
fn most_expansion(codec: Compression) -> Option<usize> {
    match codec {
        Compression::UNCOMPRESSED => Some(1),
        Compression::SNAPPY => Some(33),
        Compression::LZ4 | Compression::LZ4_RAW => Some(256),
        Compression::GZIP(_) | Compression::LZO => Some(1040),
        Compression::BROTLI(_) | Compression::ZSTD(_) => None,
    }
}

/// The page headers of one column chunk, at `range` (start, length) in `file`, compressed
/// by a codec that expands a page at most `expands` times, each value decoding to `width`
/// bits.
fn check_chunk<R: ChunkReader>(
    file: &R,
    (start, length): (u64, u64),
    width: usize,
    expands: Option<usize>,
    budget: usize,
    name: &str,
) -> Result<(), ReadError> {
    let malformed_page = |what: &str| ReadError::Malformed {
        format: FORMAT,
        message: format!("column `{name}`: a page header {what}"),
        source: None,
    };
    let too_large = |needed: usize| ReadError::TooLarge {
        name: name.to_owned(),
        needed,
        limit: budget,
    };
    let end = start
        .checked_add(length)
        .ok_or_else(|| malformed_page("lies past the end of the file"))?;
    let mut at = start;
    let mut decoded = 0usize;
    let mut dictionary = false;
    // The bytes read last, from `read_at`: the next headers are parsed in them while they
    // hold them (a chunk of small pages is read a window at a time, not a header at a time).
    let mut read_at = start;
    let mut read = None;
    while at < end {
        let left = usize::try_from(end - at).unwrap_or(usize::MAX);
        // A header is a few dozen bytes; one with large statistics is read again, longer.
        let mut window = left.min(64 << 10);
        let header = loop {
            let held = read.as_deref().and_then(|read: &[u8]| {
                let offset = usize::try_from(at.checked_sub(read_at)?).ok()?;
                read.get(offset..)
            });
            if let Some(held) = held {
                match pages::page_header(held) {
                    Ok(header) => break header,
                    Err(HeaderError::Truncated) if held.len() < left => {
                        window = window.max(held.len().saturating_mul(4)).min(left);
                    }
                    Err(HeaderError::Truncated) => {
                        return Err(malformed_page("runs past its column chunk"));
                    }
                    Err(HeaderError::Malformed(what)) => return Err(malformed_page(what)),
                }
            }
            let bytes = file
                .get_bytes(at, window)
                .map_err(|error| malformed("a page header could not be read", error))?;
            if bytes.len() < window {
                // Fewer bytes than asked for: the file ends inside its chunk.
                return Err(malformed_page("runs past the end of the file"));
            }
            read = Some(bytes);
            read_at = at;
        };
        if header.uncompressed > budget {
            return Err(too_large(header.uncompressed));
        }
        // The parquet crate panics on a page that indexes a dictionary there is not.
        dictionary |= header.is_dictionary;
        if header.uses_dictionary && !dictionary {
            return Err(malformed_page(
                "indexes a dictionary its column chunk does not have",
            ));
        }
        // What its stored bytes could decompress to (a page of levels and a few values
        // compresses to a few bytes whatever the codec: 64 bytes of slack).
        let most = expands.map(|times| header.compressed.saturating_add(64).saturating_mul(times));
        if most.is_some_and(|most| header.uncompressed > most) {
            return Err(malformed_page(
                "declares more bytes than its stored ones can decompress to",
            ));
        }
        decoded = header
            .values
            .checked_mul(width)
            .map(|bits| bits.div_ceil(8))
            .and_then(|bytes| bytes.checked_add(decoded))
            .unwrap_or(usize::MAX);
        if decoded > budget {
            return Err(too_large(decoded));
        }
        let page = header
            .header_len
            .checked_add(header.compressed)
            .and_then(|page| u64::try_from(page).ok())
            .and_then(|page| at.checked_add(page))
            .filter(|&next| next <= end)
            .ok_or_else(|| malformed_page("declares a page past its column chunk"))?;
        at = page;
    }
    Ok(())
}

fn write_error(error: ParquetError) -> WriteError {
    WriteError::Format {
        format: FORMAT,
        message: "the Parquet writer failed".to_owned(),
        source: Some(Box::new(error)),
    }
}

/// Writes `samples` as a Parquet file to `writer` (snappy-compressed, row groups of
/// [`PARQUET_ROW_GROUP_ROWS`] rows), in the schema of
/// [`Spec::to_arrow_schema`](crate::Spec::to_arrow_schema), and returns the writer. The
/// Arrow schema is stored in the file (`ARROW:schema`), so that pyarrow reads the tensor
/// columns back as its tensor extension types, and polars and Hugging Face `datasets` as
/// fixed-size and nested lists of the right dtype. [`ParquetWriter`] writes samples as they
/// come. See [`read_parquet`] for an example.
pub fn write_parquet<T: ToTensors, W: Write + Send>(
    samples: &[T],
    writer: W,
) -> Result<W, WriteError> {
    let mut writer = ParquetWriter::new(writer)?;
    writer.write(samples)?;
    writer.finish()
}

/// A Parquet file written as samples come, a row group at a time: what [`write_parquet`]
/// writes, for more samples than fit in memory at once. Each [`write`](ParquetWriter::write)
/// validates its samples and adds them as rows; [`finish`](ParquetWriter::finish) writes the
/// last row group and the footer (a file not finished has no footer, and no reader opens it).
///
/// ```
/// use tensorspec::{ParquetWriter, ReadOptions, TensorSpec, read_parquet};
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [2])]
///     xy: [f32; 2],
/// }
///
/// let mut writer = ParquetWriter::<Sample, _>::new(Vec::new()).unwrap();
/// for chunk in 0..3 {
///     let samples: Vec<Sample> = (0..100).map(|i| Sample { xy: [chunk as f32, i as f32] }).collect();
///     writer.write(&samples).unwrap();
/// }
/// let file = writer.finish().unwrap();
/// let rows = read_parquet::<Sample, _>(bytes::Bytes::from(file), &ReadOptions::new()).unwrap();
/// assert_eq!(rows.count(), 300);
/// ```
pub struct ParquetWriter<T, W: Write + Send> {
    writer: ArrowWriter<W>,
    sample: core::marker::PhantomData<fn(&T)>,
}

impl<T, W: Write + Send> core::fmt::Debug for ParquetWriter<T, W> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("ParquetWriter")
            .field("rows_in_progress", &self.writer.in_progress_rows())
            .finish_non_exhaustive()
    }
}

impl<T: ToTensors, W: Write + Send> ParquetWriter<T, W> {
    /// A writer of samples of `T` to `writer`: the schema of
    /// [`Spec::to_arrow_schema`](crate::Spec::to_arrow_schema), snappy, row groups of
    /// [`PARQUET_ROW_GROUP_ROWS`] rows.
    ///
    /// See [`ParquetWriter`] for an example.
    pub fn new(writer: W) -> Result<Self, WriteError> {
        let schema = std::sync::Arc::new(T::spec().to_arrow_schema()?);
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(PARQUET_ROW_GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(writer, schema, Some(properties)).map_err(write_error)?;
        Ok(ParquetWriter {
            writer,
            sample: core::marker::PhantomData,
        })
    }

    /// Validates `samples` and adds them as rows; a full row group is written out.
    ///
    /// See [`ParquetWriter`] for an example.
    pub fn write(&mut self, samples: &[T]) -> Result<(), WriteError> {
        for group in samples.chunks(PARQUET_ROW_GROUP_ROWS) {
            self.writer
                .write(&to_record_batch(group)?)
                .map_err(write_error)?;
        }
        Ok(())
    }

    /// Writes the last row group and the footer, and returns the writer.
    ///
    /// See [`ParquetWriter`] for an example.
    pub fn finish(self) -> Result<W, WriteError> {
        self.writer.into_inner().map_err(write_error)
    }
}
