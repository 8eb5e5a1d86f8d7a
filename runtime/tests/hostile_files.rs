//! Malformed and hostile bytes: every reader returns an error, never panics or hangs, and
//! never allocates what a file claims. Random bytes, mutations of valid files and crafted
//! attacks (compression bombs, lying sizes, deep nesting, zero-size tensors of huge extents),
//! through proptest's runner, under a global allocator that records, per thread, the largest
//! allocation and the peak of live bytes.
//!
//! `cargo test -p tensorspec --test hostile_files -- --nocapture` prints what was tried and
//! each campaign's largest peak against its input's size; `TENSORSPEC_CAMPAIGN_CASES=100000`
//! runs every campaign with that many cases.

#![cfg(all(feature = "npy", feature = "safetensors"))]

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ndarray::{Array1, Array2};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tensorspec::{ReadError, ReadOptions, Tensor, TensorSpec, read_npz, read_safetensors};

mod common;

use common::{cases, largest, live, peak_since, reset, reset_largest};

#[global_allocator]
static GLOBAL: common::Recording = common::Recording;

/// A campaign's record: inputs, read, refused, and its largest peak with that input's size.
#[derive(Clone, Copy, Default)]
struct Record {
    inputs: u32,
    read: u32,
    refused: u32,
    peak: usize,
    peak_input: usize,
}

thread_local! {
    static RECORD: Cell<Record> = Cell::new(Record::default());
}

#[derive(Debug, TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [N, 2])]
    points: Array2<f32>,
    #[tensor(dtype = i64, shape = [N])]
    ids: Array1<i64>,
}

fn sample() -> Sample {
    Sample {
        points: Array2::from_shape_fn((3, 2), |(r, c)| (r + c) as f32),
        ids: Array1::from_vec(vec![1, 2, 3]),
    }
}

/// The most a read of `len` input bytes may have live at once: a small multiple of the input
/// (its data copied, an inflated entry and its reordered copy, the struct read; the zip
/// crate's parsed central directory, about 540 bytes for each record of at least 46) and
/// headers.
fn bound(len: usize) -> usize {
    16 * len + (1 << 20)
}

/// Runs `read` on `bytes`: no panic, and a peak of live bytes within `bound` of the input
/// (the readers copy what is there, never what is claimed). Returns whether it read, and
/// records the peak in `RECORD`.
fn survives(name: &str, bytes: &[u8], read: impl Fn(&[u8]) -> bool) -> Result<bool, TestCaseError> {
    survives_with(name, bytes, 0, read)
}

/// `survives`, allowing `inflated` bytes more: what a compressed entry really inflates to
/// (the reader's buffer grows with it, to at most twice, plus the copy while it moves).
fn survives_with(
    name: &str,
    bytes: &[u8],
    inflated: usize,
    read: impl Fn(&[u8]) -> bool,
) -> Result<bool, TestCaseError> {
    let start = live();
    reset();
    let outcome = catch_unwind(AssertUnwindSafe(|| read(bytes)));
    let peak = peak_since(start);
    let Ok(read) = outcome else {
        return Err(TestCaseError::fail(format!(
            "{name} panicked on {} bytes",
            bytes.len()
        )));
    };
    prop_assert!(
        peak <= bound(bytes.len()) + 3 * inflated,
        "{name}: a peak of {peak} bytes for {} input bytes",
        bytes.len()
    );
    RECORD.with(|r| {
        let mut record = r.get();
        record.inputs += 1;
        record.read += u32::from(read);
        record.refused += u32::from(!read);
        if peak > record.peak {
            (record.peak, record.peak_input) = (peak, bytes.len());
        }
        r.set(record);
    });
    Ok(read)
}

fn read_st(bytes: &[u8]) -> bool {
    read_safetensors::<Sample>(bytes, &ReadOptions::new()).is_ok()
}

fn read_z(bytes: &[u8]) -> bool {
    read_npz::<Sample>(bytes, &ReadOptions::new()).is_ok()
}

fn read_npy(bytes: &[u8]) -> bool {
    Tensor::from_npy(bytes).is_ok()
}

/// A mutation of a valid file: flipped bytes, overwritten runs (header lengths, sizes,
/// shapes set to extreme values), truncation, or garbage appended.
fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len();
    let edits = prop::collection::vec(
        prop_oneof![
            (0..len, any::<u8>()).prop_map(|(at, byte)| (at, vec![byte])),
            (
                0..len,
                prop::sample::select(vec![
                    u64::MAX.to_le_bytes().to_vec(),
                    (1u64 << 62).to_le_bytes().to_vec(),
                    u32::MAX.to_le_bytes().to_vec(),
                    b"999999999999999".to_vec(),
                    b"(4611686018427387904,)".to_vec(),
                    b"'<c32'".to_vec(),
                    vec![0; 8],
                ])
            ),
        ],
        1..4,
    );
    (edits, 0..=len, prop::collection::vec(any::<u8>(), 0..16)).prop_map(
        move |(edits, keep, tail)| {
            let mut bytes = valid.clone();
            for (at, run) in edits {
                for (offset, byte) in run.into_iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(at + offset) {
                        *slot = byte;
                    }
                }
            }
            bytes.truncate(keep);
            bytes.extend(tail);
            bytes
        },
    )
}

/// Runs `cases` inputs of `strategy` through `read`; returns (inputs, read, refused).
fn campaign(
    name: &str,
    cases: u32,
    strategy: impl Strategy<Value = Vec<u8>>,
    read: fn(&[u8]) -> bool,
) -> (u32, u32, u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    RECORD.with(|r| r.set(Record::default()));
    let result = runner.run(&strategy, |bytes| {
        survives(name, &bytes, read)?;
        Ok(())
    });
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
    let record = report(name);
    (record.inputs, record.read, record.refused)
}

/// Prints and clears what `survives` recorded since the last report.
fn report(name: &str) -> Record {
    let record = RECORD.with(|r| r.replace(Record::default()));
    println!(
        "{name}: {} inputs, {} read, {} refused; largest peak {} bytes, for {} input bytes",
        record.inputs, record.read, record.refused, record.peak, record.peak_input
    );
    record
}

#[test]
fn random_bytes_are_refused_without_panics_or_large_allocations() {
    let random = || prop::collection::vec(any::<u8>(), 0..2048);
    for (name, read) in [
        ("safetensors", read_st as fn(&[u8]) -> bool),
        ("npz", read_z),
        ("npy", read_npy),
    ] {
        let cases = cases(3000);
        let (n, good, _) = campaign(&format!("random {name}"), cases, random(), read);
        assert_eq!((n, good), (cases, 0));
    }
}

#[test]
fn mutated_files_are_read_or_refused_without_panics_or_large_allocations() {
    let valid = sample();
    let st = tensorspec::write_safetensors(&valid).unwrap();
    let npz = tensorspec::write_npz(&valid).unwrap();
    let npy = Tensor::from(Array2::<f32>::ones((3, 2))).to_npy().unwrap();
    // The valid files themselves read.
    assert!(read_st(&st) && read_z(&npz) && read_npy(&npy));
    let cases = cases(3000);
    let (n, _, refused) = campaign("mutated safetensors", cases, mutated(st), read_st);
    assert!(n == cases && refused > 0);
    let (n, _, refused) = campaign("mutated npz", cases, mutated(npz), read_z);
    assert!(n == cases && refused > 0);
    let (n, _, refused) = campaign("mutated npy", cases, mutated(npy), read_npy);
    assert!(n == cases && refused > 0);
    // A stored .npz, whose entries are read in place: offsets and sizes mutated.
    let points = Tensor::from(valid.points.clone()).to_npy().unwrap();
    let ids = Tensor::from(valid.ids.clone()).to_npy().unwrap();
    let stored = npz_of(
        &[("points", &points), ("ids", &ids)],
        zip::CompressionMethod::Stored,
    );
    assert!(read_z(&stored));
    let (n, _, refused) = campaign("mutated stored npz", cases, mutated(stored), read_z);
    assert!(n == cases && refused > 0);
}

#[test]
fn claimed_sizes_are_checked_before_anything_is_allocated() {
    // An .npy header claiming 2^62 elements, with 8 bytes of data.
    let mut npy = b"\x93NUMPY\x01\x00".to_vec();
    let header = b"{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904,), }";
    npy.extend((header.len() as u16 + 1).to_le_bytes());
    npy.extend(header);
    npy.push(b'\n');
    npy.extend([0; 8]);
    reset_largest();
    let error = Tensor::from_npy(&npy).unwrap_err();
    assert!(largest() < 1 << 20);
    assert!(error.to_string().contains("8 bytes of data"), "{error}");

    // The same claim in Fortran order and big-endian, the paths that reorder the data into a
    // copy: refused before that.
    for descr in [
        "'<f4', 'fortran_order': True",
        "'>f4', 'fortran_order': False",
    ] {
        let mut npy = b"\x93NUMPY\x01\x00".to_vec();
        let header = format!("{{'descr': {descr}, 'shape': (17179869184,), }}");
        npy.extend((header.len() as u16 + 1).to_le_bytes());
        npy.extend(header.as_bytes());
        npy.push(b'\n');
        npy.extend([0; 8]);
        reset_largest();
        assert!(Tensor::from_npy(&npy).is_err());
        assert!(largest() < 1 << 20, "{descr}");
    }

    // An .npy header whose length field claims 4 GiB.
    let mut npy = b"\x93NUMPY\x02\x00".to_vec();
    npy.extend(u32::MAX.to_le_bytes());
    npy.extend(b"{}");
    let error = Tensor::from_npy(&npy).unwrap_err();
    assert!(
        error.to_string().contains("claims 4294967295 bytes"),
        "{error}"
    );

    // A safetensors header length of u64::MAX.
    let mut st = u64::MAX.to_le_bytes().to_vec();
    st.extend(b"{}");
    reset_largest();
    assert!(read_safetensors::<Sample>(&st, &ReadOptions::new()).is_err());
    assert!(largest() < 1 << 20);
}

/// An `.npy` file of version `version` with header `dict` (padded, newline-ended) and `data`.
fn npy_file(version: u8, dict: &str, data: &[u8]) -> Vec<u8> {
    let mut header = dict.to_owned();
    let preamble = if version == 1 { 10 } else { 12 };
    while (preamble + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = b"\x93NUMPY".to_vec();
    out.extend([version, 0]);
    if version == 1 {
        out.extend((header.len() as u16).to_le_bytes());
    } else {
        out.extend((header.len() as u32).to_le_bytes());
    }
    out.extend(header.as_bytes());
    out.extend(data);
    out
}

fn dict(descr: &str, fortran: bool, shape: &str) -> String {
    let fortran = if fortran { "True" } else { "False" };
    format!("{{'descr': '{descr}', 'fortran_order': {fortran}, 'shape': {shape}, }}")
}

#[test]
fn mutated_numpy_layouts_are_read_or_refused_within_bounds() {
    let data: Vec<u8> = (0..48).collect();
    let valid = [
        npy_file(1, &dict(">u4", true, "(3, 4)"), &data),
        npy_file(2, &dict("<c8", true, "(2, 3)"), &data),
        npy_file(3, &dict("=f8", false, "(2, 3)"), &data),
        npy_file(1, &dict("float32", true, "(2, 2, 3)"), &data),
        npy_file(1, &dict("<b1", true, "(6, 8)"), &[1; 48]),
    ];
    let cases = cases(1000);
    for (index, file) in valid.into_iter().enumerate() {
        assert!(read_npy(&file), "valid file {index}");
        let name = format!("mutated npy layout {index}");
        let (n, _, refused) = campaign(&name, cases, mutated(file), read_npy);
        assert!(n == cases && refused > 0);
    }
}

/// Nested brackets, in every place of a header: refused at once (the old parser doubled its
/// time with each level: 40 deep never returned).
#[test]
fn deep_nesting_is_refused_at_once() {
    let mut refused = 0;
    for depth in [16usize, 40, 1000, 4000] {
        let open = "[".repeat(depth);
        let close = "]".repeat(depth);
        let tuples = "(".repeat(depth);
        let dicts = "{1:".repeat(depth);
        for header in [
            format!("{{'descr': '<f4', 'fortran_order': False, 'shape': {open}{close}, }}"),
            format!("{{'descr': {open}{close}, 'fortran_order': False, 'shape': (1,), }}"),
            format!("{{'descr': '<f4', 'fortran_order': False, 'shape': {tuples}, }}"),
            format!("{{'descr': '<f4', 'fortran_order': {dicts}, 'shape': (1,), }}"),
            dicts.clone(),
        ] {
            let file = npy_file(2, &header, &[0; 4]);
            let npz = npz_of(&[("points", &file)], zip::CompressionMethod::Deflated);
            for (bytes, read) in [(&file, read_npy as fn(&[u8]) -> bool), (&npz, read_z)] {
                let outcome = survives("nested", bytes, read).map_err(|e| e.to_string());
                assert_eq!(outcome, Ok(false), "depth {depth}");
                refused += 1;
            }
        }
    }
    assert_eq!(report("deep nesting").refused, refused);
}

/// The issue's panic: a leading 0 extent made the size check pass, then the big-endian path
/// (once in a dependency) unwrapped a `ShapeError`.
#[test]
fn huge_extents_beside_a_zero_are_refused_in_every_order() {
    for descr in [">u4", "<u4", "|u1", ">c16"] {
        for fortran in [false, true] {
            for shape in [
                "(0, 9223372036854775808)",
                "(9223372036854775808, 0)",
                "(0, 18446744073709551615)",
                "(18446744073709551615, 0)",
                "(0, 4294967296, 4294967296)",
                "(4294967296, 4294967296, 0)",
                "(4294967296, 0, 4294967296)",
            ] {
                let file = npy_file(1, &dict(descr, fortran, shape), &[]);
                let read = survives("huge extents", &file, read_npy).map_err(|e| e.to_string());
                assert_eq!(read, Ok(false), "{descr} {fortran} {shape}");
            }
        }
    }
    report("huge extents beside a zero");
}

/// Overflow is refused whatever the axis order, and an extent of `usize::MAX` (once the
/// "unknown" marker inside the crate) is never a tensor's.
#[test]
fn overflow_is_refused_in_every_axis_order() {
    use tensorspec::{DType, TensorView};
    let max = usize::MAX;
    let big = 1usize << 32;
    for dims in [[0, max, max], [0, big, big], [0, max, 1], [0, 1 << 62, 4]] {
        // Every permutation.
        for order in [
            [0, 1, 2],
            [0, 2, 1],
            [1, 0, 2],
            [1, 2, 0],
            [2, 0, 1],
            [2, 1, 0],
        ] {
            let shape: Vec<usize> = order.iter().map(|&axis| dims[axis]).collect();
            assert!(
                Tensor::new(DType::U8, shape.clone(), vec![]).is_err(),
                "{shape:?}"
            );
            assert!(
                TensorView::new(DType::U8, shape.clone(), &[]).is_err(),
                "{shape:?}"
            );
        }
    }
    assert!(Tensor::new(DType::U8, vec![max], vec![]).is_err());
    assert!(Tensor::new(DType::U8, vec![0, max], vec![]).is_err());
    // Large but possible zero-size shapes are still tensors.
    assert!(Tensor::new(DType::F64, vec![0, 1 << 40], vec![]).is_ok());
}

/// A zip archive of `entries`, as the zip crate writes it.
fn npz_of(entries: &[(&str, &[u8])], method: zip::CompressionMethod) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(method)
        .large_file(false);
    let written = entries.iter().try_for_each(|(name, bytes)| {
        writer.start_file(format!("{name}.npy"), options)?;
        Ok::<_, zip::result::ZipError>(writer.write_all(bytes)?)
    });
    match written.and_then(|()| writer.finish()) {
        Ok(cursor) => cursor.into_inner(),
        Err(error) => panic!("{error}"),
    }
}

fn u16_at(bytes: &[u8], at: usize) -> usize {
    usize::from(u16::from_le_bytes([bytes[at], bytes[at + 1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> usize {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]) as usize
}

/// The offsets of an archive's end record (no comment), its central directory, and the
/// central directory's first record's length.
fn directory(zip: &[u8]) -> (usize, usize, usize) {
    let end = zip.len() - 22;
    assert_eq!(u32_at(zip, end), 0x0605_4b50);
    let start = u32_at(zip, end + 16);
    let record = 46 + u16_at(zip, start + 28) + u16_at(zip, start + 30) + u16_at(zip, start + 32);
    (end, start, record)
}

/// A one-entry archive whose central directory lists the entry `copies` times, under
/// different names (`e0.npy`, `e1.npy`, ...).
fn duplicated(zip: &[u8], copies: usize) -> Vec<u8> {
    let (end, start, record) = directory(zip);
    let first = &zip[start..start + record];
    let mut out = zip[..start].to_vec();
    for copy in 0..copies {
        let name = format!("e{copy}.npy");
        let mut entry = first[..46].to_vec();
        entry[28..30].copy_from_slice(&(name.len() as u16).to_le_bytes());
        entry[30..34].fill(0); // no extra field, no comment
        entry.extend(name.as_bytes());
        out.extend(entry);
    }
    let size = out.len() - start;
    let mut tail = zip[end..].to_vec();
    tail[8..10].copy_from_slice(&(copies as u16).to_le_bytes());
    tail[10..12].copy_from_slice(&(copies as u16).to_le_bytes());
    tail[12..16].copy_from_slice(&(size as u32).to_le_bytes());
    out.extend(tail);
    out
}

/// The archive with its one entry's uncompressed size (central directory and local
/// header) set to `size`.
fn claiming(zip: &[u8], size: u32) -> Vec<u8> {
    let (_, start, _) = directory(zip);
    let mut out = zip.to_vec();
    out[start + 24..start + 28].copy_from_slice(&size.to_le_bytes());
    let local = u32_at(zip, start + 42);
    out[local + 22..local + 26].copy_from_slice(&size.to_le_bytes());
    out
}

#[derive(Debug, TensorSpec)]
struct Zeros {
    #[tensor(dtype = u8, shape = [_])]
    e0: Array1<u8>,
}

fn read_zeros(bytes: &[u8]) -> bool {
    read_npz::<Zeros>(bytes, &ReadOptions::new()).is_ok()
}

fn read_zeros_ignoring(bytes: &[u8]) -> bool {
    read_npz::<Zeros>(bytes, &ReadOptions::new().ignore_unexpected()).is_ok()
}

/// `len` zero bytes as a `u8` `.npy` array.
fn zeros_npy(len: usize) -> Vec<u8> {
    npy_file(1, &dict("|u1", false, &format!("({len},)")), &vec![0; len])
}

#[test]
fn compression_bombs_are_refused_before_they_inflate() {
    let entry = zeros_npy(10 << 20);
    let one = npz_of(&[("e0", &entry)], zip::CompressionMethod::Deflated);
    // The entry itself reads: 10 MiB of output from a file of about 10 KiB.
    let start = live();
    reset();
    let zeros: Zeros = read_npz(&one, &ReadOptions::new()).unwrap();
    assert_eq!(zeros.e0.len(), 10 << 20);
    drop(zeros);
    let peak = peak_since(start);
    println!(
        "bomb, one entry: {} bytes read into 10 MiB, peak {peak}",
        one.len()
    );
    assert!(peak <= 2 * (10 << 20) + bound(one.len()), "{peak}");

    // The same bytes listed 100 and 65,535 times: refused before any is inflated.
    let mut inputs = 0;
    for copies in [2, 100, 1000, 65_535] {
        let bomb = duplicated(&one, copies);
        for read in [read_zeros as fn(&[u8]) -> bool, read_z] {
            let outcome = survives("duplicated records", &bomb, read).map_err(|e| e.to_string());
            assert_eq!(outcome, Ok(false), "{copies} copies");
            inputs += 1;
        }
        let started = std::time::Instant::now();
        let error = read_npz::<Zeros>(&bomb, &ReadOptions::new()).unwrap_err();
        println!(
            "{copies} records of one entry refused in {:?}",
            started.elapsed()
        );
        assert!(error.to_string().contains("bytes are also"), "{error}");
        // Ignoring the others, the one entry asked for is read once: its output, copied.
        let start = live();
        reset();
        assert!(read_zeros_ignoring(&bomb));
        let peak = peak_since(start);
        assert!(
            peak <= 2 * (10 << 20) + bound(bomb.len()),
            "{copies} copies: {peak}"
        );
        inputs += 1;
    }
    println!("bomb, duplicated records: {inputs} inputs");
    report("bomb, duplicated records");

    // An entry whose zip header claims 131 bytes: its .npy header claims more, refused
    // before inflating.
    let lying = claiming(&one, 131);
    let read = survives("lying size", &lying, read_zeros).map_err(|e| e.to_string());
    assert_eq!(read, Ok(false));
    // Claims that agree with each other (a 3-byte array), but 10 MiB more inflate.
    let mut small = zeros_npy(3);
    small.extend(vec![0; 10 << 20]);
    let lying = claiming(
        &npz_of(&[("e0", &small)], zip::CompressionMethod::Deflated),
        zeros_npy(3).len() as u32,
    );
    let error = read_npz::<Zeros>(&lying, &ReadOptions::new()).unwrap_err();
    assert!(error.to_string().contains("inflates past"), "{error}");
    let read = survives("inflates past", &lying, read_zeros).map_err(|e| e.to_string());
    assert_eq!(read, Ok(false));

    // Claims of 1 GiB (both headers agree) from 1 MiB of deflated data: the buffer grows with
    // what comes out, never to the claim.
    let big = 1usize << 30;
    let mut head = npy_file(1, &dict("|u1", false, &format!("({big},)")), &[]);
    let header_len = head.len();
    head.extend(vec![0; 1 << 20]);
    let lying = claiming(
        &npz_of(&[("e0", &head)], zip::CompressionMethod::Deflated),
        (header_len + big) as u32,
    );
    let read = survives_with("claims 1 GiB", &lying, header_len + (1 << 20), read_zeros)
        .map_err(|e| e.to_string());
    assert_eq!(read, Ok(false));

    report("bomb, lying sizes");
    // Within a budget: a real 10 MiB entry refused under `max_bytes(1 MiB)`.
    let error = read_npz::<Zeros>(&one, &ReadOptions::new().max_bytes(1 << 20)).unwrap_err();
    assert!(matches!(error, ReadError::TooLarge { .. }), "{error}");
}

#[test]
fn zero_size_tensors_of_huge_extents_are_refused_within_the_budget() {
    #[derive(Debug, TensorSpec)]
    struct Rows {
        #[tensor(dtype = u8)]
        rows: Vec<Vec<u8>>,
    }
    let mut inputs = 0;
    for extent in [1u64 << 32, 1 << 40, (1 << 63) - 1] {
        let header =
            format!(r#"{{"rows":{{"dtype":"U8","shape":[{extent},0],"data_offsets":[0,0]}}}}"#);
        let mut file = (header.len() as u64).to_le_bytes().to_vec();
        file.extend(header.as_bytes());
        let read = |bytes: &[u8]| read_safetensors::<Rows>(bytes, &ReadOptions::new()).is_ok();
        let outcome = survives("zero-size rows", &file, read).map_err(|e| e.to_string());
        assert_eq!(outcome, Ok(false), "{extent}");
        let samples = |bytes: &[u8]| {
            tensorspec::read_safetensors_samples::<Sample>(
                bytes,
                &ReadOptions::new().ignore_unexpected(),
            )
            .is_ok()
        };
        let header = format!(
            r#"{{"points":{{"dtype":"F32","shape":[{extent},0,2],"data_offsets":[0,0]}},"ids":{{"dtype":"I64","shape":[{extent},0],"data_offsets":[0,0]}}}}"#
        );
        let mut file = (header.len() as u64).to_le_bytes().to_vec();
        file.extend(header.as_bytes());
        let outcome = survives("zero-size samples", &file, samples).map_err(|e| e.to_string());
        assert_eq!(outcome, Ok(false), "{extent}");
        inputs += 2;
    }
    // An `.npy` of `[2^32, 0]` read into `Vec<Vec<u8>>` through npz.
    let file = npy_file(1, &dict("|u1", false, "(4294967296, 0)"), &[]);
    let npz = npz_of(&[("rows", &file)], zip::CompressionMethod::Deflated);
    let read = |bytes: &[u8]| read_npz::<Rows>(bytes, &ReadOptions::new()).is_ok();
    let outcome = survives("zero-size rows npz", &npz, read).map_err(|e| e.to_string());
    assert_eq!(outcome, Ok(false));
    let error = read_npz::<Rows>(&npz, &ReadOptions::new()).unwrap_err();
    assert!(error.to_string().contains("max_bytes"), "{error}");
    // One budget for the whole read: what inflating took is not there for the rows.
    #[derive(Debug, TensorSpec)]
    struct Both {
        #[tensor(dtype = u8)]
        rows: Vec<Vec<u8>>,
        #[tensor(dtype = u8, shape = [_])]
        e0: Array1<u8>,
    }
    let rows = npy_file(1, &dict("|u1", false, "(32768, 0)"), &[]);
    let data = zeros_npy(1 << 20);
    let npz = npz_of(
        &[("rows", &rows), ("e0", &data)],
        zip::CompressionMethod::Deflated,
    );
    let enough = ReadOptions::new().max_bytes((1 << 20) + 32768 * 24);
    assert!(read_npz::<Both>(&npz, &enough).is_ok());
    let short = ReadOptions::new().max_bytes((1 << 20) + 32768 * 24 - 1);
    let error = read_npz::<Both>(&npz, &short).unwrap_err();
    assert!(
        error.to_string().contains("rows would take 786432 bytes"),
        "{error}"
    );
    // Small ones still read.
    let file = npy_file(1, &dict("|u1", false, "(1000, 0)"), &[]);
    let npz = npz_of(&[("rows", &file)], zip::CompressionMethod::Stored);
    assert_eq!(
        read_npz::<Rows>(&npz, &ReadOptions::new())
            .unwrap()
            .rows
            .len(),
        1000
    );
    assert_eq!(report("zero-size tensors").refused, inputs + 1);
}

/// Extents that break size arithmetic, and small ones.
fn extent() -> impl Strategy<Value = u64> {
    prop_oneof![
        0u64..4,
        prop::sample::select(vec![
            1 << 31,
            1 << 32,
            (1 << 40) + 1,
            1 << 62,
            1 << 63,
            (1 << 63) - 1,
            u64::MAX,
        ]),
    ]
}

/// `.npy` files of generated headers: NumPy's descriptors and others, either order, shapes
/// of extreme extents, any version, data of any length.
fn generated_npy() -> impl Strategy<Value = Vec<u8>> {
    let descr = prop::sample::select(vec![
        "<f4", ">f4", "=f8", "|u1", "|u4", ">c16", "<b1", ">b1", "float32", "bool", "?", "<U4",
        "|O", "<f16", ">float32", "",
    ]);
    (
        descr,
        any::<bool>(),
        prop::collection::vec(extent(), 0..5),
        0usize..64,
        1u8..=3,
    )
        .prop_map(|(descr, fortran, shape, data, version)| {
            let extents: Vec<String> = shape.iter().map(u64::to_string).collect();
            let shape = match extents.as_slice() {
                [one] => format!("({one},)"),
                all => format!("({})", all.join(", ")),
            };
            let body: Vec<u8> = (0..data).map(|i| (i % 2) as u8).collect();
            npy_file(version, &dict(descr, fortran, &shape), &body)
        })
}

#[derive(Debug, TensorSpec)]
struct Rows {
    #[tensor(dtype = u8)]
    rows: Vec<Vec<u8>>,
}

fn read_rows_npz(bytes: &[u8]) -> bool {
    let options = ReadOptions::new();
    let one = read_npz::<Rows>(bytes, &options).is_ok();
    let many = tensorspec::read_npz_samples::<Rows>(bytes, &options).is_ok();
    one || many
}

/// Safetensors files of one generated tensor: a dtype, an extreme shape, offsets.
fn generated_safetensors() -> impl Strategy<Value = Vec<u8>> {
    let dtype = prop::sample::select(vec!["U8", "F32", "BOOL", "C64", "F8_E4M3", "F8_E3M4"]);
    (
        dtype,
        prop::collection::vec(extent(), 0..4),
        0u64..16,
        0u64..16,
    )
        .prop_map(|(dtype, shape, start, len)| {
            let shape: Vec<String> = shape.iter().map(u64::to_string).collect();
            let header = format!(
                r#"{{"rows":{{"dtype":"{dtype}","shape":[{}],"data_offsets":[{start},{}]}}}}"#,
                shape.join(","),
                start + len
            );
            let mut file = (header.len() as u64).to_le_bytes().to_vec();
            file.extend(header.as_bytes());
            file.extend((0..start + len).map(|i| (i % 2) as u8));
            file
        })
}

fn read_rows_st(bytes: &[u8]) -> bool {
    let options = ReadOptions::new();
    let one = read_safetensors::<Rows>(bytes, &options).is_ok();
    let many = tensorspec::read_safetensors_samples::<Rows>(bytes, &options).is_ok();
    one || many
}

#[test]
fn generated_headers_are_read_or_refused_within_bounds() {
    let cases = cases(3000);
    let (n, read, _) = campaign("generated npy headers", cases, generated_npy(), read_npy);
    assert!(n == cases && read > 0);
    for method in [
        zip::CompressionMethod::Stored,
        zip::CompressionMethod::Deflated,
    ] {
        let npz = generated_npy().prop_map(move |npy| npz_of(&[("rows", &npy)], method));
        let (n, ..) = campaign(
            &format!("generated npy in npz, {method}"),
            cases,
            npz,
            read_rows_npz,
        );
        assert_eq!(n, cases);
    }
    let (n, ..) = campaign(
        "generated safetensors",
        cases,
        generated_safetensors(),
        read_rows_st,
    );
    assert_eq!(n, cases);
}

/// An extent of `usize::MAX` was the crate's "unknown" marker inside: it passed any fixed
/// extent and bound no symbol. It is no tensor's extent now, in any format.
#[test]
fn an_extent_of_usize_max_is_never_read() {
    #[derive(Debug, TensorSpec)]
    struct Fixed {
        #[tensor(dtype = u8, shape = [3, 0])]
        x: ndarray::Array2<u8>,
        #[tensor(dtype = u8, shape = [N, 0])]
        y: ndarray::Array2<u8>,
        #[tensor(dtype = u8, shape = [N])]
        z: Array1<u8>,
    }
    let max = u64::MAX;
    let header = format!(
        r#"{{"x":{{"dtype":"U8","shape":[{max},0],"data_offsets":[0,0]}},"y":{{"dtype":"U8","shape":[{max},0],"data_offsets":[0,0]}},"z":{{"dtype":"U8","shape":[2],"data_offsets":[0,2]}}}}"#
    );
    let mut file = (header.len() as u64).to_le_bytes().to_vec();
    file.extend(header.as_bytes());
    file.extend([1, 2]);
    let error = read_safetensors::<Fixed>(&file, &ReadOptions::new()).unwrap_err();
    assert!(
        matches!(error, ReadError::Tensor { ref name, .. } if name == "x" || name == "y"),
        "{error}"
    );

    let x = npy_file(1, &dict("|u1", false, &format!("({max}, 0)")), &[]);
    let y = npy_file(1, &dict("|u1", false, &format!("({max}, 0)")), &[]);
    let z = npy_file(1, &dict("|u1", false, "(2,)"), &[1, 2]);
    for method in [
        zip::CompressionMethod::Stored,
        zip::CompressionMethod::Deflated,
    ] {
        let npz = npz_of(&[("x", &x), ("y", &y), ("z", &z)], method);
        let error = read_npz::<Fixed>(&npz, &ReadOptions::new()).unwrap_err();
        assert!(
            matches!(error, ReadError::Tensor { ref name, .. } if name == "x" || name == "y"),
            "{error}"
        );
    }
}
