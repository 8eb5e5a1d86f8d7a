//! Property tests of the library's promise, through the derived code: a declared dtype or
//! shape is never broken silently. A batch out of any batching path satisfies its own spec; a
//! sample that breaks its spec is reported (with its stream index), never stacked or padded
//! into validity; padding pads only what the spec leaves open; nothing is lost or duplicated.
//!
//! Random streams mix valid samples, valid samples whose open extents differ from their
//! neighbours', and faulty ones. Whether a sample is valid is known from how it was built,
//! and what stacking must report is modelled from the samples' shapes as ndarray and
//! `Vec::len` give them, not from the library.

use std::borrow::Borrow;
use std::fmt::Debug;
use std::ops::Range;

use ndarray::{Array1, Array2, Array3, ArrayD, ArrayViewD, Axis, Dimension, arr0};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use tensorspec::prelude::*;
use tensorspec::stream::{BatchError, Batched};
use tensorspec::{Batchable, Invalid, Lengths, Padded, StackError};

/// A camera, nested in [`Image`] with its own symbols and batch type.
#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = CameraBatch)]
struct Camera {
    #[tensor(dtype = f32, shape = [3, 3])]
    intrinsics: Array2<f32>,
    /// `H` and `W` are the camera's: independent of the image's.
    #[tensor(shape = [H, W], pad = f32::MAX)]
    depth: Array2<f32>,
}

#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = ImageBatch)]
struct Image {
    #[tensor(dtype = u8, shape = [H, W, 3])]
    image: Array3<u8>,
    #[tensor(shape = [H, W], pad = 255)]
    mask: Array2<u8>,
    #[tensor(shape = [_, 4], pad = -1.0)]
    boxes: Array2<f32>,
    #[tensor(shape = [N], pad = 0)]
    tokens: Vec<i64>,
    #[tensor(shape = [N])]
    weights: Option<Vec<f32>>,
    camera: Camera,
    /// The sample's position in its stream: how a batch's rows are told apart.
    label: i64,
    #[tensor(skip)]
    source: String,
}

/// A document as decoded from JSON: its boxes are rows of four numbers, not an array.
#[derive(Clone, Debug, PartialEq, TensorSpec)]
#[tensor(batch = DocBatch)]
struct Doc {
    #[tensor(shape = [T])]
    tokens: Vec<i64>,
    #[tensor(shape = [_, 4], pad = -1.0)]
    boxes: Vec<Vec<f32>>,
    id: i64,
}

// ---- How samples are built ----

/// The extents an image sample is built with, each 0 to 3.
#[derive(Clone, Copy, Debug)]
struct ImageExtents {
    h: usize,
    w: usize,
    boxes: usize,
    tokens: usize,
    depth: (usize, usize),
}

/// One way to break an image sample's spec.
#[derive(Clone, Copy, Debug)]
enum ImageFault {
    /// The image has this many channels, not 3.
    Channels(usize),
    /// The mask is one row taller than the image: `H` disagrees.
    MaskHeight,
    /// The mask is one column wider than the image: `W` disagrees.
    MaskWidth,
    /// The boxes have this many columns, not 4.
    BoxColumns(usize),
    /// The weights are one longer than the tokens: `N` disagrees.
    WeightsLength,
    /// The intrinsics have this shape, not `[3, 3]`.
    Intrinsics(usize, usize),
}

impl ImageFault {
    /// The one field the fault breaks.
    fn field(self) -> &'static str {
        match self {
            ImageFault::Channels(_) => "image",
            ImageFault::MaskHeight | ImageFault::MaskWidth => "mask",
            ImageFault::BoxColumns(_) => "boxes",
            ImageFault::WeightsLength => "weights",
            ImageFault::Intrinsics(..) => "camera.intrinsics",
        }
    }
}

/// How one image sample is built; valid iff `fault` is `None`.
#[derive(Clone, Copy, Debug)]
struct ImagePlan {
    extents: ImageExtents,
    weights: bool,
    fault: Option<ImageFault>,
}

fn image_extents() -> impl Strategy<Value = ImageExtents> {
    (
        0..4usize,
        0..4usize,
        0..4usize,
        0..4usize,
        (0..4usize, 0..4usize),
    )
        .prop_map(|(h, w, boxes, tokens, depth)| ImageExtents {
            h,
            w,
            boxes,
            tokens,
            depth,
        })
}

/// Anything but `right`, near it.
fn other_than(right: usize) -> impl Strategy<Value = usize> {
    (0..right + 2).prop_filter("a wrong extent", move |&n| n != right)
}

fn image_fault() -> impl Strategy<Value = ImageFault> {
    prop_oneof![
        other_than(3).prop_map(ImageFault::Channels),
        Just(ImageFault::MaskHeight),
        Just(ImageFault::MaskWidth),
        other_than(4).prop_map(ImageFault::BoxColumns),
        Just(ImageFault::WeightsLength),
        (0..5usize, 0..5usize)
            .prop_filter("not 3 by 3", |&shape| shape != (3, 3))
            .prop_map(|(r, c)| ImageFault::Intrinsics(r, c)),
    ]
}

/// A stream of `len` plans around one base: mostly valid samples of the base extents, some
/// valid ones of other extents, some faulty ones. The weights are present in every sample,
/// in none, or in most.
fn image_plans(len: Range<usize>) -> impl Strategy<Value = Vec<ImagePlan>> {
    (image_extents(), 0..3u8).prop_flat_map(move |(base, presence)| {
        let weights = match presence {
            0 => Just(true).boxed(),
            1 => Just(false).boxed(),
            _ => prop::bool::weighted(0.8).boxed(),
        };
        let element = prop_oneof![
            6 => weights.clone().prop_map(move |weights| ImagePlan {
                extents: base,
                weights,
                fault: None,
            }),
            2 => (image_extents(), weights.clone()).prop_map(|(extents, weights)| ImagePlan {
                extents,
                weights,
                fault: None,
            }),
            2 => (image_fault(), weights).prop_map(move |(fault, weights)| ImagePlan {
                extents: base,
                weights,
                fault: Some(fault),
            }),
        ];
        prop::collection::vec(element, len.clone())
    })
}

/// Sample `id` of `plan`, every value telling `id` and its position apart.
fn image(id: usize, plan: &ImagePlan) -> Image {
    let ImageExtents {
        h,
        w,
        boxes,
        tokens,
        depth,
    } = plan.extents;
    let fault = plan.fault;
    let channels = match fault {
        Some(ImageFault::Channels(c)) => c,
        _ => 3,
    };
    let mask = match fault {
        Some(ImageFault::MaskHeight) => (h + 1, w),
        Some(ImageFault::MaskWidth) => (h, w + 1),
        _ => (h, w),
    };
    let columns = match fault {
        Some(ImageFault::BoxColumns(c)) => c,
        _ => 4,
    };
    let weights = match fault {
        Some(ImageFault::WeightsLength) => Some(tokens + 1),
        _ => plan.weights.then_some(tokens),
    };
    let intrinsics = match fault {
        Some(ImageFault::Intrinsics(r, c)) => (r, c),
        _ => (3, 3),
    };
    Image {
        image: Array3::from_shape_fn((h, w, channels), |(y, x, c)| {
            ((id * 31 + y * 9 + x * 3 + c) % 250) as u8
        }),
        mask: Array2::from_shape_fn(mask, |(y, x)| ((id * 7 + y * 4 + x) % 250) as u8),
        boxes: Array2::from_shape_fn((boxes, columns), |(r, c)| (id * 100 + r * 8 + c) as f32),
        tokens: (0..tokens).map(|k| (id * 10 + k + 1) as i64).collect(),
        weights: weights.map(|len| (0..len).map(|k| (id * 10 + k) as f32 + 0.5).collect()),
        camera: Camera {
            intrinsics: Array2::from_shape_fn(intrinsics, |(r, c)| (id * 9 + r * 3 + c) as f32),
            depth: Array2::from_shape_fn(depth, |(y, x)| (id * 16 + y * 4 + x) as f32 + 0.25),
        },
        label: id as i64,
        source: format!("frame {id}"),
    }
}

/// The samples of `plans`, each labelled with its position, and whether each is valid.
fn images(plans: &[ImagePlan]) -> (Vec<Image>, Vec<bool>) {
    let samples = plans.iter().enumerate().map(|(i, p)| image(i, p)).collect();
    (samples, plans.iter().map(|p| p.fault.is_none()).collect())
}

/// How one document is built; valid iff `fault` is `None`.
#[derive(Clone, Copy, Debug)]
struct DocPlan {
    tokens: usize,
    boxes: usize,
    fault: Option<DocFault>,
}

#[derive(Clone, Copy, Debug)]
enum DocFault {
    /// At least one box, every row this wide, not 4.
    Width(usize),
    /// At least two boxes, the last row this wide, the others 4: ragged.
    Ragged(usize),
}

fn doc_plans(len: Range<usize>) -> impl Strategy<Value = Vec<DocPlan>> {
    (0..4usize, 0..4usize).prop_flat_map(move |(tokens, boxes)| {
        let fault = prop_oneof![
            other_than(4).prop_map(DocFault::Width),
            other_than(4).prop_map(DocFault::Ragged),
        ];
        let element = prop_oneof![
            6 => Just(DocPlan { tokens, boxes, fault: None }),
            2 => (0..4usize, 0..4usize).prop_map(|(tokens, boxes)| DocPlan {
                tokens,
                boxes,
                fault: None,
            }),
            2 => fault.prop_map(move |fault| DocPlan { tokens, boxes, fault: Some(fault) }),
        ];
        prop::collection::vec(element, len.clone())
    })
}

fn doc(id: usize, plan: &DocPlan) -> Doc {
    let (rows, width, last) = match plan.fault {
        None => (plan.boxes, 4, 4),
        Some(DocFault::Width(c)) => (plan.boxes.max(1), c, c),
        Some(DocFault::Ragged(c)) => (plan.boxes.max(2), 4, c),
    };
    Doc {
        tokens: (0..plan.tokens).map(|k| (id * 10 + k + 1) as i64).collect(),
        boxes: (0..rows)
            .map(|r| {
                let width = if r + 1 == rows { last } else { width };
                (0..width).map(|c| (id * 100 + r * 8 + c) as f32).collect()
            })
            .collect(),
        id: id as i64,
    }
}

fn docs(plans: &[DocPlan]) -> (Vec<Doc>, Vec<bool>) {
    let samples = plans.iter().enumerate().map(|(i, p)| doc(i, p)).collect();
    (samples, plans.iter().map(|p| p.fault.is_none()).collect())
}

// ---- What each struct tells the checks ----

/// A sample struct under test, and what the checks read of it and its batch.
trait Case: Batchable<Batch: TensorSpec + Clone> + Clone + PartialEq + Debug {
    /// The sample's position in its stream.
    fn id(&self) -> i64;
    /// Each tensor field's path and shape (`None`: an absent optional), in the order stacking
    /// compares them.
    fn shapes(&self) -> Vec<(&'static str, Option<Vec<usize>>)>;
    /// `Self::stack`.
    fn stack_slice(samples: &[Self]) -> Result<Self::Batch, StackError>;
    /// `Self::stack_from`.
    fn stack_iter(samples: std::slice::Iter<'_, Self>) -> Result<Self::Batch, StackError>;
    /// `Self::stack_padded`.
    fn stack_padded_slice(samples: &[Self]) -> Result<Padded<Self::Batch>, StackError>;
    fn batch_len(batch: &Self::Batch) -> usize;
    /// The id of each row of the batch.
    fn ids(batch: &Self::Batch) -> Vec<i64>;
    fn into_samples(batch: Self::Batch) -> Result<Vec<Self>, StackError>;
    /// Each field of a padded batch of `samples`: see [`padded_field`].
    fn check_padded_fields(
        padded: &Padded<Self::Batch>,
        samples: &[&Self],
    ) -> Result<(), TestCaseError>;
}

impl Case for Image {
    fn id(&self) -> i64 {
        self.label
    }

    fn shapes(&self) -> Vec<(&'static str, Option<Vec<usize>>)> {
        vec![
            ("image", Some(self.image.shape().to_vec())),
            ("mask", Some(self.mask.shape().to_vec())),
            ("boxes", Some(self.boxes.shape().to_vec())),
            ("tokens", Some(vec![self.tokens.len()])),
            ("weights", self.weights.as_ref().map(|w| vec![w.len()])),
            (
                "camera.intrinsics",
                Some(self.camera.intrinsics.shape().to_vec()),
            ),
            ("camera.depth", Some(self.camera.depth.shape().to_vec())),
            ("label", Some(vec![])),
        ]
    }

    fn stack_slice(samples: &[Self]) -> Result<ImageBatch, StackError> {
        Image::stack(samples)
    }

    fn stack_iter(samples: std::slice::Iter<'_, Self>) -> Result<ImageBatch, StackError> {
        Image::stack_from(samples)
    }

    fn stack_padded_slice(samples: &[Self]) -> Result<Padded<ImageBatch>, StackError> {
        Image::stack_padded(samples)
    }

    fn batch_len(batch: &ImageBatch) -> usize {
        batch.len()
    }

    fn ids(batch: &ImageBatch) -> Vec<i64> {
        batch.label.to_vec()
    }

    fn into_samples(batch: ImageBatch) -> Result<Vec<Self>, StackError> {
        batch.into_samples()
    }

    fn check_padded_fields(
        padded: &Padded<ImageBatch>,
        samples: &[&Self],
    ) -> Result<(), TestCaseError> {
        let (batch, lengths) = (&padded.batch, &padded.lengths);
        let rows = |f: fn(&Image) -> ArrayD<u8>| samples.iter().map(|s| f(s)).collect::<Vec<_>>();
        padded_field(
            lengths,
            "image",
            batch.image.view().into_dyn(),
            &rows(|s| s.image.clone().into_dyn()),
            &[None, None, Some(3)],
            0,
        )?;
        padded_field(
            lengths,
            "mask",
            batch.mask.view().into_dyn(),
            &rows(|s| s.mask.clone().into_dyn()),
            &[None, None],
            255,
        )?;
        let rows = |f: fn(&Image) -> ArrayD<f32>| samples.iter().map(|s| f(s)).collect::<Vec<_>>();
        padded_field(
            lengths,
            "boxes",
            batch.boxes.view().into_dyn(),
            &rows(|s| s.boxes.clone().into_dyn()),
            &[None, Some(4)],
            -1.0,
        )?;
        let present = samples.iter().all(|s| s.weights.is_some());
        prop_assert_eq!(batch.weights.is_some(), !samples.is_empty() && present);
        if let Some(weights) = &batch.weights {
            let rows: Vec<ArrayD<f32>> = samples
                .iter()
                .filter_map(|s| s.weights.clone())
                .map(|w| Array1::from(w).into_dyn())
                .collect();
            padded_field(
                lengths,
                "weights",
                weights.view().into_dyn(),
                &rows,
                &[None],
                0.0,
            )?;
        }
        padded_field(
            lengths,
            "camera.intrinsics",
            batch.camera.intrinsics.view().into_dyn(),
            &rows(|s| s.camera.intrinsics.clone().into_dyn()),
            &[Some(3), Some(3)],
            0.0,
        )?;
        padded_field(
            lengths,
            "camera.depth",
            batch.camera.depth.view().into_dyn(),
            &rows(|s| s.camera.depth.clone().into_dyn()),
            &[None, None],
            f32::MAX,
        )?;
        let rows = |f: fn(&Image) -> ArrayD<i64>| samples.iter().map(|s| f(s)).collect::<Vec<_>>();
        padded_field(
            lengths,
            "tokens",
            batch.tokens.view().into_dyn(),
            &rows(|s| Array1::from(s.tokens.clone()).into_dyn()),
            &[None],
            0,
        )?;
        padded_field(
            lengths,
            "label",
            batch.label.view().into_dyn(),
            &rows(|s| arr0(s.label).into_dyn()),
            &[],
            0,
        )?;
        let sources: Vec<&String> = samples.iter().map(|s| &s.source).collect();
        prop_assert_eq!(batch.source.iter().collect::<Vec<_>>(), sources);
        Ok(())
    }
}

/// A document's boxes as the array they stand for: `[rows, 4]` (a valid document's rows are
/// four wide, also when there are none).
fn boxes_array(doc: &Doc) -> ArrayD<f32> {
    Array2::from_shape_fn((doc.boxes.len(), 4), |(r, c)| doc.boxes[r][c]).into_dyn()
}

impl Case for Doc {
    fn id(&self) -> i64 {
        self.id
    }

    fn shapes(&self) -> Vec<(&'static str, Option<Vec<usize>>)> {
        vec![
            ("tokens", Some(vec![self.tokens.len()])),
            ("boxes", Some(vec![self.boxes.len(), 4])),
            ("id", Some(vec![])),
        ]
    }

    fn stack_slice(samples: &[Self]) -> Result<DocBatch, StackError> {
        Doc::stack(samples)
    }

    fn stack_iter(samples: std::slice::Iter<'_, Self>) -> Result<DocBatch, StackError> {
        Doc::stack_from(samples)
    }

    fn stack_padded_slice(samples: &[Self]) -> Result<Padded<DocBatch>, StackError> {
        Doc::stack_padded(samples)
    }

    fn batch_len(batch: &DocBatch) -> usize {
        batch.len()
    }

    fn ids(batch: &DocBatch) -> Vec<i64> {
        batch.id.to_vec()
    }

    fn into_samples(batch: DocBatch) -> Result<Vec<Self>, StackError> {
        batch.into_samples()
    }

    fn check_padded_fields(
        padded: &Padded<DocBatch>,
        samples: &[&Self],
    ) -> Result<(), TestCaseError> {
        let (batch, lengths) = (&padded.batch, &padded.lengths);
        let tokens: Vec<ArrayD<i64>> = samples
            .iter()
            .map(|s| Array1::from(s.tokens.clone()).into_dyn())
            .collect();
        padded_field(
            lengths,
            "tokens",
            batch.tokens.view().into_dyn(),
            &tokens,
            &[None],
            0,
        )?;
        let boxes: Vec<ArrayD<f32>> = samples.iter().map(|s| boxes_array(s)).collect();
        padded_field(
            lengths,
            "boxes",
            batch.boxes.view().into_dyn(),
            &boxes,
            &[None, Some(4)],
            -1.0,
        )
    }
}

// ---- The model of stacking ----

/// What stacking valid samples can run into, as the model predicts it.
#[derive(Clone, Debug, PartialEq)]
enum Mismatch {
    Extent {
        field: String,
        axis: usize,
        sample: usize,
        expected: usize,
        found: usize,
    },
    Presence {
        field: String,
        sample: usize,
        present: bool,
    },
}

impl Mismatch {
    /// The library's error as a `Mismatch`, if it is one.
    fn of(error: &StackError) -> Option<Mismatch> {
        match error {
            StackError::Extent {
                field,
                axis,
                sample,
                expected,
                found,
                ..
            } => Some(Mismatch::Extent {
                field: field.clone(),
                axis: *axis,
                sample: *sample,
                expected: *expected,
                found: *found,
            }),
            StackError::Presence {
                field,
                sample,
                present,
                ..
            } => Some(Mismatch::Presence {
                field: field.clone(),
                sample: *sample,
                present: *present,
            }),
            _ => None,
        }
    }

    fn sample(&self) -> usize {
        match self {
            Mismatch::Extent { sample, .. } | Mismatch::Presence { sample, .. } => *sample,
        }
    }

    /// The message, each sample named by `name`.
    fn message(&self, name: impl Fn(usize) -> String) -> String {
        match self {
            Mismatch::Extent {
                field,
                axis,
                sample,
                expected,
                found,
            } => format!(
                "field `{field}`: {} has extent {found} on axis {axis}, but {} has {expected}",
                name(*sample),
                name(0)
            ),
            Mismatch::Presence {
                field,
                sample,
                present: true,
            } => format!(
                "field `{field}`: {} has a value, but {} is `None`",
                name(*sample),
                name(0)
            ),
            Mismatch::Presence { field, sample, .. } => format!(
                "field `{field}`: {} is `None`, but {} has a value",
                name(*sample),
                name(0)
            ),
        }
    }
}

/// What stacking `group` (valid samples) must report: the first field, in order, whose
/// presence or (unless `padded`) shape differs between samples; in it, the first sample that
/// differs from sample 0, and its first differing axis. `None`: the group stacks.
fn expected_mismatch<T: Case>(group: &[&T], padded: bool) -> Option<Mismatch> {
    let shapes: Vec<_> = group.iter().map(|s| s.shapes()).collect();
    let first = shapes.first()?;
    for (f, (field, shape0)) in first.iter().enumerate() {
        let field = field.to_string();
        if let Some(sample) = shapes
            .iter()
            .position(|s| s[f].1.is_some() != shape0.is_some())
        {
            let present = shapes[sample][f].1.is_some();
            return Some(Mismatch::Presence {
                field,
                sample,
                present,
            });
        }
        let Some(shape0) = shape0.as_ref().filter(|_| !padded) else {
            continue;
        };
        for (sample, shapes) in shapes.iter().enumerate() {
            // Present in every sample, or in none (then `shape0` is `None`).
            let found = shapes[f].1.as_deref().unwrap_or_default();
            if let Some(axis) = shape0.iter().zip(found).position(|(a, b)| a != b) {
                return Some(Mismatch::Extent {
                    field,
                    axis,
                    sample,
                    expected: shape0[axis],
                    found: found[axis],
                });
            }
        }
    }
    None
}

// ---- The checks ----

/// A stacked batch of `group`: it validates, and holds the group's samples in order.
fn check_stacked<T: Case>(batch: &T::Batch, group: &[&T]) -> Result<(), TestCaseError> {
    if let Err(violations) = batch.validate() {
        prop_assert!(false, "a stacked batch breaks its spec:\n{violations}");
    }
    prop_assert_eq!(T::batch_len(batch), group.len());
    let ids: Vec<i64> = group.iter().map(|s| s.id()).collect();
    prop_assert_eq!(T::ids(batch), ids);
    let back = T::into_samples(batch.clone())
        .map_err(|error| TestCaseError::fail(format!("into_samples: {error}")))?;
    prop_assert!(
        back.iter().eq(group.iter().copied()),
        "the batch does not split back into its samples"
    );
    Ok(())
}

/// A padded batch of `group`: it validates, holds the group in order, and each field is padded
/// as [`padded_field`] says.
fn check_padded<T: Case>(padded: &Padded<T::Batch>, group: &[&T]) -> Result<(), TestCaseError> {
    if let Err(violations) = padded.batch.validate() {
        prop_assert!(false, "a padded batch breaks its spec:\n{violations}");
    }
    prop_assert_eq!(T::batch_len(&padded.batch), group.len());
    let ids: Vec<i64> = group.iter().map(|s| s.id()).collect();
    prop_assert_eq!(T::ids(&padded.batch), ids);
    T::check_padded_fields(padded, group)
}

/// One field of a padded batch of `rows` (each sample's value of the field): each axis
/// `declared` fixed keeps its extent, each open one is as long as the longest row's; row `i`'s
/// values are in its corner and `pad` everywhere else; the lengths give each row's shape.
fn padded_field<E: Copy + PartialEq + Debug>(
    lengths: &Lengths,
    field: &str,
    batch: ArrayViewD<'_, E>,
    rows: &[ArrayD<E>],
    declared: &[Option<usize>],
    pad: E,
) -> Result<(), TestCaseError> {
    let mut shape = vec![rows.len()];
    for (axis, fixed) in declared.iter().enumerate() {
        let longest = rows.iter().map(|row| row.shape()[axis]).max();
        shape.push(fixed.unwrap_or(longest.unwrap_or(0)));
    }
    prop_assert_eq!(batch.shape(), &shape[..], "the shape of field `{}`", field);
    for (i, row) in rows.iter().enumerate() {
        for (index, &value) in batch.index_axis(Axis(0), i).indexed_iter() {
            let expected = row.get(index.slice()).copied().unwrap_or(pad);
            prop_assert_eq!(
                value,
                expected,
                "field `{}`, sample {}, at {:?}",
                field,
                i,
                index.slice()
            );
        }
    }
    if !rows.is_empty() {
        let Some(shapes) = lengths.field(field) else {
            return Err(TestCaseError::fail(format!(
                "no lengths of field `{field}`"
            )));
        };
        for (i, row) in rows.iter().enumerate() {
            prop_assert_eq!(
                shapes.row(i).to_vec(),
                row.shape().to_vec(),
                "the true shape of field `{}`, sample {}",
                field,
                i
            );
        }
    }
    Ok(())
}

/// `validate()` agrees with how each sample was built.
fn check_ground_truth<T: Case>(samples: &[T], valid: &[bool]) -> Result<(), TestCaseError> {
    for (sample, &valid) in samples.iter().zip(valid) {
        prop_assert_eq!(sample.validate().is_ok(), valid, "{:?}", sample);
    }
    Ok(())
}

/// `stack` and `stack_from`: an invalid sample is the error, the first one named; valid
/// samples stack iff every open extent (and every optional's presence) agrees, else the error
/// names the field, axis and sample the model predicts; a batch validates and holds them all.
fn check_stack<T: Case>(samples: &[T], valid: &[bool]) -> Result<(), TestCaseError> {
    let first_invalid = valid.iter().position(|v| !v);
    let all: Vec<&T> = samples.iter().collect();
    let mismatch = expected_mismatch(&all, false);
    let paths = [
        ("stack", T::stack_slice(samples)),
        ("stack_from", T::stack_iter(samples.iter())),
    ];
    for (path, result) in paths {
        match (result, first_invalid, &mismatch) {
            (Ok(batch), None, None) => check_stacked(&batch, &all)?,
            (Err(error), Some(i), _) => check_invalid(&error, i)?,
            (Err(error), None, Some(m)) => {
                prop_assert_eq!(Mismatch::of(&error), Some(m.clone()), "{}", path);
                prop_assert_eq!(error.sample(), Some(m.sample()));
                prop_assert_eq!(error.to_string(), m.message(|s| format!("sample {s}")));
            }
            (result, _, _) => prop_assert!(
                false,
                "{}: {:?}, but the first invalid sample is {:?} and the model expects {:?}",
                path,
                result.map(|batch| T::batch_len(&batch)),
                first_invalid,
                mismatch
            ),
        }
    }
    Ok(())
}

/// The error of stacking samples of which `i` is the first invalid one.
fn check_invalid(error: &StackError, i: usize) -> Result<(), TestCaseError> {
    let StackError::Invalid {
        sample, violations, ..
    } = error
    else {
        return Err(TestCaseError::fail(format!(
            "sample {i} is invalid, but the error is {error:?}"
        )));
    };
    prop_assert_eq!(*sample, i);
    prop_assert_eq!(error.sample(), Some(i));
    let shown = error.to_string();
    prop_assert_eq!(shown.lines().count(), violations.len());
    let prefix = format!("sample {i}: ");
    prop_assert!(
        shown.lines().all(|line| line.starts_with(&prefix)),
        "{}",
        shown
    );
    Ok(())
}

/// `stack_padded`: Ok iff every sample is valid (and every optional's presence agrees); the
/// first invalid sample is the error, never padded into shape; a batch validates and is padded
/// only where the spec leaves axes open.
fn check_stack_padded<T: Case>(samples: &[T], valid: &[bool]) -> Result<(), TestCaseError> {
    let first_invalid = valid.iter().position(|v| !v);
    let all: Vec<&T> = samples.iter().collect();
    let mismatch = expected_mismatch(&all, true);
    match (T::stack_padded_slice(samples), first_invalid, &mismatch) {
        (Ok(padded), None, None) => check_padded(&padded, &all)?,
        (Err(error), Some(i), _) => check_invalid(&error, i)?,
        (Err(error), None, Some(m)) => {
            prop_assert_eq!(Mismatch::of(&error), Some(m.clone()));
            prop_assert_eq!(error.to_string(), m.message(|s| format!("sample {s}")));
        }
        (result, _, _) => prop_assert!(
            false,
            "stack_padded: {:?}, but the first invalid sample is {:?} and the model expects {:?}",
            result.map(|padded| T::batch_len(&padded.batch)),
            first_invalid,
            mismatch
        ),
    }
    Ok(())
}

/// What a batched stream yields, by the model.
#[derive(Debug)]
enum Step {
    /// The element at this position, reported invalid.
    Invalid(usize),
    /// The valid elements at these positions, as one batch or one `Stack` error.
    Group(Vec<usize>),
}

/// Each invalid element reported as it is pulled; the valid ones grouped by `n` in order,
/// a group out as soon as it is full; the last, shorter group dropped with `drop_last`.
fn expected_steps(valid: &[bool], n: usize, drop_last: bool) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut group = Vec::new();
    for (i, &valid) in valid.iter().enumerate() {
        if !valid {
            steps.push(Step::Invalid(i));
            continue;
        }
        group.push(i);
        if group.len() == n {
            steps.push(Step::Group(std::mem::take(&mut group)));
        }
    }
    if !group.is_empty() && !drop_last {
        steps.push(Step::Group(group));
    }
    steps
}

/// The items of a batched stream of `samples`, batches of `n`: every element accounted for
/// once (the only loss a final short group under `drop_last`), invalid elements reported
/// with their stream index and never in a batch, each batch checked by `check_batch`, each
/// group that cannot be stacked handed back with its stream indices and the model's error.
#[allow(clippy::too_many_arguments)]
fn check_stream<T, S, B>(
    what: &str,
    items: Vec<Result<B, BatchError<S>>>,
    samples: &[T],
    valid: &[bool],
    n: usize,
    drop_last: bool,
    padded: bool,
    check_batch: impl Fn(&B, &[&T]) -> Result<(), TestCaseError>,
    ids_of: impl Fn(&B) -> Vec<i64>,
) -> Result<(), TestCaseError>
where
    T: Case,
    S: Borrow<T> + Debug,
{
    // Accounting, from what came out alone.
    let mut seen = vec![0usize; samples.len()];
    for item in &items {
        let (ids, as_valid) = match item {
            Ok(batch) => (ids_of(batch), true),
            Err(BatchError::Invalid(invalid)) => (vec![invalid.sample.borrow().id()], false),
            Err(BatchError::Stack { samples, .. }) => {
                (samples.iter().map(|s| s.borrow().id()).collect(), true)
            }
            Err(other) => return Err(TestCaseError::fail(format!("{what}: {other:?}"))),
        };
        for id in ids {
            let id = id as usize;
            prop_assert_eq!(
                valid[id],
                as_valid,
                "{}: element {} came out as the other kind",
                what,
                id
            );
            seen[id] += 1;
        }
    }
    let twice: Vec<usize> = (0..samples.len()).filter(|&i| seen[i] > 1).collect();
    prop_assert!(
        twice.is_empty(),
        "{}: elements {:?} came out twice",
        what,
        twice
    );
    let lost: Vec<usize> = (0..samples.len()).filter(|&i| seen[i] == 0).collect();
    let valid_positions: Vec<usize> = (0..samples.len()).filter(|&i| valid[i]).collect();
    let short = if drop_last {
        valid_positions.len() % n
    } else {
        0
    };
    prop_assert_eq!(
        &lost[..],
        &valid_positions[valid_positions.len() - short..],
        "{}: lost elements",
        what
    );

    let steps = expected_steps(valid, n, drop_last);
    prop_assert_eq!(items.len(), steps.len(), "{}: {:?}", what, steps);
    for (item, step) in items.into_iter().zip(steps) {
        match (item, step) {
            (Err(error), Step::Invalid(i)) => {
                prop_assert_eq!(error.index(), i, "{}", what);
                let shown = error.to_string();
                let prefix = format!("element {i}: ");
                prop_assert!(
                    shown.lines().all(|line| line.starts_with(&prefix)),
                    "{}",
                    shown
                );
                let BatchError::Invalid(Invalid { index, sample, .. }) = error else {
                    return Err(TestCaseError::fail(format!(
                        "{what}: element {i} is invalid, but came out as {error:?}"
                    )));
                };
                prop_assert_eq!(index, i);
                prop_assert!(
                    sample.borrow() == &samples[i],
                    "{}: not element {}",
                    what,
                    i
                );
            }
            (item, Step::Group(group)) => {
                let members: Vec<&T> = group.iter().map(|&i| &samples[i]).collect();
                match (item, expected_mismatch(&members, padded)) {
                    (Ok(batch), None) => check_batch(&batch, &members)?,
                    (Err(error), Some(m)) => {
                        prop_assert_eq!(error.index(), group[m.sample()], "{}", what);
                        let shown = m.message(|s| format!("element {}", group[s]));
                        prop_assert_eq!(error.to_string(), shown);
                        let BatchError::Stack {
                            indices,
                            samples: back,
                            error,
                            ..
                        } = error
                        else {
                            return Err(TestCaseError::fail(format!("{what}: {error:?}")));
                        };
                        prop_assert_eq!(&indices, &group);
                        prop_assert!(
                            back.iter().map(Borrow::borrow).eq(members.iter().copied()),
                            "{}: the samples handed back are not elements {:?}",
                            what,
                            group
                        );
                        prop_assert_eq!(Mismatch::of(&error), Some(m));
                    }
                    (item, m) => prop_assert!(
                        false,
                        "{}: elements {:?} came out as {:?}, the model expects {:?}",
                        what,
                        group,
                        item.map(|batch| ids_of(&batch)),
                        m
                    ),
                }
            }
            (item, step) => prop_assert!(
                false,
                "{}: {:?} where the model expects {:?}",
                what,
                item.map(|batch| ids_of(&batch)),
                step
            ),
        }
    }
    Ok(())
}

/// A batched stream of `samples` made by `make`, checked plain, with `drop_last`, padded, and
/// padded with `drop_last`.
fn check_every_variant<T, X, S>(
    what: &str,
    make: impl Fn() -> Batched<S, X>,
    samples: &[T],
    valid: &[bool],
    n: usize,
) -> Result<(), TestCaseError>
where
    T: Case,
    X: Batchable<Batch = T::Batch> + Borrow<T> + Debug,
    S: Iterator<Item = Result<X, Invalid<X>>>,
{
    for drop_last in [false, true] {
        let batched = || {
            let stream = make();
            if drop_last {
                stream.drop_last()
            } else {
                stream
            }
        };
        let what = format!("{what}({n}), drop_last {drop_last}");
        check_stream(
            &what,
            batched().collect(),
            samples,
            valid,
            n,
            drop_last,
            false,
            check_stacked::<T>,
            T::ids,
        )?;
        check_stream(
            &format!("{what}, padded"),
            batched().padded().collect(),
            samples,
            valid,
            n,
            drop_last,
            true,
            check_padded::<T>,
            |padded| T::ids(&padded.batch),
        )?;
    }
    Ok(())
}

/// Every batching path over `samples`.
fn check_every_path<T: Case>(samples: &[T], valid: &[bool], n: usize) -> Result<(), TestCaseError>
where
    for<'a> &'a T: Batchable<Batch = T::Batch> + Debug,
{
    check_ground_truth(samples, valid)?;
    check_stack(samples, valid)?;
    check_stack_padded(samples, valid)?;
    let owned = || samples.iter().cloned();
    check_every_variant("batched", || owned().batched(n), samples, valid, n)?;
    let what = "validated().batched";
    check_every_variant(what, || owned().validated().batched(n), samples, valid, n)?;
    check_every_variant(
        "iter().batched",
        || samples.iter().batched(n),
        samples,
        valid,
        n,
    )?;
    let what = "iter().validated().batched";
    check_every_variant(
        what,
        || samples.iter().validated().batched(n),
        samples,
        valid,
        n,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn images_are_valid_exactly_as_built(plans in image_plans(0..40)) {
        let (samples, valid) = images(&plans);
        check_ground_truth(&samples, &valid)?;
        for (sample, plan) in samples.iter().zip(&plans) {
            if let (Err(violations), Some(fault)) = (sample.validate(), plan.fault) {
                let fields: Vec<&str> = violations.iter().map(|v| v.field()).collect();
                prop_assert_eq!(fields, [fault.field()]);
            }
        }
    }

    #[test]
    fn stack_and_stack_from_stack_exactly_the_valid_agreeing_samples(
        plans in image_plans(0..8)
    ) {
        let (samples, valid) = images(&plans);
        check_stack(&samples, &valid)?;
    }

    #[test]
    fn stack_padded_pads_only_open_axes_of_valid_samples(plans in image_plans(0..8)) {
        let (samples, valid) = images(&plans);
        check_stack_padded(&samples, &valid)?;
    }

    #[test]
    fn batched_streams_report_every_invalid_element_and_stack_the_rest(
        plans in image_plans(0..40),
        n in 1..9usize,
    ) {
        let (samples, valid) = images(&plans);
        let owned = || samples.clone().into_iter();
        check_every_variant("batched", || owned().batched(n), &samples, &valid, n)?;
    }

    #[test]
    fn validated_batched_streams_report_every_invalid_element_and_stack_the_rest(
        plans in image_plans(0..40),
        n in 1..9usize,
    ) {
        let (samples, valid) = images(&plans);
        let owned = || samples.clone().into_iter();
        let what = "validated().batched";
        check_every_variant(what, || owned().validated().batched(n), &samples, &valid, n)?;
    }

    #[test]
    fn batched_streams_of_references_report_every_invalid_element_and_stack_the_rest(
        plans in image_plans(0..40),
        n in 1..9usize,
    ) {
        let (samples, valid) = images(&plans);
        check_every_variant("iter().batched", || samples.iter().batched(n), &samples, &valid, n)?;
        let what = "iter().validated().batched";
        check_every_variant(what, || samples.iter().validated().batched(n), &samples, &valid, n)?;
    }

    #[test]
    fn documents_with_rows_of_boxes_keep_the_promise_on_every_path(
        plans in doc_plans(0..12),
        n in 1..5usize,
    ) {
        let (samples, valid) = docs(&plans);
        check_every_path(&samples, &valid, n)?;
    }
}
