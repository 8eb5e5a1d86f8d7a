//! The rules `#[derive(TensorSpec)]` checks when your code compiles, one trait a rule.
//!
//! Each trait's parameters carry what a field declares and what the field's type has, and a
//! blanket impl holds exactly where the two agree. A mistake leaves the trait unimplemented,
//! and the compiler reports it in one sentence naming the field:
//!
//! ```text
//! error[E0277]: field `features`: declared `dtype = f32`, but the field's element type is `u8`
//! ```
//!
//! You never implement or name these traits: the derive asserts them for your fields. They are
//! public so that where the compiler adds notes of its own (a generic struct checked where it
//! is used, as in `Sample<u8>`), those notes name a rule you can look up here rather than the
//! derive's insides.
//!
//! A struct whose fields mention its generic parameters is checked where it is used:
//!
//! ```compile_fail,E0277
//! use tensorspec::TensorSpec;
//!
//! #[derive(TensorSpec)]
//! struct Sample<T: tensorspec::Element> {
//!     #[tensor(dtype = f32, shape = [N])]
//!     values: Vec<T>,
//! }
//!
//! // field `values`: declared `dtype = f32`, but the field's element type is `u8`
//! let _ = <Sample<u8> as TensorSpec>::spec();
//! ```
//!
//! The same struct used with the declared element type compiles:
//!
//! ```
//! # use tensorspec::TensorSpec;
//! # #[derive(TensorSpec)]
//! # struct Sample<T: tensorspec::Element> {
//! #     #[tensor(dtype = f32, shape = [N])]
//! #     values: Vec<T>,
//! # }
//! assert_eq!(<Sample<f32> as TensorSpec>::spec().to_string(), "values: f32[N]\n");
//! ```

pub use crate::batch::{BatchIs, NoBatch};
use crate::dtype::Element;
use crate::field::TensorField;
use crate::field::shape::{Any, AnyRank, Axis, Shape};
pub use crate::field::shape::{FixedExtent, FixedRank};

/// `dtype = ...` names the field's element type.
///
/// `Written` is the dtype as written (`float32`), `Declared` its element type (`f32`),
/// `Found` the element type of the field's type; `Self` is named after the field.
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(dtype = f32, shape = [3])]
///     features: ndarray::Array1<u8>,
/// }
///
/// // error: field `features`: declared `dtype = f32`, but the field's element type is `u8`
/// # fn main() {}
/// ```
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared `dtype = {Written}`, but the field's element type is `{Found}`",
    label = "expected element type `{Written}`, found `{Found}`"
)]
pub trait DTypeIs<Written, Declared, Found> {
    /// Asserted by the derive: it compiles only where the rule holds.
    const OK: () = ();
}

impl<M: ?Sized, W, T> DTypeIs<W, T, T> for M {}

/// A field with `shape = [...]` is a tensor: a nested sample declares its shapes in its own
/// fields. `Found` is the element type of the field's type.
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Point {
///     #[tensor(shape = [2])]
///     xy: [f32; 2],
/// }
///
/// #[derive(TensorSpec)]
/// struct Track {
///     // error: field `start`: a `shape` is declared, but the field is `Point`, a nested spec
///     #[tensor(shape = [2])]
///     start: Point,
/// }
/// # fn main() {}
/// ```
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: a `shape` is declared, but the field is `{Found}`, a nested spec",
    label = "a nested spec's fields declare their own shapes"
)]
pub trait HasShape<Found> {
    /// Asserted by the derive: it compiles only where the rule holds.
    const OK: () = ();
}

// Not recommended: a nested spec fails here for want of `Element`, and the message above says
// what that means better than a list of element types.
#[diagnostic::do_not_recommend]
impl<M: ?Sized, E: Element> HasShape<E> for M {}

/// `shape = [...]` has as many axes as the field's type, where the type fixes its rank.
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [H, W, 3])]
///     image: ndarray::Array2<f32>,
/// }
///
/// // error: field `image`: declared rank 3, but the field's type has rank 2
/// # fn main() {}
/// ```
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared rank {DECLARED}, but the field's type has rank {FOUND}",
    label = "expected rank {DECLARED}, found rank {FOUND}"
)]
pub trait RankIs<const DECLARED: usize, const FOUND: usize> {
    /// Asserted by the derive: it compiles only where the rule holds.
    const OK: () = ();
}

impl<M: ?Sized, const N: usize> RankIs<N, N> for M {}

/// A number in `shape = [...]` is the extent the field's type fixes on that axis, where it
/// fixes one (an array `[T; N]`).
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [3])]
///     xy: [f32; 2],
/// }
///
/// // error: field `xy`: declared extent 3 on axis 0, but the field's type has fixed extent 2
/// # fn main() {}
/// ```
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared extent {DECLARED} on axis {AXIS}, but the field's type has fixed extent {FOUND}",
    label = "expected extent {DECLARED} on axis {AXIS}, found {FOUND}"
)]
pub trait ExtentIs<const AXIS: usize, const DECLARED: usize, const FOUND: usize> {
    /// Asserted by the derive: it compiles only where the rule holds.
    const OK: () = ();
}

impl<M: ?Sized, const AXIS: usize, const N: usize> ExtentIs<AXIS, N, N> for M {}

// The forms for fields whose type mentions the struct's generic parameters: the derive cannot
// check those at the field, so they are where-clauses of the generated impl, checked where the
// struct is used (`Sample<u8>`). They take the field's type itself: a where-clause
// `Ty: TensorField` would keep rustc from normalizing `<Ty as TensorField>::Shape` in the
// impl, so the projections happen inside these blanket impls, for the concrete type.

/// [`DTypeIs`] for a field whose type `F` mentions the struct's generic parameters, checked
/// where the struct is used.
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Sample<T: tensorspec::Element> {
///     #[tensor(dtype = f32)]
///     values: ndarray::Array1<T>,
/// }
///
/// // error: field `values`: declared `dtype = f32`, but the field's element type is `u8`
/// let _ = <Sample<u8> as TensorSpec>::spec();
/// ```
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

/// [`HasShape`] for a field whose type `F` mentions the struct's generic parameters: a
/// `shape` declared on a field that, for some instantiation, is a nested spec.
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Point {
///     #[tensor(shape = [2])]
///     xy: [f32; 2],
/// }
///
/// #[derive(TensorSpec)]
/// struct Wrapper<T: tensorspec::TensorField> {
///     #[tensor(shape = [2])]
///     inner: T,
/// }
///
/// // error: field `inner`: a `shape` is declared, but the field is `Point`, a nested spec
/// let _ = <Wrapper<Point> as TensorSpec>::spec();
/// ```
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

/// [`RankIs`] for a field whose type `F` mentions the struct's generic parameters.
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Sample<T: tensorspec::Element> {
///     #[tensor(shape = [3])]
///     values: [[T; 3]; 3],
/// }
///
/// // error: field `values`: declared rank 1, but the field's type has rank `FixedRank<2>`
/// let _ = <Sample<f32> as TensorSpec>::spec();
/// ```
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

/// [`ExtentIs`] for a field whose type `F` mentions the struct's generic parameters, such as
/// an array sized by a const generic:
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Grid<const N: usize> {
///     #[tensor(shape = [N, 3])]
///     cells: [[f32; 2]; N],
/// }
///
/// // error: field `cells`: declared extent 3 on axis 1, but the field's type has extent `FixedExtent<2>`
/// let _ = <Grid<4> as TensorSpec>::spec();
/// ```
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

/// The declared rank is the rank of a generic field's type: `Found` is [`FixedRank<N>`] for a type
/// that fixes its rank, or a rank it does not fix (which any declaration matches). The rule
/// [`FieldRankIs`] reaches; its example shows the message.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Sample<T: tensorspec::Element> {
///     #[tensor(shape = [3, 3])]
///     values: [[T; 3]; 3],
/// }
///
/// // `[[f32; 3]; 3]` has rank `FixedRank<2>`, as declared.
/// assert_eq!(<Sample<f32> as TensorSpec>::spec().to_string(), "values: f32[3, 3]\n");
/// ```
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared rank {DECLARED}, but the field's type has rank `{Found}`",
    label = "expected rank {DECLARED}"
)]
pub trait RankOf<const DECLARED: usize, Found> {}

impl<M: ?Sized, const N: usize> RankOf<N, FixedRank<N>> for M {}
impl<M: ?Sized, const N: usize> RankOf<N, AnyRank> for M {}

/// A declared extent is the one a generic field's type fixes on that axis: `Found` is
/// [`FixedExtent<N>`] for an axis the type fixes, or an open axis (which any declaration
/// matches). The rule [`FieldExtentIs`] reaches; its example shows the message.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Grid<const N: usize> {
///     #[tensor(shape = [N, 2])]
///     cells: [[f32; 2]; N],
/// }
///
/// // Axis 1 of `[[f32; 2]; 4]` has extent `FixedExtent<2>`, as declared.
/// assert_eq!(<Grid<4> as TensorSpec>::spec().to_string(), "cells: f32[4, 2]\n");
/// ```
#[diagnostic::on_unimplemented(
    message = "field `{Self}`: declared extent {DECLARED} on axis {AXIS}, but the field's type has extent `{Found}`",
    label = "expected extent {DECLARED} on axis {AXIS}"
)]
pub trait ExtentOf<const AXIS: usize, const DECLARED: usize, Found> {}

impl<M: ?Sized, const AXIS: usize, const N: usize> ExtentOf<AXIS, N, FixedExtent<N>> for M {}
impl<M: ?Sized, const AXIS: usize, const N: usize> ExtentOf<AXIS, N, Any> for M {}

/// Two axes declared with the same symbol have the same extent where their types fix both.
///
/// `Self` is named after the symbol, `First` and `Then` after the two fields.
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Pair {
///     #[tensor(shape = [N])]
///     left: [f32; 3],
///     #[tensor(shape = [N])]
///     right: [f32; 4],
/// }
///
/// // error: symbol `N`: field `left` fixes it to 3 (axis 0), but field `right` to 4 (axis 0)
/// # fn main() {}
/// ```
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
    /// Asserted by the derive: it compiles only where the rule holds.
    const OK: () = ();
}

impl<M: ?Sized, F, T, const X: usize, const Y: usize, const N: usize> SymbolAgrees<F, T, X, N, Y, N>
    for M
{
}
