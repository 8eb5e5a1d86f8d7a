//! `from_tensors` and `to_tensors`: one test per rule, each failing if its rule is removed.

use ndarray::{Array1, Array2, ArrayView2, CowArray, Ix2, array};
use tensorspec::{
    CastError, Casting, FromTensors, ReadOptions, Tensor, TensorError, TensorSpec, TensorView,
    ToTensors, ViolationKind,
};

#[derive(Debug, PartialEq, TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [N, 2])]
    points: Array2<f32>,
    #[tensor(dtype = i64, shape = [N])]
    ids: Array1<i64>,
    #[tensor(dtype = u8, shape = [3])]
    rgb: [u8; 3],
}

fn tensors(points: Tensor, ids: Tensor, rgb: Tensor) -> Vec<(&'static str, Tensor)> {
    vec![("points", points), ("ids", ids), ("rgb", rgb)]
}

fn views<'t>(tensors: &'t [(&'static str, Tensor)]) -> Vec<(&'static str, TensorView<'t>)> {
    tensors.iter().map(|(name, t)| (*name, t.view())).collect()
}

fn report<T: std::fmt::Debug>(result: Result<T, tensorspec::Violations>) -> Vec<String> {
    match result {
        Ok(value) => panic!("expected violations, read {value:?}"),
        Err(violations) => violations.iter().map(ToString::to_string).collect(),
    }
}

fn good() -> Vec<(&'static str, Tensor)> {
    tensors(
        Tensor::from(Array2::<f32>::ones((3, 2))),
        Tensor::from(array![1i64, 2, 3]),
        Tensor::from(array![1u8, 2, 3]),
    )
}

#[test]
fn a_valid_set_of_tensors_is_read_and_written_back() {
    let named = good();
    let sample = Sample::from_tensors(views(&named)).unwrap();
    assert_eq!(sample.rgb, [1, 2, 3]);
    assert_eq!(sample.ids, array![1, 2, 3]);
    let written = sample.to_tensors().unwrap();
    let back: Vec<(&str, Tensor)> = written
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    assert_eq!(back, named);
}

#[test]
fn every_violation_is_reported_at_once() {
    let mut named = tensors(
        Tensor::from(Array2::<u8>::zeros((3, 2))),
        Tensor::from(array![1i64, 2, 3, 4]),
        Tensor::from(array![1u8, 2, 3]),
    );
    named.remove(2);
    named.push(("extra", Tensor::from(array![0.5f64])));
    assert_eq!(
        report(Sample::from_tensors(views(&named))),
        [
            "field `points`: dtype mismatch: expected f32, found u8 (a lossless cast: allow it with `cast`)",
            "field `ids`: shape mismatch: expected [N=3], found [4] (N=3 from `points`)",
            "field `rgb`: missing: no tensor named `rgb`",
            "tensor `extra`: unexpected: no field of the spec has this name",
        ]
    );
    // Unexpected tensors can be ignored.
    named.retain(|(name, _)| *name != "extra");
    let ignoring = ReadOptions::new()
        .ignore_unexpected()
        .cast(Casting::Lossless);
    assert_eq!(
        report(Sample::from_tensors_with(views(&named), &ignoring)).len(),
        2
    );
}

#[test]
fn casts_happen_only_when_asked_and_never_wrap() {
    let named = tensors(
        Tensor::from(Array2::<u8>::from_elem((1, 2), 200)),
        Tensor::from(array![7i64]),
        Tensor::from(array![1i32, 2, 300]),
    );
    // u8 -> f32 is lossless; i32 -> u8 is lossy, and 300 does not fit.
    let lossless = ReadOptions::new().cast(Casting::Lossless);
    let violations = Sample::from_tensors_with(views(&named), &lossless).unwrap_err();
    assert_eq!(violations.len(), 1);
    assert_eq!(
        violations.first().to_string(),
        "field `rgb`: dtype mismatch: expected u8, found i32 (a lossy cast: ask for it with `cast = lossy` or `cast = saturating`)"
    );
    let lossy = ReadOptions::new().cast(Casting::Lossy);
    let violations = Sample::from_tensors_with(views(&named), &lossy).unwrap_err();
    assert!(matches!(
        violations.first().kind(),
        ViolationKind::Tensor(TensorError::Cast(CastError::OutOfRange { index, .. })) if index == &[2]
    ));
    assert_eq!(
        violations.first().to_string(),
        "field `rgb`: value 300 at [2] is out of range for u8 (cast from i32)"
    );
    let saturating = ReadOptions::new().cast(Casting::Saturating);
    let sample = Sample::from_tensors_with(views(&named), &saturating).unwrap();
    assert_eq!(sample.rgb, [1, 2, 255]);
    assert_eq!(sample.points, array![[200.0, 200.0]]);
}

#[test]
fn a_field_attribute_allows_its_own_casts() {
    #[derive(Debug, TensorSpec)]
    struct Casted {
        #[tensor(dtype = f32, cast)]
        lossless: Array1<f32>,
        #[tensor(dtype = i32, cast = lossy)]
        lossy: Array1<i32>,
        #[tensor(dtype = u8, cast = saturating)]
        saturating: Array1<u8>,
        exact: Array1<f64>,
    }
    let named = [
        ("lossless", Tensor::from(array![1u16, 65535])),
        ("lossy", Tensor::from(array![1.9f64, -2.9])),
        ("saturating", Tensor::from(array![-5i64, 500])),
        ("exact", Tensor::from(array![1.0f32])),
    ];
    let read = Casted::from_tensors(named.iter().map(|(n, t)| (*n, t.view())));
    assert_eq!(
        report(read),
        [
            "field `exact`: dtype mismatch: expected f64, found f32 (a lossless cast: allow it with `cast`)"
        ]
    );
    let named = &named[..3];
    #[derive(Debug, TensorSpec)]
    struct Three {
        #[tensor(dtype = f32, cast)]
        lossless: Array1<f32>,
        #[tensor(dtype = i32, cast = lossy)]
        lossy: Array1<i32>,
        #[tensor(dtype = u8, cast = saturating)]
        saturating: Array1<u8>,
    }
    let three = Three::from_tensors(named.iter().map(|(n, t)| (*n, t.view()))).unwrap();
    assert_eq!(three.lossless, array![1.0, 65535.0]);
    assert_eq!(three.lossy, array![1, -2]);
    assert_eq!(three.saturating, array![0, 255]);
}

#[test]
fn view_fields_borrow_the_tensors_data() {
    #[derive(Debug, TensorSpec)]
    struct Borrowed<'a> {
        #[tensor(dtype = f32, shape = [_, 2])]
        points: ArrayView2<'a, f32>,
        #[tensor(dtype = f32)]
        maybe_borrowed: CowArray<'a, f32, Ix2>,
    }
    let points = Tensor::from(Array2::<f32>::ones((4, 2)));
    let other = Tensor::from(Array2::<u8>::ones((4, 2)));
    let named = [("points", points.view()), ("maybe_borrowed", points.view())];
    let borrowed = Borrowed::from_tensors(named).unwrap();
    assert_eq!(
        borrowed.points.as_ptr().cast::<u8>(),
        points.data().as_ptr()
    );
    assert!(borrowed.maybe_borrowed.is_view());
    // A view cannot cast (that needs a copy); a CowArray copies when it must.
    let named = [("points", other.view()), ("maybe_borrowed", other.view())];
    let options = ReadOptions::new().cast(Casting::Lossless);
    let error = Borrowed::from_tensors_with(named, &options).unwrap_err();
    assert_eq!(
        error.to_string(),
        "field `points`: cannot borrow u8 data as f32: a cast makes a copy"
    );
    let named = [("points", points.view()), ("maybe_borrowed", other.view())];
    let owned = Borrowed::from_tensors_with(named, &options).unwrap();
    assert!(owned.maybe_borrowed.is_owned());
}

#[derive(Debug, PartialEq, TensorSpec)]
struct Camera {
    #[tensor(dtype = f32, shape = [H, W])]
    depth: Array2<f32>,
}

#[derive(Debug, PartialEq, TensorSpec)]
struct Rig {
    #[tensor(shape = [H])]
    times: Vec<f64>,
    left: Camera,
    right: Option<Camera>,
    note: Option<Array1<u8>>,
    #[tensor(skip)]
    source: String,
}

#[test]
fn nested_specs_read_their_paths_and_absent_optionals_are_none() {
    let depth = Tensor::from(Array2::<f32>::zeros((2, 3)));
    let times = Tensor::from(array![0.0f64, 1.0]);
    let named = [("times", times.view()), ("left.depth", depth.view())];
    let rig = Rig::from_tensors(named).unwrap();
    assert_eq!(rig.left.depth.shape(), [2, 3]);
    assert_eq!(
        (rig.right, rig.note, rig.source),
        (None, None, String::new())
    );

    let wrong = Tensor::from(
        Array2::<f32>::zeros((2, 4))
            .into_dyn()
            .into_shape_with_order((2, 2, 2))
            .unwrap(),
    );
    let named = [
        ("times", times.view()),
        ("left.depth", depth.view()),
        ("right.depth", wrong.view()),
    ];
    assert_eq!(
        report(Rig::from_tensors(named)),
        ["field `right.depth`: rank mismatch: expected rank 2 [H, W], found rank 3 [2, 2, 2]"]
    );
    let named = [("times", times.view())];
    assert_eq!(
        report(Rig::from_tensors(named)),
        ["field `left.depth`: missing: no tensor named `left.depth`"]
    );
}

#[test]
fn to_tensors_names_nested_fields_by_path_and_skips_absent_ones() {
    let rig = Rig {
        times: vec![0.5],
        left: Camera {
            depth: Array2::zeros((1, 1)),
        },
        right: None,
        note: Some(array![1, 2]),
        source: "cam".to_owned(),
    };
    let tensors = rig.to_tensors().unwrap();
    let names: Vec<&str> = tensors.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["times", "left.depth", "note"]);
    let views: Vec<(String, TensorView<'_>)> =
        tensors.iter().map(|(n, t)| (n.clone(), t.view())).collect();
    let back = Rig::from_tensors(views).unwrap();
    assert_eq!(back.times, rig.times);
    assert_eq!(back.note, rig.note);
}

#[test]
fn a_fixed_size_array_field_refuses_a_tensor_of_another_shape() {
    #[derive(Debug, TensorSpec)]
    struct Rgb {
        rgb: [u8; 3],
    }
    let four = Tensor::from(array![1u8, 2, 3, 4]);
    assert_eq!(
        report(Rgb::from_tensors([("rgb", four.view())])),
        // The spec records the extent the type fixes: the same check as a declared one.
        ["field `rgb`: shape mismatch: expected [3], found [4]"]
    );
}

/// Twenty-five fields, a skipped one among them: more than one tuple of fields is read (a
/// struct's fields are read twelve at a time), each from its own tensor, and every invalid
/// field is reported by its name, those after the twelfth included.
#[derive(Debug, PartialEq, TensorSpec)]
struct Wide {
    f00: i64,
    f01: i64,
    f02: i64,
    f03: i64,
    f04: i64,
    f05: i64,
    f06: i64,
    f07: i64,
    f08: i64,
    f09: i64,
    f10: i64,
    #[tensor(skip)]
    note: String,
    f11: i64,
    f12: i64,
    f13: i64,
    f14: i64,
    f15: i64,
    f16: i64,
    f17: i64,
    f18: i64,
    f19: i64,
    f20: i64,
    f21: i64,
    f22: i64,
    f23: i64,
}

#[test]
fn a_struct_of_many_fields_reads_each_field_from_its_own_tensor() {
    let names: Vec<&'static str> = (0..24).map(|k| &*format!("f{k:02}").leak()).collect();
    let named: Vec<(&'static str, Tensor)> = names
        .iter()
        .enumerate()
        .map(|(k, name)| (*name, Tensor::from(ndarray::arr0(k as i64 * 10))))
        .collect();
    let wide = Wide::from_tensors(views(&named)).unwrap();
    assert_eq!(
        (wide.f00, wide.f10, wide.f11, wide.f22, wide.f23),
        (0, 100, 110, 220, 230)
    );
    assert_eq!(wide.note, "");
    let written = wide.to_tensors().unwrap();
    let back: Vec<(&str, Tensor)> = written
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    assert_eq!(back, named);

    let mut bad = named;
    bad[3].1 = Tensor::from(ndarray::arr0(1u8));
    bad[12].1 = Tensor::from(array![1i64, 2]);
    bad[23].1 = Tensor::from(ndarray::arr0(1.5f32));
    let errors = report(Wide::from_tensors(views(&bad)));
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with("field `f03`: dtype mismatch"),
        "{errors:?}"
    );
    assert!(
        errors[1].starts_with("field `f12`: rank mismatch"),
        "{errors:?}"
    );
    assert!(
        errors[2].starts_with("field `f23`: dtype mismatch"),
        "{errors:?}"
    );
}
