//! The run-time check behind `validate()`: measure each field's shape, compare it with the
//! declared dims, bind symbols. Nothing here allocates unless there is something to report.
//!
//! A sample is checked twice only if it is invalid: first quietly (symbols bound to plain
//! extents in a local array, nothing recorded for a report, so the compiler keeps them in
//! registers and folds the spec into the comparisons), then, if that fails, once more with
//! everything a report needs. Both passes run the same field checks.
//!
//! Hidden: the derive's generated code calls it through `tensorspec::__private`.

mod measure;
pub mod violation;

pub(crate) use measure::found_shape;
pub use measure::{Extents, Ragged, UNKNOWN};

use crate::dim::{Declared, Dim};
use crate::spec::{FieldKind, FieldSpec, Spec};
use crate::tensor::cast::Casting;
pub use violation::Path;
use violation::{ExpectedDim, SymbolConflict, Violation, ViolationKind, Violations, path};

/// Which field's axis bound a symbol, for a report.
#[derive(Clone, Copy, Debug)]
struct Binder {
    field: &'static str,
    axis: usize,
}

/// What a reporting check records besides the verdict.
struct Report<'a> {
    binders: &'a mut [Option<Binder>],
    out: &'a mut Vec<Violation>,
}

/// The state of one struct's validation: its spec, the extent each symbol is bound to and, when reporting, who bound it and where violations go. Field
/// number `k` is the spec's `k`-th field; everything the check needs to know of it (name,
/// declared dims, casts) is read from the spec.
pub struct Checker<'a> {
    layout: Layout<'a>,
    bindings: &'a mut [Option<usize>],
    report: Option<Report<'a>>,
    valid: bool,
}

/// What a check reads and never changes: two words, which the cold paths take by value (in
/// registers), not through the checker. Then the compiler sees that a report changes none of
/// it, and a spec known at compile time folds into the checks that follow.
#[derive(Clone, Copy)]
struct Layout<'a> {
    prefix: Option<&'a Path<'a>>,
    spec: &'static Spec,
}

/// Symbols bound without allocating; a spec with more binds them in a `Vec`.
const INLINE_SYMBOLS: usize = 8;

/// The binding slots a spec needs: one per symbol, and one more for a batch's leading axis.
#[inline(always)]
fn slots(spec: &Spec) -> usize {
    spec.symbols().len() + usize::from(spec.sample().is_some())
}

impl Checker<'_> {
    /// Runs `fields` on a quiet check against `spec`: whether the struct is valid. A valid
    /// struct is checked by this alone; an invalid one again, by [`Checker::reporting`].
    #[inline(always)]
    pub fn fits(spec: &'static Spec, fields: impl FnOnce(&mut Checker<'_>)) -> bool {
        let n = slots(spec);
        let mut inline = [None; INLINE_SYMBOLS];
        let mut spilled = Vec::new();
        let bindings = match inline.get_mut(..n) {
            Some(bindings) => bindings,
            None => {
                spilled.resize(n, None);
                &mut spilled[..]
            }
        };
        let mut quiet = Checker::quiet(spec, bindings);
        fields(&mut quiet);
        quiet.valid
    }
}

/// The reporting pass of a struct's check: not generic, so compiled once.
#[cold]
#[inline(never)]
pub(crate) fn report_struct(
    spec: &'static Spec,
    prefix: Option<&Path<'_>>,
    out: &mut Vec<Violation>,
    fields: &dyn Fn(&mut Checker<'_>),
) -> bool {
    Checker::reporting(spec, prefix, out, |checker| {
        fields(checker);
        checker.valid
    })
}

/// An invalid sample's report: the reporting pass of `validate()`.
#[cold]
#[inline(never)]
pub(crate) fn report_invalid(
    spec: &'static Spec,
    fields: &dyn Fn(&mut Checker<'_>),
) -> Result<(), Violations> {
    let mut violations = Vec::new();
    if report_struct(spec, None, &mut violations, fields) {
        Ok(())
    } else {
        Err(violation::report(violations))
    }
}

impl<'a> Checker<'a> {
    /// A check that only finds out whether the struct is valid.
    #[inline(always)]
    fn quiet(spec: &'static Spec, bindings: &'a mut [Option<usize>]) -> Self {
        Checker {
            layout: Layout { prefix: None, spec },
            bindings,
            report: None,
            valid: true,
        }
    }

    /// Runs `f` on a check of a struct at `prefix` (`None` at the top) against `spec` that
    /// reports every violation to `out`: reading a struct from named tensors, and the second
    /// pass of an invalid one.
    pub fn reporting<R>(
        spec: &'static Spec,
        prefix: Option<&Path<'_>>,
        out: &mut Vec<Violation>,
        f: impl FnOnce(&mut Checker<'_>) -> R,
    ) -> R {
        let n = slots(spec);
        let mut bindings = vec![None; n];
        let mut binders = vec![None; n];
        f(&mut Checker {
            layout: Layout { prefix, spec },
            bindings: &mut bindings,
            report: Some(Report {
                binders: &mut binders,
                out,
            }),
            valid: true,
        })
    }

    /// Whether no field had a violation so far.
    #[inline]
    pub fn valid(&self) -> bool {
        self.valid
    }

    /// The casts field `field` allows (its `cast` attribute).
    pub(crate) fn casting(&self, field: usize) -> Casting {
        match self.layout.fields().get(field).map(FieldSpec::kind) {
            Some(FieldKind::Tensor(info)) => info.casting,
            _ => Casting::Exact,
        }
    }

    /// A field whose shape was measured (`Vec`, `[T; N]`): compare it. `open`: more axes may
    /// follow `found` (an empty container of `IxDyn` arrays).
    #[inline(always)]
    pub(crate) fn measured(&mut self, field: usize, found: &[usize], open: bool) -> bool {
        self.compare::<true>(field, found, open)
    }

    /// A field whose rows differ in shape.
    #[cold]
    pub(crate) fn ragged(&mut self, field: usize, ragged: Ragged) {
        self.report(field, ragged.into_kind());
    }

    /// A field whose shape is at hand (ndarray arrays, scalars, a file's tensors): compare
    /// it; whether it was the declared one.
    #[inline(always)]
    pub fn shaped(&mut self, field: usize, shape: &[usize]) -> bool {
        self.compare::<false>(field, shape, false)
    }

    /// The path of field `field`, as a string.
    pub(crate) fn path_of(&self, field: usize) -> String {
        path(self.layout.prefix, self.layout.name(field))
    }

    /// The path of field `field`, on the stack.
    #[inline]
    pub(crate) fn child(&self, field: usize) -> Path<'a> {
        Path::new(self.layout.prefix, self.layout.name(field))
    }

    /// Reports a violation of field `field`.
    #[inline]
    pub(crate) fn report(&mut self, field: usize, kind: ViolationKind) {
        self.valid = false;
        if let Some(report) = &mut self.report {
            self.layout.report(report.out, field, kind);
        }
    }

    /// Adds violations found elsewhere (a nested spec's).
    pub(crate) fn extend(&mut self, violations: Vec<Violation>) {
        self.valid &= violations.is_empty();
        if let Some(report) = &mut self.report {
            report.out.extend(violations);
        }
    }

    /// Field `field`, a nested spec: `quiet` says whether it is valid, `check` the same with
    /// its violations appended, its fields' paths under the field's name. Its own check, with
    /// its own symbols.
    #[inline]
    pub(crate) fn nested(
        &mut self,
        field: usize,
        quiet: impl FnOnce() -> bool,
        check: impl FnOnce(&Path<'_>, &mut Vec<Violation>) -> bool,
    ) {
        let layout = self.layout;
        self.valid &= match &mut self.report {
            None => quiet(),
            Some(report) => check(&Path::new(layout.prefix, layout.name(field)), report.out),
        };
    }

    /// Binds or compares one axis; whether it agrees. `may_be_unknown`: the extent may be
    /// `UNKNOWN` (the rows of an empty container), which agrees with anything; an array's own
    /// shape has none, and its checks skip that comparison.
    #[inline(always)]
    fn axis(
        &mut self,
        field: usize,
        axis: usize,
        declared: Declared,
        extent: usize,
        may_be_unknown: bool,
    ) -> bool {
        let unknown = may_be_unknown && extent == UNKNOWN;
        match declared {
            Declared::Fixed(n) => extent == n || unknown,
            Declared::Any => true,
            Declared::Symbol(k) => match self.bindings.get_mut(k) {
                Some(Some(bound)) => *bound == extent || unknown,
                // Bound by the first axis whose extent is known.
                Some(slot @ None) => {
                    if !unknown {
                        *slot = Some(extent);
                        if let Some(report) = &mut self.report {
                            if let Some(binder) = report.binders.get_mut(k) {
                                *binder = Some(Binder {
                                    field: self.layout.name(field),
                                    axis,
                                });
                            }
                        }
                    }
                    true
                }
                None => true,
            },
        }
    }

    /// Compares field `field`'s shape with its declared dims (behind a batch's leading axis),
    /// binding symbols on first use. `open`: more axes may follow `found` (their rank is
    /// unknown).
    #[inline(always)]
    fn compare<const MEASURED: bool>(&mut self, field: usize, found: &[usize], open: bool) -> bool {
        let layout = self.layout;
        let Some(dims) = layout.dims(field) else {
            return true;
        };
        let lead = usize::from(layout.batch());
        let rank = dims.len() + lead;
        let rank_ok = if open {
            found.len() <= rank
        } else {
            found.len() == rank
        };
        let mut ok = rank_ok;
        if rank_ok {
            let (leading, rest) = found.split_at(lead.min(found.len()));
            if let Some(&extent) = leading.first() {
                let batch_axis = Declared::Symbol(layout.symbols().len());
                ok &= self.axis(field, 0, batch_axis, extent, MEASURED);
            }
            // In a batch, the axes after a sample's zero extent describe no element: stacked
            // from empty rows, they are whatever the batch had to give them.
            let mut empty = false;
            for (axis, (&declared, &extent)) in dims.iter().zip(rest).enumerate() {
                let extent = if empty { UNKNOWN } else { extent };
                empty |= lead == 1 && extent == 0;
                ok &= self.axis(field, axis + lead, declared, extent, MEASURED || lead == 1);
            }
        }
        if !ok {
            self.valid = false;
            if let Some(report) = &mut self.report {
                let bindings = Bindings {
                    values: self.bindings,
                    binders: report.binders,
                };
                layout.shape_mismatch(bindings, report.out, field, dims, found, open, rank_ok);
            }
        }
        ok
    }
}

/// The symbols' bindings as a report reads them.
#[derive(Clone, Copy)]
struct Bindings<'b> {
    values: &'b [Option<usize>],
    binders: &'b [Option<Binder>],
}

impl Bindings<'_> {
    /// The extent symbol `k` is bound to, and which field's axis bound it.
    fn get(self, k: usize) -> Option<(usize, Binder)> {
        let value = self.values.get(k).copied().flatten()?;
        Some((value, self.binders.get(k).copied().flatten()?))
    }
}

impl Layout<'_> {
    #[inline(always)]
    fn fields(self) -> &'static [FieldSpec] {
        self.spec.field_specs()
    }

    /// The symbols, by number (a batch's without its batch axis).
    #[inline(always)]
    fn symbols(self) -> &'static [&'static str] {
        self.spec.symbols()
    }

    /// Whether the spec is a batch struct's: a leading batch axis, which binds the slot after
    /// the symbols'.
    #[inline(always)]
    fn batch(self) -> bool {
        self.spec.sample().is_some()
    }

    /// The name of field `field`.
    #[inline]
    fn name(self, field: usize) -> &'static str {
        self.spec.field_name(field)
    }

    /// The declared dims of field `field` (without a batch's leading axis); `None` when the
    /// rank is open.
    #[inline]
    fn dims(self, field: usize) -> Option<&'static [Declared]> {
        self.spec.field_dims(field)
    }

    /// Appends a violation of field `field` to `out`.
    #[cold]
    #[inline(never)]
    fn report(self, out: &mut Vec<Violation>, field: usize, kind: ViolationKind) {
        out.push(Violation::new(path(self.prefix, self.name(field)), kind));
    }

    /// The declared dims of a field as a report shows them: a batch's leading axis first.
    fn expected(self, dims: &[Declared]) -> impl Iterator<Item = Declared> + use<> {
        let lead = self.batch().then(|| Declared::Symbol(self.symbols().len()));
        lead.into_iter().chain(dims.to_vec())
    }

    /// The name of symbol `k` (the batch axis past the struct's symbols).
    fn symbol(self, k: usize) -> &'static str {
        match self.symbols().get(k) {
            Some(name) => name,
            None => self.spec.batch_axis().unwrap_or("?"),
        }
    }

    /// The axes whose symbol is bound to another extent. After `compare`, every symbol of
    /// the field is bound (by an earlier field or an earlier axis), so this re-reads them.
    fn conflicts(
        self,
        bindings: Bindings<'_>,
        dims: &[Declared],
        found: &[usize],
    ) -> Vec<SymbolConflict> {
        let mut conflicts = Vec::new();
        for (axis, (declared, &extent)) in self.expected(dims).zip(found).enumerate() {
            let Declared::Symbol(k) = declared else {
                continue;
            };
            if let Some((value, binder)) = bindings.get(k) {
                if value != extent && extent != UNKNOWN {
                    conflicts.push(SymbolConflict {
                        symbol: self.symbol(k),
                        axis,
                        found: extent,
                        bound: value,
                        bound_by: path(self.prefix, binder.field),
                        bound_axis: binder.axis,
                    });
                }
            }
        }
        conflicts
    }

    /// Reports field `field`'s shape `found` against its declared `dims`.
    #[cold]
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn shape_mismatch(
        self,
        bindings: Bindings<'_>,
        out: &mut Vec<Violation>,
        field: usize,
        dims: &[Declared],
        found: &[usize],
        open: bool,
        rank_ok: bool,
    ) {
        let conflicts = if rank_ok {
            self.conflicts(bindings, dims, found)
        } else {
            Vec::new()
        };
        let expected = self
            .expected(dims)
            .map(|declared| match declared {
                Declared::Fixed(n) => ExpectedDim::new(Dim::Fixed(n), None),
                Declared::Any => ExpectedDim::new(Dim::Any, None),
                Declared::Symbol(k) => ExpectedDim::new(
                    Dim::Symbol(self.symbol(k)),
                    bindings.get(k).map(|(value, _)| value),
                ),
            })
            .collect();
        let kind = ViolationKind::shape(expected, found_shape(found, open), conflicts);
        self.report(out, field, kind);
    }
}
