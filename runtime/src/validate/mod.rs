//! The run-time check behind `validate()`: measure each field's shape, compare it with the
//! declared dims, bind symbols. Nothing here allocates unless there is something to report.
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
use violation::{ExpectedDim, SymbolConflict, Violation, ViolationKind, path};

/// The extent a symbol is bound to in this sample, and by which field's axis.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    value: usize,
    field: &'static str,
    axis: usize,
}

/// The state of one struct's validation: its spec, its symbols' bindings and where
/// violations go. Field number `k` is the spec's `k`-th field; everything the check needs to
/// know of it (name, declared dims, casts) is read from the spec.
pub struct Checker<'a> {
    layout: Layout<'a>,
    bindings: &'a mut [Option<Binding>],
    out: &'a mut Vec<Violation>,
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

impl<'a> Checker<'a> {
    /// A check of a struct at `prefix` (`None` at the top) against `spec`, with one binding
    /// slot per symbol (and one more for a batch spec's leading axis).
    #[inline(always)]
    pub fn new(
        prefix: Option<&'a Path<'a>>,
        spec: &'static Spec,
        bindings: &'a mut [Option<Binding>],
        out: &'a mut Vec<Violation>,
    ) -> Self {
        Checker {
            layout: Layout { prefix, spec },
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

    /// The casts field `field` allows (its `cast` attribute).
    pub(crate) fn casting(&self, field: usize) -> Casting {
        match self.layout.fields().get(field).map(FieldSpec::kind) {
            Some(FieldKind::Tensor(info)) => info.casting,
            _ => Casting::Exact,
        }
    }

    /// A field whose shape was measured (`Vec`, `[T; N]`): compare it. `open`: more axes may
    /// follow `found` (an empty container of `IxDyn` arrays).
    #[inline]
    pub(crate) fn measured(&mut self, field: usize, found: &[usize], open: bool) -> bool {
        self.compare(field, found, open)
    }

    /// A field whose rows differ in shape.
    #[cold]
    pub(crate) fn ragged(&mut self, field: usize, ragged: Ragged) {
        self.report(field, ragged.into_kind());
    }

    /// A field whose shape is at hand (ndarray arrays, scalars, a file's tensors): compare
    /// it; whether it was the declared one.
    #[inline]
    pub fn shaped(&mut self, field: usize, shape: &[usize]) -> bool {
        self.compare(field, shape, false)
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
        self.layout.report(self.out, field, kind);
    }

    /// Adds violations found elsewhere (a nested spec's).
    pub(crate) fn extend(&mut self, violations: Vec<Violation>) {
        self.valid &= violations.is_empty();
        self.out.extend(violations);
    }

    /// Runs `check` on where violations go, with field `field`'s path: a nested spec's own
    /// check, with its own symbols; `check` says whether it found none.
    #[inline]
    pub(crate) fn nested(
        &mut self,
        field: usize,
        check: impl FnOnce(&Path<'_>, &mut Vec<Violation>) -> bool,
    ) {
        let prefix = self.child(field);
        self.valid &= check(&prefix, self.out);
    }

    /// Binds or compares one axis; whether it agrees.
    #[inline(always)]
    fn axis(&mut self, field: usize, axis: usize, declared: Declared, extent: usize) -> bool {
        match declared {
            Declared::Fixed(n) => extent == n || extent == UNKNOWN,
            Declared::Any => true,
            Declared::Symbol(k) => match self.bindings.get_mut(k) {
                Some(Some(binding)) => binding.value == extent || extent == UNKNOWN,
                Some(slot @ None) => {
                    if extent != UNKNOWN {
                        *slot = Some(Binding {
                            value: extent,
                            field: self.layout.name(field),
                            axis,
                        });
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
    fn compare(&mut self, field: usize, found: &[usize], open: bool) -> bool {
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
                ok &= self.axis(field, 0, Declared::Symbol(layout.symbols().len()), extent);
            }
            // In a batch, the axes after a sample's zero extent describe no element: stacked
            // from empty rows, they are whatever the batch had to give them.
            let mut empty = false;
            for (axis, (&declared, &extent)) in dims.iter().zip(rest).enumerate() {
                let extent = if empty { UNKNOWN } else { extent };
                empty |= lead == 1 && extent == 0;
                ok &= self.axis(field, axis + lead, declared, extent);
            }
        }
        if !ok {
            self.valid = false;
            layout.shape_mismatch(self.bindings, self.out, field, dims, found, open, rank_ok);
        }
        ok
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
        self.fields().get(field).map_or("?", FieldSpec::name)
    }

    /// The declared dims of field `field` (without a batch's leading axis); `None` when the
    /// rank is open.
    #[inline]
    fn dims(self, field: usize) -> Option<&'static [Declared]> {
        match self.fields().get(field)?.kind() {
            FieldKind::Tensor(info) => info.dims,
            FieldKind::Nested { .. } => None,
        }
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
        bindings: &[Option<Binding>],
        dims: &[Declared],
        found: &[usize],
    ) -> Vec<SymbolConflict> {
        let mut conflicts = Vec::new();
        for (axis, (declared, &extent)) in self.expected(dims).zip(found).enumerate() {
            let Declared::Symbol(k) = declared else {
                continue;
            };
            if let Some(binding) = bindings.get(k).copied().flatten() {
                if binding.value != extent && extent != UNKNOWN {
                    conflicts.push(SymbolConflict {
                        symbol: self.symbol(k),
                        axis,
                        found: extent,
                        bound: binding.value,
                        bound_by: path(self.prefix, binding.field),
                        bound_axis: binding.axis,
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
        bindings: &[Option<Binding>],
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
                    bindings.get(k).copied().flatten().map(|b| b.value),
                ),
            })
            .collect();
        let kind = ViolationKind::shape(expected, found_shape(found, open), conflicts);
        self.report(out, field, kind);
    }
}
