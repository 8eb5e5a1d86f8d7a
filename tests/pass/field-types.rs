// Every supported field type compiles, with and without declared dtype and shape.
use half::{bf16, f16};
use ndarray::{ArcArray2, Array0, Array1, Array2, Array3, Array4, Array5, Array6, ArrayD, CowArray, Ix2};
use num_complex::Complex;
use tensorspec::{DType, Dim, TensorSpec};

#[derive(TensorSpec)]
struct Scalars {
    #[tensor(dtype = bool, shape = [])]
    a: bool,
    #[tensor(dtype = uint8)]
    b: u8,
    #[tensor(dtype = uint16)]
    c: u16,
    #[tensor(dtype = uint32)]
    d: u32,
    #[tensor(dtype = uint64)]
    e: u64,
    #[tensor(dtype = int8)]
    f: i8,
    #[tensor(dtype = int16)]
    g: i16,
    #[tensor(dtype = int32)]
    h: i32,
    #[tensor(dtype = int64)]
    i: i64,
    #[tensor(dtype = float16)]
    j: f16,
    #[tensor(dtype = bfloat16)]
    k: bf16,
    #[tensor(dtype = float32)]
    l: f32,
    #[tensor(dtype = float64)]
    m: f64,
    #[tensor(dtype = complex64)]
    n: Complex<f32>,
    #[tensor(dtype = complex128)]
    o: Complex<f64>,
}

#[derive(TensorSpec)]
struct Containers {
    #[tensor(dtype = f32, shape = [3])]
    array: [f32; 3],
    #[tensor(dtype = f32, shape = [2, 3, 4])]
    nested: [[[f32; 4]; 3]; 2],
    #[tensor(dtype = i64, shape = [N])]
    vec: Vec<i64>,
    #[tensor(shape = [N, 3])]
    vec_of_arrays: Vec<[f32; 3]>,
    #[tensor(shape = [_, _])]
    vec_of_vecs: Vec<Vec<u8>>,
    #[tensor(dtype = f32, shape = [])]
    array0: Array0<f32>,
    #[tensor(shape = [N])]
    array1: Array1<f32>,
    #[tensor(shape = [H, W])]
    array2: Array2<u8>,
    #[tensor(shape = [H, W, 3])]
    array3: Array3<u8>,
    #[tensor(shape = [1, 2, 3, 4])]
    array4: Array4<f64>,
    #[tensor(shape = [1, 2, 3, 4, 5])]
    array5: Array5<f64>,
    #[tensor(shape = [1, 2, 3, 4, 5, 6])]
    array6: Array6<f64>,
    #[tensor(shape = [1, 2, 3, 4, 5, 6])]
    dynamic: ArrayD<f32>,
    undeclared_dynamic: ArrayD<f32>,
    shared: ArcArray2<i32>,
    #[tensor(dtype = f16)]
    half: Array1<f16>,
    optional: Option<Array2<f32>>,
    #[tensor(shape = [4])]
    optional_array: Option<[u8; 4]>,
    #[tensor(shape = [3, 2])]
    optional_nested: Option<Option<[[bool; 2]; 3]>>,
}

#[derive(TensorSpec)]
struct Cow<'a> {
    #[tensor(dtype = f32, shape = [H, W])]
    cow: CowArray<'a, f32, Ix2>,
}

fn main() {
    let scalars = Scalars::spec();
    assert_eq!(scalars.len(), 15);
    let dtypes: Vec<DType> = scalars.fields().map(|field| field.dtype()).collect();
    assert_eq!(dtypes, DType::ALL);
    assert!(scalars.fields().all(|field| field.rank() == Some(0)));

    let containers = Containers::spec();
    let dims = |name: &str| containers.field(name)?.dims().map(<[Dim]>::to_vec);
    assert_eq!(dims("nested"), Some(vec![Dim::Fixed(2), Dim::Fixed(3), Dim::Fixed(4)]));
    assert_eq!(dims("vec_of_arrays"), Some(vec![Dim::Symbol("N"), Dim::Fixed(3)]));
    assert_eq!(dims("shared"), Some(vec![Dim::Any, Dim::Any]));
    assert_eq!(dims("undeclared_dynamic"), None);
    assert_eq!(dims("dynamic").map(|dims| dims.len()), Some(6));
    assert!(containers.field("optional_nested").is_some_and(|field| field.is_optional()));
    assert_eq!(Cow::spec().to_string(), "cow: f32[H, W]\n");
}
