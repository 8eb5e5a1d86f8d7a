//! Dtype conversions, made only when asked for: [`Casting`] and [`DType::casts_losslessly_to`].
//!
//! tensorspec never converts silently. A lossless cast (every value of the source dtype is
//! exactly a value of the target: `u8` → `f32`, `i32` → `i64`, `bf16` → `f32`) is made when
//! casting is allowed; a lossy one (`f64` → `f32`, `i64` → `i32`, float → integer, signed →
//! unsigned) only when asked for by name, and then a value out of the target's range is an
//! error naming the first offending index, unless saturation is asked for.

use core::fmt;
use std::error::Error;

use crate::dtype::DType;
use crate::dtype::{Element, Repr, Scalar};

/// Which dtype conversions a read may make.
///
/// ```
/// use tensorspec::{Casting, DType};
///
/// assert!(Casting::Lossless.allows(DType::U8, DType::F32));
/// assert!(!Casting::Lossless.allows(DType::F64, DType::F32));
/// assert!(Casting::Lossy.allows(DType::F64, DType::F32));
/// assert!(!Casting::Exact.allows(DType::U8, DType::F32));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Casting {
    /// No conversion: the dtype must be the declared one. The default.
    #[default]
    Exact,
    /// Conversions that keep every value exactly ([`DType::casts_losslessly_to`]).
    Lossless,
    /// Any conversion between real types, and real to complex: a value out of the target's
    /// range (or NaN to an integer) is an error; floats to integers truncate toward zero.
    Lossy,
    /// As `Lossy`, but a value out of range is clamped to the nearest one (NaN to 0).
    Saturating,
}

impl Casting {
    /// Whether a tensor of dtype `from` may be read as `to`.
    pub fn allows(self, from: DType, to: DType) -> bool {
        from == to
            || match self {
                Casting::Exact => false,
                Casting::Lossless => from.casts_losslessly_to(to),
                Casting::Lossy | Casting::Saturating => {
                    // Complex to real would drop the imaginary part: never.
                    !is_complex(from) || is_complex(to)
                }
            }
    }

    /// The more permissive of two: a field's attribute and a call's option.
    pub fn max(self, other: Casting) -> Casting {
        Ord::max(self, other)
    }

    /// Its name in messages and attributes.
    pub const fn name(self) -> &'static str {
        match self {
            Casting::Exact => "exact",
            Casting::Lossless => "lossless",
            Casting::Lossy => "lossy",
            Casting::Saturating => "saturating",
        }
    }
}

fn is_complex(dtype: DType) -> bool {
    matches!(dtype, DType::Complex64 | DType::Complex128)
}

/// The kind and width of a dtype, for the lossless table.
enum Kind {
    Bool,
    /// Unsigned integer of this many bits.
    Unsigned(u32),
    /// Signed integer of this many bits.
    Signed(u32),
    /// A float with this many significand bits (the implicit one included), and whether
    /// its exponent range is at least `f32`'s (bf16, f32, f64).
    Float(u32, bool),
    /// A complex number of two floats with this many significand bits.
    Complex(u32),
}

const fn kind(dtype: DType) -> Kind {
    match dtype {
        DType::Bool => Kind::Bool,
        DType::U8 => Kind::Unsigned(8),
        DType::U16 => Kind::Unsigned(16),
        DType::U32 => Kind::Unsigned(32),
        DType::U64 => Kind::Unsigned(64),
        DType::I8 => Kind::Signed(8),
        DType::I16 => Kind::Signed(16),
        DType::I32 => Kind::Signed(32),
        DType::I64 => Kind::Signed(64),
        DType::F16 => Kind::Float(11, false),
        DType::BF16 => Kind::Float(8, true),
        DType::F32 => Kind::Float(24, true),
        DType::F64 => Kind::Float(53, true),
        DType::Complex64 => Kind::Complex(24),
        DType::Complex128 => Kind::Complex(53),
    }
}

impl DType {
    /// Whether every value of this dtype is exactly a value of `to`: `u8` → `f32`,
    /// `i32` → `i64`, `f16` → `f32`, `f32` → `complex64`. Not `i64` → `f64` (past 2^53),
    /// not `f16` ↔ `bf16` (each has values the other lacks), not signed → unsigned.
    ///
    /// ```
    /// use tensorspec::DType;
    ///
    /// assert!(DType::U8.casts_losslessly_to(DType::F16));
    /// assert!(DType::I32.casts_losslessly_to(DType::F64));
    /// assert!(!DType::I32.casts_losslessly_to(DType::F32));
    /// assert!(!DType::I8.casts_losslessly_to(DType::U8));
    /// assert!(DType::BF16.casts_losslessly_to(DType::F32));
    /// ```
    pub const fn casts_losslessly_to(self, to: DType) -> bool {
        // A float holds every integer of `bits` magnitude bits if its significand is as wide.
        match (kind(self), kind(to)) {
            (Kind::Bool, _) => true,
            (Kind::Unsigned(a), Kind::Unsigned(b)) => a <= b,
            (Kind::Unsigned(a), Kind::Signed(b)) => a < b,
            (Kind::Unsigned(a), Kind::Float(m, _) | Kind::Complex(m)) => a <= m,
            (Kind::Signed(a), Kind::Signed(b)) => a <= b,
            (Kind::Signed(a), Kind::Float(m, _) | Kind::Complex(m)) => a - 1 <= m,
            (Kind::Float(a, wide_a), Kind::Float(b, wide_b)) => a <= b && (wide_b || !wide_a),
            (Kind::Float(a, _), Kind::Complex(b)) => a <= b,
            (Kind::Complex(a), Kind::Complex(b)) => a <= b,
            _ => false,
        }
    }
}

/// Why a tensor could not be read as the wanted dtype.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum CastError {
    /// The dtypes differ and the casting does not allow the conversion.
    NotAllowed {
        /// The tensor's dtype.
        from: DType,
        /// The wanted dtype.
        to: DType,
        /// What was allowed.
        casting: Casting,
    },
    /// A value that the wanted dtype cannot hold.
    OutOfRange {
        /// The tensor's dtype.
        from: DType,
        /// The wanted dtype.
        to: DType,
        /// The value's index: one coordinate per axis.
        index: Vec<usize>,
        /// The value, as text.
        value: String,
    },
}

impl fmt::Display for CastError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::NotAllowed { from, to, casting } => write!(
                f,
                "dtype mismatch: expected {to}, found {from}{}",
                hint(*from, *to, *casting)
            ),
            Self::OutOfRange {
                from,
                to,
                index,
                value,
            } => write!(
                f,
                "value {value} at {index:?} is out of range for {to} (cast from {from})"
            ),
        }
    }
}

impl Error for CastError {}

/// What to ask for to allow a cast.
fn hint(from: DType, to: DType, casting: Casting) -> String {
    if casting == Casting::Exact && from.casts_losslessly_to(to) {
        " (a lossless cast: allow it with `cast`)".to_owned()
    } else if Casting::Lossy.allows(from, to) && casting < Casting::Lossy {
        " (a lossy cast: ask for it with `cast = lossy` or `cast = saturating`)".to_owned()
    } else {
        String::new()
    }
}

/// The elements of `data` (little-endian `from` values, laid out in `shape`) as `E`s.
pub(crate) fn convert<E: Element>(
    data: &[u8],
    from: DType,
    shape: &[usize],
    casting: Casting,
) -> Result<Vec<E>, CastError> {
    let to = E::DTYPE;
    if !casting.allows(from, to) {
        return Err(CastError::NotAllowed { from, to, casting });
    }
    // The same dtype: the bits, copied once (never through a float, which would quieten a
    // signalling NaN). Only a `bool` byte other than 0 or 1 fails, reported below.
    if from == to {
        if let Some(elements) = E::copy_le(data) {
            return Ok(elements);
        }
    }
    let size = from.size_of().max(1);
    let mut out = Vec::with_capacity(data.len() / size);
    let saturate = casting == Casting::Saturating;
    for (flat, bytes) in data.chunks_exact(size).enumerate() {
        let value = match read(from, bytes) {
            Some(value) => value,
            None => {
                return Err(CastError::OutOfRange {
                    from,
                    to,
                    index: unravel(flat, shape),
                    value: format!("{bytes:?} (not a {from})"),
                });
            }
        };
        match E::from_scalar(value, saturate) {
            Some(element) => out.push(element),
            None => {
                return Err(CastError::OutOfRange {
                    from,
                    to,
                    index: unravel(flat, shape),
                    value: value.to_string(),
                });
            }
        }
    }
    Ok(out)
}

/// One element of dtype `dtype` from its little-endian bytes, widened.
fn read(dtype: DType, bytes: &[u8]) -> Option<Scalar> {
    use half::{bf16, f16};
    use num_complex::Complex;
    Some(match dtype {
        DType::Bool => bool::read_le(bytes)?.to_scalar(),
        DType::U8 => u8::read_le(bytes)?.to_scalar(),
        DType::U16 => u16::read_le(bytes)?.to_scalar(),
        DType::U32 => u32::read_le(bytes)?.to_scalar(),
        DType::U64 => u64::read_le(bytes)?.to_scalar(),
        DType::I8 => i8::read_le(bytes)?.to_scalar(),
        DType::I16 => i16::read_le(bytes)?.to_scalar(),
        DType::I32 => i32::read_le(bytes)?.to_scalar(),
        DType::I64 => i64::read_le(bytes)?.to_scalar(),
        DType::F16 => f16::read_le(bytes)?.to_scalar(),
        DType::BF16 => bf16::read_le(bytes)?.to_scalar(),
        DType::F32 => f32::read_le(bytes)?.to_scalar(),
        DType::F64 => f64::read_le(bytes)?.to_scalar(),
        DType::Complex64 => Complex::<f32>::read_le(bytes)?.to_scalar(),
        DType::Complex128 => Complex::<f64>::read_le(bytes)?.to_scalar(),
    })
}

/// The multi-index of flat (standard-order) index `flat` in `shape`.
pub(crate) fn unravel(mut flat: usize, shape: &[usize]) -> Vec<usize> {
    let mut index = vec![0; shape.len()];
    for (slot, &extent) in index.iter_mut().zip(shape).rev() {
        if extent > 0 {
            *slot = flat % extent;
            flat /= extent;
        }
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bytes<E: Element>(values: &[E]) -> Vec<u8> {
        let mut out = Vec::new();
        for &value in values {
            value.write_le(&mut out);
        }
        out
    }

    #[test]
    fn tensorflows_silent_conversions_are_errors_here() {
        // TensorFlow turns int64 2**31 into int32 -2147483648.
        let data = bytes(&[1i64, 1 << 31]);
        let error = convert::<i32>(&data, DType::I64, &[2], Casting::Lossy).unwrap_err();
        assert_eq!(
            error.to_string(),
            "value 2147483648 at [1] is out of range for i32 (cast from i64)"
        );
        // float64 1e300 to inf.
        let data = bytes(&[1e300f64]);
        assert!(convert::<f32>(&data, DType::F64, &[1], Casting::Lossy).is_err());
        assert_eq!(
            convert::<f32>(&data, DType::F64, &[1], Casting::Saturating).unwrap(),
            [f32::MAX]
        );
        // -1 to uint8 255.
        let data = bytes(&[3i64, -1]);
        assert!(matches!(
            convert::<u8>(&data, DType::I64, &[1, 2], Casting::Lossy),
            Err(CastError::OutOfRange { ref index, .. }) if index == &[0, 1]
        ));
        assert_eq!(
            convert::<u8>(&data, DType::I64, &[2], Casting::Saturating).unwrap(),
            [3, 0]
        );
        // uint8 to float32 only when asked.
        let data = bytes(&[7u8, 255]);
        let error = convert::<f32>(&data, DType::U8, &[2], Casting::Exact).unwrap_err();
        assert_eq!(
            error.to_string(),
            "dtype mismatch: expected f32, found u8 (a lossless cast: allow it with `cast`)"
        );
        assert_eq!(
            convert::<f32>(&data, DType::U8, &[2], Casting::Lossless).unwrap(),
            [7.0, 255.0]
        );
    }

    #[test]
    fn lossy_casts_need_their_name() {
        let data = bytes(&[1.5f64]);
        let error = convert::<f32>(&data, DType::F64, &[1], Casting::Lossless).unwrap_err();
        assert!(
            error
                .to_string()
                .ends_with("(a lossy cast: ask for it with `cast = lossy` or `cast = saturating`)")
        );
        assert_eq!(
            convert::<f32>(&data, DType::F64, &[1], Casting::Lossy).unwrap(),
            [1.5]
        );
        assert_eq!(
            convert::<i8>(&data, DType::F64, &[1], Casting::Lossy).unwrap(),
            [1]
        );
        let nan = bytes(&[f64::NAN]);
        assert!(convert::<i8>(&nan, DType::F64, &[1], Casting::Lossy).is_err());
        assert_eq!(
            convert::<i8>(&nan, DType::F64, &[1], Casting::Saturating).unwrap(),
            [0]
        );
        let complex = bytes(&[num_complex::Complex::new(1.0f64, 2.0)]);
        assert!(convert::<f64>(&complex, DType::Complex128, &[1], Casting::Saturating).is_err());
    }

    #[test]
    fn lossless_casts_keep_every_value_of_the_source_type() {
        // Exhaustively for the 8- and 16-bit sources, at the extremes for the others.
        for &from in DType::ALL {
            for &to in DType::ALL {
                if from == to || !from.casts_losslessly_to(to) {
                    continue;
                }
                for value in extremes(from) {
                    let mut data = Vec::new();
                    write_scalar(from, value, &mut data);
                    let back = round_trip(&data, from, to);
                    assert_eq!(back, Some(value), "{from} -> {to} of {value:?}");
                }
            }
        }
    }

    /// Values at the edges of a dtype's range.
    fn extremes(dtype: DType) -> Vec<Scalar> {
        match dtype {
            DType::Bool => vec![Scalar::Bool(false), Scalar::Bool(true)],
            DType::U8 => (0..=255).map(Scalar::U).collect(),
            DType::I8 => (-128..=127).map(Scalar::I).collect(),
            DType::U16 => vec![Scalar::U(0), Scalar::U(u16::MAX.into())],
            DType::I16 => vec![Scalar::I(i16::MIN.into()), Scalar::I(i16::MAX.into())],
            DType::U32 => vec![Scalar::U(u32::MAX.into()), Scalar::U(16_777_217)],
            DType::I32 => vec![Scalar::I(i32::MIN.into()), Scalar::I(16_777_217)],
            DType::U64 => vec![Scalar::U(u64::MAX)],
            DType::I64 => vec![Scalar::I(i64::MIN), Scalar::I(i64::MAX)],
            DType::F16 => vec![
                Scalar::F(half::f16::MAX.to_f64()),
                Scalar::F(half::f16::MIN_POSITIVE_SUBNORMAL.to_f64()),
            ],
            DType::BF16 => vec![
                Scalar::F(half::bf16::MAX.to_f64()),
                Scalar::F(half::bf16::MIN_POSITIVE_SUBNORMAL.to_f64()),
            ],
            DType::F32 => vec![
                Scalar::F(f32::MAX.into()),
                Scalar::F(f32::from_bits(1).into()),
            ],
            DType::F64 => vec![Scalar::F(f64::MAX)],
            DType::Complex64 => vec![Scalar::C(f32::MAX.into(), f32::from_bits(1).into())],
            DType::Complex128 => vec![Scalar::C(f64::MAX, -f64::MAX)],
        }
    }

    fn write_scalar(dtype: DType, value: Scalar, out: &mut Vec<u8>) {
        macro_rules! write {
            ($ty:ty) => {
                <$ty>::from_scalar(value, false).unwrap().write_le(out)
            };
        }
        match dtype {
            DType::Bool => write!(bool),
            DType::U8 => write!(u8),
            DType::U16 => write!(u16),
            DType::U32 => write!(u32),
            DType::U64 => write!(u64),
            DType::I8 => write!(i8),
            DType::I16 => write!(i16),
            DType::I32 => write!(i32),
            DType::I64 => write!(i64),
            DType::F16 => write!(half::f16),
            DType::BF16 => write!(half::bf16),
            DType::F32 => write!(f32),
            DType::F64 => write!(f64),
            DType::Complex64 => write!(num_complex::Complex<f32>),
            DType::Complex128 => write!(num_complex::Complex<f64>),
        }
    }

    /// `data` converted to `to` and back to a scalar of `from`'s kind.
    fn round_trip(data: &[u8], from: DType, to: DType) -> Option<Scalar> {
        macro_rules! back {
            ($ty:ty) => {{
                let converted = convert::<$ty>(data, from, &[1], Casting::Lossless).ok()?;
                <$ty>::to_scalar(*converted.first()?)
            }};
        }
        let widened = match to {
            DType::Bool => back!(bool),
            DType::U8 => back!(u8),
            DType::U16 => back!(u16),
            DType::U32 => back!(u32),
            DType::U64 => back!(u64),
            DType::I8 => back!(i8),
            DType::I16 => back!(i16),
            DType::I32 => back!(i32),
            DType::I64 => back!(i64),
            DType::F16 => back!(half::f16),
            DType::BF16 => back!(half::bf16),
            DType::F32 => back!(f32),
            DType::F64 => back!(f64),
            DType::Complex64 => back!(num_complex::Complex<f32>),
            DType::Complex128 => back!(num_complex::Complex<f64>),
        };
        // Compare in the source's kind: the same number, whatever its representation.
        let as_number = |s: Scalar| match s {
            Scalar::Bool(b) => (f64::from(u8::from(b)), 0.0, i128::from(b)),
            Scalar::U(x) => (x as f64, 0.0, i128::from(x)),
            Scalar::I(x) => (x as f64, 0.0, i128::from(x)),
            Scalar::F(x) => (x, 0.0, x as i128),
            Scalar::C(re, im) => (re, im, re as i128),
        };
        let original = read(from, data)?;
        (as_number(widened) == as_number(original)).then_some(original)
    }
}
