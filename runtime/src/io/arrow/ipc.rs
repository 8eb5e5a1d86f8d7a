//! Arrow IPC files and streams: [`read_ipc_file`], [`read_ipc_stream`] (zero-copy, one
//! record batch at a time, every length checked against the bytes first), [`write_ipc_file`]
//! and [`write_ipc_stream`].

use std::collections::HashMap;
use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_buffer::Buffer;
use arrow_schema::{ArrowError, DataType, Schema, SchemaRef};

use super::rows::{Batches, Rows, guarded, read_batches};
use super::write::{schema_of, to_record_batch};
use crate::io::{ReadError, WriteError};
use crate::named::{FromTensors, ReadOptions, ToTensors};

const FORMAT: &str = "arrow";
/// The first and last bytes of an IPC file (the first padded to 8).
const MAGIC: &[u8] = b"ARROW1";
const CONTINUATION: [u8; 4] = [0xff; 4];

fn malformed(message: impl Into<String>) -> ReadError {
    ReadError::Malformed {
        format: FORMAT,
        message: message.into(),
        source: None,
    }
}

fn arrow_malformed(message: &str, error: ArrowError) -> ReadError {
    ReadError::Malformed {
        format: FORMAT,
        message: message.to_owned(),
        source: Some(Box::new(error)),
    }
}

/// The messages of an IPC stream in `bytes[at..end]`: the schema first, then dictionaries
/// and record batches, each decoded when it is pulled, borrowing `bytes`.
struct Messages {
    bytes: Buffer,
    at: usize,
    end: usize,
    /// A file's messages after the schema, from its footer: each message's range, in order.
    blocks: Option<std::collections::VecDeque<core::ops::Range<usize>>>,
    schema: SchemaRef,
    dictionaries: HashMap<i64, ArrayRef>,
}

/// One encapsulated message: its flatbuffer's range, and its body's.
struct Framed {
    meta: core::ops::Range<usize>,
    body: core::ops::Range<usize>,
}

/// Where `len` bytes from `start` end, if they do by `end`: a length that is negative, or
/// that overflows, does not.
fn end_within<L: TryInto<usize>>(start: usize, len: L, end: usize) -> Option<usize> {
    start
        .checked_add(len.try_into().ok()?)
        .filter(|&stop| stop <= end)
}

/// The message at `at`, if one starts there before `end` (not the end-of-stream marker).
fn frame(bytes: &[u8], at: usize, end: usize) -> Result<Option<Framed>, ReadError> {
    let word = |at: usize| -> Option<[u8; 4]> {
        bytes.get(at..end_within(at, 4usize, end)?)?.try_into().ok()
    };
    if at >= end {
        return Ok(None);
    }
    let first = word(at).ok_or_else(|| malformed("a message is cut short"))?;
    // Since Arrow 0.15 a message starts with 0xFFFFFFFF, then its length; before, its length.
    let (len, meta_start) = if first == CONTINUATION {
        let len = word(at + 4).ok_or_else(|| malformed("a message is cut short"))?;
        (i32::from_le_bytes(len), at + 8)
    } else {
        (i32::from_le_bytes(first), at + 4)
    };
    if len == 0 {
        return Ok(None);
    }
    let meta_end = end_within(meta_start, len, end).ok_or_else(|| {
        malformed(format!(
            "a message at byte {at} claims {len} bytes of metadata, past the end of the data"
        ))
    })?;
    let message = arrow_ipc::root_as_message(&bytes[meta_start..meta_end]).map_err(|error| {
        // flatbuffers' error is not a `std::error::Error`: its words, not its value.
        malformed(format!(
            "the message at byte {at} is not a valid flatbuffer: {error}"
        ))
    })?;
    let body_len = message.bodyLength();
    let body_end = end_within(meta_end, body_len, end).ok_or_else(|| {
        malformed(format!(
            "the message at byte {at} claims a body of {body_len} bytes, past the end of the data"
        ))
    })?;
    Ok(Some(Framed {
        meta: meta_start..meta_end,
        body: meta_end..body_end,
    }))
}

/// The most entries a column of a record batch may have: arrow-rs multiplies a
/// `FixedSizeList`'s length by its size without checking (and panics on an overflow).
const MAX_NODE_LEN: i64 = u32::MAX as i64;

/// Refuses a record batch whose buffers lie outside its body (arrow-rs would panic slicing
/// them), or whose columns claim a negative or overflowing number of entries or nulls
/// (arrow-rs would panic computing its children's length).
fn check_buffers(batch: &arrow_ipc::RecordBatch<'_>, body_len: usize) -> Result<(), ReadError> {
    for node in batch.nodes().iter().flatten() {
        let (length, nulls) = (node.length(), node.null_count());
        if !(0..=MAX_NODE_LEN).contains(&length) || !(0..=length).contains(&nulls) {
            return Err(malformed(format!(
                "a column of {length} entries, {nulls} of them null"
            )));
        }
    }
    for buffer in batch.buffers().iter().flatten() {
        let inside = usize::try_from(buffer.offset())
            .ok()
            .and_then(|offset| end_within(offset, buffer.length(), body_len))
            .is_some();
        if !inside {
            return Err(malformed(format!(
                "a buffer at offset {} of {} bytes lies outside its message's body of {body_len} bytes",
                buffer.offset(),
                buffer.length()
            )));
        }
    }
    Ok(())
}

impl Messages {
    /// Reads the schema message at `at`.
    fn new(bytes: Buffer, at: usize, end: usize) -> Result<Messages, ReadError> {
        let framed = frame(&bytes, at, end)?.ok_or_else(|| malformed("no schema message"))?;
        let message = arrow_ipc::root_as_message(&bytes[framed.meta.clone()])
            .map_err(|_| malformed("the schema message is not a valid flatbuffer"))?;
        let schema = message
            .header_as_schema()
            .ok_or_else(|| malformed("the first message is not a schema"))?;
        let schema = arrow_ipc::convert::try_fb_to_schema(schema)
            .map_err(|error| arrow_malformed("the schema could not be read", error))?;
        if !schema_endianness_ok(&message) {
            return Err(malformed("the data's byte order is not this machine's"));
        }
        Ok(Messages {
            blocks: None,
            at: framed.body.end,
            end,
            schema: Arc::new(schema),
            dictionaries: HashMap::new(),
            bytes,
        })
    }

    /// The next record batch, reading the dictionaries before it.
    fn next_batch(&mut self) -> Result<Option<RecordBatch>, ReadError> {
        loop {
            let framed = match &mut self.blocks {
                None => frame(&self.bytes, self.at, self.end)?,
                Some(blocks) => match blocks.pop_front() {
                    Some(block) => frame(&self.bytes, block.start, block.end)?,
                    None => None,
                },
            };
            let Some(framed) = framed else {
                self.at = self.end;
                return Ok(None);
            };
            if self.blocks.is_none() {
                self.at = framed.body.end;
            }
            let message = arrow_ipc::root_as_message(&self.bytes[framed.meta.clone()])
                .map_err(|_| malformed("a message is not a valid flatbuffer"))?;
            let body = self
                .bytes
                .slice_with_length(framed.body.start, framed.body.len());
            if let Some(dictionary) = message.header_as_dictionary_batch() {
                if let Some(data) = dictionary.data() {
                    check_buffers(&data, body.len())?;
                    // The dictionary's values, of the type of the fields that use it (the
                    // way arrow-rs finds it).
                    #[allow(deprecated)]
                    let fields = self.schema.fields_with_dict_id(dictionary.id());
                    if let Some(DataType::Dictionary(_, values)) =
                        fields.first().map(|field| field.data_type())
                    {
                        check_offsets(&data, core::iter::once(values.as_ref()))?;
                    }
                }
                arrow_ipc::reader::read_dictionary(
                    &body,
                    dictionary,
                    &self.schema,
                    &mut self.dictionaries,
                    &message.version(),
                )
                .map_err(|error| arrow_malformed("a dictionary could not be read", error))?;
            } else if let Some(batch) = message.header_as_record_batch() {
                check_buffers(&batch, body.len())?;
                let columns = self.schema.fields().iter().map(|field| field.data_type());
                check_offsets(&batch, columns)?;
                let batch = arrow_ipc::reader::read_record_batch(
                    &body,
                    batch,
                    self.schema.clone(),
                    &self.dictionaries,
                    None,
                    &message.version(),
                )
                .map_err(|error| arrow_malformed("a record batch could not be read", error))?;
                return Ok(Some(batch));
            } else {
                return Err(malformed(format!(
                    "a message of type {:?} where record batches go",
                    message.header_type()
                )));
            }
        }
    }
}

/// Refuses a record batch whose offsets buffers (of lists and strings, and a dictionary's
/// keys) are not a whole number of offsets: arrow-rs reads them whole as offsets, and
/// panics on a partial one. The buffers are walked in the order arrow-rs reads them, field
/// by field, depth first; past a type whose buffers this walk does not know (views, unions,
/// run-end encoding), the rest is left to arrow-rs's own checks.
fn check_offsets<'t>(
    batch: &arrow_ipc::RecordBatch<'_>,
    columns: impl DoubleEndedIterator<Item = &'t DataType>,
) -> Result<(), ReadError> {
    let Some(buffers) = batch.buffers() else {
        return Ok(());
    };
    let mut next = 0usize;
    let mut fields: Vec<&DataType> = columns.rev().collect();
    while let Some(data_type) = fields.pop() {
        // The buffers of this field (after its validity buffer), and the width each must be
        // a whole multiple of (1: any length).
        let (widths, count): ([usize; 3], usize) = match data_type {
            DataType::Null => continue,
            DataType::Utf8 | DataType::Binary => ([1, 4, 1], 3),
            DataType::LargeUtf8 | DataType::LargeBinary => ([1, 8, 1], 3),
            DataType::List(_) | DataType::Map(..) => ([1, 4, 0], 2),
            DataType::LargeList(_) => ([1, 8, 0], 2),
            DataType::FixedSizeList(..) | DataType::Struct(_) => ([1, 0, 0], 1),
            DataType::Dictionary(key, _) => match key.primitive_width() {
                Some(width) => ([1, width, 0], 2),
                None => return Ok(()),
            },
            DataType::FixedSizeBinary(_) => ([1, 1, 0], 2),
            data_type if data_type.is_primitive() || *data_type == DataType::Boolean => {
                ([1, 1, 0], 2)
            }
            _ => return Ok(()),
        };
        for &width in &widths[..count] {
            if next >= buffers.len() {
                return Ok(());
            }
            let length = buffers.get(next).length();
            next += 1;
            if width > 1 && usize::try_from(length).is_ok_and(|length| length % width != 0) {
                return Err(malformed(format!(
                    "an offsets buffer of {length} bytes, not a whole number of {width}-byte offsets"
                )));
            }
        }
        // The children next, in order.
        match data_type {
            DataType::List(child)
            | DataType::LargeList(child)
            | DataType::FixedSizeList(child, _) => {
                fields.push(child.data_type());
            }
            DataType::Map(entries, _) => fields.push(entries.data_type()),
            DataType::Struct(children) => {
                fields.extend(children.iter().rev().map(|child| child.data_type()));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether the schema message's byte order is this machine's.
fn schema_endianness_ok(message: &arrow_ipc::Message<'_>) -> bool {
    message
        .header_as_schema()
        .is_some_and(|schema| schema.endianness().equals_to_target_endianness())
}

impl Iterator for Messages {
    type Item = Result<RecordBatch, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.end {
            return None;
        }
        let next = self.next_batch().transpose();
        if matches!(next, Some(Err(_))) {
            self.at = self.end;
        }
        next
    }
}

/// Reads the rows of an Arrow IPC file (Feather v2, `pyarrow.ipc.new_file`) as samples of
/// `T`, one record batch at a time, without copying the file's bytes: see [`Rows`] for what
/// is reported and how. `bytes` is the whole file (a `Vec<u8>`, or arrow-rs's `Buffer` of
/// a file read or mapped elsewhere).
///
/// Every length the file claims (its footer, each message, each buffer) is checked against
/// the bytes there before it is used.
///
/// ```
/// use tensorspec::{ReadError, ReadOptions, TensorSpec, read_ipc_file, write_ipc_file};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [3])]
///     rgb: [u8; 3],
///     label: i64,
/// }
///
/// let file = write_ipc_file(&[Sample { rgb: [1, 2, 3], label: 4 }]).unwrap();
/// let rows: Vec<Sample> = read_ipc_file(file, &ReadOptions::new())
///     .unwrap()
///     .collect::<Result<_, ReadError>>()
///     .unwrap();
/// assert_eq!(rows, [Sample { rgb: [1, 2, 3], label: 4 }]);
/// ```
pub fn read_ipc_file<T: for<'a> FromTensors<'a>>(
    bytes: impl Into<Buffer>,
    options: &ReadOptions,
) -> Result<Rows<T>, ReadError> {
    let bytes: Buffer = bytes.into();
    let len = bytes.len();
    if len < 2 * 8 || !bytes.starts_with(MAGIC) || !bytes.ends_with(MAGIC) {
        return Err(malformed(
            "not an Arrow IPC file (no `ARROW1` at both ends)",
        ));
    }
    let footer_len = bytes
        .get(len - 10..len - 6)
        .and_then(|word| <[u8; 4]>::try_from(word).ok())
        .map(i32::from_le_bytes)
        .and_then(|footer_len| usize::try_from(footer_len).ok());
    let footer_start = footer_len
        .and_then(|footer_len| (len - 10).checked_sub(footer_len))
        .filter(|&start| start >= 8)
        .ok_or_else(|| malformed("the footer's length is past the file's start"))?;
    let footer = guarded(FORMAT, || {
        footer_blocks(&bytes[footer_start..len - 10], footer_start)
    })?;
    let messages = Messages {
        bytes,
        at: 0,
        end: footer_start,
        blocks: Some(footer.messages),
        schema: footer.schema.clone(),
        dictionaries: HashMap::new(),
    };
    read_batches(footer.schema, Box::new(messages) as Batches, options)
}

/// What an IPC file's footer says: its schema, and where its dictionaries and record
/// batches are (each range checked to lie before the footer).
struct Footer {
    schema: SchemaRef,
    messages: std::collections::VecDeque<core::ops::Range<usize>>,
}

fn footer_blocks(footer: &[u8], footer_start: usize) -> Result<Footer, ReadError> {
    let footer = arrow_ipc::root_as_footer(footer)
        .map_err(|error| malformed(format!("the footer is not a valid flatbuffer: {error}")))?;
    let schema = footer
        .schema()
        .ok_or_else(|| malformed("the footer has no schema"))?;
    if !schema.endianness().equals_to_target_endianness() {
        return Err(malformed("the data's byte order is not this machine's"));
    }
    let schema = arrow_ipc::convert::try_fb_to_schema(schema)
        .map_err(|error| arrow_malformed("the schema could not be read", error))?;
    let mut messages = std::collections::VecDeque::new();
    let blocks = footer.dictionaries().into_iter().flatten();
    for block in blocks.chain(footer.recordBatches().into_iter().flatten()) {
        let range = usize::try_from(block.offset()).ok().and_then(|start| {
            let meta = usize::try_from(block.metaDataLength()).ok()?;
            let body = usize::try_from(block.bodyLength()).ok()?;
            let end = start.checked_add(meta)?.checked_add(body)?;
            (end <= footer_start).then_some(start..end)
        });
        let range = range.ok_or_else(|| {
            malformed(format!(
                "the footer places a block at byte {} of {} + {} bytes, past the data",
                block.offset(),
                block.metaDataLength(),
                block.bodyLength()
            ))
        })?;
        messages.push_back(range);
    }
    Ok(Footer {
        schema: Arc::new(schema),
        messages,
    })
}

/// Reads the rows of an Arrow IPC stream (`pyarrow.ipc.new_stream`, a `.arrows` file) as
/// samples of `T`, one record batch at a time, without copying: see [`Rows`] and
/// [`read_ipc_file`].
///
/// ```
/// use tensorspec::{ReadOptions, TensorSpec, read_ipc_stream, write_ipc_stream};
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     score: f32,
/// }
///
/// let stream = write_ipc_stream(&[Sample { score: 0.5 }, Sample { score: 1.5 }]).unwrap();
/// let scores: Vec<f32> = read_ipc_stream::<Sample>(stream, &ReadOptions::new())
///     .unwrap()
///     .map(|row| row.unwrap().score)
///     .collect();
/// assert_eq!(scores, [0.5, 1.5]);
/// ```
pub fn read_ipc_stream<T: for<'a> FromTensors<'a>>(
    bytes: impl Into<Buffer>,
    options: &ReadOptions,
) -> Result<Rows<T>, ReadError> {
    let bytes: Buffer = bytes.into();
    let end = bytes.len();
    let messages = guarded(FORMAT, || Messages::new(bytes, 0, end))?;
    let schema = messages.schema.clone();
    read_batches(schema, Box::new(messages) as Batches, options)
}

fn write_error(error: ArrowError) -> WriteError {
    WriteError::Format {
        format: FORMAT,
        message: "the IPC writer failed".to_owned(),
        source: Some(Box::new(error)),
    }
}

/// Writes `samples` as an Arrow IPC file of one record batch, in the schema of
/// [`Spec::to_arrow_schema`](crate::Spec::to_arrow_schema): pyarrow reads the tensor columns
/// as its `FixedShapeTensorType` and `VariableShapeTensorType`. See [`read_ipc_file`] for an
/// example.
pub fn write_ipc_file<T: ToTensors>(samples: &[T]) -> Result<Vec<u8>, WriteError> {
    let batch = to_record_batch(samples)?;
    let schema: Arc<Schema> = schema_of::<T>()?;
    let mut writer =
        arrow_ipc::writer::FileWriter::try_new(Vec::new(), &schema).map_err(write_error)?;
    writer.write(&batch).map_err(write_error)?;
    writer.finish().map_err(write_error)?;
    writer.into_inner().map_err(write_error)
}

/// Writes `samples` as an Arrow IPC stream of one record batch: see [`write_ipc_file`] and,
/// for an example, [`read_ipc_stream`].
pub fn write_ipc_stream<T: ToTensors>(samples: &[T]) -> Result<Vec<u8>, WriteError> {
    let batch = to_record_batch(samples)?;
    let schema = schema_of::<T>()?;
    let mut writer =
        arrow_ipc::writer::StreamWriter::try_new(Vec::new(), &schema).map_err(write_error)?;
    writer.write(&batch).map_err(write_error)?;
    writer.finish().map_err(write_error)?;
    writer.into_inner().map_err(write_error)
}
