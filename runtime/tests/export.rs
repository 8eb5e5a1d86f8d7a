//! `Spec` for other languages: the TensorFlow signature, and JSON with the `serde` feature.

use ndarray::{Array1, Array2, ArrayD};
use tensorspec::TensorSpec;

#[derive(TensorSpec)]
struct Camera {
    #[tensor(dtype = f32, shape = [H, W])]
    depth: Array2<f32>,
    intrinsics: [[f64; 3]; 3],
}

#[derive(TensorSpec)]
struct Rig {
    #[tensor(shape = [4])]
    pose: Array1<f32>,
    left: Camera,
    right: Option<Camera>,
    cloud: ArrayD<half::bf16>,
    #[tensor(shape = [_, 2])]
    tracks: Vec<[num_complex::Complex<f32>; 2]>,
    valid: bool,
}

#[test]
fn the_tensorflow_signature_nests_dicts_and_keeps_every_dim() {
    let expected = "{
    'pose': tf.TensorSpec(shape=(4,), dtype=tf.float32, name='pose'),
    'left': {
        'depth': tf.TensorSpec(shape=(None, None), dtype=tf.float32, name='left.depth'),
        'intrinsics': tf.TensorSpec(shape=(3, 3), dtype=tf.float64, name='left.intrinsics'),
    },
    'right': {
        'depth': tf.TensorSpec(shape=(None, None), dtype=tf.float32, name='right.depth'),
        'intrinsics': tf.TensorSpec(shape=(3, 3), dtype=tf.float64, name='right.intrinsics'),
    },  # optional
    'cloud': tf.TensorSpec(shape=None, dtype=tf.bfloat16, name='cloud'),
    'tracks': tf.TensorSpec(shape=(None, 2), dtype=tf.complex64, name='tracks'),
    'valid': tf.TensorSpec(shape=(), dtype=tf.bool, name='valid'),
}";
    assert_eq!(Rig::spec().to_tensorflow(), expected);
}

#[cfg(feature = "serde")]
mod json {
    use tensorspec::{DimDesc, SpecDesc, TensorSpec};

    use super::Rig;

    #[test]
    fn a_spec_round_trips_through_json() {
        let desc = Rig::spec().describe();
        let json = serde_json::to_string_pretty(&desc).unwrap();
        let back: SpecDesc = serde_json::from_str(&json).unwrap();
        assert_eq!(back, desc);
        let names: Vec<&str> = back.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "pose",
                "left.depth",
                "left.intrinsics",
                "right.depth",
                "right.intrinsics",
                "cloud",
                "tracks",
                "valid"
            ]
        );
        assert_eq!(back.fields[5].dims, None);
        assert_eq!(
            back.fields[6].dims,
            Some(vec![DimDesc::Any, DimDesc::Fixed(2)])
        );
        assert!(back.fields[3].optional);
    }

    #[test]
    fn an_unknown_dtype_is_an_error_not_a_panic() {
        let json =
            r#"{"name":"X","fields":[{"name":"a","dtype":"float128","dims":[],"optional":false}]}"#;
        let error = serde_json::from_str::<SpecDesc>(json).unwrap_err();
        assert!(
            error.to_string().contains("unknown dtype `float128`"),
            "{error}"
        );
        // NumPy names are read as aliases.
        let json = r#"{"name":"X","fields":[{"name":"a","dtype":"float32","dims":["any"],"optional":false}]}"#;
        let desc: SpecDesc = serde_json::from_str(json).unwrap();
        assert_eq!(desc.fields[0].dtype, tensorspec::DType::F32);
    }
}
