//! Element types: the [`DType`] tag and the [`Element`] trait that maps Rust types to it.

use core::fmt;

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
    /// The value, widened.
    fn to_scalar(self) -> Scalar;
    /// The value converted to this type: `None` if it is out of range (or NaN for an
    /// integer); with `saturate`, clamped to the nearest value instead.
    fn from_scalar(value: Scalar, saturate: bool) -> Option<Self>;
}

/// Zero-copy reinterpretation of little-endian bytes, on little-endian machines.
fn cast_pod<T: bytemuck::Pod>(bytes: &[u8]) -> Option<&[T]> {
    if cfg!(target_endian = "little") {
        bytemuck::try_cast_slice(bytes).ok()
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

/// A real value as a float of largest finite magnitude `max`, or clamped to it. Infinities
/// and NaN stay what they are.
fn to_real(value: Scalar, max: f64, saturate: bool) -> Option<f64> {
    let x = match value {
        Scalar::Bool(b) => f64::from(u8::from(b)),
        Scalar::U(x) => x as f64,
        Scalar::I(x) => x as f64,
        Scalar::F(x) | Scalar::C(x, 0.0) => x,
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

/// `read_le`, `write_le` and `cast_slice` of a type with `{from,to}_le_bytes` that is `Pod`.
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

macro_rules! float_repr {
    ($($ty:ty: $to:expr, $from:expr, $max:expr);*) => {
        $(
            impl Repr for $ty {
                le_bytes!($ty);
                fn to_scalar(self) -> Scalar {
                    Scalar::F($to(self))
                }
                fn from_scalar(value: Scalar, saturate: bool) -> Option<Self> {
                    to_real(value, $max, saturate).map($from)
                }
            }
        )*
    };
}

float_repr! {
    f16: f16::to_f64, f16::from_f64, f16::MAX.to_f64();
    bf16: bf16::to_f64, bf16::from_f64, bf16::MAX.to_f64();
    f32: f64::from, |x: f64| x as f32, f64::from(f32::MAX);
    f64: |x: f64| x, |x: f64| x, f64::MAX
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
