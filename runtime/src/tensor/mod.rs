//! Tensors whose dtype and shape are known only at run time: [`Tensor`] (owned) and
//! [`TensorView`] (borrowed, for reading files without copying). Data is little-endian, in
//! standard (row-major) order.

pub mod cast;

use core::fmt;
use std::error::Error;

use ndarray::{Array, ArrayBase, ArrayView, Data, Dimension};

use crate::dtype::{DType, Element};
use cast::{CastError, Casting};

/// Why bytes are not a tensor, or a tensor not the array asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum TensorError {
    /// The data's length is not the shape's element count times the dtype's size, or the
    /// product of its non-zero extents and the dtype's size exceeds `isize::MAX`.
    Length {
        /// The dtype.
        dtype: DType,
        /// The shape.
        shape: Vec<usize>,
        /// The bytes the shape needs, `None` if no memory can be that large.
        expected: Option<usize>,
        /// The bytes given.
        found: usize,
    },
    /// A `bool` tensor with a byte other than 0 or 1.
    Bool {
        /// The element's position, in standard order.
        index: usize,
        /// The byte.
        value: u8,
    },
    /// The tensor's rank is not the array type's.
    Rank {
        /// The array type's rank.
        expected: usize,
        /// The tensor's shape.
        shape: Vec<usize>,
    },
    /// A shape that the field's type cannot have (`[f32; 3]` from a tensor of shape `[4]`).
    Shape {
        /// The tensor's shape.
        shape: Vec<usize>,
        /// The field's type.
        ty: &'static str,
    },
    /// The dtype differs and no cast is allowed, or a value does not fit.
    Cast(CastError),
    /// A zero-size tensor whose rows would take more memory than the read allows
    /// ([`ReadOptions::max_bytes`](crate::ReadOptions::max_bytes)).
    TooLarge {
        /// The tensor's shape.
        shape: Vec<usize>,
        /// The bytes its rows would take, `None` if more than a `usize` counts.
        needed: Option<usize>,
        /// The read's limit.
        limit: usize,
    },
    /// A view was asked for, but the data cannot be borrowed as the element type: a
    /// different dtype (a cast must copy) or data not aligned for it.
    Borrow {
        /// The element type asked for.
        expected: DType,
        /// The tensor's dtype.
        found: DType,
    },
}

impl fmt::Display for TensorError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Length {
                dtype,
                shape,
                expected,
                found,
            } => write!(
                f,
                "{dtype} tensor of shape {shape:?}: {found} bytes of data, but the shape needs {}",
                expected_bytes(expected)
            ),
            Self::Bool { index, value } => write!(
                f,
                "bool tensor: byte {value} at element {index} is neither 0 nor 1"
            ),
            Self::Rank { expected, shape } => write!(
                f,
                "rank mismatch: expected rank {expected}, found shape {shape:?}"
            ),
            Self::Shape { shape, ty } => write!(f, "shape {shape:?} cannot be a `{ty}`"),
            Self::Cast(error) => fmt::Display::fmt(error, f),
            Self::TooLarge {
                shape,
                needed,
                limit,
            } => write!(
                f,
                "shape {shape:?}: its rows would take {} bytes, past the read's limit of {limit} (`ReadOptions::max_bytes`)",
                expected_bytes(needed)
            ),
            Self::Borrow { expected, found } => write!(
                f,
                "cannot borrow {found} data as {expected}: {}",
                if found == expected {
                    "the data is not aligned for it"
                } else {
                    "a cast makes a copy"
                }
            ),
        }
    }
}

// A cast error is the tensor error itself (its message, not its cause): no `source`.
impl Error for TensorError {}

impl From<CastError> for TensorError {
    fn from(error: CastError) -> Self {
        Self::Cast(error)
    }
}

fn expected_bytes(expected: &Option<usize>) -> String {
    match expected {
        Some(bytes) => bytes.to_string(),
        None => "more than memory can hold".to_owned(),
    }
}

/// The bytes of a tensor of `dtype` and `shape`, if memory can hold it: the product of the
/// non-zero extents, times the dtype's size, at most `isize::MAX` (ndarray's rule, and
/// Rust's largest allocation). Every axis counts whatever its order: `[0, 2^63, 2^63]` is
/// refused as `[2^63, 2^63, 0]` is, and so is any extent of `usize::MAX`.
pub(crate) fn byte_len(dtype: DType, shape: &[usize]) -> Option<usize> {
    let limit = isize::MAX.unsigned_abs();
    let nonzero = shape
        .iter()
        .filter(|&&extent| extent != 0)
        .try_fold(dtype.size_of(), |bytes, &extent| bytes.checked_mul(extent))
        .filter(|&bytes| bytes <= limit)?;
    Some(if shape.contains(&0) { 0 } else { nonzero })
}

/// Checks that `data` is a tensor of `dtype` and `shape`.
fn check(dtype: DType, shape: &[usize], data: &[u8]) -> Result<(), TensorError> {
    let expected = byte_len(dtype, shape);
    if expected != Some(data.len()) {
        return Err(TensorError::Length {
            dtype,
            shape: shape.to_vec(),
            expected,
            found: data.len(),
        });
    }
    if dtype == DType::Bool {
        if let Some((index, &value)) = data.iter().enumerate().find(|(_, b)| **b > 1) {
            return Err(TensorError::Bool { index, value });
        }
    }
    Ok(())
}

/// An owned tensor of any dtype: a dtype tag, a shape, and little-endian data.
///
/// ```
/// use ndarray::array;
/// use tensorspec::{DType, Tensor};
///
/// let tensor = Tensor::from(array![[1u8, 2], [3, 4]]);
/// assert_eq!((tensor.dtype(), tensor.shape()), (DType::U8, &[2, 2][..]));
/// let back: ndarray::Array2<u8> = tensor.to_array().unwrap();
/// assert_eq!(back, array![[1, 2], [3, 4]]);
/// assert!(tensor.to_array::<f32, ndarray::Ix2>().is_err()); // never converted silently
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tensor {
    dtype: DType,
    shape: Vec<usize>,
    data: Vec<u8>,
}

/// A borrowed tensor of any dtype: what a file reader hands out without copying.
///
/// ```
/// use tensorspec::{DType, TensorView};
///
/// let bytes = [0u8, 0, 128, 63, 0, 0, 0, 64]; // 1.0f32, 2.0f32, little-endian
/// let view = TensorView::new(DType::F32, vec![2], &bytes).unwrap();
/// assert_eq!(view.to_array::<f32, ndarray::Ix1>().unwrap(), ndarray::array![1.0, 2.0]);
/// assert!(TensorView::new(DType::F32, vec![3], &bytes).is_err());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TensorView<'a> {
    dtype: DType,
    shape: Vec<usize>,
    data: &'a [u8],
}

impl Tensor {
    /// A tensor of `dtype` and `shape` holding `data`, checked: its length must be the
    /// shape's element count times the dtype's size, and a `bool` tensor's bytes 0 or 1.
    /// A shape memory cannot hold is refused whatever the order of its axes (the product of
    /// its non-zero extents times the dtype's size must be at most `isize::MAX`, as ndarray
    /// requires): `[0, 2^63, 2^63]` as `[2^63, 2^63, 0]`, and any extent of `usize::MAX`.
    ///
    /// ```
    /// use tensorspec::{DType, Tensor};
    ///
    /// assert!(Tensor::new(DType::U8, vec![0, usize::MAX, usize::MAX], vec![]).is_err());
    /// assert!(Tensor::new(DType::U8, vec![usize::MAX, usize::MAX, 0], vec![]).is_err());
    /// assert!(Tensor::new(DType::U8, vec![0, 1 << 40], vec![]).is_ok());
    /// ```
    pub fn new(dtype: DType, shape: Vec<usize>, data: Vec<u8>) -> Result<Self, TensorError> {
        check(dtype, &shape, &data)?;
        Ok(Tensor { dtype, shape, data })
    }

    /// The tensor of an ndarray array of any layout, copied in standard order.
    pub fn from_array<S, D, E>(array: &ArrayBase<S, D>) -> Self
    where
        S: Data<Elem = E>,
        D: Dimension,
        E: Element,
    {
        let mut data = Vec::with_capacity(array.len() * E::DTYPE.size_of());
        match array.as_slice() {
            Some(elements) => E::extend_le(elements, &mut data),
            None => {
                for &element in array {
                    element.write_le(&mut data);
                }
            }
        }
        Tensor {
            dtype: E::DTYPE,
            shape: array.shape().to_vec(),
            data,
        }
    }

    /// The dtype.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The data: little-endian elements in standard order.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// A borrowed view of it.
    pub fn view(&self) -> TensorView<'_> {
        TensorView {
            dtype: self.dtype,
            shape: self.shape.clone(),
            data: &self.data,
        }
    }

    /// The tensor as an array of element type `E` and dimension `D`: the dtype must be `E`'s.
    pub fn to_array<E: Element, D: Dimension>(&self) -> Result<Array<E, D>, TensorError> {
        self.view().to_array()
    }
}

impl<E: Element, D: Dimension> From<Array<E, D>> for Tensor {
    fn from(array: Array<E, D>) -> Self {
        Tensor::from_array(&array)
    }
}

impl<'a> TensorView<'a> {
    /// A view of `data` as a tensor of `dtype` and `shape`, checked as [`Tensor::new`].
    pub fn new(dtype: DType, shape: Vec<usize>, data: &'a [u8]) -> Result<Self, TensorError> {
        check(dtype, &shape, data)?;
        Ok(TensorView { dtype, shape, data })
    }

    /// The dtype.
    pub fn dtype(&self) -> DType {
        self.dtype
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// The data: little-endian elements in standard order.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// An owned copy.
    pub fn to_tensor(&self) -> Tensor {
        Tensor {
            dtype: self.dtype,
            shape: self.shape.clone(),
            data: self.data.to_vec(),
        }
    }

    /// The elements as `E`s, converted as `casting` allows ([`Casting::Exact`]: the dtype
    /// must be `E`'s).
    pub fn to_vec<E: Element>(&self, casting: Casting) -> Result<Vec<E>, TensorError> {
        Ok(cast::convert(self.data, self.dtype, &self.shape, casting)?)
    }

    /// The tensor as an array of `E` and dimension `D` (copied; the dtype must be `E`'s).
    pub fn to_array<E: Element, D: Dimension>(&self) -> Result<Array<E, D>, TensorError> {
        self.to_array_cast(Casting::Exact)
    }

    /// The same, converting the dtype as `casting` allows.
    pub fn to_array_cast<E: Element, D: Dimension>(
        &self,
        casting: Casting,
    ) -> Result<Array<E, D>, TensorError> {
        let dim = self.dimension::<D>()?;
        let elements = self.to_vec(casting)?;
        Array::from_shape_vec(dim, elements).map_err(|_| self.rank_error::<D>())
    }

    /// The tensor as an array view of `E`, without copying: the dtype must be `E`'s, and the
    /// data aligned for `E` (on a big-endian machine, never).
    ///
    /// ```
    /// use tensorspec::{DType, TensorView};
    ///
    /// let data: Vec<u8> = vec![1, 0, 1];
    /// let view = TensorView::new(DType::Bool, vec![3], &data).unwrap();
    /// let array = view.as_array::<bool, ndarray::Ix1>().unwrap();
    /// assert_eq!(array, ndarray::array![true, false, true]);
    /// ```
    pub fn as_array<E: Element, D: Dimension>(&self) -> Result<ArrayView<'a, E, D>, TensorError> {
        if self.dtype != E::DTYPE {
            return Err(TensorError::Borrow {
                expected: E::DTYPE,
                found: self.dtype,
            });
        }
        let dim = self.dimension::<D>()?;
        let elements = E::cast_slice(self.data).ok_or(TensorError::Borrow {
            expected: E::DTYPE,
            found: self.dtype,
        })?;
        ArrayView::from_shape(dim, elements).map_err(|_| self.rank_error::<D>())
    }

    /// The sub-tensor at `index` along the first axis (a sample of a batch), without copying.
    pub fn index_first(&self, index: usize) -> Option<TensorView<'a>> {
        let (&rows, rest) = self.shape.split_first()?;
        if index >= rows {
            return None;
        }
        let row_bytes = self.data.len() / rows;
        let data = self.data.get(index * row_bytes..(index + 1) * row_bytes)?;
        Some(TensorView {
            dtype: self.dtype,
            shape: rest.to_vec(),
            data,
        })
    }

    fn dimension<D: Dimension>(&self) -> Result<D, TensorError> {
        dimension::<D>(&self.shape).ok_or_else(|| self.rank_error::<D>())
    }

    fn rank_error<D: Dimension>(&self) -> TensorError {
        TensorError::Rank {
            expected: D::NDIM.unwrap_or(self.shape.len()),
            shape: self.shape.clone(),
        }
    }
}

impl<'a> From<&'a Tensor> for TensorView<'a> {
    fn from(tensor: &'a Tensor) -> Self {
        tensor.view()
    }
}

/// The dimension `D` of shape `shape`, if `D` can have its rank.
pub(crate) fn dimension<D: ndarray::Dimension>(shape: &[usize]) -> Option<D> {
    if D::NDIM.is_some_and(|ndim| ndim != shape.len()) {
        return None;
    }
    let mut dim = D::zeros(shape.len());
    dim.slice_mut().copy_from_slice(shape);
    Some(dim)
}
