//! How a batch's `Debug` shows its fields: dtype and shape, never data.

use ndarray::{ArrayBase, Dimension};

use super::NoBatch;
use crate::dtype::Element;

/// How a batch's `Debug` shows a field: an array as its dtype and shape (`f32[64, 32, 32,
/// 3]`), never its data.
#[doc(hidden)]
pub trait DebugBatch {
    /// Writes the summary.
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result;
}

impl<S: ndarray::RawData<Elem = A>, D: Dimension, A: Element> DebugBatch for ArrayBase<S, D, A> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{}{:?}", A::DTYPE, self.shape())
    }
}

impl<T: DebugBatch> DebugBatch for Option<T> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            None => f.write_str("None"),
            Some(batch) => {
                f.write_str("Some(")?;
                batch.fmt_batch(f)?;
                f.write_str(")")
            }
        }
    }
}

impl<T: ?Sized> DebugBatch for NoBatch<T> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl<T> DebugBatch for Vec<T> {
    fn fmt_batch(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "[{} values]", self.len())
    }
}

/// `Debug` by [`DebugBatch`].
struct ShowBatch<'a, T: ?Sized>(&'a T);

impl<T: DebugBatch + ?Sized> core::fmt::Debug for ShowBatch<'_, T> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        self.0.fmt_batch(f)
    }
}

/// A batch struct's `Debug`: `name { field: summary, .. }`, each field shown by
/// [`DebugBatch`]. One call a struct, not a chain of calls a field.
#[doc(hidden)]
pub fn debug_batch(
    f: &mut core::fmt::Formatter<'_>,
    name: &str,
    fields: &[(&str, &dyn DebugBatch)],
) -> core::fmt::Result {
    let mut out = f.debug_struct(name);
    for (field, value) in fields {
        out.field(field, &ShowBatch(*value));
    }
    out.finish()
}
