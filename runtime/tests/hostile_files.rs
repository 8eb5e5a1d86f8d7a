//! Malformed and hostile bytes: every reader returns an error, never panics, and never
//! allocates what a file claims. Random bytes and mutations of valid files, through proptest's
//! runner, under a global allocator that records the largest allocation.
//!
//! `cargo test -p tensorspec --test hostile_files -- --nocapture` prints what was tried.

#![cfg(all(feature = "npy", feature = "safetensors"))]
#![allow(unsafe_code)] // the counting allocator: a `GlobalAlloc` is implemented unsafely

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use ndarray::{Array1, Array2};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use tensorspec::{ReadOptions, Tensor, TensorSpec, read_npz, read_safetensors};

struct Recording;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

// SAFETY: every call is forwarded unchanged to `System`; the record is a thread-local `Cell`
// with a const initialiser, which neither allocates nor re-enters the allocator.
unsafe impl GlobalAlloc for Recording {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.with(|l| l.set(l.get().max(layout.size())));
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.with(|l| l.set(l.get().max(new_size)));
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Recording = Recording;

#[derive(Debug, TensorSpec)]
struct Sample {
    #[tensor(dtype = f32, shape = [N, 2])]
    points: Array2<f32>,
    #[tensor(dtype = i64, shape = [N])]
    ids: Array1<i64>,
}

fn sample() -> Sample {
    Sample {
        points: Array2::from_shape_fn((3, 2), |(r, c)| (r + c) as f32),
        ids: Array1::from_vec(vec![1, 2, 3]),
    }
}

/// Runs `read` on `bytes`: no panic, and no allocation larger than a bound linear in the
/// input (the readers copy what is there, never what is claimed). Returns whether it read.
fn survives(name: &str, bytes: &[u8], read: impl Fn(&[u8]) -> bool) -> Result<bool, TestCaseError> {
    LARGEST.with(|l| l.set(0));
    let outcome = catch_unwind(AssertUnwindSafe(|| read(bytes)));
    let largest = LARGEST.with(Cell::get);
    let Ok(read) = outcome else {
        return Err(TestCaseError::fail(format!(
            "{name} panicked on {} bytes",
            bytes.len()
        )));
    };
    // Generous: an entry's data copied, inflated entries, headers, parsed tensors.
    let bound = 64 * bytes.len() + (1 << 20);
    prop_assert!(
        largest <= bound,
        "{name}: allocated {largest} bytes for {} input bytes",
        bytes.len()
    );
    Ok(read)
}

fn read_st(bytes: &[u8]) -> bool {
    read_safetensors::<Sample>(bytes, &ReadOptions::new()).is_ok()
}

fn read_z(bytes: &[u8]) -> bool {
    read_npz::<Sample>(bytes, &ReadOptions::new()).is_ok()
}

fn read_npy(bytes: &[u8]) -> bool {
    Tensor::from_npy(bytes).is_ok()
}

/// A mutation of a valid file: flipped bytes, overwritten runs (header lengths, sizes,
/// shapes set to extreme values), truncation, or garbage appended.
fn mutated(valid: Vec<u8>) -> impl Strategy<Value = Vec<u8>> {
    let len = valid.len();
    let edits = prop::collection::vec(
        prop_oneof![
            (0..len, any::<u8>()).prop_map(|(at, byte)| (at, vec![byte])),
            (
                0..len,
                prop::sample::select(vec![
                    u64::MAX.to_le_bytes().to_vec(),
                    (1u64 << 62).to_le_bytes().to_vec(),
                    u32::MAX.to_le_bytes().to_vec(),
                    b"999999999999999".to_vec(),
                    b"(4611686018427387904,)".to_vec(),
                    b"'<c32'".to_vec(),
                    vec![0; 8],
                ])
            ),
        ],
        1..4,
    );
    (edits, 0..=len, prop::collection::vec(any::<u8>(), 0..16)).prop_map(
        move |(edits, keep, tail)| {
            let mut bytes = valid.clone();
            for (at, run) in edits {
                for (offset, byte) in run.into_iter().enumerate() {
                    if let Some(slot) = bytes.get_mut(at + offset) {
                        *slot = byte;
                    }
                }
            }
            bytes.truncate(keep);
            bytes.extend(tail);
            bytes
        },
    )
}

/// Runs `cases` inputs of `strategy` through `read`; returns (inputs, read, refused).
fn campaign(
    name: &str,
    cases: u32,
    strategy: impl Strategy<Value = Vec<u8>>,
    read: fn(&[u8]) -> bool,
) -> (u32, u32, u32) {
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let counts = Cell::new((0, 0, 0));
    let result = runner.run(&strategy, |bytes| {
        let ok = survives(name, &bytes, read)?;
        let (n, good, bad) = counts.get();
        counts.set((n + 1, good + u32::from(ok), bad + u32::from(!ok)));
        Ok(())
    });
    if let Err(error) = result {
        panic!("{name}: {error}");
    }
    let (n, good, bad) = counts.get();
    println!("{name}: {n} inputs, {good} read, {bad} refused");
    (n, good, bad)
}

#[test]
fn random_bytes_are_refused_without_panics_or_large_allocations() {
    let random = || prop::collection::vec(any::<u8>(), 0..2048);
    for (name, read) in [
        ("safetensors", read_st as fn(&[u8]) -> bool),
        ("npz", read_z),
        ("npy", read_npy),
    ] {
        let (n, good, _) = campaign(&format!("random {name}"), 3000, random(), read);
        assert_eq!((n, good), (3000, 0));
    }
}

#[test]
fn mutated_files_are_read_or_refused_without_panics_or_large_allocations() {
    let valid = sample();
    let st = tensorspec::write_safetensors(&valid).unwrap();
    let npz = tensorspec::write_npz(&valid).unwrap();
    let npy = Tensor::from(Array2::<f32>::ones((3, 2))).to_npy().unwrap();
    // The valid files themselves read.
    assert!(read_st(&st) && read_z(&npz) && read_npy(&npy));
    let (n, _, refused) = campaign("mutated safetensors", 3000, mutated(st), read_st);
    assert!(n == 3000 && refused > 0);
    let (n, _, refused) = campaign("mutated npz", 3000, mutated(npz), read_z);
    assert!(n == 3000 && refused > 0);
    let (n, _, refused) = campaign("mutated npy", 3000, mutated(npy), read_npy);
    assert!(n == 3000 && refused > 0);
}

#[test]
fn claimed_sizes_are_checked_before_anything_is_allocated() {
    // An .npy header claiming 2^62 elements, with 8 bytes of data.
    let mut npy = b"\x93NUMPY\x01\x00".to_vec();
    let header = b"{'descr': '<f4', 'fortran_order': False, 'shape': (4611686018427387904,), }";
    npy.extend((header.len() as u16 + 1).to_le_bytes());
    npy.extend(header);
    npy.push(b'\n');
    npy.extend([0; 8]);
    LARGEST.with(|l| l.set(0));
    let error = Tensor::from_npy(&npy).unwrap_err();
    assert!(LARGEST.with(Cell::get) < 1 << 20);
    assert!(error.to_string().contains("8 bytes of data"), "{error}");

    // The same claim in Fortran order and big-endian, the path that hands the bytes on to
    // ndarray-npy (which allocates the claimed length): refused before that.
    for descr in [
        "'<f4', 'fortran_order': True",
        "'>f4', 'fortran_order': False",
    ] {
        let mut npy = b"\x93NUMPY\x01\x00".to_vec();
        let header = format!("{{'descr': {descr}, 'shape': (17179869184,), }}");
        npy.extend((header.len() as u16 + 1).to_le_bytes());
        npy.extend(header.as_bytes());
        npy.push(b'\n');
        npy.extend([0; 8]);
        LARGEST.with(|l| l.set(0));
        assert!(Tensor::from_npy(&npy).is_err());
        assert!(LARGEST.with(Cell::get) < 1 << 20, "{descr}");
    }

    // An .npy header whose length field claims 4 GiB.
    let mut npy = b"\x93NUMPY\x02\x00".to_vec();
    npy.extend(u32::MAX.to_le_bytes());
    npy.extend(b"{}");
    let error = Tensor::from_npy(&npy).unwrap_err();
    assert!(
        error.to_string().contains("claims 4294967295 bytes"),
        "{error}"
    );

    // A safetensors header length of u64::MAX.
    let mut st = u64::MAX.to_le_bytes().to_vec();
    st.extend(b"{}");
    LARGEST.with(|l| l.set(0));
    assert!(read_safetensors::<Sample>(&st, &ReadOptions::new()).is_err());
    assert!(LARGEST.with(Cell::get) < 1 << 20);
}
