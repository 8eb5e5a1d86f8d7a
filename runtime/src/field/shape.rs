//! The compile-time shape of a field type, as types: which axes the type fixes and how long.
//!
//! Hidden: the derive's generated code reads it through `tensorspec::__private`; users
//! see its results in [`Spec`](crate::Spec) and in compile errors.

use crate::dim::Declared;

/// The most axes a declared shape or a statically shaped type may have (ndarray's `Ix6`).
pub const MAX_RANK: usize = 6;

/// The rank of a type that does not fix it (`IxDyn`).
pub const ANY_RANK: usize = usize::MAX;

/// The extent of an axis that the type does not fix.
pub const ANY_EXTENT: usize = crate::validate::UNKNOWN;

/// An axis whose extent the type fixes to `N` (`[T; N]`), as a type: what a compiler note
/// shows for a generic field's extent (see [`ExtentOf`](crate::checks::ExtentOf)).
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
/// // error: field `cells`: declared extent 3 on axis 1, but the field's type has extent
/// // `FixedExtent<2>`
/// let _ = <Grid<4> as TensorSpec>::spec();
/// ```
pub struct FixedExtent<const N: usize>;

/// An axis whose extent the type leaves open (`Vec<T>`, ndarray axes).
pub struct Any;

/// The extent of one axis, as a type.
pub trait Extent {
    /// The extent, or `ANY_EXTENT`.
    const EXTENT: usize;
    /// The extent as a declared dim.
    const DIM: Declared;
}

impl<const N: usize> Extent for FixedExtent<N> {
    const EXTENT: usize = N;
    const DIM: Declared = Declared::Fixed(N);
}

impl Extent for Any {
    const EXTENT: usize = ANY_EXTENT;
    const DIM: Declared = Declared::Any;
}

/// The rank of a type that fixes it, as a type: what a compiler note shows for a generic
/// field's rank (see [`RankOf`](crate::checks::RankOf)).
///
/// ```compile_fail,E0277
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// struct Grid<const N: usize> {
///     #[tensor(shape = [N, 3, 1])]
///     cells: [[f32; 3]; N],
/// }
///
/// // error: field `cells`: declared rank 3, but the field's type has rank `FixedRank<2>`
/// let _ = <Grid<4> as TensorSpec>::spec();
/// ```
pub struct FixedRank<const N: usize>;

/// The rank of a type that does not fix it, as a type.
pub struct AnyRank;

/// A field type's shape: its rank and the extents it fixes.
pub trait Shape {
    /// The rank, or `ANY_RANK`.
    const RANK: usize;
    /// The extent of each axis, `ANY_EXTENT` where the type does not fix it.
    const EXTENTS: [usize; MAX_RANK];
    /// The dims the spec records when no shape is declared.
    const DIMS: Option<&'static [Declared]>;
    /// Whether the type fixes the rank and every extent: a value cannot be ragged.
    const FIXED: bool;
    /// The ndarray dimension of a batch of this shape: one more axis (`IxDyn` past `Ix6`).
    type Batched: ndarray::Dimension;
    /// `FixedRank<N>` or `AnyRank`.
    type RankTy;
}

/// The shape of a type whose rank is not fixed (`IxDyn`).
pub struct AnyShape;

impl Shape for AnyShape {
    const RANK: usize = ANY_RANK;
    const EXTENTS: [usize; MAX_RANK] = [ANY_EXTENT; MAX_RANK];
    const DIMS: Option<&'static [Declared]> = None;
    const FIXED: bool = false;
    type Batched = ndarray::IxDyn;
    type RankTy = AnyRank;
}

/// The shape of a nested spec: not a tensor, so no rank to check.
pub struct NestedShape;

impl Shape for NestedShape {
    const RANK: usize = ANY_RANK;
    const EXTENTS: [usize; MAX_RANK] = [ANY_EXTENT; MAX_RANK];
    const DIMS: Option<&'static [Declared]> = None;
    const FIXED: bool = false;
    type Batched = ndarray::IxDyn;
    type RankTy = AnyRank;
}

/// The shape with one more leading axis `E` (`[T; N]` and `Vec<T>` around `T`).
pub trait Prepend<E> {
    /// The longer shape.
    type Out: Shape;
}

impl<E> Prepend<E> for AnyShape {
    type Out = AnyShape;
}

/// The extent of axis `I`, `Any` past the rank.
pub trait Axis<const I: usize> {
    /// The axis' extent, as a type.
    type Extent;
}

/// The extent type `Ext` of axis `AXIS` of shape `Name<Params>`.
macro_rules! axis {
    ($name:ident [$($param:ident),*] $axis:literal $ext:ident) => {
        impl<$($param),*> Axis<$axis> for $name<$($param),*> {
            type Extent = $ext;
        }
    };
}

/// `Name<Params>` with one more leading axis is `Next<X, Params>`.
macro_rules! prepend {
    ($name:ident [$($param:ident),*] $next:ident) => {
        impl<X: Extent, $($param: Extent),*> Prepend<X> for $name<$($param),*> {
            type Out = $next<X, $($param),*>;
        }
    };
}

/// A shape of fixed rank: the struct, its `Shape` impl, `Prepend` to the next rank (none past
/// `MAX_RANK`), and `Axis` for every axis up to `MAX_RANK` (`Any` past the rank).
macro_rules! shape {
    (
        $name:ident, $rank:literal, [$($param:ident),*], $params:tt, batched: $batched:ty,
        axes: [$($axis:literal => $ext:ident),*] $(, prepend: $next:ident)?
    ) => {
        #[doc = concat!("A shape of rank ", $rank, ".")]
        pub struct $name<$($param),*>(core::marker::PhantomData<($($param,)*)>);

        impl<$($param: Extent),*> Shape for $name<$($param),*> {
            const RANK: usize = $rank;
            const EXTENTS: [usize; MAX_RANK] = [$(<$ext as Extent>::EXTENT),*];
            const DIMS: Option<&'static [Declared]> = Some(&[$(<$param as Extent>::DIM),*]);
            const FIXED: bool = true $(&& <$param as Extent>::EXTENT != ANY_EXTENT)*;
            type Batched = $batched;
            type RankTy = FixedRank<$rank>;
        }

        $(prepend!($name $params $next);)?

        $(axis!($name $params $axis $ext);)*
    };
}

shape!(S0, 0, [], [], batched: ndarray::Ix1, axes: [0 => Any, 1 => Any, 2 => Any, 3 => Any, 4 => Any, 5 => Any], prepend: S1);
shape!(S1, 1, [A], [A], batched: ndarray::Ix2, axes: [0 => A, 1 => Any, 2 => Any, 3 => Any, 4 => Any, 5 => Any], prepend: S2);
shape!(S2, 2, [A, B], [A, B], batched: ndarray::Ix3, axes: [0 => A, 1 => B, 2 => Any, 3 => Any, 4 => Any, 5 => Any], prepend: S3);
shape!(S3, 3, [A, B, C], [A, B, C], batched: ndarray::Ix4, axes: [0 => A, 1 => B, 2 => C, 3 => Any, 4 => Any, 5 => Any], prepend: S4);
shape!(S4, 4, [A, B, C, D], [A, B, C, D], batched: ndarray::Ix5, axes: [0 => A, 1 => B, 2 => C, 3 => D, 4 => Any, 5 => Any], prepend: S5);
shape!(S5, 5, [A, B, C, D, E], [A, B, C, D, E], batched: ndarray::Ix6, axes: [0 => A, 1 => B, 2 => C, 3 => D, 4 => E, 5 => Any], prepend: S6);
shape!(S6, 6, [A, B, C, D, E, F], [A, B, C, D, E, F], batched: ndarray::IxDyn, axes: [0 => A, 1 => B, 2 => C, 3 => D, 4 => E, 5 => F]);

/// `Axis` for the shapes that fix no axis.
macro_rules! any_axes {
    ($($shape:ident),*) => {
        $(
            impl<const I: usize> Axis<I> for $shape {
                type Extent = Any;
            }
        )*
    };
}

any_axes!(AnyShape, NestedShape);

/// The shape of an ndarray dimension type: `Ix2` fixes the rank to 2, `IxDyn` fixes nothing.
pub trait DimShape: ndarray::Dimension {
    /// The shape, every extent `Any`.
    type Shape: Shape;
}

impl DimShape for ndarray::IxDyn {
    type Shape = AnyShape;
}

impl DimShape for ndarray::Ix0 {
    type Shape = S0;
}
impl DimShape for ndarray::Ix1 {
    type Shape = S1<Any>;
}
impl DimShape for ndarray::Ix2 {
    type Shape = S2<Any, Any>;
}
impl DimShape for ndarray::Ix3 {
    type Shape = S3<Any, Any, Any>;
}
impl DimShape for ndarray::Ix4 {
    type Shape = S4<Any, Any, Any, Any>;
}
impl DimShape for ndarray::Ix5 {
    type Shape = S5<Any, Any, Any, Any, Any>;
}
impl DimShape for ndarray::Ix6 {
    type Shape = S6<Any, Any, Any, Any, Any, Any>;
}
