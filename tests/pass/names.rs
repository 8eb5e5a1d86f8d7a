// Field names that are raw identifiers or that shadow types used in the struct.
#![allow(non_snake_case)]
use tensorspec::TensorSpec;

#[allow(non_camel_case_types)]
type f32x3 = [f32; 3];

#[derive(TensorSpec)]
struct Odd {
    #[tensor(dtype = f32, shape = [3])]
    r#type: f32x3,
    #[tensor(dtype = f32, shape = [3])]
    f32x3: f32x3,
    #[tensor(dtype = u8)]
    u8: u8,
    #[tensor(shape = [])]
    Id: i32,
}

#[derive(TensorSpec)]
struct Unit;

#[derive(TensorSpec)]
struct Empty {}

fn main() {
    assert_eq!(Odd::spec().to_string(), "type: f32[3]\nf32x3: f32[3]\nu8: u8[]\nId: i32[]\n");
    assert!(Unit::spec().is_empty());
    assert!(Empty::spec().is_empty());
}
