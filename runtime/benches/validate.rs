//! `validate()` against the same checks written by hand, for samples of 1, 2, 6, 24 and 96
//! fields, valid and invalid, the arms alternated round by round in one run.
//!
//! `cargo bench -p tensorspec --bench validate`
//!
//! The hand-written check is what a careful user writes instead: `shape() == [..]`
//! comparisons, with the symbols (`H`, `W`, `N`) as local variables taken from the first field
//! that has them. It only answers yes or no; `validate()` also says, for an invalid sample,
//! which fields and why, which the invalid arm includes. Prints each arm's median time a
//! sample and the ratio `validate()` / by hand: the target is 2.00 or less.

use std::hint::black_box;

use ndarray::{Array1, Array2, Array3};
use tensorspec::TensorSpec;

/// A label alone: one field.
#[derive(TensorSpec)]
struct Label {
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

fn label_by_hand(_: &Label) -> bool {
    // A scalar's type fixes its shape: there is nothing to compare.
    true
}

/// An image of fixed size and its label: two fields.
#[derive(TensorSpec)]
struct Image {
    #[tensor(dtype = f32, shape = [32, 32, 3])]
    image: Array3<f32>,
    #[tensor(dtype = i64, shape = [])]
    label: i64,
}

fn image_by_hand(sample: &Image) -> bool {
    sample.image.shape() == [32, 32, 3]
}

/// Defines a sample struct of `6 × groups` fields, each group an image, a mask and a depth map
/// sharing `H` and `W`, boxes, points and ids sharing `N`, and its hand-written check.
macro_rules! wide {
    ($name:ident, $make:ident, $by_hand:ident, $(($image:ident, $mask:ident, $depth:ident, $boxes:ident, $points:ident, $ids:ident)),+) => {
        #[derive(TensorSpec)]
        struct $name {
            $(
                #[tensor(dtype = f32, shape = [H, W, 3])]
                $image: Array3<f32>,
                #[tensor(dtype = u8, shape = [H, W])]
                $mask: Array2<u8>,
                #[tensor(dtype = f32, shape = [H, W])]
                $depth: Array2<f32>,
                #[tensor(dtype = f32, shape = [_, 4])]
                $boxes: Array2<f32>,
                #[tensor(dtype = f32, shape = [N, 3])]
                $points: Vec<[f32; 3]>,
                #[tensor(dtype = i64, shape = [N])]
                $ids: Array1<i64>,
            )+
        }

        fn $make(bad: bool) -> $name {
            $name {
                $(
                    $image: Array3::zeros((16, 24, 3)),
                    $mask: Array2::zeros((16, 24)),
                    $depth: Array2::zeros((16, 24)),
                    $boxes: Array2::zeros((5, 4)),
                    $points: vec![[0.0; 3]; 10],
                    // The invalid sample: every group's ids disagree with its points.
                    $ids: Array1::zeros(if bad { 11 } else { 10 }),
                )+
            }
        }

        fn $by_hand(s: &$name) -> bool {
            let mut hw: Option<(usize, usize)> = None;
            let mut count: Option<usize> = None;
            let mut ok = true;
            $(
                let [h, w, c] = *s.$image.shape() else {
                    return false;
                };
                let (h, w) = *hw.get_or_insert((h, w));
                let n = *count.get_or_insert(s.$points.len());
                ok &= c == 3
                    && s.$image.shape()[..2] == [h, w]
                    && s.$mask.shape() == [h, w]
                    && s.$depth.shape() == [h, w]
                    && s.$boxes.shape()[1] == 4
                    && s.$points.len() == n
                    && s.$ids.shape() == [n];
            )+
            ok
        }
    };
}

wide!(Six, six, six_by_hand, (i0, m0, d0, b0, p0, n0));
wide!(
    TwentyFour,
    twenty_four,
    twenty_four_by_hand,
    (i0, m0, d0, b0, p0, n0),
    (i1, m1, d1, b1, p1, n1),
    (i2, m2, d2, b2, p2, n2),
    (i3, m3, d3, b3, p3, n3)
);
wide!(
    NinetySix,
    ninety_six,
    ninety_six_by_hand,
    (i0, m0, d0, b0, p0, n0),
    (i1, m1, d1, b1, p1, n1),
    (i2, m2, d2, b2, p2, n2),
    (i3, m3, d3, b3, p3, n3),
    (i4, m4, d4, b4, p4, n4),
    (i5, m5, d5, b5, p5, n5),
    (i6, m6, d6, b6, p6, n6),
    (i7, m7, d7, b7, p7, n7),
    (i8, m8, d8, b8, p8, n8),
    (i9, m9, d9, b9, p9, n9),
    (i10, m10, d10, b10, p10, n10),
    (i11, m11, d11, b11, p11, n11),
    (i12, m12, d12, b12, p12, n12),
    (i13, m13, d13, b13, p13, n13),
    (i14, m14, d14, b14, p14, n14),
    (i15, m15, d15, b15, p15, n15)
);

mod common;

const ROUNDS: usize = 41;

/// The median time of one call of each arm, the two alternated round by round.
fn alternate(
    reps: usize,
    by_hand: impl FnMut() -> bool,
    validate: impl FnMut() -> bool,
) -> (f64, f64) {
    let times = common::alternate(
        ROUNDS,
        reps,
        &mut [&mut common::repeat(by_hand), &mut common::repeat(validate)],
    );
    (times[0], times[1])
}

fn row(name: &str, fields: usize, valid: bool, (hand, derived): (f64, f64)) {
    println!(
        "| {name} | {fields} | {} | {:.1} ns | {:.1} ns | {:.2} |",
        if valid { "valid" } else { "invalid" },
        hand * 1e9,
        derived * 1e9,
        derived / hand,
    );
}

/// Runs both arms on a valid and an invalid sample of one struct, and checks that they agree.
macro_rules! measure {
    ($name:literal, $fields:expr, $make:ident, $by_hand:ident, $reps:expr) => {
        for bad in [false, true] {
            let sample = $make(bad);
            assert_eq!($by_hand(&sample), !bad, "the hand-written check");
            assert_eq!(sample.validate().is_ok(), !bad, "validate()");
            let times = alternate($reps, &mut || $by_hand(black_box(&sample)), &mut || {
                black_box(&sample).validate().is_ok()
            });
            row($name, $fields, !bad, times);
        }
    };
}

fn main() {
    println!("2-core VM; median of {ROUNDS} alternated rounds; ratio = validate() / by hand");
    println!("| sample | fields | | by hand | validate() | ratio |");
    println!("|---|---|---|---|---|---|");

    let label = Label { label: 7 };
    assert!(label_by_hand(&label) && label.validate().is_ok());
    let times = alternate(
        200_000,
        || label_by_hand(black_box(&label)),
        || black_box(&label).validate().is_ok(),
    );
    row("label", 1, true, times);

    let image = |bad: bool| Image {
        image: Array3::zeros(if bad { (32, 32, 4) } else { (32, 32, 3) }),
        label: 7,
    };
    measure!("image", 2, image, image_by_hand, 200_000);
    measure!(
        "image, mask, depth, boxes, points, ids",
        6,
        six,
        six_by_hand,
        100_000
    );
    measure!(
        "the six, 4 times",
        24,
        twenty_four,
        twenty_four_by_hand,
        20_000
    );
    measure!(
        "the six, 16 times",
        96,
        ninety_six,
        ninety_six_by_hand,
        5_000
    );
}
