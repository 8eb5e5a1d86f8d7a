//! Headers NumPy reads, written by `tests/data/make_fixtures.py` (each checked there with
//! `np.load`): byte-order characters on every path, descriptors by name, Fortran order,
//! versions 2 and 3, a header without its final newline, and every float class bit for bit.

#![cfg(feature = "npy")]

use ndarray::{ArrayD, IxDyn, array};
use num_complex::Complex;
use tensorspec::{DType, Element, Tensor};

fn read(name: &str) -> Tensor {
    let path = format!(
        "{}/tests/data/headers/{name}.npy",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    Tensor::from_npy(&bytes).unwrap_or_else(|error| panic!("{name}: {error}"))
}

/// `np.arange(6).reshape(2, 3)` as `E`s.
fn expected<E: Element>(convert: impl Fn(u8) -> E) -> ArrayD<E> {
    array![[0u8, 1, 2], [3, 4, 5]].mapv(convert).into_dyn()
}

fn array<E: Element>(name: &str) -> ArrayD<E> {
    let tensor = read(name);
    assert_eq!(tensor.dtype(), E::DTYPE, "{name}");
    tensor
        .to_array::<E, IxDyn>()
        .unwrap_or_else(|error| panic!("{name}: {error}"))
}

#[test]
fn every_byte_order_character_and_layout_numpy_reads_is_read() {
    assert_eq!(array::<f64>("native_f8_fortran"), expected(f64::from));
    assert_eq!(array::<u32>("bar_u4_fortran"), expected(u32::from));
    assert_eq!(array::<u32>("big_u4_fortran"), expected(u32::from));
    assert_eq!(array::<bool>("b1_fortran"), expected(|x| x != 0));
    assert_eq!(array::<bool>("big_b1"), expected(|x| x != 0));
    assert_eq!(
        array::<Complex<f32>>("big_c8_fortran"),
        expected(|x| Complex::new(f32::from(x), 0.0))
    );
}

#[test]
fn descriptors_by_name_versions_and_a_missing_newline_are_read() {
    assert_eq!(array::<f32>("named_float32"), expected(f32::from));
    assert_eq!(array::<f32>("named_float32_fortran"), expected(f32::from));
    assert_eq!(array::<i64>("big_i8_v2"), expected(i64::from));
    assert_eq!(array::<f32>("f4_v3"), expected(f32::from));
    assert_eq!(array::<i16>("no_newline"), expected(i16::from));
}

#[test]
fn numpys_float_classes_keep_their_bits_both_ways() {
    for (name, dtype, bits) in [
        (
            "f32_classes",
            DType::F32,
            [
                0x7F9B_E821u32,
                0xFFC0_0001,
                0x8000_0000,
                1,
                0x807F_FFFF,
                0x7F80_0000,
            ]
            .iter()
            .flat_map(|b| b.to_le_bytes())
            .collect::<Vec<u8>>(),
        ),
        (
            "f16_classes",
            DType::F16,
            [0x7D01u16, 0xFE01, 0x8000, 1, 0x83FF, 0xFC00]
                .iter()
                .flat_map(|b| b.to_le_bytes())
                .collect(),
        ),
        (
            "c8_classes",
            DType::Complex64,
            [0x7F9B_E821u32, 0x8000_0000, 1, 0xFFC0_0001]
                .iter()
                .flat_map(|b| b.to_le_bytes())
                .collect(),
        ),
    ] {
        let tensor = read(name);
        assert_eq!(
            (tensor.dtype(), tensor.data()),
            (dtype, &bits[..]),
            "{name}"
        );
        // Written back, the file NumPy wrote, byte for byte (both pad headers to 64).
        let path = format!(
            "{}/tests/data/headers/{name}.npy",
            env!("CARGO_MANIFEST_DIR")
        );
        let file = std::fs::read(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
        assert_eq!(tensor.to_npy().unwrap(), file, "{name}");
    }
}

/// NumPy's dtype string (`<f4`, `|b1`, `>c16`) as a dtype tensorspec has, if it has it.
fn numpy_dtype(descr: &str) -> Option<DType> {
    Some(match descr.get(1..)? {
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
    })
}

/// The `.npy` file of a case: the dict padded as NumPy pads it, then zero bytes.
fn case_file(version: u8, newline: bool, data: usize, text: &str) -> Vec<u8> {
    let preamble = if version == 1 { 10 } else { 12 };
    let mut header = text.to_owned();
    while (preamble + header.len() + 1) % 64 != 0 {
        header.push(' ');
    }
    header.push(if newline { '\n' } else { ' ' });
    let mut out = b"\x93NUMPY".to_vec();
    out.extend([version, 0]);
    if version == 1 {
        out.extend((header.len() as u16).to_le_bytes());
    } else {
        out.extend((header.len() as u32).to_le_bytes());
    }
    out.extend(header.as_bytes());
    out.extend(vec![0; data]);
    out
}

/// Header variants with NumPy's verdict (`np.load`, written by `make_fixtures.py`): what
/// NumPy reads is read, as the same dtype and shape, unless tensorspec lacks the dtype (then
/// `UnsupportedDType`); what NumPy refuses is refused.
#[test]
fn numpys_verdicts_on_header_variants_are_tensorspecs() {
    let path = format!(
        "{}/tests/data/headers/cases.jsonl",
        env!("CARGO_MANIFEST_DIR")
    );
    let lines = std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{path}: {error}"));
    let mut differ = Vec::new();
    let mut counts = (0, 0, 0);
    for line in lines.lines() {
        let (verdict, version, newline, data, text): (String, u8, bool, usize, String) =
            serde_json::from_str(line).unwrap_or_else(|error| panic!("{line}: {error}"));
        let file = case_file(version, newline, data, &text);
        let ours = Tensor::from_npy(&file);
        let agrees = match verdict.strip_prefix("ok ") {
            Some(numpy) => {
                let (descr, shape) = numpy.split_once(' ').unwrap_or((numpy, ""));
                let shape: Vec<usize> = shape
                    .split(',')
                    .filter(|extent| !extent.is_empty())
                    .map(|extent| extent.parse().unwrap_or(usize::MAX))
                    .collect();
                match (numpy_dtype(descr), &ours) {
                    (Some(dtype), Ok(tensor)) => {
                        counts.0 += 1;
                        tensor.dtype() == dtype && tensor.shape() == shape
                    }
                    (None, Err(tensorspec::ReadError::UnsupportedDType { .. })) => {
                        counts.1 += 1;
                        true
                    }
                    _ => false,
                }
            }
            None => {
                counts.2 += 1;
                ours.is_err()
            }
        };
        if !agrees {
            differ.push(format!(
                "{verdict} but {:?}: {text}",
                ours.map(|t| t.shape().to_vec())
            ));
        }
    }
    println!(
        "{} read as NumPy reads them, {} of dtypes tensorspec lacks, {} refused as NumPy refuses",
        counts.0, counts.1, counts.2
    );
    assert!(
        differ.is_empty(),
        "{} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
