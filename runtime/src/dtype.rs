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
    pub const ALL: [DType; 15] = [
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
pub trait Element: Copy + Default + sealed::Sealed + 'static {
    /// The dtype of this element type.
    const DTYPE: DType;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! elements {
    ($($ty:ty => $dtype:ident,)*) => {
        $(
            impl sealed::Sealed for $ty {}
            impl Element for $ty {
                const DTYPE: DType = DType::$dtype;
            }
        )*
    };
}

elements! {
    bool => Bool,
    u8 => U8,
    u16 => U16,
    u32 => U32,
    u64 => U64,
    i8 => I8,
    i16 => I16,
    i32 => I32,
    i64 => I64,
    f16 => F16,
    bf16 => BF16,
    f32 => F32,
    f64 => F64,
    Complex<f32> => Complex64,
    Complex<f64> => Complex128,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_sizes_match_rust() {
        for dtype in DType::ALL {
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
