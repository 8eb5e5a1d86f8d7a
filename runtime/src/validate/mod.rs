//! The run-time check behind `validate()`: measure each field's shape, compare it with the
//! declared dims, bind symbols. Nothing here allocates unless there is something to report.
//!
//! Hidden: the derive's generated code calls it through `tensorspec::__private`.

mod measure;
pub mod violation;

pub use measure::{Dense, Extents, FromFlat, Ragged, UNKNOWN};
pub(crate) use measure::{dimension, found_shape};

use crate::dim::Dim;
use crate::field::TensorField;
use crate::sample::TensorSpec;
use violation::{ExpectedDim, SymbolConflict, Violation, ViolationKind, Violations};

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
    pub fn nested<T: TensorSpec + ?Sized>(&mut self, name: &'static str, value: &T) {
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
        let kind = ragged.into_kind();
        self.valid = false;
        self.out.push(Violation::new(path(self.prefix, name), kind));
    }
}

/// The report of a sample that had violations.
#[cold]
#[inline(never)]
pub(crate) fn report(out: Vec<Violation>) -> Violations {
    Violations::from_nonempty(out)
}
