//! The traits behind the derive's compile-time checks.
//!
//! Each check is a trait whose parameters carry what was declared and what the field's type
//! has, with one blanket impl where the two agree. A mismatch leaves the trait unimplemented,
//! and `on_unimplemented` turns that into one sentence naming the field (`Self` is a type
//! named after it). Blanket impls only: an impl for a particular `Self` would make rustc
//! point at this crate ("but trait ... is implemented for ...").

use core::marker::PhantomData;

use crate::dtype::{Element, for_each_element};
use crate::field::TensorField;
use crate::field::shape::{ANY_EXTENT, ANY_RANK, Any, AnyRank, Axis, Fixed, MAX_RANK, Rank, Shape};

/// `<field as Id>::Out` is `field`; the path gives the probe a span covering the field's type.
pub trait Id {
    /// `Self`.
    type Out: ?Sized;
}

impl<T: ?Sized> Id for T {
    type Out = T;
}

/// The declared dtype is the field's element type: `Written` is a type parameter named as
/// the user wrote the dtype (`float32`), for the message; `Declared` its element type.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared `dtype = {Written}`, but the field's element type is `{Found}`",
    label = "expected element type `{Written}`, found `{Found}`"
)]
pub trait DTypeIs<Written, Declared, Found> {
    /// Probed by the generated code.
    const OK: () = ();
}

impl<M: ?Sized, W, T> DTypeIs<W, T, T> for M {}

/// A field with a declared shape is a tensor, not a nested spec.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: a `shape` is declared, but the field is `{Found}`, a nested spec",
    label = "a nested spec's fields declare their own shapes"
)]
pub trait HasShape<Found> {
    /// Probed by the generated code.
    const OK: () = ();
}

// Not recommended: a nested spec fails here for want of `Element`, and the message above says
// what that means better than a list of element types.
#[diagnostic::do_not_recommend]
impl<M: ?Sized, E: Element> HasShape<E> for M {}

/// The declared rank is the rank the field's type fixes.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared rank {DECLARED}, but the field's type has rank {FOUND}",
    label = "expected rank {DECLARED}, found rank {FOUND}"
)]
pub trait RankIs<const DECLARED: usize, const FOUND: usize> {
    /// Probed by the generated code.
    const OK: () = ();
}

impl<M: ?Sized, const N: usize> RankIs<N, N> for M {}

/// A declared fixed extent is the extent the field's type fixes on that axis.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared extent {DECLARED} on axis {AXIS}, but the field's type has fixed extent {FOUND}",
    label = "expected extent {DECLARED} on axis {AXIS}, found {FOUND}"
)]
pub trait ExtentIs<const AXIS: usize, const DECLARED: usize, const FOUND: usize> {
    /// Probed by the generated code.
    const OK: () = ();
}

impl<M: ?Sized, const AXIS: usize, const N: usize> ExtentIs<AXIS, N, N> for M {}

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

// Where-clause forms, for fields whose type or declared extents mention the struct's generic
// parameters: a `const _` item cannot name those, so these are where-clauses of the generated
// impl, checked where the struct is used. They take the field's type itself: a where-clause
// `Ty: TensorField` would keep rustc from normalizing `<Ty as TensorField>::Shape` in the
// impl, so the projections happen inside these blanket impls, for the concrete type.

/// The declared dtype is the element type of the field's type `F`.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared `dtype = {Declared}`, but the field's type `{F}` has another element type",
    label = "expected element type `{Declared}`"
)]
pub trait FieldDTypeIs<Declared, F: ?Sized> {}

impl<M: ?Sized, D, F> FieldDTypeIs<D, F> for M
where
    F: ?Sized + TensorField,
    M: DTypeIs<D, D, F::Elem>,
{
}

/// A field with a declared shape is a tensor, not a nested spec.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: a `shape` is declared, but the field is `{F}`, a nested spec",
    label = "a nested spec's fields declare their own shapes"
)]
pub trait FieldHasShape<F: ?Sized> {}

impl<M: ?Sized, F> FieldHasShape<F> for M
where
    F: ?Sized + TensorField,
    M: HasShape<F::Elem>,
{
}

/// The declared rank is the rank the field's type `F` fixes.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared rank {DECLARED}, but the field's type `{F}` has another rank",
    label = "expected rank {DECLARED}"
)]
pub trait FieldRankIs<const DECLARED: usize, F: ?Sized> {}

impl<M: ?Sized, const DECLARED: usize, F> FieldRankIs<DECLARED, F> for M
where
    F: ?Sized + TensorField,
    M: RankOf<DECLARED, <F::Shape as Shape>::RankTy>,
{
}

/// A declared fixed extent is the extent the field's type `F` fixes on that axis.
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared extent {DECLARED} on axis {AXIS}, but the field's type `{F}` has another",
    label = "expected extent {DECLARED} on axis {AXIS}"
)]
pub trait FieldExtentIs<const AXIS: usize, const DECLARED: usize, F: ?Sized> {}

impl<M: ?Sized, const AXIS: usize, const DECLARED: usize, F> FieldExtentIs<AXIS, DECLARED, F> for M
where
    F: ?Sized + TensorField,
    F::Shape: Axis<AXIS>,
    M: ExtentOf<AXIS, DECLARED, <F::Shape as Axis<AXIS>>::Extent>,
{
}

/// The declared rank is the rank the field's type fixes (`Rank<N>` or `AnyRank`).
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared rank {DECLARED}, but the field's type has rank `{Found}`",
    label = "expected rank {DECLARED}"
)]
pub trait RankOf<const DECLARED: usize, Found> {}

impl<M: ?Sized, const N: usize> RankOf<N, Rank<N>> for M {}
impl<M: ?Sized, const N: usize> RankOf<N, AnyRank> for M {}

/// A declared fixed extent is the extent the field's type fixes (`Fixed<N>` or `Any`).
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared extent {DECLARED} on axis {AXIS}, but the field's type has extent `{Found}`",
    label = "expected extent {DECLARED} on axis {AXIS}"
)]
pub trait ExtentOf<const AXIS: usize, const DECLARED: usize, Found> {}

impl<M: ?Sized, const AXIS: usize, const N: usize> ExtentOf<AXIS, N, Fixed<N>> for M {}
impl<M: ?Sized, const AXIS: usize, const N: usize> ExtentOf<AXIS, N, Any> for M {}

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

/// Two axes declared with the same symbol have the same extent where their types fix both.
/// `Self` is a type named after the symbol, `First` and `Then` after the two fields.
#[diagnostic::on_unimplemented(
    message = "symbol `{Self}`: field `{First}` fixes it to {A} (axis {FIRST_AXIS}), but field `{Then}` to {B} (axis {THEN_AXIS})",
    label = "`{Self}` is one extent within a sample, and these field types fix two"
)]
pub trait SymbolAgrees<
    First,
    Then,
    const FIRST_AXIS: usize,
    const A: usize,
    const THEN_AXIS: usize,
    const B: usize,
>
{
    /// Probed by the generated code.
    const OK: () = ();
}

impl<M: ?Sized, F, T, const X: usize, const Y: usize, const N: usize> SymbolAgrees<F, T, X, N, Y, N>
    for M
{
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
