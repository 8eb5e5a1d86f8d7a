//! A tensor belongs to a field only by its exact path: with unexpected tensors ignored, a
//! stray tensor whose name merely starts like a field's neither hides an optional field nor
//! makes an optional nested spec present.

use ndarray::Array1;
use tensorspec::{FromTensors, ReadOptions, Tensor, TensorSpec};

#[derive(Debug, PartialEq, TensorSpec)]
struct Inner {
    c: Option<Array1<u8>>,
    x: Array1<u8>,
}

#[derive(Debug, PartialEq, TensorSpec)]
struct Outer {
    b: Option<Inner>,
}

fn read(names: &[&str]) -> Result<Outer, tensorspec::Violations> {
    let tensor = Tensor::from(Array1::from_vec(vec![1u8, 2]));
    let named: Vec<_> = names.iter().map(|name| (*name, tensor.view())).collect();
    Outer::from_tensors_with(named, &ReadOptions::new().ignore_unexpected())
}

#[test]
fn a_stray_tensor_under_an_optional_field_does_not_make_it_missing() {
    // `b.c.d` is not `b.c`: `b.c` is absent, so `None`.
    let outer = read(&["b.x", "b.c.d"]).unwrap();
    let inner = outer.b.unwrap();
    assert_eq!(inner.c, None);
    assert_eq!(inner.x, Array1::from_vec(vec![1, 2]));
}

#[test]
fn a_stray_tensor_named_like_a_nested_spec_does_not_make_it_present() {
    for stray in [
        &["b"][..],
        &["b."],
        &["b.y"],
        &["bb.x"],
        &["b.c.d"],
        &["b.x.y"],
    ] {
        assert_eq!(read(stray).unwrap(), Outer { b: None }, "{stray:?}");
    }
}

#[test]
fn a_nested_spec_is_present_by_any_of_its_own_paths() {
    // Present by `b.c` alone: then `b.x` is missing, an error, never a silent `None`.
    let violations = read(&["b.c"]).unwrap_err();
    assert_eq!(
        violations.to_string(),
        "field `b.x`: missing: no tensor named `b.x`"
    );
    let outer = read(&["b.x", "b.c"]).unwrap();
    assert!(outer.b.unwrap().c.is_some());
}
