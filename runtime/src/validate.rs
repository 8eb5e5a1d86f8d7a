//! The run-time check behind `validate()`: measure each field's shape, compare it with the
//! declared dims, bind symbols. Nothing here allocates unless there is something to report.
//!
//! Hidden: the derive's generated code calls it through `tensorspec::__private`.

use ndarray::{ArcArray, Array, ArrayBase, Data};

use crate::shape::{ANY_EXTENT, ANY_RANK, DimShape, Shape};
use crate::violation::{ExpectedDim, FoundShape, SymbolConflict, Violation, ViolationKind};
use crate::{Dim, Element, TensorField};

/// The extent of an axis of an empty container's rows: they have none.
pub const UNKNOWN: usize = ANY_EXTENT;

/// Axes measured without allocating; more spill to the heap (only `IxDyn` arrays inside
/// containers reach that many).
const INLINE: usize = 8;

/// A measured shape. `open` when the rank is unknown (an empty `Vec` of `IxDyn` arrays).
pub struct Extents {
    len: usize,
    inline: [usize; INLINE],
    spill: Vec<usize>,
    open: bool,
}

impl Extents {
    /// No axes.
    #[inline]
    pub(crate) const fn new() -> Self {
        Extents {
            len: 0,
            inline: [0; INLINE],
            spill: Vec::new(),
            open: false,
        }
    }

    /// Appends one axis.
    #[inline]
    pub(crate) fn push(&mut self, extent: usize) {
        if self.len < INLINE && self.spill.is_empty() {
            self.inline[self.len] = extent;
        } else {
            if self.spill.is_empty() {
                self.spill.extend_from_slice(&self.inline);
            }
            self.spill.push(extent);
        }
        self.len += 1;
    }

    /// The extents, `UNKNOWN` where unknown.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[usize] {
        if self.spill.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }

    /// The shape of a report.
    fn found(&self) -> FoundShape {
        found_shape(self.as_slice(), self.open)
    }
}

fn found_shape(extents: &[usize], open: bool) -> FoundShape {
    let extents = extents
        .iter()
        .map(|&extent| (extent != UNKNOWN).then_some(extent))
        .collect();
    FoundShape::new(extents, !open)
}

/// Rows of a field that differ in shape: the index of the differing row (outermost first) and
/// both shapes.
pub struct Ragged {
    index: Vec<usize>,
    found: FoundShape,
    first: FoundShape,
}

impl Ragged {
    /// What `validate()` reports of it.
    pub(crate) fn into_kind(self) -> ViolationKind {
        ViolationKind::ragged(self.index, self.found, self.first)
    }

    /// The same, seen from the container one level up, where this was row `row`.
    #[inline(never)]
    fn within(mut self: Box<Self>, row: usize) -> Box<Self> {
        self.index.insert(0, row);
        self
    }
}

/// A tensor type whose shape is measured at run time: scalars, `[T; N]`, `Vec<T>` and ndarray
/// arrays, nested. Not `Option` and not nested specs: a row cannot be absent.
pub trait Dense: TensorField<Elem: Element> {
    /// Appends the extents of `self` to `out`, or reports rows that differ in shape.
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>>;

    /// Appends the elements of `self`, in standard (row-major) order.
    fn append(&self, out: &mut Vec<Self::Elem>);

    /// The elements of `rows` as one slice, where they are contiguous in memory (scalars and
    /// `[T; N]` of them).
    fn flat(rows: &[Self]) -> Option<&[Self::Elem]>
    where
        Self: Sized;
}

/// A dense type built from elements in standard order: the owned dense types, for splitting a
/// batch back into samples.
pub trait FromFlat: Dense + Sized {
    /// The value of shape `shape` with elements `flat`, if the type can have that shape.
    fn from_flat(flat: &[Self::Elem], shape: &[usize]) -> Option<Self>;
}

/// Appends the extents of a row of an empty container: those the type fixes, `UNKNOWN` for
/// the others, and an open rank if the type does not fix it.
#[inline]
fn measure_absent<T: TensorField + ?Sized>(out: &mut Extents) {
    let rank = <T::Shape as Shape>::RANK;
    if rank == ANY_RANK {
        out.open = true;
        return;
    }
    for &extent in <T::Shape as Shape>::EXTENTS.iter().take(rank) {
        out.push(extent);
    }
}

/// The extents of `rows` as one tensor, `rows.len()` first, checking that rows agree.
#[inline]
fn measure_rows<T: Dense>(rows: &[T], out: &mut Extents) -> Result<(), Box<Ragged>> {
    out.push(rows.len());
    // A row type that fixes its whole shape cannot be ragged, and its extents are known
    // without a row (`Vec<[f32; 3]>`).
    let first = match rows.first() {
        Some(first) if !<T::Shape as Shape>::FIXED => first,
        _ => {
            measure_absent::<T>(out);
            return Ok(());
        }
    };
    let start = out.len;
    first.measure(out).map_err(|ragged| ragged.within(0))?;
    for (row, value) in rows.iter().enumerate().skip(1) {
        let mut extents = Extents::new();
        value
            .measure(&mut extents)
            .map_err(|ragged| ragged.within(row))?;
        let expected = out.as_slice().get(start..).unwrap_or_default();
        if extents.as_slice() != expected || extents.open != out.open {
            return Err(Box::new(Ragged {
                index: vec![row],
                found: extents.found(),
                first: found_shape(expected, out.open),
            }));
        }
    }
    Ok(())
}

impl<E: Element> Dense for E {
    #[inline]
    fn measure(&self, _: &mut Extents) -> Result<(), Box<Ragged>> {
        Ok(())
    }

    #[inline]
    fn append(&self, out: &mut Vec<E>) {
        out.push(*self);
    }

    #[inline]
    fn flat(rows: &[E]) -> Option<&[E]> {
        Some(rows)
    }
}

impl<E: Element> FromFlat for E {
    fn from_flat(flat: &[E], shape: &[usize]) -> Option<E> {
        match (flat, shape) {
            ([value], []) => Some(*value),
            _ => None,
        }
    }
}

/// Appends rows: one copy when they are contiguous, row by row otherwise.
#[inline]
fn append_rows<T: Dense>(rows: &[T], out: &mut Vec<T::Elem>) {
    match T::flat(rows) {
        Some(flat) => out.extend_from_slice(flat),
        None => {
            for row in rows {
                row.append(out);
            }
        }
    }
}

/// `shape[0]` rows of shape `shape[1..]`, from `flat`.
fn rows_from_flat<T: FromFlat>(flat: &[T::Elem], shape: &[usize]) -> Option<Vec<T>> {
    let (&rows, inner) = shape.split_first()?;
    let per_row = inner
        .iter()
        .try_fold(1usize, |acc, &e| acc.checked_mul(e))?;
    if rows.checked_mul(per_row)? != flat.len() {
        return None;
    }
    if per_row == 0 {
        return (0..rows).map(|_| T::from_flat(&[], inner)).collect();
    }
    flat.chunks_exact(per_row)
        .map(|row| T::from_flat(row, inner))
        .collect()
}

impl<T: Dense, const N: usize> Dense for [T; N]
where
    [T; N]: TensorField<Elem = T::Elem>,
{
    #[inline]
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>> {
        measure_rows(self, out)
    }

    #[inline]
    fn append(&self, out: &mut Vec<T::Elem>) {
        append_rows(self, out);
    }

    #[inline]
    fn flat(rows: &[Self]) -> Option<&[T::Elem]> {
        T::flat(rows.as_flattened())
    }
}

impl<T: FromFlat, const N: usize> FromFlat for [T; N]
where
    [T; N]: Dense<Elem = T::Elem>,
{
    fn from_flat(flat: &[T::Elem], shape: &[usize]) -> Option<Self> {
        if shape.first() != Some(&N) {
            return None;
        }
        rows_from_flat::<T>(flat, shape)?.try_into().ok()
    }
}

impl<T: Dense> Dense for Vec<T>
where
    Vec<T>: TensorField<Elem = T::Elem>,
{
    #[inline]
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>> {
        measure_rows(self, out)
    }

    #[inline]
    fn append(&self, out: &mut Vec<T::Elem>) {
        append_rows(self, out);
    }

    #[inline]
    fn flat(_: &[Self]) -> Option<&[T::Elem]> {
        None
    }
}

impl<T: FromFlat> FromFlat for Vec<T>
where
    Vec<T>: Dense<Elem = T::Elem>,
{
    fn from_flat(flat: &[T::Elem], shape: &[usize]) -> Option<Self> {
        rows_from_flat::<T>(flat, shape)
    }
}

impl<S, D, A> Dense for ArrayBase<S, D, A>
where
    S: Data<Elem = A>,
    A: Element,
    D: DimShape,
{
    #[inline]
    fn measure(&self, out: &mut Extents) -> Result<(), Box<Ragged>> {
        for &extent in self.shape() {
            out.push(extent);
        }
        Ok(())
    }

    #[inline]
    fn append(&self, out: &mut Vec<A>) {
        match self.as_slice() {
            Some(slice) => out.extend_from_slice(slice),
            None => out.extend(self.iter().copied()),
        }
    }

    #[inline]
    fn flat(_: &[Self]) -> Option<&[A]> {
        None
    }
}

impl<D: DimShape, A: Element> FromFlat for Array<A, D> {
    fn from_flat(flat: &[A], shape: &[usize]) -> Option<Self> {
        Array::from_shape_vec(dimension::<D>(shape)?, flat.to_vec()).ok()
    }
}

impl<D: DimShape, A: Element> FromFlat for ArcArray<A, D> {
    fn from_flat(flat: &[A], shape: &[usize]) -> Option<Self> {
        Array::<A, D>::from_flat(flat, shape).map(Array::into_shared)
    }
}

/// The dimension `D` of shape `shape`, if `D` can have its rank.
pub(crate) fn dimension<D: ndarray::Dimension>(shape: &[usize]) -> Option<D> {
    if D::NDIM.is_some_and(|ndim| ndim != shape.len()) {
        return None;
    }
    let mut dim = D::zeros(shape.len());
    dim.slice_mut().copy_from_slice(shape);
    Some(dim)
}

/// One declared axis, as the generated code gives it: symbols by their index in the struct.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expect {
    /// A fixed extent.
    Fixed(usize),
    /// `_`.
    Any,
    /// The struct's symbol number `k`.
    Symbol(usize),
}

/// The extent a symbol is bound to in this sample, and by which field's axis.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    value: usize,
    field: &'static str,
    axis: usize,
}

/// The path of a nested spec's struct field: `outer`, then `outer.inner`. On the stack; made
/// into a `String` only for a report.
#[derive(Clone, Copy)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    name: &'static str,
}

impl<'a> Path<'a> {
    /// The path of field `name` of the value at `parent` (`None`: the sample itself).
    #[inline]
    pub fn new(parent: Option<&'a Path<'a>>, name: &'static str) -> Self {
        Path { parent, name }
    }
}

impl core::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let mut out = String::new();
        self.write(&mut out);
        f.write_str(&out)
    }
}

impl Path<'_> {
    fn write(&self, out: &mut String) {
        if let Some(parent) = self.parent {
            parent.write(out);
            out.push('.');
        }
        out.push_str(self.name);
    }
}

fn path(prefix: Option<&Path<'_>>, name: &str) -> String {
    let mut out = String::new();
    if let Some(prefix) = prefix {
        prefix.write(&mut out);
        out.push('.');
    }
    out.push_str(name);
    out
}

/// The state of one struct's validation: its symbols' bindings and where violations go.
pub struct Checker<'a> {
    prefix: Option<&'a Path<'a>>,
    symbols: &'static [&'static str],
    bindings: &'a mut [Option<Binding>],
    out: &'a mut Vec<Violation>,
    valid: bool,
}

impl<'a> Checker<'a> {
    /// A check of a struct at `prefix` (`None` at the top) with the symbols `symbols`, one
    /// binding slot each.
    #[inline]
    pub fn new(
        prefix: Option<&'a Path<'a>>,
        symbols: &'static [&'static str],
        bindings: &'a mut [Option<Binding>],
        out: &'a mut Vec<Violation>,
    ) -> Self {
        Checker {
            prefix,
            symbols,
            bindings,
            out,
            valid: true,
        }
    }

    /// Whether no field had a violation.
    #[inline]
    pub fn finish(self) -> bool {
        self.valid
    }

    /// Checks one field against its declared dims (`None`: no shape declared).
    #[inline]
    pub fn field<F: TensorField + ?Sized>(
        &mut self,
        name: &'static str,
        expect: Option<&[Expect]>,
        value: &F,
    ) {
        value.__check(self, name, expect);
    }

    /// A field whose shape is measured (`Vec`, `[T; N]`): measure it, then compare.
    #[inline]
    pub fn dense<T: Dense + ?Sized>(
        &mut self,
        name: &'static str,
        expect: Option<&[Expect]>,
        value: &T,
    ) {
        let mut extents = Extents::new();
        match value.measure(&mut extents) {
            Ok(()) => {
                if let Some(expect) = expect {
                    self.compare(name, expect, extents.as_slice(), extents.open);
                }
            }
            Err(ragged) => self.ragged(name, *ragged),
        }
    }

    /// A field whose shape is at hand (ndarray arrays, scalars): compare it.
    #[inline]
    pub fn shaped(&mut self, name: &'static str, expect: Option<&[Expect]>, shape: &[usize]) {
        self.check_shape(name, expect, shape);
    }

    /// The same, saying whether the shape was the declared one.
    #[inline]
    pub fn check_shape(
        &mut self,
        name: &'static str,
        expect: Option<&[Expect]>,
        shape: &[usize],
    ) -> bool {
        match expect {
            Some(expect) => self.compare(name, expect, shape, false),
            None => true,
        }
    }

    /// The path of field `name`, as a string.
    pub fn path_of(&self, name: &'static str) -> String {
        path(self.prefix, name)
    }

    /// The path of the struct being checked.
    pub fn prefix(&self) -> Option<&'a Path<'a>> {
        self.prefix
    }

    /// Reports a violation of field `name`.
    #[cold]
    pub fn report(&mut self, name: &'static str, kind: ViolationKind) {
        self.valid = false;
        self.out.push(Violation::new(path(self.prefix, name), kind));
    }

    /// Adds violations found elsewhere (a nested spec's).
    pub fn extend(&mut self, violations: Vec<Violation>) {
        self.valid &= violations.is_empty();
        self.out.extend(violations);
    }

    /// A nested spec: its own check, with its own symbols, under `name`.
    #[inline]
    pub fn nested<T: crate::TensorSpec + ?Sized>(&mut self, name: &'static str, value: &T) {
        let prefix = Path {
            parent: self.prefix,
            name,
        };
        self.valid &= value.__validate_into(Some(&prefix), self.out);
    }

    /// Compares a shape with the declared dims, binding symbols on first use. `open`: more
    /// axes may follow `found` (their rank is unknown).
    #[inline(always)]
    fn compare(
        &mut self,
        name: &'static str,
        expect: &[Expect],
        found: &[usize],
        open: bool,
    ) -> bool {
        let rank_ok = if open {
            found.len() <= expect.len()
        } else {
            found.len() == expect.len()
        };
        if !rank_ok {
            self.shape_mismatch(name, expect, found, open, false);
            return false;
        }
        let mut ok = true;
        for (axis, (&declared, &extent)) in expect.iter().zip(found).enumerate() {
            match declared {
                Expect::Fixed(n) => ok &= extent == n || extent == UNKNOWN,
                Expect::Any => {}
                Expect::Symbol(k) => match self.bindings.get_mut(k) {
                    Some(Some(binding)) => {
                        ok &= binding.value == extent || extent == UNKNOWN;
                    }
                    Some(slot @ None) if extent != UNKNOWN => {
                        *slot = Some(Binding {
                            value: extent,
                            field: name,
                            axis,
                        });
                    }
                    Some(None) | None => {}
                },
            }
        }
        if !ok {
            self.shape_mismatch(name, expect, found, open, true);
        }
        ok
    }

    /// The axes whose symbol is bound to another extent. After `compare`, every symbol of
    /// the field is bound (by an earlier field or an earlier axis), so this re-reads them.
    fn conflicts(&self, expect: &[Expect], found: &[usize]) -> Vec<SymbolConflict> {
        let mut conflicts = Vec::new();
        for (axis, (&declared, &extent)) in expect.iter().zip(found).enumerate() {
            let Expect::Symbol(k) = declared else {
                continue;
            };
            match self.bindings.get(k).copied().flatten() {
                Some(binding) if binding.value != extent && extent != UNKNOWN => {
                    conflicts.push(self.conflict(k, axis, extent));
                }
                _ => {}
            }
        }
        conflicts
    }

    #[cold]
    fn conflict(&self, k: usize, axis: usize, found: usize) -> SymbolConflict {
        let binding = self.bindings.get(k).copied().flatten();
        SymbolConflict {
            symbol: self.symbol(k),
            axis,
            found,
            bound: binding.map_or(UNKNOWN, |b| b.value),
            bound_by: path(self.prefix, binding.map_or("", |b| b.field)),
            bound_axis: binding.map_or(0, |b| b.axis),
        }
    }

    fn symbol(&self, k: usize) -> &'static str {
        self.symbols.get(k).copied().unwrap_or("?")
    }

    #[cold]
    #[inline(never)]
    fn shape_mismatch(
        &mut self,
        name: &'static str,
        expect: &[Expect],
        found: &[usize],
        open: bool,
        rank_ok: bool,
    ) {
        let conflicts = if rank_ok {
            self.conflicts(expect, found)
        } else {
            Vec::new()
        };
        let expected = expect
            .iter()
            .map(|&declared| match declared {
                Expect::Fixed(n) => ExpectedDim {
                    dim: Dim::Fixed(n),
                    bound: None,
                },
                Expect::Any => ExpectedDim {
                    dim: Dim::Any,
                    bound: None,
                },
                Expect::Symbol(k) => ExpectedDim {
                    dim: Dim::Symbol(self.symbol(k)),
                    bound: self.bindings.get(k).copied().flatten().map(|b| b.value),
                },
            })
            .collect();
        let kind = ViolationKind::shape(expected, found_shape(found, open), conflicts);
        self.valid = false;
        self.out.push(Violation::new(path(self.prefix, name), kind));
    }

    #[cold]
    #[inline(never)]
    fn ragged(&mut self, name: &'static str, ragged: Ragged) {
        let kind = ViolationKind::ragged(ragged.index, ragged.found, ragged.first);
        self.valid = false;
        self.out.push(Violation::new(path(self.prefix, name), kind));
    }
}

/// The report of a sample that had violations.
#[cold]
#[inline(never)]
pub(crate) fn report(out: Vec<Violation>) -> crate::Violations {
    crate::Violations::from_nonempty(out)
}
