//! The machinery of the derive's compile-time checks: the rules themselves are public, in
//! [`crate::checks`]; here are the helpers that compute their parameters, and the checks
//! that only ever report at the user's own field (their `Self` is a type parameter named
//! after it, so rustc prints no path of ours).
//!
//! Blanket impls only: an impl for a particular `Self` would make rustc point at this crate
//! ("but trait ... is implemented for ...").

use core::marker::PhantomData;

use crate::dim::Declared;
use crate::dtype::for_each_element;
use crate::field::shape::{ANY_EXTENT, MAX_RANK};
use crate::spec::{FieldKind, TensorInfo};

/// `<field as Id>::Out` is `field`; the path gives the probe a span covering the field's type.
pub trait Id {
    /// `Self`.
    type Out: ?Sized;
}

impl<T: ?Sized> Id for T {
    type Out = T;
}

/// The dims the field's type fixes, as its `TensorField::KIND` records them (the same
/// constant the spec reads): `None` for a type that fixes no rank (`ArrayD`) or a nested spec.
const fn type_dims(kind: FieldKind) -> Option<&'static [Declared]> {
    match kind {
        FieldKind::Tensor(TensorInfo { dims, .. }) => dims,
        FieldKind::Nested { .. } => None,
    }
}

/// The extent `dims` fix on `axis`, or `ANY_EXTENT` when they fix none there or are not of
/// `declared_rank` axes (a rank mismatch is reported on its own, not once per axis).
const fn fixed_extent(
    dims: Option<&'static [Declared]>,
    declared_rank: usize,
    axis: usize,
) -> usize {
    match dims {
        Some(dims) if dims.len() == declared_rank && axis < dims.len() => match dims[axis] {
            Declared::Fixed(extent) => extent,
            Declared::Any | Declared::Symbol(_) => ANY_EXTENT,
        },
        _ => ANY_EXTENT,
    }
}

/// The rank the type of `kind` has, or the declared one when the type fixes none (so that it
/// passes).
pub const fn found_rank(declared: usize, kind: FieldKind) -> usize {
    match type_dims(kind) {
        Some(dims) => dims.len(),
        None => declared,
    }
}

/// The extent the type of `kind` fixes on `axis`, or the declared one when it fixes none or
/// the ranks differ (a rank mismatch is reported once, not once per axis).
pub const fn found_extent(
    declared_rank: usize,
    declared: usize,
    kind: FieldKind,
    axis: usize,
) -> usize {
    match fixed_extent(type_dims(kind), declared_rank, axis) {
        ANY_EXTENT => declared,
        extent => extent,
    }
}

/// The extent the type of `kind` fixes on `axis`, or `ANY_EXTENT` when it fixes none or the
/// declared rank is not the type's (that is reported on its own).
pub const fn type_extent(declared_rank: usize, kind: FieldKind, axis: usize) -> usize {
    fixed_extent(type_dims(kind), declared_rank, axis)
}

/// `a`, or 0 when either extent is not fixed by its type (then they agree).
pub const fn agreed(a: usize, b: usize) -> usize {
    if a == ANY_EXTENT || b == ANY_EXTENT {
        0
    } else {
        a
    }
}

/// A field with a `cast` attribute can hold a converted copy of a tensor: not a view.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: `cast` is declared, but the field is a view, which cannot hold a converted copy",
    label = "a view borrows the tensor's bytes as they are: make the field an `Array`, or a `CowArray` (which borrows when no cast is needed)"
)]
pub trait CastInto<F: ?Sized> {
    /// Probed by the generated code.
    const OK: () = ();
}

// Not recommended: rustc then reports `CastInto` (the message above), not `Castable`.
#[diagnostic::do_not_recommend]
impl<M: ?Sized, F: ?Sized + Castable> CastInto<F> for M {}

/// A field type that a read can fill with converted values: every owned tensor type.
pub trait Castable {}

/// A scalar of each element type.
macro_rules! scalar_castable {
    ($($ty:ty => $dtype:ident),*) => {$(
        impl Castable for $ty {}
    )*};
}

for_each_element!(scalar_castable);
impl<F: Castable> Castable for Box<F> {}
impl<F: Castable> Castable for std::sync::Arc<F> {}
impl<F: Castable> Castable for std::rc::Rc<F> {}
impl<T: Castable, const N: usize> Castable for [T; N] {}
impl<T: Castable> Castable for Vec<T> {}
impl<F: Castable> Castable for Option<F> {}
impl<A, D> Castable for ndarray::Array<A, D> {}
impl<A, D> Castable for ndarray::ArcArray<A, D> {}
impl<A, D> Castable for ndarray::CowArray<'_, A, D> {}

/// What a symbol probe matches when its name is not a constant: nothing else can be.
pub struct NotAConstant;

/// A symbol probe's `Self`, named after the symbol.
pub struct Of<M: ?Sized>(PhantomData<M>);

/// A symbol's name is not a constant in scope: `shape = [IMG_H]` with `const IMG_H` in scope
/// meant `{IMG_H}`. The probe's pattern gives `V` the constant's type; only a fresh binding
/// leaves it to this one impl.
#[diagnostic::on_unimplemented(
    message = "`{Self}` names a constant in scope (of type `{V}`), not a symbolic extent",
    label = "write `{{{Self}}}` to use the constant's value as a fixed extent",
    note = "a bare name in `shape = [...]` is a symbol, bound when data is checked, and cannot be the name of a constant, unit struct or unit variant in scope; braces make a constant expression"
)]
pub trait SymbolIsNotAConstant<V> {
    /// Matched by the generated code, never called.
    fn probe() -> (V, Of<Self>) {
        unreachable!("a symbol probe is matched, never run")
    }
}

impl<M: ?Sized> SymbolIsNotAConstant<NotAConstant> for M {}

/// The derive's largest rank and widest tuple of fields are the runtime's: every expansion
/// asserts it.
pub const fn assert_limits(max_rank: usize, tuple_fields: usize) {
    assert!(
        max_rank == MAX_RANK && tuple_fields == crate::TUPLE_FIELDS,
        "tensorspec-macros and tensorspec disagree on the largest rank or the widest tuple of fields: use the same version of both"
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::TensorField;

    fn kind<F: TensorField>() -> FieldKind {
        F::KIND
    }

    #[test]
    fn a_type_that_fixes_nothing_passes_any_declaration() {
        assert_eq!(found_rank(3, kind::<ndarray::ArrayD<f32>>()), 3);
        assert_eq!(found_rank(3, kind::<ndarray::Array2<f32>>()), 2);
        let fixed = kind::<Vec<[[u8; 2]; 4]>>();
        assert_eq!(found_extent(3, 7, fixed, 0), 7);
        assert_eq!(found_extent(3, 7, fixed, 1), 4);
        assert_eq!(found_extent(3, 7, fixed, 2), 2);
        assert_eq!(type_extent(3, fixed, 0), ANY_EXTENT);
        assert_eq!(type_extent(3, fixed, 2), 2);
    }

    #[test]
    fn extents_are_not_compared_when_the_ranks_differ() {
        let fixed = kind::<[[u8; 5]; 4]>();
        assert_eq!(found_extent(1, 9, fixed, 0), 9);
        assert_eq!(found_extent(2, 9, fixed, MAX_RANK), 9);
        assert_eq!(type_extent(3, fixed, 0), ANY_EXTENT);
    }

    #[test]
    fn a_nested_spec_fixes_nothing() {
        fn point() -> &'static crate::spec::Spec {
            &const { crate::spec::Spec::new("Point", &[], &[]) }
        }
        let nested = FieldKind::Nested {
            spec: point,
            optional: false,
        };
        assert_eq!(found_rank(2, nested), 2);
        let nested = FieldKind::Nested {
            spec: point,
            optional: true,
        };
        assert_eq!(found_extent(2, 3, nested, 1), 3);
    }
}
