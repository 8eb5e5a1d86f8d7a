//! Values are bits: exact-dtype reads and writes copy them (NaN payloads, signalling NaNs,
//! -0.0, subnormals and infinities survive every format in both directions), and a lossy
//! cast rounds once, to nearest with ties to even, as `as` does.

#![cfg(all(feature = "npy", feature = "safetensors"))]

use half::{bf16, f16};
use ndarray::Array1;
use num_complex::Complex;
use proptest::prelude::*;
use tensorspec::{
    Casting, DType, Element, FromTensors, ReadOptions, Tensor, TensorSpec, TensorView, read_npz,
    read_safetensors, write_npz, write_safetensors,
};

/// Every class of float, as bits of `bits` width: zeros of both signs, the smallest and
/// largest subnormals, the smallest normal, the largest finite, infinities, quiet and
/// signalling NaNs with payloads, of both signs.
fn classes(bits: u32, mantissa: u32) -> Vec<u64> {
    let sign = 1u64 << (bits - 1);
    let exp = ((1u64 << (bits - 1 - mantissa)) - 1) << mantissa;
    let quiet = 1u64 << (mantissa - 1);
    let base = [
        0,
        1,
        quiet - 1 + quiet,
        1 << mantissa,
        exp - 1,
        exp,
        exp | quiet,
        exp | quiet | 0b1011,
        exp | 1,
        exp | (quiet >> 1) | 0b101,
    ];
    base.iter().flat_map(|&b| [b, b | sign]).collect()
}

/// A tensor of `dtype` whose elements are `values` (each `size` bytes, little-endian).
fn tensor(dtype: DType, values: &[u64], size: usize) -> Tensor {
    let data: Vec<u8> = values
        .iter()
        .flat_map(|v| v.to_le_bytes().into_iter().take(size))
        .collect();
    let len = data.len() / dtype.size_of();
    Tensor::new(dtype, vec![len], data).unwrap_or_else(|error| panic!("{error}"))
}

/// Every float dtype's classes, as tensors: complex ones pair every class with every other.
fn float_tensors() -> Vec<Tensor> {
    let f16s = classes(16, 10);
    let bf16s = classes(16, 7);
    let f32s = classes(32, 23);
    let f64s = classes(64, 52);
    let pairs = |values: &[u64]| -> Vec<u64> {
        values
            .iter()
            .flat_map(|&re| values.iter().flat_map(move |&im| [re, im]))
            .collect()
    };
    vec![
        tensor(DType::F16, &f16s, 2),
        tensor(DType::BF16, &bf16s, 2),
        tensor(DType::F32, &f32s, 4),
        tensor(DType::F64, &f64s, 8),
        tensor(DType::Complex64, &pairs(&f32s), 4),
        tensor(DType::Complex128, &pairs(&f64s), 8),
    ]
}

#[derive(Debug, TensorSpec)]
struct One<E: Element> {
    values: Array1<E>,
}

/// `tensor` read into a `One<E>` through `from_tensors`, and written back.
fn through_struct<E: Element>(tensor: &Tensor) -> Tensor {
    let one = One::<E>::from_tensors([("values", tensor.view())])
        .unwrap_or_else(|error| panic!("{error}"));
    Tensor::from(one.values)
}

/// `tensor` through the npz and safetensors formats as a `One<E>`, where the format holds
/// its dtype.
fn through_files<E: Element>(tensor: &Tensor) -> Vec<(&'static str, Tensor)> {
    let one = One::<E>::from_tensors([("values", tensor.view())])
        .unwrap_or_else(|error| panic!("{error}"));
    let mut out = Vec::new();
    if let Ok(bytes) = write_npz(&one) {
        let back: One<E> =
            read_npz(&bytes, &ReadOptions::new()).unwrap_or_else(|error| panic!("{error}"));
        out.push(("npz", Tensor::from(back.values)));
    }
    if let Ok(bytes) = write_safetensors(&one) {
        let back: One<E> =
            read_safetensors(&bytes, &ReadOptions::new()).unwrap_or_else(|error| panic!("{error}"));
        out.push(("safetensors", Tensor::from(back.values)));
    }
    out
}

#[test]
fn every_float_class_survives_every_format_bit_for_bit() {
    for tensor in float_tensors() {
        let dtype = tensor.dtype();
        // `.npy`, where NumPy has the dtype (not bf16).
        if dtype != DType::BF16 {
            let npy = tensor.to_npy().unwrap();
            assert_eq!(Tensor::from_npy(&npy).unwrap(), tensor, "{dtype} .npy");
        }
        macro_rules! typed {
            ($ty:ty) => {{
                assert_eq!(through_struct::<$ty>(&tensor), tensor, "{dtype} struct");
                for (format, back) in through_files::<$ty>(&tensor) {
                    assert_eq!(back, tensor, "{dtype} {format}");
                }
            }};
        }
        match dtype {
            DType::F16 => typed!(f16),
            DType::BF16 => typed!(bf16),
            DType::F32 => typed!(f32),
            DType::F64 => typed!(f64),
            DType::Complex64 => typed!(Complex<f32>),
            DType::Complex128 => typed!(Complex<f64>),
            _ => unreachable!(),
        }
    }
}

#[test]
fn the_issues_signalling_nan_keeps_its_bits() {
    let bits = 0x7f9b_e821u32;
    let tensor = Tensor::new(DType::F32, vec![1], bits.to_le_bytes().to_vec()).unwrap();
    let back = Tensor::from_npy(&tensor.to_npy().unwrap()).unwrap();
    assert_eq!(back.data(), bits.to_le_bytes());
    let read: Vec<f32> = tensor.view().to_vec(Casting::Exact).unwrap();
    assert_eq!(read[0].to_bits(), bits);
}

/// `values` as a tensor of their dtype, cast to `E` lossily.
fn cast<E: Element, T: Element>(values: &[T]) -> Vec<E> {
    let tensor = Tensor::from(Array1::from_vec(values.to_vec()));
    TensorView::from(&tensor)
        .to_vec(Casting::Lossy)
        .unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn the_issues_integer_rounds_once() {
    let x = 1_058_072_718_152_302_593u64;
    assert_eq!(cast::<f32, u64>(&[x]), [x as f32]);
    assert_eq!((x as f32) as f64, 1.058072752512041e18);
    assert_eq!(cast::<Complex<f32>, u64>(&[x])[0].re, x as f32);
}

/// Whether `rounded` (exact as an f64) is the nearest of `x`'s neighbours in the format,
/// `below` and `above` the representable values next to it, ties to an even `rounded_bits`.
fn is_nearest(x: f64, rounded: f64, below: f64, above: f64, rounded_bits: u16) -> bool {
    // Sterbenz: the differences of values within a factor of two are exact.
    let d = (x - rounded).abs();
    let other = if x > rounded { above } else { below };
    let d_other = (x - other).abs();
    d < d_other || (d == d_other && rounded_bits & 1 == 0) || !other.is_finite()
}

fn f16_nearest(x: f64, r: f16) -> bool {
    let bits = r.to_bits();
    let below = f16::from_bits(bits.wrapping_sub(1)).to_f64();
    let above = f16::from_bits(bits.wrapping_add(1)).to_f64();
    let (below, above) = if r.is_sign_negative() {
        (above, below)
    } else {
        (below, above)
    };
    r.to_f64() == x || is_nearest(x, r.to_f64(), below, above, bits)
}

fn bf16_nearest(x: f64, r: bf16) -> bool {
    let bits = r.to_bits();
    let below = bf16::from_bits(bits.wrapping_sub(1)).to_f64();
    let above = bf16::from_bits(bits.wrapping_add(1)).to_f64();
    let (below, above) = if r.is_sign_negative() {
        (above, below)
    } else {
        (below, above)
    };
    r.to_f64() == x || is_nearest(x, r.to_f64(), below, above, bits)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn integers_round_once_to_every_float(x in any::<u64>(), y in any::<i64>(), shift in 0u32..64) {
        let x = x >> shift;
        let y = y >> shift;
        prop_assert_eq!(cast::<f32, u64>(&[x]), [x as f32]);
        prop_assert_eq!(cast::<f32, i64>(&[y]), [y as f32]);
        prop_assert_eq!(cast::<f64, u64>(&[x]), [x as f64]);
        prop_assert_eq!(cast::<f64, i64>(&[y]), [y as f64]);
        // bf16 holds every u64's magnitude; compare exactly in i128.
        let r = cast::<bf16, u64>(&[x])[0];
        let exact = |v: f64| v as i128;
        let bits = r.to_bits();
        let (below, above) = (bf16::from_bits(bits.wrapping_sub(1)).to_f64(), bf16::from_bits(bits.wrapping_add(1)).to_f64());
        let (d, db, da) = ((i128::from(x) - exact(r.to_f64())).abs(), (i128::from(x) - exact(below)).abs(), (i128::from(x) - exact(above)).abs());
        prop_assert!(bits == 0 || (d <= db && d <= da && (d < db.min(da) || bits & 1 == 0)), "{x} -> {r}");
        if x <= 65504 {
            let r = cast::<f16, u64>(&[x])[0];
            prop_assert!(f16_nearest(x as f64, r), "{x} -> {r}");
        }
    }

    #[test]
    fn floats_round_once_to_narrower_floats(bits in any::<u64>(), scale in -40i32..40) {
        let x = f64::from_bits(bits);
        prop_assume!(x.is_finite());
        // Also values near the narrow formats' ranges, subnormals included.
        let x = if scale == 0 { x } else { (x.fract() + 1.0) * 2f64.powi(scale) };
        if x.abs() <= f64::from(f32::MAX) {
            prop_assert_eq!(cast::<f32, f64>(&[x])[0].to_bits(), (x as f32).to_bits());
            let r = cast::<bf16, f64>(&[x])[0];
            prop_assert!(bf16_nearest(x, r), "{x} -> {r}");
        }
        if x.abs() <= 65504.0 {
            let r = cast::<f16, f64>(&[x])[0];
            prop_assert!(f16_nearest(x, r), "{x} -> {r} ({:#06x})", r.to_bits());
        }
    }
}
