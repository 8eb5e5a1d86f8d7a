//! A field's shape as measured at run time: [`Extents`], filled without allocating by the
//! dense field types (`field::dense`), and [`Ragged`], the error of rows that differ.

use crate::validate::violation::{FoundShape, ViolationKind};

/// The extent of an axis of an empty container's rows: they have none.
pub const UNKNOWN: usize = usize::MAX;

/// Axes measured without allocating; more spill to the heap (only `IxDyn` arrays inside
/// containers reach that many).
const INLINE: usize = 8;

/// A measured shape. `open` when the rank is unknown (an empty `Vec` of `IxDyn` arrays).
pub struct Extents {
    len: usize,
    inline: [usize; INLINE],
    spill: Vec<usize>,
    pub(crate) open: bool,
}

impl Extents {
    /// No axes.
    #[inline(always)]
    pub(crate) const fn new() -> Self {
        Extents {
            len: 0,
            inline: [0; INLINE],
            spill: Vec::new(),
            open: false,
        }
    }

    /// Appends one axis.
    #[inline(always)]
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
    #[inline(always)]
    pub(crate) fn as_slice(&self) -> &[usize] {
        if self.spill.is_empty() {
            &self.inline[..self.len]
        } else {
            &self.spill
        }
    }

    /// The shape of a report.
    pub(crate) fn found(&self) -> FoundShape {
        found_shape(self.as_slice(), self.open)
    }
}

pub(crate) fn found_shape(extents: &[usize], open: bool) -> FoundShape {
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
    /// Row `index` has shape `found`, its first sibling `first`.
    #[cold]
    pub(crate) fn new(index: usize, found: FoundShape, first: FoundShape) -> Box<Self> {
        Box::new(Ragged {
            index: vec![index],
            found,
            first,
        })
    }

    /// What `validate()` reports of it.
    pub(crate) fn into_kind(self) -> ViolationKind {
        ViolationKind::ragged(self.index, self.found, self.first)
    }

    /// The same, seen from the container one level up, where this was row `row`.
    #[inline(never)]
    pub(crate) fn within(mut self: Box<Self>, row: usize) -> Box<Self> {
        self.index.insert(0, row);
        self
    }
}
