//! Padded batches: [`Padded`] and each sample's true shape, [`Lengths`].

use core::fmt;

use ndarray::{Array2, ArrayView1, ArrayView2, Axis};

/// A padded batch and each sample's true shape, from
/// [`Batched::padded`](crate::stream::Batched::padded) or a struct's `stack_padded`.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = SentenceBatch)]
/// struct Sentence {
///     #[tensor(shape = [T], pad = 0)]
///     tokens: Vec<u32>,
/// }
///
/// let sentences = [Sentence { tokens: vec![5, 9] }, Sentence { tokens: vec![7, 1, 3] }];
/// let padded = Sentence::stack_padded(&sentences).unwrap();
/// assert_eq!(padded.batch.tokens, ndarray::array![[5, 9, 0], [7, 1, 3]]);
/// assert_eq!(padded.lengths.axis("tokens", 0).unwrap().to_vec(), [2, 3]);
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub struct Padded<B> {
    /// The batch: each axis as long as the longest sample's, shorter samples padded.
    pub batch: B,
    /// Each sample's shape before padding, by field.
    pub lengths: Lengths,
}

/// Each sample's true shape, by field, for a padded batch: row `i` of a field's array is
/// sample `i`'s shape.
///
/// ```
/// use tensorspec::TensorSpec;
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = TextBatch)]
/// struct Text {
///     #[tensor(shape = [T], pad = -1)]
///     tokens: Vec<i64>,
/// }
///
/// let texts = [Text { tokens: vec![5, 6, 7] }, Text { tokens: vec![8] }];
/// let padded = Text::stack_padded(&texts).unwrap();
/// assert_eq!(padded.batch.tokens, ndarray::array![[5, 6, 7], [8, -1, -1]]);
/// assert_eq!(padded.lengths.axis("tokens", 0).unwrap().to_vec(), [3, 1]);
/// ```
#[derive(Default)]
pub struct Lengths {
    fields: Vec<(String, Array2<usize>)>,
    // The entries of a batch being refilled, kept for their allocations, the first field's
    // last: a refill reuses them instead of allocating a name and an array a field.
    spare: Vec<(String, Array2<usize>)>,
}

impl Lengths {
    /// Forgets every field's shapes, for a batch being refilled.
    pub(crate) fn clear(&mut self) {
        self.spare.extend(self.fields.drain(..).rev());
    }

    /// A name and a buffer of shapes to fill, emptied: an earlier fill's, where there is one.
    pub(super) fn buffers(&mut self) -> (String, Vec<usize>) {
        match self.spare.pop() {
            Some((mut name, shapes)) => {
                name.clear();
                let (mut shapes, _) = shapes.into_raw_vec_and_offset();
                shapes.clear();
                (name, shapes)
            }
            None => (String::new(), Vec::new()),
        }
    }

    /// Records the shapes of field `name`, one row per sample.
    pub(super) fn push(&mut self, name: String, shapes: Array2<usize>) {
        self.fields.push((name, shapes));
    }

    /// The shapes of field `field` (a path such as `outer.inner`): one row per sample.
    pub fn field(&self, field: &str) -> Option<ArrayView2<'_, usize>> {
        self.fields
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, shapes)| shapes.view())
    }

    /// The extents of axis `axis` of field `field`, one per sample: the sequence lengths.
    pub fn axis(&self, field: &str, axis: usize) -> Option<ArrayView1<'_, usize>> {
        let shapes = self.field(field)?;
        (axis < shapes.ncols()).then(|| shapes.index_axis_move(Axis(1), axis))
    }

    /// The fields with their shapes, in field order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, ArrayView2<'_, usize>)> {
        self.fields
            .iter()
            .map(|(name, shapes)| (name.as_str(), shapes.view()))
    }
}

// By hand, here and below: the spare entries are not part of the value.
impl Clone for Lengths {
    fn clone(&self) -> Self {
        Lengths {
            fields: self.fields.clone(),
            spare: Vec::new(),
        }
    }
}

impl PartialEq for Lengths {
    fn eq(&self, other: &Self) -> bool {
        self.fields == other.fields
    }
}

impl Eq for Lengths {}

impl fmt::Debug for Lengths {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lengths")
            .field("fields", &self.fields)
            .finish_non_exhaustive()
    }
}
