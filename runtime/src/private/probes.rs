//! The machinery of the derive's compile-time checks: the rules themselves are public, in
//! [`crate::checks`]; here are the helpers that compute their parameters, and the checks
//! that only ever report at the user's own field (their `Self` is a type parameter named
//! after it, so rustc prints no path of ours).
//!
//! Blanket impls only: an impl for a particular `Self` would make rustc point at this crate
//! ("but trait ... is implemented for ...").

use core::marker::PhantomData;

use crate::dtype::for_each_element;
use crate::field::shape::{ANY_EXTENT, ANY_RANK, MAX_RANK};

/// `<field as Id>::Out` is `field`; the path gives the probe a span covering the field's type.
pub trait Id {
    /// `Self`.
    type Out: ?Sized;
}

impl<T: ?Sized> Id for T {
    type Out = T;
}

/// The rank the type has, or the declared one when the type fixes none (so that it passes).
pub const fn found_rank(declared: usize, found: usize) -> usize {
    if found == ANY_RANK { declared } else { found }
}

/// The extent the type fixes on `axis`, or the declared one when it fixes none or the ranks
/// differ (a rank mismatch is reported once, not once per axis).
pub const fn found_extent(
    declared_rank: usize,
    declared: usize,
    found_rank: usize,
    found: [usize; MAX_RANK],
    axis: usize,
) -> usize {
    if found_rank != declared_rank || axis >= MAX_RANK || found[axis] == ANY_EXTENT {
        declared
    } else {
        found[axis]
    }
}

/// The extent the type fixes on `axis`, or `ANY_EXTENT` when it fixes none or the declared
/// rank is not the type's (that is reported on its own).
pub const fn type_extent(
    declared_rank: usize,
    found_rank: usize,
    found: [usize; MAX_RANK],
    axis: usize,
) -> usize {
    if found_rank != declared_rank || axis >= MAX_RANK {
        ANY_EXTENT
    } else {
        found[axis]
    }
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

/// The derive's largest rank is the runtime's: every expansion asserts it.
pub const fn assert_max_rank(derive: usize) {
    assert!(
        derive == MAX_RANK,
        "tensorspec-macros and tensorspec disagree on the largest rank: use the same version of both"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_type_that_fixes_nothing_passes_any_declaration() {
        assert_eq!(found_rank(3, ANY_RANK), 3);
        assert_eq!(found_rank(3, 2), 2);
        let found = [4, ANY_EXTENT, 2, ANY_EXTENT, ANY_EXTENT, ANY_EXTENT];
        assert_eq!(found_extent(3, 7, 3, found, 0), 4);
        assert_eq!(found_extent(3, 7, 3, found, 1), 7);
        assert_eq!(found_extent(3, 7, 3, found, 2), 2);
    }

    #[test]
    fn extents_are_not_compared_when_the_ranks_differ() {
        let found = [4, 5, ANY_EXTENT, ANY_EXTENT, ANY_EXTENT, ANY_EXTENT];
        assert_eq!(found_extent(1, 9, 2, found, 0), 9);
        assert_eq!(found_extent(7, 9, 7, found, MAX_RANK), 9);
    }
}
