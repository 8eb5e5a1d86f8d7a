//! Element types: the [`DType`] tag and the [`Element`] trait that maps Rust types to it.

use core::fmt;

use half::slice::{HalfBitsSliceExt, HalfFloatSliceExt};
use half::vec::{HalfBitsVecExt, HalfFloatVecExt};
use half::{bf16, f16};
use num_complex::Complex;

/// The element type of a tensor, as NumPy, TensorFlow and safetensors name it.
///
/// `Complex64` and `Complex128` are named by their total width, as in NumPy: a
/// `Complex64` holds two `f32`.
///
/// ```
/// use tensorspec::DType;
///
/// assert_eq!(DType::F32.name(), "f32");
/// assert_eq!(DType::Complex64.size_of(), 8);
/// assert_eq!(DType::from_name("bfloat16"), Some(DType::BF16));
/// assert_eq!(DType::BF16.to_string(), "bf16");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum DType {
    /// `bool`
    Bool,
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// [`half::f16`]
    F16,
    /// [`half::bf16`]
    BF16,
    /// `f32`
    F32,
    /// `f64`
    F64,
    /// [`num_complex::Complex<f32>`]
    Complex64,
    /// [`num_complex::Complex<f64>`]
    Complex128,
}

impl DType {
    /// Every dtype, in declaration order.
    ///
    /// ```
    /// assert_eq!(tensorspec::DType::ALL.len(), 15);
    /// ```
    pub const ALL: &'static [DType] = &[
        DType::Bool,
        DType::U8,
        DType::U16,
        DType::U32,
        DType::U64,
        DType::I8,
        DType::I16,
        DType::I32,
        DType::I64,
        DType::F16,
        DType::BF16,
        DType::F32,
        DType::F64,
        DType::Complex64,
        DType::Complex128,
    ];

    /// The name used in `#[tensor(dtype = ...)]` and in messages (`f32`, `complex64`).
    ///
    /// ```
    /// assert_eq!(tensorspec::DType::Complex128.name(), "complex128");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::U8 => "u8",
            DType::U16 => "u16",
            DType::U32 => "u32",
            DType::U64 => "u64",
            DType::I8 => "i8",
            DType::I16 => "i16",
            DType::I32 => "i32",
            DType::I64 => "i64",
            DType::F16 => "f16",
            DType::BF16 => "bf16",
            DType::F32 => "f32",
            DType::F64 => "f64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
        }
    }

    /// Looks a dtype up by its name or by its NumPy/TensorFlow alias (`float32`, `uint8`).
    ///
    /// `c64` is not accepted: Rust crates use it both for `Complex<f32>` and `Complex<f64>`.
    ///
    /// ```
    /// use tensorspec::DType;
    ///
    /// assert_eq!(DType::from_name("int64"), Some(DType::I64));
    /// assert_eq!(DType::from_name("c64"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<DType> {
        Some(match name {
            "bool" => DType::Bool,
            "u8" | "uint8" => DType::U8,
            "u16" | "uint16" => DType::U16,
            "u32" | "uint32" => DType::U32,
            "u64" | "uint64" => DType::U64,
            "i8" | "int8" => DType::I8,
            "i16" | "int16" => DType::I16,
            "i32" | "int32" => DType::I32,
            "i64" | "int64" => DType::I64,
            "f16" | "float16" => DType::F16,
            "bf16" | "bfloat16" => DType::BF16,
            "f32" | "float32" => DType::F32,
            "f64" | "float64" => DType::F64,
            "complex64" => DType::Complex64,
            "complex128" => DType::Complex128,
            _ => return None,
        })
    }

    /// The size of one element in bytes.
    ///
    /// ```
    /// assert_eq!(tensorspec::DType::BF16.size_of(), 2);
    /// ```
    pub const fn size_of(self) -> usize {
        match self {
            DType::Bool | DType::U8 | DType::I8 => 1,
            DType::U16 | DType::I16 | DType::F16 | DType::BF16 => 2,
            DType::U32 | DType::I32 | DType::F32 => 4,
            DType::U64 | DType::I64 | DType::F64 | DType::Complex64 => 8,
            DType::Complex128 => 16,
        }
    }
}

impl fmt::Display for DType {
    /// The [name](DType::name); honours width and alignment (`{:<4}`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// A Rust type that can be the element of a tensor.
///
/// Implemented for `bool`, the integer types, [`half::f16`], [`half::bf16`], `f32`, `f64`,
/// [`num_complex::Complex<f32>`] and [`num_complex::Complex<f64>`]. The trait is sealed: the
/// set of dtypes is the one every tensor format agrees on.
///
/// ```
/// use tensorspec::{DType, Element};
///
/// assert_eq!(<half::bf16 as Element>::DTYPE, DType::BF16);
/// assert_eq!(<num_complex::Complex<f64> as Element>::DTYPE, DType::Complex128);
/// ```
pub trait Element: Copy + Default + Repr + sealed::Sealed + 'static {
    /// The dtype of this element type.
    const DTYPE: DType;
}

mod sealed {
    pub trait Sealed {}
}

/// Calls `$callback!` with every element type and its dtype, `($($ty:ty => $dtype:ident),*)`:
/// the one list of them. Traits of field types are implemented for each element type, not for
/// every `E: Element`: such a blanket impl would overlap those for `Box<F>` and `&[E]` (`Box`
/// and `&` are fundamental, so coherence cannot rule out `Box<F>: Element`).
macro_rules! for_each_element {
    ($callback:ident) => {
        $callback! {
            bool => Bool,
            u8 => U8,
            u16 => U16,
            u32 => U32,
            u64 => U64,
            i8 => I8,
            i16 => I16,
            i32 => I32,
            i64 => I64,
            half::f16 => F16,
            half::bf16 => BF16,
            f32 => F32,
            f64 => F64,
            num_complex::Complex<f32> => Complex64,
            num_complex::Complex<f64> => Complex128
        }
    };
}
pub(crate) use for_each_element;

macro_rules! elements {
    ($($ty:ty => $dtype:ident),*) => {
        $(
            impl sealed::Sealed for $ty {}
            impl Element for $ty {
                const DTYPE: DType = DType::$dtype;
            }
        )*
    };
}

for_each_element!(elements);

/// One element's value, wide enough for any element type: what casts go through.
#[doc(hidden)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scalar {
    /// A `bool`.
    Bool(bool),
    /// An unsigned integer.
    U(u64),
    /// A signed integer.
    I(i64),
    /// A real float.
    F(f64),
    /// A complex float.
    C(f64, f64),
}

impl fmt::Display for Scalar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Scalar::Bool(b) => write!(f, "{b}"),
            Scalar::U(x) => write!(f, "{x}"),
            Scalar::I(x) => write!(f, "{x}"),
            Scalar::F(x) => write!(f, "{x:?}"),
            Scalar::C(re, im) => write!(f, "{re:?}{im:+?}i"),
        }
    }
}

/// How an element type is stored and converted: little-endian bytes, and [`Scalar`].
/// Hidden, and implemented for the element types only (`Element` is sealed).
#[doc(hidden)]
pub trait Repr: Sized {
    /// The element stored in `bytes` (exactly its size), little-endian; `None` for a `bool`
    /// byte other than 0 or 1.
    fn read_le(bytes: &[u8]) -> Option<Self>;
    /// Appends the element's little-endian bytes.
    fn write_le(self, out: &mut Vec<u8>);
    /// `bytes` as elements without copying, if they are aligned (and, for `bool`, all 0 or
    /// 1) and this machine is little-endian.
    fn cast_slice(bytes: &[u8]) -> Option<&[Self]>;
    /// The elements stored in `bytes`, copied bit for bit (one copy on a little-endian
    /// machine, into memory allocated zeroed); `None` if the length is not a multiple of the
    /// size, or for a `bool` byte other than 0 or 1.
    fn copy_le(bytes: &[u8]) -> Option<Vec<Self>>;
    /// Appends the elements' little-endian bytes, bit for bit.
    fn extend_le(values: &[Self], out: &mut Vec<u8>);
    /// The value, widened.
    fn to_scalar(self) -> Scalar;
    /// The value converted to this type: `None` if it is out of range (or NaN for an
    /// integer); with `saturate`, clamped to the nearest value instead.
    fn from_scalar(value: Scalar, saturate: bool) -> Option<Self>;
}

/// An element type's slices and vectors as those of a `bytemuck::Pod` type of the same layout,
/// without a copy: the type itself, but for `f16` and `bf16` their `u16` bits, through half's
/// own casts (half's `bytemuck` feature would build bytemuck's derive into every user's build).
pub(crate) trait AsPod: Copy {
    /// The `Pod` type of the same size, alignment and bits.
    type Pod: bytemuck::Pod;
    /// `pods` as values of this type.
    fn from_pods(pods: &[Self::Pod]) -> &[Self];
    /// `values` as their `Pod` type's.
    fn to_pods(values: &[Self]) -> &[Self::Pod];
    /// `pods` as values of this type, in the same buffer.
    fn from_pod_vec(pods: Vec<Self::Pod>) -> Vec<Self>;
    /// `values` as their `Pod` type's, in the same buffer (Arrow's `bf16` columns are `u16`).
    #[cfg_attr(not(feature = "arrow"), allow(dead_code))]
    fn into_pod_vec(values: Vec<Self>) -> Vec<Self::Pod>;
}

/// `AsPod` of types that are `Pod` themselves.
macro_rules! pod_itself {
    ($($ty:ty),*) => {
        $(
            impl AsPod for $ty {
                type Pod = $ty;
                fn from_pods(pods: &[$ty]) -> &[$ty] {
                    pods
                }
                fn to_pods(values: &[$ty]) -> &[$ty] {
                    values
                }
                fn from_pod_vec(pods: Vec<$ty>) -> Vec<$ty> {
                    pods
                }
                fn into_pod_vec(values: Vec<$ty>) -> Vec<$ty> {
                    values
                }
            }
        )*
    };
}

pod_itself! { u8, u16, u32, u64, i8, i16, i32, i64, f32, f64, Complex<f32>, Complex<f64> }

/// `AsPod` of the 16-bit floats: their bits, `u16`.
macro_rules! pod_bits {
    ($($ty:ty),*) => {
        $(
            impl AsPod for $ty {
                type Pod = u16;
                fn from_pods(pods: &[u16]) -> &[$ty] {
                    pods.reinterpret_cast()
                }
                fn to_pods(values: &[$ty]) -> &[u16] {
                    values.reinterpret_cast()
                }
                fn from_pod_vec(pods: Vec<u16>) -> Vec<$ty> {
                    pods.reinterpret_into()
                }
                fn into_pod_vec(values: Vec<$ty>) -> Vec<u16> {
                    values.reinterpret_into()
                }
            }
        )*
    };
}

pod_bits! { f16, bf16 }

/// Zero-copy reinterpretation of little-endian bytes, on little-endian machines.
fn cast_pod<T: AsPod>(bytes: &[u8]) -> Option<&[T]> {
    if cfg!(target_endian = "little") {
        bytemuck::try_cast_slice(bytes).ok().map(T::from_pods)
    } else {
        None
    }
}

/// A real value as an integer in `[min, max]` (truncating a float toward zero), or clamped.
fn to_integer(value: Scalar, min: i128, max: i128, saturate: bool) -> Option<i128> {
    let clamp = |x: i128| -> Option<i128> {
        if (min..=max).contains(&x) {
            Some(x)
        } else if saturate {
            Some(x.clamp(min, max))
        } else {
            None
        }
    };
    match value {
        Scalar::Bool(b) => Some(i128::from(b)),
        Scalar::U(x) => clamp(i128::from(x)),
        Scalar::I(x) => clamp(i128::from(x)),
        Scalar::F(x) | Scalar::C(x, 0.0) => {
            if x.is_nan() {
                return saturate.then_some(0);
            }
            // `as` truncates toward zero and saturates at i128's bounds, far past any
            // element type's: the range check below is exact.
            clamp(x as i128)
        }
        Scalar::C(..) => None,
    }
}

/// A real value as the nearest value of a float with `bits` significand bits (the implicit
/// one included), smallest normal exponent `min_exp` and largest finite magnitude `max`,
/// exactly as an `f64`; or clamped to `max`. Rounded once, to nearest, ties to even, as `as`
/// rounds: an integer from its exact value (`u64` 1058072718152302593 is the `f32`
/// 1.058072752512041e18, not the rounding of its nearest `f64`). Infinities and NaN stay
/// what they are.
fn to_real(value: Scalar, bits: u32, min_exp: i32, max: f64, saturate: bool) -> Option<f64> {
    let x = match value {
        Scalar::Bool(b) => f64::from(u8::from(b)),
        Scalar::U(x) => round_integer(x, bits),
        Scalar::I(x) if x < 0 => -round_integer(x.unsigned_abs(), bits),
        Scalar::I(x) => round_integer(x.unsigned_abs(), bits),
        Scalar::F(x) | Scalar::C(x, 0.0) => round_float(x, bits, min_exp),
        Scalar::C(..) => return None,
    };
    if !x.is_finite() || x.abs() <= max {
        Some(x)
    } else if saturate {
        Some(x.clamp(-max, max))
    } else {
        None
    }
}

/// `2^exp`, for `exp` in the normal range of `f64`.
fn power_of_two(exp: i32) -> f64 {
    let biased = u64::try_from(exp.saturating_add(1023).clamp(1, 2046)).unwrap_or(1023);
    f64::from_bits(biased << 52)
}

/// An integer's `magnitude` rounded once to `bits` significant bits: exact as an `f64`.
fn round_integer(magnitude: u64, bits: u32) -> f64 {
    let width = u64::BITS - magnitude.leading_zeros();
    let Some(shift) = width.checked_sub(bits).filter(|&shift| shift > 0) else {
        // At most `bits` (at most 53) significant bits: exact.
        return magnitude as f64;
    };
    let kept = magnitude >> shift;
    let rest = magnitude & ((1u64 << shift) - 1);
    let half = 1u64 << (shift - 1);
    let kept = if rest > half || (rest == half && kept & 1 == 1) {
        kept + 1
    } else {
        kept
    };
    // `kept` has at most `bits + 1` bits, and the scaling is by a power of two: exact.
    kept as f64 * power_of_two(shift as i32)
}

/// `x` rounded once to a float of `bits` significand bits whose smallest normal exponent is
/// `min_exp` (below it, subnormal spacing): exact as an `f64`.
fn round_float(x: f64, bits: u32, min_exp: i32) -> f64 {
    if bits >= f64::MANTISSA_DIGITS || !x.is_finite() || x == 0.0 {
        return x;
    }
    // The exponent of `x` (of 2^-1023 for the subnormals of `f64`, far below any target's).
    let exp = i32::from(((x.to_bits() >> 52) & 0x7ff) as u16) - 1023;
    let quantum = power_of_two(exp.max(min_exp) - (bits as i32 - 1));
    // Both scalings are by powers of two and exact; the one rounding is `round_ties_even`.
    (x / quantum).round_ties_even() * quantum
}

/// `Repr::copy_le` of an `AsPod` type: one copy on a little-endian machine.
fn copy_pod<T: AsPod + Repr>(bytes: &[u8]) -> Option<Vec<T>> {
    let size = size_of::<T>();
    if bytes.len() % size != 0 {
        return None;
    }
    if cfg!(target_endian = "little") {
        let mut out: Vec<T::Pod> = bytemuck::zeroed_vec(bytes.len() / size);
        bytemuck::cast_slice_mut::<T::Pod, u8>(&mut out).copy_from_slice(bytes);
        Some(T::from_pod_vec(out))
    } else {
        bytes.chunks_exact(size).map(T::read_le).collect()
    }
}

/// `Repr::extend_le` of an `AsPod` type: one copy on a little-endian machine.
fn extend_pod<T: AsPod + Repr>(values: &[T], out: &mut Vec<u8>) {
    if cfg!(target_endian = "little") {
        out.extend_from_slice(bytemuck::cast_slice(T::to_pods(values)));
    } else {
        out.reserve(size_of_val(values));
        for &value in values {
            value.write_le(out);
        }
    }
}

/// `read_le`, `write_le`, `cast_slice`, `copy_le` and `extend_le` of a type with
/// `{from,to}_le_bytes` that is `AsPod`.
macro_rules! le_bytes {
    ($ty:ty) => {
        fn read_le(bytes: &[u8]) -> Option<Self> {
            Some(<$ty>::from_le_bytes(bytes.try_into().ok()?))
        }
        fn write_le(self, out: &mut Vec<u8>) {
            out.extend_from_slice(&self.to_le_bytes());
        }
        fn cast_slice(bytes: &[u8]) -> Option<&[Self]> {
            cast_pod(bytes)
        }
        fn copy_le(bytes: &[u8]) -> Option<Vec<Self>> {
            copy_pod(bytes)
        }
        fn extend_le(values: &[Self], out: &mut Vec<u8>) {
            extend_pod(values, out)
        }
    };
}

macro_rules! integer_repr {
    ($($ty:ty => $variant:ident),*) => {
        $(
            impl Repr for $ty {
                le_bytes!($ty);
                #[allow(clippy::cast_lossless)]
                fn to_scalar(self) -> Scalar {
                    Scalar::$variant(self as _)
                }
                fn from_scalar(value: Scalar, saturate: bool) -> Option<Self> {
                    let x = to_integer(value, <$ty>::MIN as i128, <$ty>::MAX as i128, saturate)?;
                    <$ty>::try_from(x).ok()
                }
            }
        )*
    };
}

integer_repr!(u8 => U, u16 => U, u32 => U, u64 => U, i8 => I, i16 => I, i32 => I, i64 => I);

impl Repr for bool {
    fn read_le(bytes: &[u8]) -> Option<Self> {
        match bytes {
            [0] => Some(false),
            [1] => Some(true),
            _ => None,
        }
    }
    fn write_le(self, out: &mut Vec<u8>) {
        out.push(u8::from(self));
    }
    fn cast_slice(bytes: &[u8]) -> Option<&[Self]> {
        bytemuck::checked::try_cast_slice(bytes).ok()
    }
    fn copy_le(bytes: &[u8]) -> Option<Vec<Self>> {
        bytes.iter().map(|&byte| bool::read_le(&[byte])).collect()
    }
    fn extend_le(values: &[Self], out: &mut Vec<u8>) {
        out.extend(values.iter().map(|&value| u8::from(value)));
    }
    fn to_scalar(self) -> Scalar {
        Scalar::Bool(self)
    }
    fn from_scalar(value: Scalar, saturate: bool) -> Option<Self> {
        match value {
            Scalar::Bool(b) => Some(b),
            Scalar::C(_, im) if im != 0.0 => None,
            other => {
                let zero = match other {
                    Scalar::U(x) => x == 0,
                    Scalar::I(x) => x == 0,
                    Scalar::F(x) | Scalar::C(x, _) => x == 0.0,
                    Scalar::Bool(b) => !b,
                };
                let one = match other {
                    Scalar::U(x) => x == 1,
                    Scalar::I(x) => x == 1,
                    Scalar::F(x) | Scalar::C(x, _) => x == 1.0,
                    Scalar::Bool(b) => b,
                };
                if zero || one {
                    Some(one)
                } else {
                    saturate.then_some(true)
                }
            }
        }
    }
}

/// Float element types: `$to` widens exactly, `$from` converts a value `to_real` has already
/// rounded to the type (so exactly: half's own `from_f64` rounds twice on some machines).
macro_rules! float_repr {
    ($($ty:ty: $to:expr, $from:expr, bits $bits:expr, min_exp $min_exp:expr, $max:expr);*) => {
        $(
            impl Repr for $ty {
                le_bytes!($ty);
                fn to_scalar(self) -> Scalar {
                    Scalar::F($to(self))
                }
                fn from_scalar(value: Scalar, saturate: bool) -> Option<Self> {
                    to_real(value, $bits, $min_exp, $max, saturate).map($from)
                }
            }
        )*
    };
}

float_repr! {
    f16: f16::to_f64, f16::from_f64, bits 11, min_exp -14, f16::MAX.to_f64();
    bf16: bf16::to_f64, bf16::from_f64, bits 8, min_exp -126, bf16::MAX.to_f64();
    f32: f64::from, |x: f64| x as f32, bits 24, min_exp -126, f64::from(f32::MAX);
    f64: |x: f64| x, |x: f64| x, bits 53, min_exp -1022, f64::MAX
}

macro_rules! complex_repr {
    ($($part:ty),*) => {
        $(
            impl Repr for Complex<$part> {
                fn read_le(bytes: &[u8]) -> Option<Self> {
                    let (re, im) = bytes.split_at_checked(size_of::<$part>())?;
                    Some(Complex::new(<$part>::read_le(re)?, <$part>::read_le(im)?))
                }
                fn write_le(self, out: &mut Vec<u8>) {
                    self.re.write_le(out);
                    self.im.write_le(out);
                }
                fn cast_slice(bytes: &[u8]) -> Option<&[Self]> {
                    cast_pod(bytes)
                }
                fn copy_le(bytes: &[u8]) -> Option<Vec<Self>> {
                    copy_pod(bytes)
                }
                fn extend_le(values: &[Self], out: &mut Vec<u8>) {
                    extend_pod(values, out)
                }
                fn to_scalar(self) -> Scalar {
                    Scalar::C(f64::from(self.re), f64::from(self.im))
                }
                fn from_scalar(value: Scalar, saturate: bool) -> Option<Self> {
                    let (re, im) = match value {
                        Scalar::C(re, im) => (Scalar::F(re), Scalar::F(im)),
                        real => (real, Scalar::F(0.0)),
                    };
                    Some(Complex::new(
                        <$part>::from_scalar(re, saturate)?,
                        <$part>::from_scalar(im, saturate)?,
                    ))
                }
            }
        )*
    };
}

complex_repr!(f32, f64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_sizes_match_rust() {
        for &dtype in DType::ALL {
            assert_eq!(DType::from_name(dtype.name()), Some(dtype));
        }
        fn size<T: Element>() -> (DType, usize) {
            (T::DTYPE, core::mem::size_of::<T>())
        }
        for (dtype, size) in [
            size::<bool>(),
            size::<u8>(),
            size::<u16>(),
            size::<u32>(),
            size::<u64>(),
            size::<i8>(),
            size::<i16>(),
            size::<i32>(),
            size::<i64>(),
            size::<f16>(),
            size::<bf16>(),
            size::<f32>(),
            size::<f64>(),
            size::<Complex<f32>>(),
            size::<Complex<f64>>(),
        ] {
            assert_eq!(dtype.size_of(), size, "{dtype}");
        }
    }

    #[test]
    fn half_floats_are_read_and_written_as_their_bits() {
        // NaNs with payloads (signalling and quiet, both signs), -0.0, a subnormal, infinity.
        let words: Vec<u16> = vec![0x7c01, 0xfe5a, 0x7fc1, 0xff81, 0x8000, 0x0001, 0x7c00];
        let bytes: &[u8] = bytemuck::cast_slice(&words);
        fn check<T: Repr + Copy>(bytes: &[u8], words: &[u16], to_bits: fn(T) -> u16) {
            let bits = |values: &[T]| values.iter().map(|&x| to_bits(x)).collect::<Vec<u16>>();
            let copied = T::copy_le(bytes).unwrap_or_default();
            assert_eq!(bits(&copied), words);
            if cfg!(target_endian = "little") {
                assert_eq!(bits(T::cast_slice(bytes).unwrap_or_default()), words);
            }
            let mut written = Vec::new();
            T::extend_le(&copied, &mut written);
            assert_eq!(written, bytes);
        }
        check(bytes, &words, f16::to_bits);
        check(bytes, &words, bf16::to_bits);
    }

    #[test]
    fn aliases_map_to_the_same_dtype() {
        for (alias, name) in [
            ("uint8", "u8"),
            ("uint16", "u16"),
            ("uint32", "u32"),
            ("uint64", "u64"),
            ("int8", "i8"),
            ("int16", "i16"),
            ("int32", "i32"),
            ("int64", "i64"),
            ("float16", "f16"),
            ("bfloat16", "bf16"),
            ("float32", "f32"),
            ("float64", "f64"),
        ] {
            assert_eq!(DType::from_name(alias), DType::from_name(name));
            assert!(DType::from_name(alias).is_some(), "{alias}");
        }
        assert_eq!(DType::from_name("c64"), None);
        assert_eq!(DType::from_name("c128"), None);
        assert_eq!(DType::from_name("F32"), None);
    }
}
