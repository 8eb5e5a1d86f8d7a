//! Tensors of dtypes tensorspec does not have (NumPy strings and objects, safetensors' FP8):
//! skipped unread when no field asks for them and unexpected tensors are ignored, reported as
//! unexpected when they are not, an error naming them when a field asks for them. The files
//! are made byte by byte here.

#![cfg(all(feature = "npy", feature = "safetensors"))]

use std::io::{Cursor, Write};

use ndarray::{Array1, Array2, array};
use tensorspec::{ReadError, ReadOptions, TensorSpec, read_npz, read_npz_samples};
use tensorspec::{read_safetensors, read_safetensors_samples};
use zip::CompressionMethod;
use zip::result::ZipResult;
use zip::write::SimpleFileOptions;

#[derive(Debug, PartialEq, TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [2, 2])]
    image: Array2<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

fn sample() -> Sample {
    Sample {
        image: array![[0.0, 1.0], [2.0, 3.0]],
        label: 7,
    }
}

/// An `.npy` file as NumPy writes it: version 1, the header padded to 64 bytes.
fn npy(descr: &str, shape: &str, data: &[u8]) -> Vec<u8> {
    let mut header = format!("{{'descr': '{descr}', 'fortran_order': False, 'shape': {shape}, }}");
    while (10 + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push('\n');
    let mut out = b"\x93NUMPY\x01\x00".to_vec();
    out.extend((header.len() as u16).to_le_bytes());
    out.extend(header.as_bytes());
    out.extend(data);
    out
}

/// Little-endian bytes of `f32`s and `i64`s.
fn f32s(values: &[f32]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}
fn i64s(values: &[i64]) -> Vec<u8> {
    values.iter().flat_map(|v| v.to_le_bytes()).collect()
}

/// NumPy's `<U1` for `["a", "b", "c"]`: UTF-32 code units.
fn letters() -> Vec<u8> {
    "abc"
        .chars()
        .flat_map(|c| u32::from(c).to_le_bytes())
        .collect()
}

/// What NumPy writes after an `|O` header: a pickle (here of `{'a': 1}`).
const PICKLE: &[u8] = b"\x80\x04\x95\x0b\x00\x00\x00\x00\x00\x00\x00}\x94\x8c\x01a\x94K\x01s.";

/// An `.npz` file of `entries`, `name.npy` each, compressed with `method`.
fn npz(entries: &[(&str, Vec<u8>)], method: CompressionMethod) -> ZipResult<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        writer.start_file(format!("{name}.npy"), options)?;
        writer.write_all(bytes)?;
    }
    Ok(writer.finish()?.into_inner())
}

/// `np.savez(..., meta=np.array({'a': 1}), image=..., names=np.array(list("abc")), label=7)`.
fn npz_with_strings(method: CompressionMethod) -> ZipResult<Vec<u8>> {
    npz(
        &[
            ("meta", npy("|O", "()", PICKLE)),
            ("image", npy("<f4", "(2, 2)", &f32s(&[0.0, 1.0, 2.0, 3.0]))),
            ("names", npy("<U1", "(3,)", &letters())),
            ("label", npy("<i8", "()", &i64s(&[7]))),
        ],
        method,
    )
}

#[test]
fn npz_string_and_object_entries_are_skipped_when_ignored() {
    for method in [CompressionMethod::Stored, CompressionMethod::Deflated] {
        let file = npz_with_strings(method).unwrap();
        let read: Sample = read_npz(&file, &ReadOptions::new().ignore_unexpected()).unwrap();
        assert_eq!(read, sample());
    }
}

#[test]
fn npz_string_and_object_entries_are_unexpected_when_not_ignored() {
    let file = npz_with_strings(CompressionMethod::Stored).unwrap();
    let error = read_npz::<Sample>(&file, &ReadOptions::new()).unwrap_err();
    assert!(matches!(error, ReadError::Invalid(_)), "{error:?}");
    assert_eq!(
        error.to_string(),
        "tensor `meta`: unexpected: no field of the spec has this name\n\
         tensor `names`: unexpected: no field of the spec has this name"
    );
}

#[test]
fn npz_files_of_samples_skip_them_too() {
    let file = npz(
        &[
            ("names", npy("<U1", "(3,)", &letters())),
            ("image", npy("<f4", "(3, 2, 2)", &f32s(&[0.5; 12]))),
            ("label", npy("<i8", "(3,)", &i64s(&[0, 1, 2]))),
            ("meta", npy("|O", "(3,)", PICKLE)),
        ],
        CompressionMethod::Deflated,
    )
    .unwrap();
    let samples: Vec<Sample> =
        read_npz_samples(&file, &ReadOptions::new().ignore_unexpected()).unwrap();
    assert_eq!(samples.len(), 3);
    assert_eq!(samples[2].label, 2);

    // Not ignored, they are unexpected in every sample (the first is reported).
    let error = read_npz_samples::<Sample>(&file, &ReadOptions::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "sample 0: tensor `names`: unexpected: no field of the spec has this name\n\
         tensor `meta`: unexpected: no field of the spec has this name"
    );
}

#[test]
fn an_ignored_npz_entry_is_neither_inflated_nor_parsed() {
    let mut file = npz(
        &[
            ("names", npy("<U1", "(3,)", &letters())),
            ("notes", b"not an array".to_vec()),
            ("image", npy("<f4", "(2, 2)", &f32s(&[0.0, 1.0, 2.0, 3.0]))),
            ("label", npy("<i8", "()", &i64s(&[7]))),
        ],
        CompressionMethod::Deflated,
    )
    .unwrap();
    // Garbage in place of `names`' deflated bytes (block type 3 does not exist).
    let (start, len) = {
        let mut archive = zip::ZipArchive::new(Cursor::new(&file)).unwrap();
        let entry = archive.by_name("names.npy").unwrap();
        (entry.data_start(), entry.compressed_size())
    };
    let start = usize::try_from(start).unwrap();
    let len = usize::try_from(len).unwrap();
    file[start..start + len].fill(0xff);

    let read: Sample = read_npz(&file, &ReadOptions::new().ignore_unexpected()).unwrap();
    assert_eq!(read, sample());
    // Read, they are refused: the garbage is there.
    let error = read_npz::<Sample>(&file, &ReadOptions::new()).unwrap_err();
    assert!(
        matches!(error, ReadError::Malformed { format: "npz", ref message, .. } if message.starts_with("`names`")),
        "{error:?}"
    );
    let notes = npz(
        &[("notes", b"not an array".to_vec())],
        CompressionMethod::Stored,
    )
    .unwrap();
    let error = read_npz::<Sample>(&notes, &ReadOptions::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "malformed npz data: `notes`: not an .npy array (no magic string)"
    );
}

#[test]
fn an_unknown_npz_dtype_a_field_asks_for_is_an_error_naming_it() {
    #[derive(Debug, TensorSpec)]
    struct Named {
        #[tensor(dtype = f32, shape = [2, 2])]
        image: Array2<f32>,
        names: Array1<u8>,
    }
    // `meta`, first, is not asked for: the error is `names`', ignored or not.
    let file = npz_with_strings(CompressionMethod::Stored).unwrap();
    for options in [ReadOptions::new(), ReadOptions::new().ignore_unexpected()] {
        let error = read_npz::<Named>(&file, &options).unwrap_err();
        assert!(
            matches!(error, ReadError::UnsupportedDType { ref name, ref dtype } if name == "names" && dtype == "<U1"),
            "{error:?}"
        );
        assert_eq!(error.to_string(), "tensor `names`: unsupported dtype <U1");
    }
}

/// A safetensors file of `(name, dtype, shape, data)`, in that order, made by hand: the
/// safetensors crate cannot write a dtype it does not know.
fn safetensors(tensors: &[(&str, &str, &[usize], &[u8])]) -> Vec<u8> {
    let mut header = serde_json::Map::new();
    let mut data = Vec::new();
    for (name, dtype, shape, bytes) in tensors {
        let start = data.len();
        data.extend_from_slice(bytes);
        header.insert(
            (*name).to_owned(),
            serde_json::json!({ "dtype": dtype, "shape": shape, "data_offsets": [start, data.len()] }),
        );
    }
    raw_safetensors(&serde_json::Value::Object(header).to_string(), &data)
}

/// A safetensors file of a JSON `header` and `data`.
fn raw_safetensors(header: &str, data: &[u8]) -> Vec<u8> {
    let mut out = (header.len() as u64).to_le_bytes().to_vec();
    out.extend(header.as_bytes());
    out.extend(data);
    out
}

/// `image` and `label`, and `scales` of `dtype`.
fn safetensors_with(dtype: &str) -> Vec<u8> {
    safetensors(&[
        ("image", "F32", &[2, 2], &f32s(&[0.0, 1.0, 2.0, 3.0])),
        ("scales", dtype, &[4], &[0x38, 0x40, 0x44, 0x48]),
        ("label", "I64", &[], &i64s(&[7])),
    ])
}

/// A dtype of safetensors' (the Python library's), but not of tensorspec's.
const FP8: &str = "F8_E4M3";
/// A dtype not even the safetensors crate knows: its parser refuses the whole header.
const UNKNOWN_TO_THE_CRATE: &str = "F8_E3M4";

#[test]
fn safetensors_fp8_tensors_are_skipped_when_ignored() {
    for dtype in [FP8, UNKNOWN_TO_THE_CRATE] {
        let file = safetensors_with(dtype);
        let read: Sample = read_safetensors(&file, &ReadOptions::new().ignore_unexpected())
            .unwrap_or_else(|error| panic!("{dtype}: {error}"));
        assert_eq!(read, sample());
    }
}

#[test]
fn safetensors_fp8_tensors_are_unexpected_when_not_ignored() {
    for dtype in [FP8, UNKNOWN_TO_THE_CRATE] {
        let file = safetensors_with(dtype);
        let error = read_safetensors::<Sample>(&file, &ReadOptions::new()).unwrap_err();
        assert!(matches!(error, ReadError::Invalid(_)), "{dtype}: {error:?}");
        assert_eq!(
            error.to_string(),
            "tensor `scales`: unexpected: no field of the spec has this name"
        );
    }
}

#[test]
fn safetensors_files_of_samples_skip_them_too() {
    for dtype in [FP8, UNKNOWN_TO_THE_CRATE] {
        let file = safetensors(&[
            ("scales", dtype, &[3, 2], &[1; 6]),
            ("image", "F32", &[3, 2, 2], &f32s(&[0.5; 12])),
            ("label", "I64", &[3], &i64s(&[0, 1, 2])),
        ]);
        let samples: Vec<Sample> =
            read_safetensors_samples(&file, &ReadOptions::new().ignore_unexpected()).unwrap();
        assert_eq!(samples.len(), 3, "{dtype}");
        assert_eq!(samples[1].label, 1);

        let error = read_safetensors_samples::<Sample>(&file, &ReadOptions::new()).unwrap_err();
        assert_eq!(
            error.to_string(),
            "sample 0: tensor `scales`: unexpected: no field of the spec has this name"
        );
    }
}

#[test]
fn an_unknown_safetensors_dtype_a_field_asks_for_is_an_error_naming_it() {
    #[derive(Debug, TensorSpec)]
    struct Scaled {
        #[tensor(dtype = f32, shape = [2, 2])]
        image: Array2<f32>,
        scales: Array1<u8>,
    }
    for dtype in [FP8, UNKNOWN_TO_THE_CRATE] {
        let file = safetensors_with(dtype);
        for options in [ReadOptions::new(), ReadOptions::new().ignore_unexpected()] {
            let error = read_safetensors::<Scaled>(&file, &options).unwrap_err();
            assert!(
                matches!(error, ReadError::UnsupportedDType { ref name, dtype: ref found } if name == "scales" && found == dtype),
                "{dtype}: {error:?}"
            );
            assert_eq!(
                error.to_string(),
                format!("tensor `scales`: unsupported dtype {dtype}")
            );
        }
    }
}

#[test]
fn a_header_with_an_unknown_dtype_is_still_checked() {
    let ignore = ReadOptions::new().ignore_unexpected();
    // One byte short.
    let mut file = safetensors_with(UNKNOWN_TO_THE_CRATE);
    file.pop();
    let error = read_safetensors::<Sample>(&file, &ignore).unwrap_err();
    assert!(
        matches!(
            error,
            ReadError::Malformed {
                format: "safetensors",
                ..
            }
        ),
        "{error:?}"
    );
    // Offsets that overlap.
    let header = format!(
        r#"{{"image":{{"dtype":"F32","shape":[1],"data_offsets":[0,4]}},"scales":{{"dtype":"{UNKNOWN_TO_THE_CRATE}","shape":[4],"data_offsets":[2,6]}}}}"#
    );
    let file = raw_safetensors(&header, &[0; 6]);
    let error = read_safetensors::<Sample>(&file, &ignore).unwrap_err();
    assert!(
        matches!(
            error,
            ReadError::Malformed {
                format: "safetensors",
                ..
            }
        ),
        "{error:?}"
    );
}
