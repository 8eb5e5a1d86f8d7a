//! Files: `.npz` made by NumPy (committed fixtures, `tests/data/make_fixtures.py`), and
//! safetensors and `.npz` round trips.

#![cfg(all(feature = "npy", feature = "safetensors"))]

use half::f16;
use ndarray::{Array1, Array2, ArrayView2, array};
use num_complex::Complex;
use tensorspec::{
    Casting, ReadError, ReadOptions, TensorSpec, WriteError, read_npz, read_npz_samples,
    read_safetensors, read_safetensors_samples, write_npz, write_npz_samples, write_safetensors,
    write_safetensors_samples,
};

const UINT8_FEATURES: &[u8] = include_bytes!("data/uint8_features.npz");
const LAYOUTS: &[u8] = include_bytes!("data/layouts.npz");
const SAMPLES: &[u8] = include_bytes!("data/samples.npz");

#[derive(Debug, TensorSpec)]
struct Features {
    #[tensor(dtype = f32, shape = [3])]
    features: Array1<f32>,
}

#[test]
fn a_numpy_uint8_file_is_refused_then_read_with_the_cast_asked_for() {
    let error = read_npz::<Features>(UINT8_FEATURES, &ReadOptions::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `features`: dtype mismatch: expected f32, found u8 (a lossless cast: allow it with `cast`)"
    );
    let cast = ReadOptions::new().cast(Casting::Lossless);
    let sample: Features = read_npz(UINT8_FEATURES, &cast).unwrap();
    assert_eq!(sample.features, array![1.0, 2.0, 255.0]);
}

#[derive(Debug, TensorSpec)]
struct Layouts {
    fortran: Array2<f64>,
    big: Array1<i32>,
    flags: Array1<bool>,
    z: Array1<Complex<f32>>,
    half: Array1<f16>,
}

#[test]
fn numpy_layouts_and_byte_orders_are_read_right() {
    let layouts: Layouts = read_npz(LAYOUTS, &ReadOptions::new()).unwrap();
    assert_eq!(layouts.fortran, array![[0.0, 1.0, 2.0], [3.0, 4.0, 5.0]]);
    assert_eq!(layouts.big, array![1, -2, 3, i32::MAX]);
    assert_eq!(layouts.flags, array![true, false, true]);
    assert_eq!(
        layouts.z,
        array![Complex::new(1.0, 2.0), Complex::new(0.0, -3.5)]
    );
    assert_eq!(
        layouts.half,
        array![f16::from_f32(0.5), f16::from_f32(-2.0)]
    );
}

#[derive(Debug, PartialEq, TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [2, 2])]
    image: Array2<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

#[test]
fn a_file_of_samples_is_read_sample_by_sample() {
    let samples: Vec<Sample> = read_npz_samples(SAMPLES, &ReadOptions::new()).unwrap();
    assert_eq!(samples.len(), 4);
    assert_eq!(samples[3].label, 3);
    assert_eq!(samples[1].image, array![[4.0, 5.0], [6.0, 7.0]]);
    // And written back, in both formats.
    let npz = write_npz_samples(&samples).unwrap();
    assert_eq!(
        read_npz_samples::<Sample>(&npz, &ReadOptions::new()).unwrap(),
        samples
    );
    let st = write_safetensors_samples(&samples).unwrap();
    assert_eq!(
        read_safetensors_samples::<Sample>(&st, &ReadOptions::new()).unwrap(),
        samples
    );
}

#[test]
fn an_invalid_sample_in_a_file_is_named_by_its_index() {
    #[derive(Debug, TensorSpec)]
    struct Wide {
        #[tensor(dtype = f32, shape = [3, 2])]
        image: Array2<f32>,
        label: i64,
    }
    let error = read_npz_samples::<Wide>(SAMPLES, &ReadOptions::new()).unwrap_err();
    assert!(matches!(error, ReadError::InvalidSample { index: 0, .. }));
    assert_eq!(
        error.to_string(),
        "sample 0: field `image`: shape mismatch: expected [3, 2], found [2, 2]"
    );
}

#[test]
fn safetensors_views_borrow_the_files_bytes() {
    #[derive(Debug, TensorSpec)]
    struct Borrowed<'a> {
        #[tensor(dtype = f32, shape = [_, 2])]
        points: ArrayView2<'a, f32>,
    }
    #[derive(Debug, TensorSpec)]
    struct Owned {
        #[tensor(dtype = f32, shape = [_, 2])]
        points: Array2<f32>,
    }
    let bytes = write_safetensors(&Owned {
        points: Array2::from_shape_fn((3, 2), |(r, c)| (r * 2 + c) as f32),
    })
    .unwrap();
    let borrowed: Borrowed<'_> = read_safetensors(&bytes, &ReadOptions::new()).unwrap();
    let start = bytes.as_ptr() as usize;
    let points = borrowed.points.as_ptr() as usize;
    assert!(
        (start..start + bytes.len()).contains(&points),
        "not borrowed"
    );
    assert_eq!(borrowed.points[[2, 1]], 5.0);
}

#[test]
fn dtypes_a_format_cannot_hold_are_write_errors() {
    #[derive(Debug, TensorSpec)]
    struct Wide {
        z: Array1<Complex<f64>>,
        h: Array1<half::bf16>,
    }
    let wide = Wide {
        z: Array1::zeros(1),
        h: Array1::from_elem(1, half::bf16::ONE),
    };
    assert!(matches!(
        write_safetensors(&wide),
        Err(WriteError::UnsupportedDType { ref name, .. }) if name == "z"
    ));
    assert!(matches!(
        write_npz(&wide),
        Err(WriteError::UnsupportedDType { ref name, .. }) if name == "h"
    ));
}

#[test]
fn samples_of_different_shapes_are_not_one_file() {
    #[derive(Debug, TensorSpec)]
    struct Seq {
        #[tensor(shape = [T])]
        tokens: Vec<i64>,
    }
    let error = write_safetensors_samples(&[Seq { tokens: vec![1, 2] }, Seq { tokens: vec![3] }])
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `tokens`: sample 1 has shape [1], but sample 0 has [2]"
    );
}

#[test]
fn unknown_dtypes_are_named_errors() {
    use safetensors::tensor::{Dtype, View};
    use std::borrow::Cow;

    struct Fp8;
    impl View for Fp8 {
        fn dtype(&self) -> Dtype {
            Dtype::F8_E4M3
        }
        fn shape(&self) -> &[usize] {
            &[2]
        }
        fn data(&self) -> Cow<'_, [u8]> {
            Cow::Borrowed(&[1, 2])
        }
        fn data_len(&self) -> usize {
            2
        }
    }
    let bytes = safetensors::serialize([("features", Fp8)], None).unwrap();
    let error = read_safetensors::<Features>(&bytes, &ReadOptions::new()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "tensor `features`: unsupported dtype F8_E4M3"
    );

    // A NumPy string array.
    let mut npy = b"\x93NUMPY\x01\x00".to_vec();
    let header = b"{'descr': '<U4', 'fortran_order': False, 'shape': (1,), }";
    npy.extend((header.len() as u16 + 1).to_le_bytes());
    npy.extend(header);
    npy.push(b'\n');
    npy.extend([0; 16]);
    let error = tensorspec::Tensor::from_npy(&npy).unwrap_err();
    assert_eq!(error.to_string(), "tensor `array`: unsupported dtype <U4");
}

#[test]
fn a_library_error_is_kept_as_the_source_not_flattened_into_a_string() {
    use std::error::Error;

    // Not a zip archive: the zip crate's error is the source, and not repeated above it.
    let error = read_npz::<Features>(b"not a zip archive", &ReadOptions::new()).unwrap_err();
    assert!(
        matches!(error, ReadError::Malformed { format: "npz", .. }),
        "{error:?}"
    );
    let source = error.source().expect("the zip crate's error");
    assert!(!source.to_string().is_empty());
    assert!(!error.to_string().contains(&source.to_string()), "{error}");

    // A header that is not JSON: the safetensors crate's error, as its own type.
    let mut file = 7u64.to_le_bytes().to_vec();
    file.extend_from_slice(b"{nojson");
    let error = read_safetensors::<Features>(&file, &ReadOptions::new()).unwrap_err();
    let source = error.source().expect("the safetensors crate's error");
    assert!(source.is::<safetensors::SafeTensorError>(), "{source:?}");

    // A file shorter than its header says.
    let sample = Features {
        features: Array1::from(vec![1.0, 2.0, 3.0]),
    };
    let mut file = write_safetensors(&sample).unwrap();
    file.pop();
    let error = read_safetensors::<Features>(&file, &ReadOptions::new()).unwrap_err();
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
    let source = error.source().expect("the safetensors crate's error");
    assert!(!error.to_string().contains(&source.to_string()), "{error}");
}
