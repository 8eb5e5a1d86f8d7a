//! Malformed and hostile Arrow IPC and Parquet bytes: every reader returns an error or rows,
//! never panics or hangs, and never allocates what a file claims. Random bytes and mutations
//! of the fixtures (flipped bytes, lengths overwritten with extreme values, truncation),
//! through proptest's runner, under a global allocator that records the peak of live bytes
//! per thread, in the style of `hostile_files.rs`.
//!
//! `cargo test -p tensorspec --features parquet --test arrow_hostile -- --nocapture` prints
//! each campaign's largest peak against its input's size, and how many inputs made arrow-rs
//! or the parquet crate panic (caught by tensorspec and reported as a malformed file);
//! `TENSORSPEC_CAMPAIGN_CASES=100000` runs every campaign with that many cases.

#![cfg(feature = "parquet")]
// Helpers of tests unwrap too: a panic there is a failed test (clippy.toml allows it in tests).
#![allow(clippy::unwrap_used)]

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ndarray::Array2;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tensorspec::{
    ReadError, ReadOptions, TensorSpec, read_ipc_file, read_ipc_stream, read_parquet,
};

mod common;

use common::{cases, peak_of};

#[global_allocator]
static GLOBAL: common::Recording = common::Recording;

thread_local! {
    /// Whether this thread is inside a read, whose panics the hook counts instead of printing.
    static IN_READ: Cell<bool> = const { Cell::new(false) };
    static PANICS: Cell<u32> = const { Cell::new(0) };
}

/// The fixture's columns this spec reads (`pyarrow_tensors.*`), the others ignored.
#[derive(Debug, TensorSpec)]
struct Row {
    #[tensor(shape = [2, 3])]
    image: Array2<u8>,
    #[tensor(shape = [N, 2])]
    points: Array2<f32>,
    label: i64,
    weight: Option<f32>,
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/data/arrow/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// What a read came to: rows read, rows refused, a refused file, and whether that was a
/// decoder's panic that tensorspec caught.
#[derive(Clone, Copy, Default, Debug)]
struct Outcome {
    rows: usize,
    bad_rows: usize,
    refused: bool,
}

fn drain<T>(rows: Result<tensorspec::Rows<T>, ReadError>) -> Outcome
where
    T: for<'a> tensorspec::FromTensors<'a>,
{
    let mut outcome = Outcome::default();
    match rows {
        Err(_) => outcome.refused = true,
        Ok(rows) => {
            for row in rows {
                match row {
                    Ok(_) => outcome.rows += 1,
                    Err(ReadError::InvalidRow { .. }) => outcome.bad_rows += 1,
                    Err(_) => outcome.refused = true,
                }
            }
        }
    }
    outcome
}

/// The columns of `tensorspec_written.*`.
#[derive(Debug, TensorSpec)]
struct Written {
    #[tensor(shape = [2, 3])]
    image: Array2<u8>,
    #[tensor(shape = [N])]
    tokens: ndarray::Array1<i32>,
    label: i64,
    score: Option<f32>,
}

/// `hf_dataset.parquet`'s columns.
#[derive(Debug, TensorSpec)]
struct Hf {
    #[tensor(shape = [2, 2, 3])]
    image: ndarray::Array3<u8>,
    #[tensor(shape = [_])]
    tokens: Vec<i32>,
    label: i64,
    score: f32,
}

/// `nested_lists.parquet`'s columns.
#[derive(Debug, TensorSpec)]
struct Lists {
    #[tensor(shape = [_, 2])]
    matrix: Option<Array2<f64>>,
    id: i64,
}

/// `polars_array.parquet`'s columns.
#[derive(Debug, TensorSpec)]
struct Grid {
    #[tensor(shape = [2, 2])]
    grid: [[f32; 2]; 2],
    label: i64,
}

fn options() -> ReadOptions {
    ReadOptions::new().ignore_unexpected().max_bytes(64 << 20)
}

fn ipc_file(bytes: &[u8]) -> Outcome {
    drain(read_ipc_file::<Row>(bytes.to_vec(), &options()))
}

fn ipc_file_written(bytes: &[u8]) -> Outcome {
    drain(read_ipc_file::<Written>(bytes.to_vec(), &options()))
}

fn parquet_written(bytes: &[u8]) -> Outcome {
    drain(read_parquet::<Written, _>(
        bytes::Bytes::copy_from_slice(bytes),
        &options(),
    ))
}

fn parquet_hf(bytes: &[u8]) -> Outcome {
    drain(read_parquet::<Hf, _>(
        bytes::Bytes::copy_from_slice(bytes),
        &options(),
    ))
}

fn parquet_lists(bytes: &[u8]) -> Outcome {
    drain(read_parquet::<Lists, _>(
        bytes::Bytes::copy_from_slice(bytes),
        &options(),
    ))
}

fn parquet_polars(bytes: &[u8]) -> Outcome {
    drain(read_parquet::<Grid, _>(
        bytes::Bytes::copy_from_slice(bytes),
        &options(),
    ))
}

fn ipc_stream(bytes: &[u8]) -> Outcome {
    drain(read_ipc_stream::<Row>(bytes.to_vec(), &options()))
}

fn parquet(bytes: &[u8]) -> Outcome {
    drain(read_parquet::<Row, _>(
        bytes::Bytes::copy_from_slice(bytes),
        &options(),
    ))
}

/// A campaign's record.
#[derive(Default)]
struct Record {
    inputs: u32,
    refused: u32,
    rows: usize,
    panics: u32,
    peak: usize,
    peak_input: usize,
}

/// The most a read of `len` input bytes may have live at once: a few copies of the input
/// (the `Buffer` or `Bytes` it is read from, a decoded page, the arrays and samples) and the
/// decoders' fixed costs. (The parquet crate allocates a compressed page's declared
/// uncompressed size before it decompresses: tensorspec reads every page header first and
/// refuses a page that declares more than its codec can make of its stored bytes, see
/// `a_page_that_declares_more_than_it_holds_is_refused_before_it_is_decoded`.)
fn bound(len: usize) -> usize {
    16 * len + (4 << 20)
}

fn campaign(
    name: &str,
    cases: u32,
    strategy: impl Strategy<Value = Vec<u8>>,
    read: fn(&[u8]) -> Outcome,
    limit: fn(usize) -> usize,
) -> Record {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let record = Cell::new(Record::default());
    let result = runner.run(&strategy, |bytes| {
        IN_READ.with(|r| r.set(true));
        let before = PANICS.with(Cell::get);
        let (outcome, peak) = peak_of(|| catch_unwind(AssertUnwindSafe(|| read(&bytes))));
        IN_READ.with(|r| r.set(false));
        let caught = PANICS.with(Cell::get) - before;
        let Ok(outcome) = outcome else {
            return Err(TestCaseError::fail(format!(
                "{name}: a panic reached the caller on {} bytes",
                bytes.len()
            )));
        };
        prop_assert!(
            peak <= limit(bytes.len()),
            "{name}: a peak of {peak} bytes for {} input bytes",
            bytes.len()
        );
        let mut r = record.take();
        r.inputs += 1;
        r.refused += u32::from(outcome.refused);
        r.rows += outcome.rows;
        r.panics += caught;
        if peak > r.peak {
            (r.peak, r.peak_input) = (peak, bytes.len());
        }
        record.set(r);
        Ok(())
    });
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
    let record = record.take();
    println!(
        "{name}: {} inputs, {} refused, {} rows read; largest peak {} bytes, for {} input bytes; {} decoder panics caught",
        record.inputs, record.refused, record.rows, record.peak, record.peak_input, record.panics
    );
    record
}

/// Counts the panics of reads (a decoder's, caught by tensorspec) instead of printing them.
fn quiet_reads() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if IN_READ.with(Cell::get) {
            PANICS.with(|p| p.set(p.get() + 1));
        } else {
            default(info);
        }
    }));
}

fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len();
    let edits = prop::collection::vec(
        prop_oneof![
            (0..len, any::<u8>()).prop_map(|(at, byte)| (at, vec![byte])),
            (0..len, 0..8u8).prop_map(|(at, bit)| (at, vec![1 << bit, 0xfe])),
            (
                0..len,
                prop::sample::select(vec![
                    u64::MAX.to_le_bytes().to_vec(),
                    (1u64 << 62).to_le_bytes().to_vec(),
                    i32::MAX.to_le_bytes().to_vec(),
                    u32::MAX.to_le_bytes().to_vec(),
                    (-8i32).to_le_bytes().to_vec(),
                    vec![0; 8],
                ])
            ),
        ],
        1..4,
    );
    // Truncated one time in four: the footers are at the end.
    let keep = prop_oneof![3 => Just(len), 1 => 0..=len];
    (edits, keep).prop_map(move |(edits, keep)| {
        let mut bytes = valid.clone();
        for (at, run) in edits {
            if run.len() == 2 && run[1] == 0xfe {
                // A flipped bit.
                bytes[at] ^= run[0];
                continue;
            }
            for (offset, byte) in run.into_iter().enumerate() {
                if let Some(slot) = bytes.get_mut(at + offset) {
                    *slot = byte;
                }
            }
        }
        bytes.truncate(keep);
        bytes
    })
}

#[test]
fn the_fixtures_read_as_they_should_under_the_campaigns_options() {
    let rows = ipc_file(&fixture("pyarrow_tensors.arrow"));
    assert_eq!((rows.rows, rows.bad_rows, rows.refused), (4, 0, false));
    let rows = ipc_stream(&fixture("pyarrow_tensors.arrows"));
    assert_eq!((rows.rows, rows.bad_rows, rows.refused), (4, 0, false));
    let rows = parquet(&fixture("pyarrow_tensors.parquet"));
    assert_eq!((rows.rows, rows.bad_rows, rows.refused), (4, 0, false));
}

#[test]
fn random_bytes_are_refused_without_panics_or_large_allocations() {
    quiet_reads();
    let bytes = || prop::collection::vec(any::<u8>(), 0..512);
    for (name, read) in [
        ("ipc file", ipc_file as fn(&[u8]) -> Outcome),
        ("ipc stream", ipc_stream),
        ("parquet", parquet),
    ] {
        let record = campaign(name, cases(300), bytes(), read, bound);
        assert_eq!(record.rows, 0, "{name}");
    }
    // With their magic bytes in place, random bytes go further into the readers.
    let framed = |head: &'static [u8], tail: &'static [u8]| {
        prop::collection::vec(any::<u8>(), 0..512)
            .prop_map(move |middle| [head, &middle, tail].concat())
    };
    campaign(
        "ipc file, framed",
        cases(300),
        framed(b"ARROW1\0\0", b"ARROW1"),
        ipc_file,
        bound,
    );
    campaign(
        "ipc stream, framed",
        cases(300),
        framed(&[0xff, 0xff, 0xff, 0xff], &[]),
        ipc_stream,
        bound,
    );
    campaign(
        "parquet, framed",
        cases(300),
        framed(b"PAR1", b"PAR1"),
        parquet,
        bound,
    );
}

#[test]
fn mutated_ipc_files_and_streams_are_read_or_refused_within_bounds() {
    quiet_reads();
    for (name, read) in [
        ("pyarrow_tensors.arrow", ipc_file as fn(&[u8]) -> Outcome),
        ("tensorspec_written.arrow", ipc_file_written),
    ] {
        let file = fixture(name);
        assert!(!read(&file).refused, "{name}");
        campaign(name, cases(500), mutated(file), read, bound);
    }
    campaign(
        "pyarrow_tensors.arrows",
        cases(500),
        mutated(fixture("pyarrow_tensors.arrows")),
        ipc_stream,
        bound,
    );
}

#[test]
fn mutated_parquet_files_are_read_or_refused_without_panics() {
    quiet_reads();
    for (name, read) in [
        ("pyarrow_tensors.parquet", parquet as fn(&[u8]) -> Outcome),
        ("hf_dataset.parquet", parquet_hf),
        ("nested_lists.parquet", parquet_lists),
        ("polars_array.parquet", parquet_polars),
        ("tensorspec_written.parquet", parquet_written),
    ] {
        let file = fixture(name);
        // Unmutated, each is read.
        assert!(!read(&file).refused, "{name}");
        campaign(name, cases(300), mutated(file), read, bound);
    }
}

#[test]
fn claimed_lengths_are_checked_before_anything_is_allocated() {
    quiet_reads();
    let file = fixture("pyarrow_tensors.arrow");
    let len = file.len();
    // The footer's length, then the first message's metadata length, set to i32::MAX.
    let mut footer = file.clone();
    footer[len - 10..len - 6].copy_from_slice(&i32::MAX.to_le_bytes());
    // The file's second message (after the schema) is its first record batch's.
    let mut message = file.clone();
    let second = (16..len - 4)
        .find(|&at| file[at..at + 4] == [0xff; 4])
        .unwrap();
    message[second + 4..second + 8].copy_from_slice(&i32::MAX.to_le_bytes());
    let mut stream = fixture("pyarrow_tensors.arrows");
    stream[4..8].copy_from_slice(&i32::MAX.to_le_bytes());
    let mut parquet_footer = fixture("pyarrow_tensors.parquet");
    let at = parquet_footer.len() - 8;
    parquet_footer[at..at + 4].copy_from_slice(&i32::MAX.to_le_bytes());
    for (name, bytes, read) in [
        ("ipc footer", footer, ipc_file as fn(&[u8]) -> Outcome),
        ("ipc message", message, ipc_file),
        ("ipc stream message", stream, ipc_stream),
        ("parquet footer", parquet_footer, parquet),
    ] {
        let (outcome, peak) = peak_of(|| read(&bytes));
        assert!(outcome.refused, "{name}");
        assert!(peak <= bound(bytes.len()), "{name}: a peak of {peak} bytes");
        println!(
            "{name}: refused, peak {peak} bytes for {} input bytes",
            bytes.len()
        );
    }
}

#[test]
fn a_row_group_larger_than_the_budget_is_refused_before_it_is_read() {
    let file = bytes::Bytes::from(fixture("pyarrow_tensors.parquet"));
    let error =
        read_parquet::<Row, _>(file, &ReadOptions::new().ignore_unexpected().max_bytes(100))
            .unwrap_err();
    assert!(
        matches!(&error, ReadError::TooLarge { name, limit: 100, .. } if name == "(row group 0)"),
        "{error}"
    );
    // A record batch of more rows than the budget has samples for.
    let file = fixture("pyarrow_tensors.arrow");
    let items: Vec<_> =
        read_ipc_file::<Row>(file, &ReadOptions::new().ignore_unexpected().max_bytes(100))
            .unwrap()
            .collect();
    assert_eq!(items.len(), 1);
    assert!(
        matches!(items[0], Err(ReadError::TooLarge { .. })),
        "{:?}",
        items[0]
    );
}

/// Rows of 64 bytes: a page of them compresses little.
#[derive(Debug, TensorSpec)]
struct Wide {
    #[tensor(shape = [16])]
    values: [f32; 16],
}

#[test]
fn a_page_that_declares_more_than_it_holds_is_refused_before_it_is_decoded() {
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    // 1,024 rows of zeros, snappy-compressed, one plain-encoded page: 64 KiB in a few.
    let rows: Vec<Wide> = (0..1024).map(|_| Wide { values: [0.0; 16] }).collect();
    let table = tensorspec::to_record_batch(&rows).unwrap();
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_dictionary_enabled(false)
        .build();
    let file = parquet_file(&table, properties);
    let read = |file: &[u8], options: &ReadOptions| {
        peak_of(|| {
            read_parquet::<Wide, _>(bytes::Bytes::copy_from_slice(file), options)
                .map(|rows| rows.filter(Result::is_ok).count())
        })
    };
    assert_eq!(read(&file, &ReadOptions::new()).0.unwrap(), 1024);

    // The page header at the column chunk's start: field 1 (`0x15`), the page type (one
    // byte), then field 2 (`0x15`), the uncompressed size (64 KiB and the levels), a zigzag
    // varint of three bytes, then field 3, the stored size.
    let reader =
        parquet::file::reader::SerializedFileReader::new(bytes::Bytes::from(file.clone())).unwrap();
    let chunk = parquet::file::reader::FileReader::metadata(&reader)
        .row_group(0)
        .column(0)
        .byte_range();
    let start = usize::try_from(chunk.0).unwrap();
    let header = &file[start..start + 7];
    assert_eq!(
        [header[0], header[1], header[2], header[6]],
        [0x15, 0, 0x15, 0x15]
    );
    assert!(
        header[3] >= 0x80 && header[4] >= 0x80 && header[5] < 0x80,
        "{header:?}"
    );

    // It now declares 1,048,575 bytes: more than snappy can make of its few stored ones.
    let mut lying = file.clone();
    lying[start + 3..start + 6].copy_from_slice(&[0xfe, 0xff, 0x7f]);
    let (result, peak) = read(&lying, &ReadOptions::new());
    match result {
        Err(ReadError::Malformed { message, .. }) if message.contains("declares more bytes") => {}
        other => panic!("{other:?}"),
    }
    assert!(peak < 1 << 20, "a peak of {peak} bytes");
    // Past the read's budget: too large, whatever the codec could make of it.
    let (result, _) = read(&lying, &ReadOptions::new().max_bytes(500_000));
    match result {
        Err(ReadError::TooLarge {
            name,
            needed: 1_048_575,
            ..
        }) => assert!(name.contains("values"), "{name}"),
        other => panic!("{other:?}"),
    }
}

/// One input of each kind that made arrow-rs or the parquet crate panic, found by these
/// campaigns (`data/arrow/hostile/`), now refused by tensorspec's checks before the decoder
/// sees it: a column of a negative length (arrow-data overflows computing a fixed-size
/// list's children), an offsets buffer that is not a whole number of offsets (arrow-buffer
/// asserts), a column chunk at a negative offset (the parquet crate asserts), a page of
/// dictionary indices in a chunk without a dictionary (its decoder has none to call).
#[test]
fn inputs_that_made_the_decoders_panic_are_refused_before_them() {
    quiet_reads();
    type Read = fn(&[u8]) -> Outcome;
    let inputs: [(&str, Read); 4] = [
        ("negative_node_length.arrows", ipc_stream),
        ("partial_offset.arrows", ipc_stream),
        ("negative_chunk_offset.parquet", parquet_lists),
        ("missing_dictionary.parquet", parquet_polars),
    ];
    for (name, read) in inputs {
        let bytes = fixture(&format!("hostile/{name}"));
        IN_READ.with(|r| r.set(true));
        let outcome = read(&bytes);
        IN_READ.with(|r| r.set(false));
        assert!(outcome.refused, "{name}: {outcome:?}");
        assert_eq!(PANICS.with(Cell::get), 0, "{name}: the decoder panicked");
    }
}

/// The page checks charge a value what it decodes to: a required column's values have no
/// levels, a `bool` is a bit. A file whose decoded size is within the budget is read.
#[test]
fn a_file_within_the_budget_is_read_whatever_its_pages() {
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    #[derive(Debug, TensorSpec)]
    struct Counted {
        count: i64,
        flag: bool,
    }
    let rows: Vec<Counted> = (0..100_000)
        .map(|i| Counted {
            count: i,
            flag: i % 3 == 0,
        })
        .collect();
    let table = tensorspec::to_record_batch(&rows).unwrap();
    let properties = WriterProperties::builder()
        .set_compression(Compression::UNCOMPRESSED)
        .set_dictionary_enabled(false)
        .build();
    let file = bytes::Bytes::from(parquet_file(&table, properties));
    // 800,000 bytes of counts and 12,500 of flags, decoded: within 900,000 (charged 4 bytes
    // of levels a value, or a byte a flag, it was not).
    let read = read_parquet::<Counted, _>(file, &ReadOptions::new().max_bytes(900_000))
        .unwrap()
        .filter(Result::is_ok)
        .count();
    assert_eq!(read, 100_000);
}

/// A zigzag varint, as Thrift's compact protocol writes an integer.
fn zigzag(value: i64) -> Vec<u8> {
    let mut left = ((value << 1) ^ (value >> 63)) as u64;
    let mut out = Vec::new();
    loop {
        let byte = (left & 0x7f) as u8;
        left >>= 7;
        if left == 0 {
            out.push(byte);
            return out;
        }
        out.push(byte | 0x80);
    }
}

/// A page header that gives its uncompressed size twice, the second time as an `i64`
/// (which the parquet crate reads by the field's id alone, the last one winning): refused,
/// never the 2 GiB it says to the decoder. (Found in review: the check had read only the
/// first.)
#[test]
fn a_page_header_that_says_its_size_twice_is_refused() {
    use parquet::basic::Compression;
    use parquet::file::properties::{EnabledStatistics, WriterProperties};

    #[derive(Debug, TensorSpec)]
    struct Counted {
        count: i32,
    }
    let rows: Vec<Counted> = (0..1000).map(|i| Counted { count: i * 7919 }).collect();
    let table = tensorspec::to_record_batch(&rows).unwrap();
    let properties = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_dictionary_enabled(false)
        .set_statistics_enabled(EnabledStatistics::Page)
        .set_write_page_header_statistics(true)
        .build();
    let mut file = parquet_file(&table, properties);
    let reader =
        parquet::file::reader::SerializedFileReader::new(bytes::Bytes::from(file.clone())).unwrap();
    let column = parquet::file::reader::FileReader::metadata(&reader)
        .row_group(0)
        .column(0)
        .data_page_offset();
    let start = usize::try_from(column).unwrap();
    // The header: fields 1-3 (`0x15` and a varint each), the data page header (`0x2c`) of
    // four `i32`s, then its statistics (`0x1c`), which run to the header's end but for the
    // two struct ends.
    let varint_end = |mut at: usize| {
        while file[at] & 0x80 != 0 {
            at += 1;
        }
        at + 1
    };
    let mut at = start;
    for _ in 0..3 {
        assert_eq!(file[at], 0x15);
        at = varint_end(at + 1);
    }
    assert_eq!(file[at], 0x2c);
    at += 1;
    for _ in 0..4 {
        assert_eq!(file[at] & 0x0f, 5);
        at = varint_end(at + 1);
    }
    assert_eq!(file[at], 0x1c);
    let statistics = at;
    // The header's end: the page's data follows it, the page its chunk's only one.
    let compressed = {
        let mut field = start;
        for _ in 0..2 {
            field = varint_end(field + 1);
        }
        let bytes = &file[field + 1..varint_end(field + 1)];
        let zig = bytes
            .iter()
            .rev()
            .fold(0u64, |value, &byte| (value << 7) | u64::from(byte & 0x7f));
        usize::try_from(zig >> 1).unwrap()
    };
    let chunk_end = start
        + usize::try_from(
            parquet::file::reader::FileReader::metadata(&reader)
                .row_group(0)
                .column(0)
                .compressed_size(),
        )
        .unwrap();
    let end = chunk_end - compressed;
    // In the statistics' place: the data page header's end, field 2 again (a long-form id)
    // as an `i64` of i32::MAX, a binary of padding (id 100) to keep the length, the end.
    let mut tail = vec![0x00, 0x06];
    tail.extend(zigzag(2));
    tail.extend(zigzag(i64::from(i32::MAX)));
    tail.push(0x08);
    tail.extend(zigzag(100));
    let pad = end - statistics - tail.len() - 2;
    tail.push(u8::try_from(pad).unwrap());
    tail.extend(std::iter::repeat_n(0xaa, pad));
    tail.push(0x00);
    assert_eq!(tail.len(), end - statistics);
    file[statistics..end].copy_from_slice(&tail);

    let (result, peak) = peak_of(|| {
        read_parquet::<Counted, _>(
            bytes::Bytes::from(file),
            &ReadOptions::new().max_bytes(1 << 20),
        )
        .map(|rows| rows.count())
    });
    match result {
        Err(ReadError::Malformed { message, .. }) if message.contains("another type") => {}
        other => panic!("{other:?}"),
    }
    assert!(peak < 1 << 20, "a peak of {peak} bytes");
}

/// A Parquet file of `table`, written by the parquet crate with `properties`.
fn parquet_file(
    table: &tensorspec::arrow_array::RecordBatch,
    properties: parquet::file::properties::WriterProperties,
) -> Vec<u8> {
    let mut writer =
        parquet::arrow::ArrowWriter::try_new(Vec::new(), table.schema(), Some(properties)).unwrap();
    writer.write(table).unwrap();
    writer.into_inner().unwrap()
}

/// A file's bytes that count the reads made of them.
struct Counting {
    bytes: bytes::Bytes,
    reads: std::sync::Arc<std::sync::atomic::AtomicUsize>,
}

impl parquet::file::reader::Length for Counting {
    fn len(&self) -> u64 {
        self.bytes.len() as u64
    }
}

impl parquet::file::reader::ChunkReader for Counting {
    type T = <bytes::Bytes as parquet::file::reader::ChunkReader>::T;

    fn get_read(&self, start: u64) -> parquet::errors::Result<Self::T> {
        self.reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.bytes.get_read(start)
    }

    fn get_bytes(&self, start: u64, length: usize) -> parquet::errors::Result<bytes::Bytes> {
        self.reads
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.bytes.get_bytes(start, length)
    }
}

/// The page headers are read a window of the file at a time: a column chunk of a thousand
/// small pages is not a thousand reads (each a system call and a buffer, for a file).
#[test]
fn the_page_headers_of_many_small_pages_are_read_in_a_few_reads() {
    use parquet::basic::Compression;
    use parquet::file::properties::WriterProperties;

    #[derive(Debug, TensorSpec)]
    struct Counted {
        count: i64,
    }
    let rows: Vec<Counted> = (0..10_000).map(|count| Counted { count }).collect();
    let table = tensorspec::to_record_batch(&rows).unwrap();
    let properties = WriterProperties::builder()
        .set_compression(Compression::UNCOMPRESSED)
        .set_dictionary_enabled(false)
        .set_data_page_row_count_limit(10)
        .set_write_batch_size(10)
        .build();
    let file = bytes::Bytes::from(parquet_file(&table, properties));
    let pages = {
        let reader = parquet::file::reader::SerializedFileReader::new(file.clone()).unwrap();
        let row_group = parquet::file::reader::FileReader::get_row_group(&reader, 0).unwrap();
        let mut pages = row_group.get_column_page_reader(0).unwrap();
        let mut count = 0;
        while parquet::column::page::PageReader::get_next_page(&mut *pages)
            .unwrap()
            .is_some()
        {
            count += 1;
        }
        count
    };
    assert!(pages >= 500, "{pages} pages");
    let reads = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counting = Counting {
        bytes: file,
        reads: reads.clone(),
    };
    // Opening the file reads its metadata and checks every page header; decoding the rows
    // is the parquet crate's (which reads each page again, its own way).
    let opened = read_parquet::<Counted, _>(counting, &ReadOptions::new()).unwrap();
    let checked = reads.load(std::sync::atomic::Ordering::Relaxed);
    assert!(checked < 50, "{checked} reads for {pages} pages");
    assert_eq!(opened.filter(Result::is_ok).count(), 10_000);
}
