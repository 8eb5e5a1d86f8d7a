//! The compile-time shape of a field type, as types: which axes the type fixes and how long.
//!
//! Hidden: the derive's generated code reads it through `tensorspec::__private`; users
//! see its results in `Spec`(crate::Spec) and in compile errors.

use crate::Dim;

/// The most axes a declared shape or a statically shaped type may have (ndarray's `Ix6`).
pub const MAX_RANK: usize = 6;

/// The rank of a type that does not fix it (`IxDyn`).
pub const ANY_RANK: usize = usize::MAX;

/// The extent of an axis that the type does not fix.
pub const ANY_EXTENT: usize = usize::MAX;

/// An axis whose extent the type fixes to `N` (`[T; N]`).
pub struct Fixed<const N: usize>;

/// An axis whose extent the type leaves open (`Vec<T>`, ndarray axes).
pub struct Any;

/// The extent of one axis, as a type.
pub trait Extent {
    /// The extent, or `ANY_EXTENT`.
    const EXTENT: usize;
    /// The extent as a `Dim`.
    const DIM: Dim;
}

impl<const N: usize> Extent for Fixed<N> {
    const EXTENT: usize = N;
    const DIM: Dim = Dim::Fixed(N);
}

impl Extent for Any {
    const EXTENT: usize = ANY_EXTENT;
    const DIM: Dim = Dim::Any;
}

/// The rank of a type that fixes it, as a type (for checks in where-clauses).
pub struct Rank<const N: usize>;

/// The rank of a type that does not fix it, as a type.
pub struct AnyRank;

/// A field type's shape: its rank and the extents it fixes.
pub trait Shape {
    /// The rank, or `ANY_RANK`.
    const RANK: usize;
    /// The extent of each axis, `ANY_EXTENT` where the type does not fix it.
    const EXTENTS: [usize; MAX_RANK];
    /// The dims as the spec shows them when no shape is declared.
    const DIMS: Option<&'static [Dim]>;
    /// `Rank<N>` or `AnyRank`.
    type RankTy;
}

/// The shape of a type whose rank is not fixed (`IxDyn`).
pub struct AnyShape;

impl Shape for AnyShape {
    const RANK: usize = ANY_RANK;
    const EXTENTS: [usize; MAX_RANK] = [ANY_EXTENT; MAX_RANK];
    const DIMS: Option<&'static [Dim]> = None;
    type RankTy = AnyRank;
}

/// The shape of a nested spec: not a tensor, so no rank to check.
pub struct NestedShape;

impl Shape for NestedShape {
    const RANK: usize = ANY_RANK;
    const EXTENTS: [usize; MAX_RANK] = [ANY_EXTENT; MAX_RANK];
    const DIMS: Option<&'static [Dim]> = None;
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

/// A shape of rank 0.
pub struct S0;

impl Shape for S0 {
    const RANK: usize = 0;
    const EXTENTS: [usize; MAX_RANK] = [
        ANY_EXTENT, ANY_EXTENT, ANY_EXTENT, ANY_EXTENT, ANY_EXTENT, ANY_EXTENT,
    ];
    const DIMS: Option<&'static [Dim]> = Some(&[]);
    type RankTy = Rank<0>;
}

impl<X: Extent> Prepend<X> for S0 {
    type Out = S1<X>;
}

impl Axis<0> for S0 {
    type Extent = Any;
}
impl Axis<1> for S0 {
    type Extent = Any;
}
impl Axis<2> for S0 {
    type Extent = Any;
}
impl Axis<3> for S0 {
    type Extent = Any;
}
impl Axis<4> for S0 {
    type Extent = Any;
}
impl Axis<5> for S0 {
    type Extent = Any;
}

/// A shape of rank 1.
pub struct S1<A>(core::marker::PhantomData<(A,)>);

impl<A: Extent> Shape for S1<A> {
    const RANK: usize = 1;
    const EXTENTS: [usize; MAX_RANK] = [
        A::EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
    ];
    const DIMS: Option<&'static [Dim]> = Some(&[A::DIM]);
    type RankTy = Rank<1>;
}

impl<X: Extent, A: Extent> Prepend<X> for S1<A> {
    type Out = S2<X, A>;
}

impl<A> Axis<0> for S1<A> {
    type Extent = A;
}
impl<A> Axis<1> for S1<A> {
    type Extent = Any;
}
impl<A> Axis<2> for S1<A> {
    type Extent = Any;
}
impl<A> Axis<3> for S1<A> {
    type Extent = Any;
}
impl<A> Axis<4> for S1<A> {
    type Extent = Any;
}
impl<A> Axis<5> for S1<A> {
    type Extent = Any;
}

/// A shape of rank 2.
pub struct S2<A, B>(core::marker::PhantomData<(A, B)>);

impl<A: Extent, B: Extent> Shape for S2<A, B> {
    const RANK: usize = 2;
    const EXTENTS: [usize; MAX_RANK] = [
        A::EXTENT,
        B::EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
    ];
    const DIMS: Option<&'static [Dim]> = Some(&[A::DIM, B::DIM]);
    type RankTy = Rank<2>;
}

impl<X: Extent, A: Extent, B: Extent> Prepend<X> for S2<A, B> {
    type Out = S3<X, A, B>;
}

impl<A, B> Axis<0> for S2<A, B> {
    type Extent = A;
}
impl<A, B> Axis<1> for S2<A, B> {
    type Extent = B;
}
impl<A, B> Axis<2> for S2<A, B> {
    type Extent = Any;
}
impl<A, B> Axis<3> for S2<A, B> {
    type Extent = Any;
}
impl<A, B> Axis<4> for S2<A, B> {
    type Extent = Any;
}
impl<A, B> Axis<5> for S2<A, B> {
    type Extent = Any;
}

/// A shape of rank 3.
pub struct S3<A, B, C>(core::marker::PhantomData<(A, B, C)>);

impl<A: Extent, B: Extent, C: Extent> Shape for S3<A, B, C> {
    const RANK: usize = 3;
    const EXTENTS: [usize; MAX_RANK] = [
        A::EXTENT,
        B::EXTENT,
        C::EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
    ];
    const DIMS: Option<&'static [Dim]> = Some(&[A::DIM, B::DIM, C::DIM]);
    type RankTy = Rank<3>;
}

impl<X: Extent, A: Extent, B: Extent, C: Extent> Prepend<X> for S3<A, B, C> {
    type Out = S4<X, A, B, C>;
}

impl<A, B, C> Axis<0> for S3<A, B, C> {
    type Extent = A;
}
impl<A, B, C> Axis<1> for S3<A, B, C> {
    type Extent = B;
}
impl<A, B, C> Axis<2> for S3<A, B, C> {
    type Extent = C;
}
impl<A, B, C> Axis<3> for S3<A, B, C> {
    type Extent = Any;
}
impl<A, B, C> Axis<4> for S3<A, B, C> {
    type Extent = Any;
}
impl<A, B, C> Axis<5> for S3<A, B, C> {
    type Extent = Any;
}

/// A shape of rank 4.
pub struct S4<A, B, C, D>(core::marker::PhantomData<(A, B, C, D)>);

impl<A: Extent, B: Extent, C: Extent, D: Extent> Shape for S4<A, B, C, D> {
    const RANK: usize = 4;
    const EXTENTS: [usize; MAX_RANK] = [
        A::EXTENT,
        B::EXTENT,
        C::EXTENT,
        D::EXTENT,
        ANY_EXTENT,
        ANY_EXTENT,
    ];
    const DIMS: Option<&'static [Dim]> = Some(&[A::DIM, B::DIM, C::DIM, D::DIM]);
    type RankTy = Rank<4>;
}

impl<X: Extent, A: Extent, B: Extent, C: Extent, D: Extent> Prepend<X> for S4<A, B, C, D> {
    type Out = S5<X, A, B, C, D>;
}

impl<A, B, C, D> Axis<0> for S4<A, B, C, D> {
    type Extent = A;
}
impl<A, B, C, D> Axis<1> for S4<A, B, C, D> {
    type Extent = B;
}
impl<A, B, C, D> Axis<2> for S4<A, B, C, D> {
    type Extent = C;
}
impl<A, B, C, D> Axis<3> for S4<A, B, C, D> {
    type Extent = D;
}
impl<A, B, C, D> Axis<4> for S4<A, B, C, D> {
    type Extent = Any;
}
impl<A, B, C, D> Axis<5> for S4<A, B, C, D> {
    type Extent = Any;
}

/// A shape of rank 5.
pub struct S5<A, B, C, D, E>(core::marker::PhantomData<(A, B, C, D, E)>);

impl<A: Extent, B: Extent, C: Extent, D: Extent, E: Extent> Shape for S5<A, B, C, D, E> {
    const RANK: usize = 5;
    const EXTENTS: [usize; MAX_RANK] = [
        A::EXTENT,
        B::EXTENT,
        C::EXTENT,
        D::EXTENT,
        E::EXTENT,
        ANY_EXTENT,
    ];
    const DIMS: Option<&'static [Dim]> = Some(&[A::DIM, B::DIM, C::DIM, D::DIM, E::DIM]);
    type RankTy = Rank<5>;
}

impl<X: Extent, A: Extent, B: Extent, C: Extent, D: Extent, E: Extent> Prepend<X>
    for S5<A, B, C, D, E>
{
    type Out = S6<X, A, B, C, D, E>;
}

impl<A, B, C, D, E> Axis<0> for S5<A, B, C, D, E> {
    type Extent = A;
}
impl<A, B, C, D, E> Axis<1> for S5<A, B, C, D, E> {
    type Extent = B;
}
impl<A, B, C, D, E> Axis<2> for S5<A, B, C, D, E> {
    type Extent = C;
}
impl<A, B, C, D, E> Axis<3> for S5<A, B, C, D, E> {
    type Extent = D;
}
impl<A, B, C, D, E> Axis<4> for S5<A, B, C, D, E> {
    type Extent = E;
}
impl<A, B, C, D, E> Axis<5> for S5<A, B, C, D, E> {
    type Extent = Any;
}

/// A shape of rank 6.
pub struct S6<A, B, C, D, E, F>(core::marker::PhantomData<(A, B, C, D, E, F)>);

impl<A: Extent, B: Extent, C: Extent, D: Extent, E: Extent, F: Extent> Shape
    for S6<A, B, C, D, E, F>
{
    const RANK: usize = 6;
    const EXTENTS: [usize; MAX_RANK] = [
        A::EXTENT,
        B::EXTENT,
        C::EXTENT,
        D::EXTENT,
        E::EXTENT,
        F::EXTENT,
    ];
    const DIMS: Option<&'static [Dim]> = Some(&[A::DIM, B::DIM, C::DIM, D::DIM, E::DIM, F::DIM]);
    type RankTy = Rank<6>;
}

impl<A, B, C, D, E, F> Axis<0> for S6<A, B, C, D, E, F> {
    type Extent = A;
}
impl<A, B, C, D, E, F> Axis<1> for S6<A, B, C, D, E, F> {
    type Extent = B;
}
impl<A, B, C, D, E, F> Axis<2> for S6<A, B, C, D, E, F> {
    type Extent = C;
}
impl<A, B, C, D, E, F> Axis<3> for S6<A, B, C, D, E, F> {
    type Extent = D;
}
impl<A, B, C, D, E, F> Axis<4> for S6<A, B, C, D, E, F> {
    type Extent = E;
}
impl<A, B, C, D, E, F> Axis<5> for S6<A, B, C, D, E, F> {
    type Extent = F;
}

impl Axis<0> for AnyShape {
    type Extent = Any;
}
impl Axis<0> for NestedShape {
    type Extent = Any;
}
impl Axis<1> for AnyShape {
    type Extent = Any;
}
impl Axis<1> for NestedShape {
    type Extent = Any;
}
impl Axis<2> for AnyShape {
    type Extent = Any;
}
impl Axis<2> for NestedShape {
    type Extent = Any;
}
impl Axis<3> for AnyShape {
    type Extent = Any;
}
impl Axis<3> for NestedShape {
    type Extent = Any;
}
impl Axis<4> for AnyShape {
    type Extent = Any;
}
impl Axis<4> for NestedShape {
    type Extent = Any;
}
impl Axis<5> for AnyShape {
    type Extent = Any;
}
impl Axis<5> for NestedShape {
    type Extent = Any;
}

/// The shape of an ndarray dimension type: `Ix2` fixes the rank to 2, `IxDyn` fixes nothing.
pub trait DimShape {
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
