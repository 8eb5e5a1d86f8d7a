//! The messages and sources of the readers' and tensors' errors, variant by variant: they are
//! written by hand (no derive), so each one is pinned here as users read it.

// A test that panics on a wrong result is what a test is.
#![allow(clippy::expect_used)]

use std::error::Error;

use ndarray::{Array1, Array2};
use tensorspec::{
    CastError, Casting, DType, ReadError, StackError, Tensor, TensorError, TensorSpec, WriteError,
};

#[derive(Debug, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = f32, shape = [H, 2])]
    pixels: Array2<f32>,
}

/// A real stacking error: two images whose `H` differs.
fn stack_error() -> StackError {
    let images = [
        Image {
            pixels: Array2::zeros((2, 2)),
        },
        Image {
            pixels: Array2::zeros((3, 2)),
        },
    ];
    Image::stack(&images).expect_err("H differs")
}

/// Real violations: an image of the wrong width.
fn violations() -> tensorspec::Violations {
    Image {
        pixels: Array2::zeros((2, 5)),
    }
    .validate()
    .expect_err("the width is declared 2")
}

#[test]
fn tensor_errors_say_the_dtype_the_shape_and_the_bytes() {
    let length = Tensor::new(DType::F32, vec![2, 3], vec![0; 5]).expect_err("24 bytes needed");
    assert_eq!(
        length.to_string(),
        "f32 tensor of shape [2, 3]: 5 bytes of data, but the shape needs 24"
    );
    let too_long = TensorError::Length {
        dtype: DType::F64,
        shape: vec![usize::MAX, 2],
        expected: None,
        found: 16,
    };
    assert_eq!(
        too_long.to_string(),
        "f64 tensor of shape [18446744073709551615, 2]: 16 bytes of data, but the shape needs \
         more than memory can hold"
    );
    let bool_byte = Tensor::new(DType::Bool, vec![3], vec![0, 1, 7]).expect_err("7 is no bool");
    assert_eq!(
        bool_byte.to_string(),
        "bool tensor: byte 7 at element 2 is neither 0 nor 1"
    );
    let rank = TensorError::Rank {
        expected: 2,
        shape: vec![4],
    };
    assert_eq!(
        rank.to_string(),
        "rank mismatch: expected rank 2, found shape [4]"
    );
    let shape = TensorError::Shape {
        shape: vec![4],
        ty: "[f32; 3]",
    };
    assert_eq!(shape.to_string(), "shape [4] cannot be a `[f32; 3]`");
    let too_large = TensorError::TooLarge {
        shape: vec![0, 1000],
        needed: Some(4000),
        limit: 100,
    };
    assert_eq!(
        too_large.to_string(),
        "shape [0, 1000]: its rows would take 4000 bytes, past the read's limit of 100 \
         (`ReadOptions::max_bytes`)"
    );
    let misaligned = TensorError::Borrow {
        expected: DType::F32,
        found: DType::F32,
    };
    assert_eq!(
        misaligned.to_string(),
        "cannot borrow f32 data as f32: the data is not aligned for it"
    );
    let cast = TensorError::Borrow {
        expected: DType::F32,
        found: DType::U8,
    };
    assert_eq!(
        cast.to_string(),
        "cannot borrow u8 data as f32: a cast makes a copy"
    );
    assert!(length.source().is_none());
}

#[test]
fn a_cast_error_is_the_tensor_error_itself_with_its_hint() {
    let tensor = Tensor::from(Array1::from(vec![1u8, 2]));
    let error = tensor
        .to_array::<f32, ndarray::Ix1>()
        .expect_err("u8 is not f32 without a cast");
    let TensorError::Cast(cast) = &error else {
        panic!("expected a cast error, got {error:?}");
    };
    let message = "dtype mismatch: expected f32, found u8 (a lossless cast: allow it with `cast`)";
    assert_eq!(cast.to_string(), message);
    assert_eq!(error.to_string(), message);
    assert!(error.source().is_none());
    assert_eq!(TensorError::from(cast.clone()), error);

    let lossy = CastError::NotAllowed {
        from: DType::F64,
        to: DType::F32,
        casting: Casting::Lossless,
    };
    assert_eq!(
        lossy.to_string(),
        "dtype mismatch: expected f32, found f64 (a lossy cast: ask for it with `cast = lossy` \
         or `cast = saturating`)"
    );
    let range = CastError::OutOfRange {
        from: DType::I64,
        to: DType::U8,
        index: vec![1, 0],
        value: "300".to_owned(),
    };
    assert_eq!(
        range.to_string(),
        "value 300 at [1, 0] is out of range for u8 (cast from i64)"
    );
}

#[test]
fn read_errors_name_the_tensor_and_keep_the_library_error_as_their_source() {
    let io = std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "end of file");
    let malformed = ReadError::Malformed {
        format: "npz",
        message: "entry `x.npy` is cut short".to_owned(),
        source: Some(Box::new(io)),
    };
    assert_eq!(
        malformed.to_string(),
        "malformed npz data: entry `x.npy` is cut short"
    );
    let source = malformed.source().expect("the I/O error is kept");
    assert_eq!(source.to_string(), "end of file");
    let without = ReadError::Malformed {
        format: "npy",
        message: "no magic string".to_owned(),
        source: None,
    };
    assert!(without.source().is_none());

    let dtype = ReadError::UnsupportedDType {
        name: "x".to_owned(),
        dtype: "F8_E4M3".to_owned(),
    };
    assert_eq!(dtype.to_string(), "tensor `x`: unsupported dtype F8_E4M3");
    let tensor = ReadError::Tensor {
        name: "x".to_owned(),
        error: TensorError::Shape {
            shape: vec![4],
            ty: "[f32; 3]",
        },
    };
    assert_eq!(
        tensor.to_string(),
        "tensor `x`: shape [4] cannot be a `[f32; 3]`"
    );
    assert!(tensor.source().is_none());
    let too_large = ReadError::TooLarge {
        name: "x".to_owned(),
        needed: 4096,
        limit: 1024,
    };
    assert_eq!(
        too_large.to_string(),
        "tensor `x`: needs 4096 bytes beyond the input's, past the read's limit of 1024 \
         (`ReadOptions::max_bytes`)"
    );
    let samples = ReadError::Samples {
        name: "labels".to_owned(),
        found: 3,
        first: "images".to_owned(),
        expected: 4,
    };
    assert_eq!(
        samples.to_string(),
        "tensor `labels` holds 3 samples, but `images` holds 4"
    );

    let report = violations();
    let width = report.to_string();
    assert!(width.contains("pixels"), "{width}");
    assert_eq!(ReadError::Invalid(report.clone()).to_string(), width);
    assert_eq!(
        ReadError::InvalidSample {
            index: 7,
            violations: report.clone(),
        }
        .to_string(),
        format!("sample 7: {width}")
    );
    let row = ReadError::InvalidRow {
        index: 9,
        violations: report,
    };
    assert_eq!(row.to_string(), format!("row 9: {width}"));
    assert!(row.source().is_none());

    let stack = stack_error();
    let message = stack.to_string();
    let error = ReadError::Stack(stack);
    assert_eq!(error.to_string(), message);
    let source = error.source().expect("the stacking error is the source");
    assert!(source.downcast_ref::<StackError>().is_some());
}

#[test]
fn write_errors_name_the_field_and_keep_the_library_error_as_their_source() {
    let report = violations();
    let width = report.to_string();
    assert_eq!(WriteError::Invalid(report).to_string(), width);
    let dtype = WriteError::UnsupportedDType {
        name: "image".to_owned(),
        format: "npy",
        dtype: DType::BF16,
    };
    assert_eq!(
        dtype.to_string(),
        "field `image`: npy cannot hold dtype bf16"
    );
    let shape = WriteError::Shape {
        name: "image".to_owned(),
        index: 2,
        expected: vec![2, 2],
        found: vec![3, 2],
    };
    assert_eq!(
        shape.to_string(),
        "field `image`: sample 2 has shape [3, 2], but sample 0 has [2, 2]"
    );
    assert!(shape.source().is_none());
    let io = std::io::Error::other("disk full");
    let format = WriteError::Format {
        format: "zip",
        message: "cannot finish the archive".to_owned(),
        source: Some(Box::new(io)),
    };
    assert_eq!(format.to_string(), "zip: cannot finish the archive");
    assert_eq!(
        format.source().expect("the I/O error is kept").to_string(),
        "disk full"
    );
}
