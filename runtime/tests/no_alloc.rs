//! `validate()` allocates nothing when the sample is valid: counted by a global allocator.

// The one place with `unsafe` code: a `GlobalAlloc` can only be implemented unsafely.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use ndarray::{Array1, Array2, Array3, ArrayD, IxDyn};
use tensorspec::TensorSpec;
use tensorspec::prelude::*;

/// The system allocator, counting this thread's allocations (tests run on several threads).
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to `System`; the counter is a thread-local
// `Cell` with a const initialiser, which neither allocates nor re-enters the allocator.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.with(|n| n.set(n.get() + 1));
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// How many allocations `f` made on this thread.
fn allocations<R>(f: impl FnOnce() -> R) -> (usize, R) {
    let before = ALLOCATIONS.with(Cell::get);
    let result = f();
    (ALLOCATIONS.with(Cell::get) - before, result)
}

#[derive(TensorSpec)]
struct Inner {
    #[tensor(shape = [H, 2])]
    points: Vec<[f32; 2]>,
    #[tensor(shape = [H])]
    ids: Array1<u32>,
}

#[derive(TensorSpec)]
struct Everything {
    #[tensor(shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(shape = [_, 4])]
    boxes: Array2<f32>,
    #[tensor(shape = [N, _, 2])]
    dynamic: ArrayD<f64>,
    #[tensor(shape = [N, 3])]
    rows: Vec<Vec<f32>>,
    #[tensor(shape = [W])]
    maybe: Option<Vec<i16>>,
    label: i64,
    inner: Inner,
    absent: Option<Inner>,
    free: Vec<Vec<Vec<u8>>>,
    #[tensor(skip)]
    _source: String,
}

fn everything() -> Everything {
    Everything {
        image: Array3::zeros((4, 5, 3)),
        mask: Array2::zeros((4, 5)),
        boxes: Array2::zeros((7, 4)),
        dynamic: ArrayD::zeros(IxDyn(&[2, 9, 2])),
        rows: vec![vec![0.0; 3]; 2],
        maybe: Some(vec![0; 5]),
        label: 3,
        inner: Inner {
            points: vec![[0.0; 2]; 6],
            ids: Array1::zeros(6),
        },
        absent: None,
        free: vec![vec![vec![0; 3]; 2]; 4],
        _source: "generated".to_owned(),
    }
}

#[test]
fn a_valid_sample_is_validated_without_allocating() {
    let sample = everything();
    let (count, result) = allocations(|| sample.validate());
    assert!(result.is_ok());
    assert_eq!(count, 0, "allocations while validating a valid sample");
}

#[test]
fn a_valid_stream_is_validated_without_allocating() {
    let samples: Vec<Everything> = (0..50).map(|_| everything()).collect();
    let (count, valid) = allocations(|| samples.iter().validated().filter(Result::is_ok).count());
    assert_eq!(valid, 50);
    assert_eq!(count, 0, "allocations while validating a valid stream");
}

#[test]
fn the_counter_sees_the_report_of_an_invalid_sample() {
    // Without this, a counter that never counts would pass the tests above.
    let mut sample = everything();
    sample.mask = Array2::zeros((4, 6));
    let (count, result) = allocations(|| sample.validate());
    assert!(result.is_err());
    assert!(count > 0);
}
