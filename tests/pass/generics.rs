// Type and const parameters: checked where the struct is used as a `TensorSpec`.
use ndarray::Array2;
use tensorspec::{DType, Dim, Element, TensorSpec};

#[derive(TensorSpec)]
struct Pixels<T: Element> {
    #[tensor(shape = [H, W])]
    pixels: Array2<T>,
    #[tensor(dtype = i64)]
    label: i64,
}

#[derive(TensorSpec)]
struct Grid<T, const N: usize>
where
    T: Element,
{
    #[tensor(shape = [N, 2])]
    cells: [[T; 2]; N],
    #[tensor(shape = [N])]
    flat: [f32; 3],
    #[tensor(shape = [{ 2 * N }])]
    doubled: Vec<T>,
}

#[derive(TensorSpec)]
struct Wrapper<F: tensorspec::TensorField> {
    inner: F,
}

fn main() {
    assert_eq!(Pixels::<f32>::spec().to_string(), "pixels: f32[H, W]\nlabel: i64[]\n");
    assert_eq!(Pixels::<u8>::spec().fields().next().map(|f| f.dtype()), Some(DType::U8));

    let grid = Grid::<u16, 3>::spec();
    assert_eq!(grid.to_string(), "cells: u16[3, 2]\nflat: f32[3]\ndoubled: u16[6]\n");
    assert_eq!(
        grid.field("cells").and_then(|f| f.dims().map(<[Dim]>::to_vec)),
        Some(vec![Dim::Fixed(3), Dim::Fixed(2)])
    );
    assert_eq!(Wrapper::<[u8; 4]>::spec().to_string(), "inner: u8[4]\n");
}
