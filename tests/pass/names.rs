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

// The name the generated code gives the runtime's door, as a field, a symbol and, in a
// generic struct, a field whose check is a where-clause.
#[derive(TensorSpec)]
#[tensor(batch = DoorBatch)]
struct Door {
    #[tensor(dtype = f32, shape = [__tensorspec, 2])]
    __tensorspec: Vec<[f32; 2]>,
}

#[derive(TensorSpec)]
struct GenericDoor<T: tensorspec::Element> {
    #[tensor(dtype = f32, shape = [__tensorspec])]
    __tensorspec: Vec<T>,
}

#[derive(TensorSpec)]
struct Unit;

#[derive(TensorSpec)]
struct Empty {}

fn main() {
    assert_eq!(Odd::spec().to_string(), "type: f32[3]\nf32x3: f32[3]\nu8: u8[]\nId: i32[]\n");
    assert_eq!(Door::spec().to_string(), "__tensorspec: f32[__tensorspec, 2]\n");
    let door = Door { __tensorspec: vec![[1.0, 2.0]; 3] };
    assert_eq!(Door::stack(&[door]).unwrap().len(), 1);
    assert_eq!(
        <GenericDoor<f32> as TensorSpec>::spec().to_string(),
        "__tensorspec: f32[__tensorspec]\n"
    );
    assert!(Unit::spec().is_empty());
    assert!(Empty::spec().is_empty());
}
