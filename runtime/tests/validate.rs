//! `validate()`: one test per rule, each failing if its rule is removed.

use ndarray::{Array1, Array2, Array3, ArrayD, ArrayView2, IxDyn};
use tensorspec::{Dim, ExpectedDim, FoundShape, SymbolConflict, TensorSpec, ViolationKind};

/// Each violation as `field: message`, for compact assertions.
fn report<T: TensorSpec>(sample: &T) -> Vec<String> {
    match sample.validate() {
        Ok(()) => Vec::new(),
        Err(violations) => violations.iter().map(ToString::to_string).collect(),
    }
}

#[derive(TensorSpec)]
struct Fixed {
    #[tensor(shape = [3, 2])]
    points: Array2<f32>,
    #[tensor(shape = [4])]
    ids: Vec<i64>,
}

#[test]
fn fixed_extents_are_checked_for_arrays_and_vecs() {
    let good = Fixed {
        points: Array2::zeros((3, 2)),
        ids: vec![0; 4],
    };
    assert!(good.validate().is_ok());
    let bad = Fixed {
        points: Array2::zeros((2, 2)),
        ids: vec![0; 5],
    };
    assert_eq!(
        report(&bad),
        [
            "field `points`: shape mismatch: expected [3, 2], found [2, 2]",
            "field `ids`: shape mismatch: expected [4], found [5]",
        ]
    );
}

#[derive(TensorSpec)]
struct Dynamic {
    #[tensor(shape = [_, 3])]
    cloud: ArrayD<f32>,
}

#[test]
fn the_rank_of_an_ixdyn_array_is_checked() {
    let good = Dynamic {
        cloud: ArrayD::zeros(IxDyn(&[7, 3])),
    };
    assert!(good.validate().is_ok());
    let bad = Dynamic {
        cloud: ArrayD::zeros(IxDyn(&[7, 3, 1])),
    };
    assert_eq!(
        report(&bad),
        ["field `cloud`: rank mismatch: expected rank 2 [_, 3], found rank 3 [7, 3, 1]"]
    );
    let scalar = Dynamic {
        cloud: ArrayD::zeros(IxDyn(&[])),
    };
    assert_eq!(
        report(&scalar),
        ["field `cloud`: rank mismatch: expected rank 2 [_, 3], found rank 0 []"]
    );
}

#[derive(TensorSpec)]
struct Symbols {
    #[tensor(dtype = f32, shape = [H, W, 3])]
    image: Array3<f32>,
    #[tensor(dtype = u8, shape = [H, W])]
    mask: Array2<u8>,
    #[tensor(shape = [W])]
    column: Vec<f32>,
}

fn symbols(h: usize, w: usize, mask: (usize, usize), column: usize) -> Symbols {
    Symbols {
        image: Array3::zeros((h, w, 3)),
        mask: Array2::zeros(mask),
        column: vec![0.0; column],
    }
}

#[test]
fn a_symbol_is_bound_by_its_first_use_and_later_uses_must_agree() {
    assert!(symbols(32, 16, (32, 16), 16).validate().is_ok());
    assert!(symbols(5, 7, (5, 7), 7).validate().is_ok());

    let violations = symbols(32, 32, (32, 31), 32).validate().unwrap_err();
    assert_eq!(violations.len(), 1);
    let violation = violations.first();
    assert_eq!(violation.field(), "mask");
    assert_eq!(
        violation.to_string(),
        "field `mask`: shape mismatch: expected [H=32, W=32], found [32, 31] (W=32 from `image`)"
    );
    let ViolationKind::Shape {
        expected,
        found,
        conflicts,
        ..
    } = violation.kind()
    else {
        panic!("a shape mismatch: {violation}");
    };
    assert_eq!(
        expected,
        &[
            ExpectedDim::new(Dim::Symbol("H"), Some(32)),
            ExpectedDim::new(Dim::Symbol("W"), Some(32)),
        ]
    );
    assert_eq!(found, &FoundShape::new(vec![Some(32), Some(31)], true));
    // The symbol, both fields (the reporting one is the violation's), both values.
    let [conflict] = conflicts.as_slice() else {
        panic!("one conflict: {conflicts:?}");
    };
    let SymbolConflict {
        symbol,
        axis,
        found,
        bound,
        bound_by,
        bound_axis,
        ..
    } = conflict;
    assert_eq!(
        (
            *symbol,
            *axis,
            *found,
            *bound,
            bound_by.as_str(),
            *bound_axis
        ),
        ("W", 1, 31, 32, "image", 1)
    );
}

#[test]
fn every_use_of_a_symbol_is_compared_with_the_first_binding() {
    // `image` binds W=4; `mask` and `column` both disagree, each is reported against `image`.
    assert_eq!(
        report(&symbols(2, 4, (2, 5), 6)),
        [
            "field `mask`: shape mismatch: expected [H=2, W=4], found [2, 5] (W=4 from `image`)",
            "field `column`: shape mismatch: expected [W=4], found [6] (W=4 from `image`)",
        ]
    );
    // Both symbols of one field disagree: both conflicts are named.
    assert_eq!(
        report(&symbols(2, 4, (3, 5), 4)),
        [
            "field `mask`: shape mismatch: expected [H=2, W=4], found [3, 5] (H=2 from `image`; W=4 from `image`)"
        ]
    );
}

#[test]
fn a_field_whose_rank_is_wrong_binds_no_symbol() {
    #[derive(TensorSpec)]
    struct Late {
        #[tensor(shape = [N, 2])]
        first: ArrayD<f32>,
        #[tensor(shape = [N])]
        second: Vec<f32>,
    }
    let sample = Late {
        first: ArrayD::zeros(IxDyn(&[3])),
        second: vec![0.0; 5],
    };
    // `second` binds N=5 itself; `first`'s wrong rank is the only violation.
    assert_eq!(
        report(&sample),
        ["field `first`: rank mismatch: expected rank 2 [N, 2], found rank 1 [3]"]
    );
}

#[test]
fn a_symbol_used_twice_in_one_field_must_agree_with_itself() {
    #[derive(TensorSpec)]
    struct Square {
        #[tensor(shape = [N, N])]
        matrix: Array2<f64>,
    }
    assert!(
        Square {
            matrix: Array2::eye(4)
        }
        .validate()
        .is_ok()
    );
    let bad = Square {
        matrix: Array2::zeros((4, 3)),
    };
    assert_eq!(
        report(&bad),
        ["field `matrix`: shape mismatch: expected [N=4, N=4], found [4, 3] (N=4 from axis 0)"]
    );
}

#[test]
fn any_extent_accepts_every_extent() {
    #[derive(TensorSpec)]
    struct Boxes {
        #[tensor(shape = [_, 4])]
        boxes: Array2<f32>,
    }
    for n in [0, 1, 17, 1000] {
        let sample = Boxes {
            boxes: Array2::zeros((n, 4)),
        };
        assert!(sample.validate().is_ok(), "{n} boxes");
    }
    let bad = Boxes {
        boxes: Array2::zeros((3, 5)),
    };
    assert_eq!(
        report(&bad),
        ["field `boxes`: shape mismatch: expected [_, 4], found [3, 5]"]
    );
}

#[derive(TensorSpec)]
struct Nested {
    #[tensor(shape = [N, 3])]
    rows: Vec<Vec<f32>>,
    #[tensor(shape = [2, _, _])]
    cube: [Vec<Vec<u8>>; 2],
}

#[test]
fn ragged_rows_are_reported_with_their_index() {
    let good = Nested {
        rows: vec![vec![0.0; 3]; 4],
        cube: [vec![vec![0; 2]; 3], vec![vec![0; 2]; 3]],
    };
    assert!(good.validate().is_ok());

    let mut bad = Nested {
        rows: vec![vec![0.0; 3]; 4],
        cube: [vec![vec![0; 2]; 3], vec![vec![0; 2]; 3]],
    };
    bad.rows[2].pop();
    bad.cube[1][2].push(9);
    let violations = bad.validate().unwrap_err();
    assert_eq!(
        violations
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        [
            "field `rows`: ragged nesting: `rows[2]` has shape [2], but `rows[0]` has shape [3]",
            "field `cube`: ragged nesting: `cube[1][2]` has shape [3], but `cube[1][0]` has shape [2]",
        ]
    );
    let ViolationKind::Ragged {
        index,
        found,
        first,
        ..
    } = violations.first().kind()
    else {
        panic!("ragged");
    };
    assert_eq!(index, &[2]);
    assert_eq!(found, &FoundShape::new(vec![Some(2)], true));
    assert_eq!(first, &FoundShape::new(vec![Some(3)], true));
}

#[test]
fn rows_of_different_lengths_at_an_outer_level_are_ragged() {
    let sample = Nested {
        rows: vec![vec![0.0; 3]; 2],
        cube: [vec![vec![0; 2]; 3], vec![vec![0; 2]; 1]],
    };
    assert_eq!(
        report(&sample),
        [
            "field `cube`: ragged nesting: `cube[1]` has shape [1, 2], but `cube[0]` has shape [3, 2]"
        ]
    );
}

#[test]
fn ragged_vecs_are_reported_without_a_declared_shape() {
    #[derive(TensorSpec)]
    struct Free {
        rows: Vec<Vec<f32>>,
    }
    assert!(
        Free {
            rows: vec![vec![1.0; 2]; 3]
        }
        .validate()
        .is_ok()
    );
    let bad = Free {
        rows: vec![vec![1.0; 2], vec![]],
    };
    assert_eq!(
        report(&bad),
        ["field `rows`: ragged nesting: `rows[1]` has shape [0], but `rows[0]` has shape [2]"]
    );
}

#[test]
fn an_empty_vec_has_no_rows_to_disagree() {
    let sample = Nested {
        rows: Vec::new(),
        cube: [Vec::new(), Vec::new()],
    };
    // [0, ?] matches [N, 3]: the rows' extent is unknown, not 0.
    assert!(sample.validate().is_ok());

    #[derive(TensorSpec)]
    struct Wrong {
        #[tensor(shape = [2, 3])]
        rows: Vec<Vec<f32>>,
    }
    assert_eq!(
        report(&Wrong { rows: Vec::new() }),
        ["field `rows`: shape mismatch: expected [2, 3], found [0, ?]"]
    );
}

#[test]
fn fixed_size_rows_are_never_ragged_and_their_extents_count() {
    #[derive(TensorSpec)]
    struct Points {
        #[tensor(shape = [N, 3])]
        points: Vec<[f32; 3]>,
        #[tensor(shape = [N])]
        ids: Vec<u32>,
    }
    let good = Points {
        points: vec![[0.0; 3]; 5],
        ids: vec![0; 5],
    };
    assert!(good.validate().is_ok());
    let bad = Points {
        points: Vec::new(),
        ids: vec![0; 5],
    };
    assert_eq!(
        report(&bad),
        ["field `ids`: shape mismatch: expected [N=0], found [5] (N=0 from `points`)"]
    );
}

#[derive(TensorSpec)]
struct Optional {
    #[tensor(shape = [H])]
    heights: Vec<f32>,
    #[tensor(shape = [H, 2])]
    extra: Option<Array2<f32>>,
}

#[test]
fn a_none_field_is_valid_and_a_some_field_is_checked() {
    let none = Optional {
        heights: vec![0.0; 3],
        extra: None,
    };
    assert!(none.validate().is_ok());
    let good = Optional {
        heights: vec![0.0; 3],
        extra: Some(Array2::zeros((3, 2))),
    };
    assert!(good.validate().is_ok());
    let bad = Optional {
        heights: vec![0.0; 3],
        extra: Some(Array2::zeros((4, 2))),
    };
    assert_eq!(
        report(&bad),
        ["field `extra`: shape mismatch: expected [H=3, 2], found [4, 2] (H=3 from `heights`)"]
    );
}

#[derive(TensorSpec)]
struct Camera {
    #[tensor(shape = [H, W, 3])]
    image: Array3<u8>,
    #[tensor(shape = [H, W])]
    depth: Array2<f32>,
}

#[derive(TensorSpec)]
struct Rig {
    #[tensor(shape = [H])]
    timestamps: Vec<f64>,
    left: Camera,
    right: Option<Camera>,
    #[tensor(shape = [H])]
    labels: Array1<i64>,
}

fn camera(h: usize, w: usize, depth: (usize, usize)) -> Camera {
    Camera {
        image: Array3::zeros((h, w, 3)),
        depth: Array2::zeros(depth),
    }
}

#[test]
fn nested_specs_report_paths_and_scope_symbols_to_their_struct() {
    // The rig's H (2) and each camera's H (4, 6) are different symbols.
    let good = Rig {
        timestamps: vec![0.0; 2],
        left: camera(4, 5, (4, 5)),
        right: Some(camera(6, 5, (6, 5))),
        labels: Array1::zeros(2),
    };
    assert!(good.validate().is_ok());
    let bad = Rig {
        timestamps: vec![0.0; 2],
        left: camera(4, 5, (4, 6)),
        right: Some(camera(6, 5, (7, 5))),
        labels: Array1::zeros(3),
    };
    assert_eq!(
        report(&bad),
        [
            "field `left.depth`: shape mismatch: expected [H=4, W=5], found [4, 6] (W=5 from `left.image`)",
            "field `right.depth`: shape mismatch: expected [H=6, W=5], found [7, 5] (H=6 from `right.image`)",
            "field `labels`: shape mismatch: expected [H=2], found [3] (H=2 from `timestamps`)",
        ]
    );
    assert_eq!(bad.validate().unwrap_err().first().field(), "left.depth");
}

#[test]
fn nested_specs_nest_deeper() {
    #[derive(TensorSpec)]
    struct Outer {
        rig: Rig,
    }
    let outer = Outer {
        rig: Rig {
            timestamps: vec![0.0],
            left: camera(1, 1, (1, 2)),
            right: None,
            labels: Array1::zeros(1),
        },
    };
    let violations = outer.validate().unwrap_err();
    assert_eq!(violations.first().field(), "rig.left.depth");
    assert_eq!(
        violations.to_string(),
        "field `rig.left.depth`: shape mismatch: expected [H=1, W=1], found [1, 2] (W=1 from `rig.left.image`)"
    );
}

#[derive(TensorSpec)]
struct Generic<T: TensorField, const N: usize> {
    #[tensor(shape = [N, _])]
    data: Array2<f32>,
    #[tensor(shape = [{ 2 * N }])]
    doubled: Vec<u8>,
    payload: T,
}

use tensorspec::TensorField;

#[test]
fn generic_structs_are_checked_with_their_parameters() {
    let good: Generic<Vec<Vec<f32>>, 3> = Generic {
        data: Array2::zeros((3, 9)),
        doubled: vec![0; 6],
        payload: vec![vec![0.0; 2]; 2],
    };
    assert!(good.validate().is_ok());
    let bad: Generic<Vec<Vec<f32>>, 3> = Generic {
        data: Array2::zeros((2, 9)),
        doubled: vec![0; 3],
        payload: vec![vec![0.0; 2], vec![0.0; 1]],
    };
    assert_eq!(
        report(&bad),
        [
            "field `data`: shape mismatch: expected [3, _], found [2, 9]",
            "field `doubled`: shape mismatch: expected [6], found [3]",
            "field `payload`: ragged nesting: `payload[1]` has shape [1], but `payload[0]` has shape [2]",
        ]
    );
}

#[test]
fn views_and_references_are_validated_in_place() {
    #[derive(TensorSpec)]
    struct View<'a> {
        #[tensor(shape = [2, N])]
        rows: ArrayView2<'a, f32>,
    }
    let data = Array2::<f32>::zeros((3, 4));
    let view = View { rows: data.view() };
    assert_eq!(
        report(&&view),
        ["field `rows`: shape mismatch: expected [2, N=4], found [3, 4]"]
    );
    assert_eq!(report(&Box::new(view)).len(), 1);
}

#[test]
fn every_violation_is_reported_in_field_order() {
    #[derive(TensorSpec)]
    struct Many {
        #[tensor(shape = [1])]
        a: Vec<f32>,
        #[tensor(shape = [2])]
        b: Vec<f32>,
        #[tensor(skip)]
        _note: String,
        #[tensor(shape = [3])]
        c: Vec<f32>,
        #[tensor(shape = [4])]
        d: Vec<f32>,
    }
    let sample = Many {
        a: vec![],
        b: vec![0.0; 2],
        _note: String::new(),
        c: vec![],
        d: vec![],
    };
    let fields: Vec<String> = sample
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|v| v.field().to_owned())
        .collect();
    assert_eq!(fields, ["a", "c", "d"]);
}

#[test]
fn reports_never_show_array_contents() {
    let sample = symbols(2, 3, (2, 4), 3);
    let mut image = sample.image;
    image.fill(123_456.0);
    let sample = Symbols { image, ..sample };
    let message = sample.validate().unwrap_err().to_string();
    assert!(!message.contains("123456"), "{message}");
    let debug = format!("{:?}", sample.validate().unwrap_err());
    assert!(!debug.contains("123456"), "{debug}");
}

#[test]
fn an_empty_vec_of_dynamic_arrays_has_an_unknown_rank() {
    #[derive(TensorSpec)]
    struct Clouds {
        #[tensor(shape = [N, _, 3])]
        clouds: Vec<ArrayD<f32>>,
        #[tensor(shape = [N])]
        ids: Vec<u32>,
    }
    let empty = Clouds {
        clouds: Vec::new(),
        ids: Vec::new(),
    };
    assert!(empty.validate().is_ok());
    let mismatch = Clouds {
        clouds: Vec::new(),
        ids: vec![1],
    };
    assert_eq!(
        report(&mismatch),
        ["field `ids`: shape mismatch: expected [N=0], found [1] (N=0 from `clouds`)"]
    );

    #[derive(TensorSpec)]
    struct Fixed {
        #[tensor(shape = [3, _])]
        clouds: Vec<ArrayD<f32>>,
    }
    assert_eq!(
        report(&Fixed { clouds: Vec::new() }),
        ["field `clouds`: shape mismatch: expected [3, _], found [0, ..]"]
    );
}

#[test]
fn ranks_past_the_inline_capacity_are_measured_exactly() {
    #[derive(TensorSpec)]
    struct Deep {
        stack: Vec<ArrayD<u8>>,
        #[tensor(shape = [_, _])]
        declared: Vec<ArrayD<u8>>,
    }
    let nine = ArrayD::<u8>::zeros(IxDyn(&[1; 9]));
    let mut other = vec![1; 9];
    other[8] = 2;
    let sample = Deep {
        stack: vec![nine.clone(), ArrayD::zeros(IxDyn(&other))],
        declared: vec![nine],
    };
    assert_eq!(
        report(&sample),
        [
            "field `stack`: ragged nesting: `stack[1]` has shape [1, 1, 1, 1, 1, 1, 1, 1, 2], but `stack[0]` has shape [1, 1, 1, 1, 1, 1, 1, 1, 1]",
            "field `declared`: rank mismatch: expected rank 2 [_, _], found rank 10 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]",
        ]
    );
}

/// More symbols than `validate()` binds without allocating (8): the same rules.
#[derive(TensorSpec)]
struct ManySymbols {
    #[tensor(shape = [A, B, C])]
    first: Array3<u8>,
    #[tensor(shape = [D, E, F])]
    second: Array3<u8>,
    #[tensor(shape = [G, H, I])]
    third: Array3<u8>,
    #[tensor(shape = [I, A])]
    last: Array2<u8>,
}

#[test]
fn a_struct_of_more_than_eight_symbols_binds_them_all() {
    let sample = |last: (usize, usize)| ManySymbols {
        first: Array3::zeros((1, 2, 3)),
        second: Array3::zeros((4, 5, 6)),
        third: Array3::zeros((7, 8, 9)),
        last: Array2::zeros(last),
    };
    assert_eq!(report(&sample((9, 1))), Vec::<String>::new());
    assert_eq!(
        report(&sample((9, 2))),
        ["field `last`: shape mismatch: expected [I=9, A=1], found [9, 2] (A=1 from `first`)"]
    );
}
