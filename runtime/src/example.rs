//! What `#[derive(TensorSpec)]` generates, shown on an example, so that it can be read here:
//! [`Image`] is declared as below, and the derive made [`ImageBatch`], the methods of `Image`
//! ([`Image::stack`], [`Image::stack_from`], [`Image::stack_padded`]) and of `ImageBatch`
//! ([`ImageBatch::len`], [`ImageBatch::into_samples`]), and the trait impls listed on each.
//! (This module exists in the documentation only.)
//!
//! ```text
//! #[derive(TensorSpec)]
//! #[tensor(batch = ImageBatch)]
//! pub struct Image {
//!     #[tensor(dtype = u8, shape = [H, W, 3])]
//!     pub pixels: Array3<u8>,
//!     #[tensor(shape = [H, W], pad = 255)]
//!     pub mask: Array2<u8>,
//!     #[tensor(shape = [_, 4], pad = -1.0)]
//!     pub boxes: Array2<f32>,
//!     pub label: i64,
//!     #[tensor(skip)]
//!     pub source: String,
//! }
//! ```

use ndarray::{Array2, Array3};

use crate::TensorSpec;

/// An example sample: an image, its mask, its boxes and its label, and where it came from.
#[derive(Clone, Debug, TensorSpec)]
#[tensor(batch = ImageBatch)]
pub struct Image {
    /// The image, `H` rows of `W` RGB pixels.
    #[tensor(dtype = u8, shape = [H, W, 3])]
    pub pixels: Array3<u8>,
    /// A mask of the image's size.
    #[tensor(shape = [H, W], pad = 255)]
    pub mask: Array2<u8>,
    /// Any number of boxes, four coordinates each.
    #[tensor(shape = [_, 4], pad = -1.0)]
    pub boxes: Array2<f32>,
    /// The class.
    pub label: i64,
    /// The file it was read from: not a tensor.
    #[tensor(skip)]
    pub source: String,
}
