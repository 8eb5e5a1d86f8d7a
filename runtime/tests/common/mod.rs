//! What the hostile-file campaigns share: a global allocator that records, per thread, the
//! largest allocation and the peak of live bytes, and how many cases a campaign runs.
//!
//! A test crate installs it with
//! `#[global_allocator] static GLOBAL: common::Recording = common::Recording;`.

#![allow(dead_code)] // Each campaign uses what it needs.
#![allow(unsafe_code)] // the counting allocator: a `GlobalAlloc` is implemented unsafely

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// The recording allocator: `System`'s, counted.
pub struct Recording;

thread_local! {
    static LARGEST: Cell<usize> = const { Cell::new(0) };
    /// Bytes this thread has allocated and not freed (freed by it: may wrap below 0).
    static LIVE: Cell<usize> = const { Cell::new(0) };
    /// The most `LIVE` has been since the last `reset`.
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

fn grow(by: usize) {
    let live = LIVE.with(|l| {
        l.set(l.get().wrapping_add(by));
        l.get()
    });
    PEAK.with(|p| p.set(p.get().max(live)));
}

fn shrink(by: usize) {
    LIVE.with(|l| l.set(l.get().wrapping_sub(by)));
}

// SAFETY: every call is forwarded unchanged to `System`; the records are thread-local
// `Cell`s with const initialisers, which neither allocate nor re-enter the allocator.
unsafe impl GlobalAlloc for Recording {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.with(|l| l.set(l.get().max(layout.size())));
        grow(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        LARGEST.with(|l| l.set(l.get().max(layout.size())));
        grow(layout.size());
        // SAFETY: forwarded with the caller's layout.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.with(|l| l.set(l.get().max(new_size)));
        // Counted as the worst case: both blocks live while the data moves.
        grow(new_size);
        shrink(layout.size());
        // SAFETY: forwarded unchanged.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Starts a measurement: the peak from here.
pub fn reset() {
    LARGEST.with(|l| l.set(0));
    let live = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(live));
}

/// The peak of live bytes since `reset`, above what was live then.
pub fn peak_since(start: usize) -> usize {
    PEAK.with(Cell::get).wrapping_sub(start)
}

/// How many cases a campaign runs: `default`, or `TENSORSPEC_CAMPAIGN_CASES`.
pub fn cases(default: u32) -> u32 {
    std::env::var("TENSORSPEC_CAMPAIGN_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(default)
}

/// The bytes this thread has live now.
pub fn live() -> usize {
    LIVE.with(Cell::get)
}

/// The largest allocation since the last [`reset`] or [`reset_largest`].
pub fn largest() -> usize {
    LARGEST.with(Cell::get)
}

/// Forgets the largest allocation so far.
pub fn reset_largest() {
    LARGEST.with(|l| l.set(0));
}

/// The peak of live bytes while `f` runs, above what was live before.
pub fn peak_of<R>(f: impl FnOnce() -> R) -> (R, usize) {
    let start = live();
    reset();
    let out = f();
    (out, peak_since(start))
}
