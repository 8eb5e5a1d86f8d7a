//! `T::spec()`: what the derive records, and how a `Spec` reads.

// The structs here exist for their specs: their fields are never read.
#![allow(dead_code)]

use ndarray::{Array1, Array2, Array3, ArrayD};
use tensorspec::{DType, Dim, Spec, TensorSpec};

const IMG_H: usize = 32;

#[derive(TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [3])]
    features: Array1<f32>,
    #[tensor(dtype = f32, shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(dtype = u8, shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(dtype = f32, shape = [_, 4])]
    boxes: Array2<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
    #[tensor(skip)]
    source: String,
}

#[derive(TensorSpec)]
struct Inferred {
    grid: [[u16; 4]; 2],
    rows: Vec<[f64; 3]>,
    any_rank: ArrayD<i8>,
    weight: Option<f32>,
    #[tensor(shape = [{ IMG_H }, { IMG_H / 2 }])]
    fixed_by_constants: Array2<u8>,
}

#[derive(TensorSpec)]
struct Outer {
    id: u64,
    inner: Sample,
    maybe: Option<Inferred>,
}

fn names(spec: &Spec) -> Vec<String> {
    spec.fields().map(|field| field.name().to_owned()).collect()
}

#[test]
fn fields_follow_declaration_order_and_skip_skipped_fields() {
    assert_eq!(
        names(Sample::spec()),
        ["features", "image", "mask", "boxes", "label"]
    );
    assert_eq!(Sample::spec().len(), 5);
    assert!(Sample::spec().field("source").is_none());
}

#[test]
fn declared_dtypes_and_dims_are_recorded() {
    let spec = Sample::spec();
    let image = spec.field("image").expect("image is a field");
    assert_eq!(image.dtype(), DType::F32);
    assert_eq!(
        image.dims(),
        Some(&[Dim::Symbol("H"), Dim::Symbol("W"), Dim::Fixed(3)][..])
    );
    assert_eq!(image.rank(), Some(3));
    let label = spec.field("label").expect("label is a field");
    assert_eq!((label.dtype(), label.rank()), (DType::I64, Some(0)));
    let boxes = spec.field("boxes").expect("boxes is a field");
    assert_eq!(boxes.dims(), Some(&[Dim::Any, Dim::Fixed(4)][..]));
}

#[test]
fn undeclared_dtypes_and_dims_come_from_the_type() {
    let spec = Inferred::spec();
    let field = |name: &str| spec.field(name).expect("declared field");
    assert_eq!(field("grid").dtype(), DType::U16);
    assert_eq!(
        field("grid").dims(),
        Some(&[Dim::Fixed(2), Dim::Fixed(4)][..])
    );
    assert_eq!(field("rows").dims(), Some(&[Dim::Any, Dim::Fixed(3)][..]));
    assert_eq!(field("any_rank").dims(), None);
    assert_eq!(field("any_rank").rank(), None);
    assert!(field("weight").is_optional());
    assert!(!field("grid").is_optional());
    assert_eq!(
        field("fixed_by_constants").dims(),
        Some(&[Dim::Fixed(32), Dim::Fixed(16)][..])
    );
}

#[test]
fn display_prints_one_field_per_line() {
    assert_eq!(
        Sample::spec().to_string(),
        "features: f32[3]\nimage: f32[H, W, 3]\nmask: u8[H, W]\nboxes: f32[_, 4]\nlabel: i64[]\n"
    );
    assert_eq!(
        Inferred::spec().to_string(),
        "grid: u16[2, 4]\nrows: f64[_, 3]\nany_rank: i8[..]\nweight: f32[] (optional)\n\
         fixed_by_constants: u8[32, 16]\n"
    );
}

#[test]
fn nested_specs_flatten_into_dotted_paths() {
    let spec = Outer::spec();
    assert_eq!(
        names(spec),
        [
            "id",
            "inner.features",
            "inner.image",
            "inner.mask",
            "inner.boxes",
            "inner.label",
            "maybe.grid",
            "maybe.rows",
            "maybe.any_rank",
            "maybe.weight",
            "maybe.fixed_by_constants",
        ]
    );
    let mask = spec.field("inner.mask").expect("nested field");
    assert_eq!(mask.dtype(), DType::U8);
    assert!(!mask.is_optional());
    // Everything inside an `Option<Nested>` may be absent.
    assert!(
        spec.field("maybe.grid")
            .is_some_and(|field| field.is_optional())
    );
    assert_eq!(spec.name(), "Outer");
}

#[test]
fn spec_is_the_same_static_on_every_call() {
    assert!(std::ptr::eq(Sample::spec(), Sample::spec()));
}

#[derive(TensorSpec)]
struct Generic<T: tensorspec::Element, const N: usize> {
    #[tensor(shape = [N, 2])]
    points: [[T; 2]; N],
}

#[test]
fn generic_structs_have_one_spec_per_instantiation() {
    assert_eq!(Generic::<f32, 3>::spec().to_string(), "points: f32[3, 2]\n");
    assert_eq!(Generic::<i8, 5>::spec().to_string(), "points: i8[5, 2]\n");
}
