//! Property tests: `validate` accepts exactly the valid samples and reports exactly the wrong
//! fields, against a model of the rules written independently of the implementation.

use std::collections::HashMap;

use ndarray::{Array2, Array3, ArrayD, IxDyn};
use proptest::prelude::*;
use tensorspec::__private::{Checker, Declared as Expect, FieldSpec, Spec, TensorField};
use tensorspec::{TensorSpec, ViolationKind};

/// One declared dim of a random spec: `Fixed(0..3)`, `Any` or one of three symbols.
fn expect() -> impl Strategy<Value = Expect> {
    prop_oneof![
        (0..3usize).prop_map(Expect::Fixed),
        Just(Expect::Any),
        (0..3usize).prop_map(Expect::Symbol),
    ]
}

/// A random spec of up to six fields, each with a random declared shape of rank 0 to 3, and
/// a shape for each field: usually of the declared rank, with extents near the declared ones.
fn spec_and_shapes() -> impl Strategy<Value = Vec<(Vec<Expect>, Vec<usize>)>> {
    let field = prop::collection::vec(expect(), 0..4).prop_flat_map(|declared| {
        let rank = declared.len();
        let ranks = prop_oneof![4 => Just(rank), 1 => 0..5usize];
        (
            Just(declared),
            ranks.prop_flat_map(|r| prop::collection::vec(0..3usize, r)),
        )
    });
    prop::collection::vec(field, 0..7)
}

const SYMBOLS: [&str; 3] = ["A", "B", "C"];
const NAMES: [&str; 6] = ["f0", "f1", "f2", "f3", "f4", "f5"];

/// The model: fields in order; a field of the wrong rank is wrong and binds nothing; an axis
/// is wrong if its fixed extent differs or its symbol is bound to another value; an unbound
/// symbol is bound by its first axis.
fn model(fields: &[(Vec<Expect>, Vec<usize>)]) -> Vec<(usize, Vec<usize>)> {
    let mut bound: HashMap<usize, usize> = HashMap::new();
    let mut wrong = Vec::new();
    for (i, (declared, shape)) in fields.iter().enumerate() {
        if declared.len() != shape.len() {
            wrong.push((i, Vec::new()));
            continue;
        }
        let mut bad = false;
        let mut conflicts = Vec::new();
        for (axis, (d, &extent)) in declared.iter().zip(shape).enumerate() {
            match *d {
                Expect::Fixed(n) => bad |= n != extent,
                Expect::Any => {}
                Expect::Symbol(k) => {
                    let value = *bound.entry(k).or_insert(extent);
                    if value != extent {
                        bad = true;
                        conflicts.push(axis);
                    }
                }
            }
        }
        if bad {
            wrong.push((i, conflicts));
        }
    }
    wrong
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn random_specs_report_exactly_the_wrong_fields(fields in spec_and_shapes()) {
        let arrays: Vec<ArrayD<f32>> =
            fields.iter().map(|(_, shape)| ArrayD::zeros(IxDyn(shape))).collect();
        // The spec the derive would write, made at run time (leaked: a spec is `'static`).
        let specs: Vec<FieldSpec> = fields
            .iter()
            .enumerate()
            .map(|(i, (declared, _))| {
                let dims: &'static [Expect] = Box::leak(declared.clone().into_boxed_slice());
                FieldSpec::new(NAMES[i], <ArrayD<f32> as TensorField>::KIND.with_dims(dims))
            })
            .collect();
        let spec: &'static Spec =
            Box::leak(Box::new(Spec::new("Random", &SYMBOLS, Box::leak(specs.into_boxed_slice()))));
        let check = |checker: &mut Checker<'_>| {
            for (i, array) in arrays.iter().enumerate() {
                array.__check(checker, i);
            }
        };
        // Both passes of `validate()`: the quiet one, and the one that reports.
        let quiet = Checker::fits(spec, check);
        let mut out = Vec::new();
        let valid = Checker::reporting(spec, None, &mut out, |checker| {
            check(checker);
            checker.valid()
        });

        let expected = model(&fields);
        prop_assert_eq!(valid, expected.is_empty());
        prop_assert_eq!(quiet, valid);
        let reported: Vec<(usize, Vec<usize>)> = out
            .iter()
            .map(|violation| {
                let field = NAMES.iter().position(|n| *n == violation.field()).unwrap();
                let ViolationKind::Shape { conflicts, .. } = violation.kind() else {
                    panic!("only shape mismatches here: {violation}");
                };
                (field, conflicts.iter().map(|c| c.axis).collect())
            })
            .collect();
        prop_assert_eq!(reported, expected);
    }
}

/// A fixed struct with symbols, `_`, an `IxDyn` field, ragged-able rows and an optional field.
#[derive(Debug, TensorSpec)]
struct Sample {
    #[tensor(shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(shape = [_, 4])]
    boxes: Array2<f32>,
    #[tensor(shape = [N, _])]
    dynamic: ArrayD<f32>,
    #[tensor(shape = [N, 2])]
    rows: Vec<Vec<f32>>,
    #[tensor(shape = [W])]
    maybe: Option<Vec<i16>>,
}

/// An extent: the base value most of the time, another one sometimes.
fn near(base: usize) -> impl Strategy<Value = usize> {
    prop_oneof![6 => Just(base), 1 => 0..4usize]
}

fn sample() -> impl Strategy<Value = Sample> {
    (1..4usize, 1..4usize, 0..4usize).prop_flat_map(|(h, w, n)| {
        (
            (near(h), near(w), near(3)),
            (near(h), near(w)),
            (0..3usize, near(4)),
            (
                prop_oneof![4 => Just(2usize), 1 => 1..4usize],
                near(n),
                near(2),
            ),
            near(n).prop_flat_map(|len| prop::collection::vec(near(2), len)),
            prop::option::of(near(w)),
        )
            .prop_map(|(image, mask, boxes, (rank, d0, d1), rows, maybe)| Sample {
                image: Array3::zeros(image),
                mask: Array2::zeros(mask),
                boxes: Array2::zeros(boxes),
                dynamic: ArrayD::zeros(IxDyn(&[d0, d1, 1][..rank])),
                rows: rows.into_iter().map(|len| vec![0.0; len]).collect(),
                maybe: maybe.map(|len| vec![0; len]),
            })
    })
}

/// The wrong fields of `Sample`, by the rules, in field order.
fn wrong_fields(s: &Sample) -> Vec<&'static str> {
    let mut wrong = Vec::new();
    let (h, w) = (s.image.shape()[0], s.image.shape()[1]);
    if s.image.shape()[2] != 3 {
        wrong.push("image");
    }
    if s.mask.shape() != [h, w] {
        wrong.push("mask");
    }
    if s.boxes.shape()[1] != 4 {
        wrong.push("boxes");
    }
    // N is bound by `dynamic` if its rank is right, else by `rows`.
    let mut n = None;
    if s.dynamic.ndim() == 2 {
        n = Some(s.dynamic.shape()[0]);
    } else {
        wrong.push("dynamic");
    }
    let ragged = s.rows.iter().any(|row| row.len() != s.rows[0].len());
    let rows_ok = !ragged
        && *n.get_or_insert(s.rows.len()) == s.rows.len()
        && s.rows.first().is_none_or(|row| row.len() == 2);
    if !rows_ok {
        wrong.push("rows");
    }
    if s.maybe.as_ref().is_some_and(|m| m.len() != w) {
        wrong.push("maybe");
    }
    wrong
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn derived_validate_accepts_exactly_the_valid_samples(s in sample()) {
        let expected = wrong_fields(&s);
        match s.validate() {
            Ok(()) => prop_assert!(expected.is_empty(), "accepted, but {expected:?} are wrong"),
            Err(violations) => {
                let reported: Vec<&str> = violations.iter().map(|v| v.field()).collect();
                prop_assert_eq!(reported, expected);
            }
        }
    }

    #[test]
    fn a_ragged_report_points_at_rows_that_differ(
        cube in prop::collection::vec(
            prop::collection::vec(prop::collection::vec(0u8..2, 0..3), 0..3),
            0..4,
        )
    ) {
        #[derive(TensorSpec)]
        struct Cube {
            cube: Vec<Vec<Vec<u8>>>,
        }
        let l1: Vec<usize> = cube.iter().map(Vec::len).collect();
        let l2: Vec<usize> = cube.iter().flatten().map(Vec::len).collect();
        let rectangular = l1.windows(2).all(|p| p[0] == p[1]) && l2.windows(2).all(|p| p[0] == p[1]);
        let sample = Cube { cube };
        match sample.validate() {
            Ok(()) => prop_assert!(rectangular),
            Err(violations) => {
                prop_assert!(!rectangular);
                prop_assert_eq!(violations.len(), 1);
                let ViolationKind::Ragged { index, found, first, .. } = violations.first().kind()
                else {
                    panic!("ragged: {}", violations);
                };
                // The reported row and its first sibling have the reported, different shapes.
                prop_assert_ne!(found, first);
                let shape = |path: &[usize]| -> Vec<Option<usize>> {
                    match path {
                        [i] => {
                            let row = &sample.cube[*i];
                            vec![Some(row.len()), row.first().map(Vec::len)]
                        }
                        [i, j] => vec![Some(sample.cube[*i][*j].len())],
                        _ => panic!("index {path:?}"),
                    }
                };
                let mut sibling = index.clone();
                *sibling.last_mut().unwrap() = 0;
                prop_assert_eq!(found.extents(), &shape(index)[..]);
                prop_assert_eq!(first.extents(), &shape(&sibling)[..]);
            }
        }
    }
}
