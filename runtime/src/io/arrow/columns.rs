//! Reading columns: which column holds each field and how ([`Plan`], checked once against
//! the file's schema), and each row's value of a field as a tensor borrowing the column's
//! buffers ([`Bound::row`]).

use std::collections::HashMap;

use arrow_array::{Array, ArrayRef, GenericListArray, OffsetSizeTrait, RecordBatch, StructArray};
use arrow_buffer::{Buffer, NullBuffer};
use arrow_schema::{DataType, Field, Fields, Schema};

use super::{
    DTYPE_KEY, EXTENSION_METADATA, EXTENSION_NAME, FIXED_SHAPE_TENSOR, VARIABLE_SHAPE_TENSOR,
    element_dtype,
};
use crate::dim::Dim;
use crate::dtype::DType;
use crate::io::ReadError;
use crate::named::{ReadOptions, Unexpected};
use crate::sample::TensorSpec;
use crate::tensor::cast::{CastError, unravel};
use crate::tensor::{TensorError, TensorView};
use crate::validate::violation::{
    ExpectedDim, FoundShape, Violation, ViolationKind, Violations, report,
};

/// The schema metadata key of Hugging Face `datasets`: its features, as JSON.
const HUGGING_FACE: &str = "huggingface";

/// The most axes a `arrow.variable_shape_tensor` column may declare: its `ndim` is an `i32`
/// of the schema, and each row's shape takes that many values (a lying schema of a few bytes
/// would otherwise cost gigabytes of extents).
const MAX_AXES: usize = 64;

/// How a column holds a field's tensors.
#[derive(Clone, Debug)]
enum Layout {
    /// Lists (`List`, `LargeList`, `FixedSizeList`), `depth` deep, over primitive elements;
    /// `reshape` replaces the list's one extent (`arrow.fixed_shape_tensor`'s shape).
    Lists {
        depth: usize,
        reshape: Option<Vec<usize>>,
    },
    /// `arrow.variable_shape_tensor`: a struct of `data` (a list) and `shape`.
    Variable { ndim: usize },
}

/// One field of the spec, and the column that holds it.
#[derive(Debug)]
struct Planned {
    path: String,
    optional: bool,
    /// The column's position: its index in the schema, then in each struct on the way.
    location: Option<Vec<usize>>,
    layout: Layout,
    /// The file's dtype of the elements (a complex dtype: its floats pair up).
    dtype: DType,
    /// The declared fixed extents: what an axis is under an empty list, where the file
    /// cannot say (`[]` of a `[_, 2]` field is `[0, 2]`).
    fixed: Vec<Option<usize>>,
}

/// Which column holds each field of a spec, checked against a schema once, before any row.
#[derive(Debug)]
pub(super) struct Plan {
    fields: Vec<Planned>,
}

/// A malformed or unsupported schema.
fn unsupported(path: &str, what: impl Into<String>) -> ReadError {
    ReadError::UnsupportedDType {
        name: path.to_owned(),
        dtype: what.into(),
    }
}

/// The column at `path`: a column of that name, or a struct column's child (`outer.inner`).
fn locate<'f>(fields: &'f Fields, path: &str) -> Option<(Vec<usize>, &'f Field)> {
    if let Some((index, field)) = fields.find(path) {
        return Some((vec![index], field));
    }
    let (head, rest) = path.split_once('.')?;
    let (index, field) = fields.find(head)?;
    let DataType::Struct(children) = field.data_type() else {
        return None;
    };
    let (mut location, found) = locate(children, rest)?;
    location.insert(0, index);
    Some((location, found))
}

/// The extension type's JSON metadata, if the column has one.
fn extension_json(field: &Field, path: &str) -> Result<serde_json::Value, ReadError> {
    let text = field
        .metadata()
        .get(EXTENSION_METADATA)
        .map_or("{}", String::as_str);
    serde_json::from_str(text).map_err(|error| ReadError::Malformed {
        format: "arrow",
        message: format!("column `{path}`: its extension type's metadata is not JSON"),
        source: Some(Box::new(error)),
    })
}

/// Refuses a tensor extension type whose axes are stored permuted.
fn identity_permutation(json: &serde_json::Value, path: &str, ext: &str) -> Result<(), ReadError> {
    match json.get("permutation") {
        None | Some(serde_json::Value::Null) => Ok(()),
        Some(permutation) => {
            let identity = permutation.as_array().is_some_and(|axes| {
                axes.iter()
                    .enumerate()
                    .all(|(axis, value)| value.as_u64() == Some(axis as u64))
            });
            if identity {
                Ok(())
            } else {
                Err(unsupported(
                    path,
                    format!("{ext} with permutation {permutation}"),
                ))
            }
        }
    }
}

/// The primitive element type under lists, and how many lists deep it is.
fn peel(data_type: &DataType) -> (usize, &DataType) {
    match data_type {
        DataType::List(item) | DataType::LargeList(item) | DataType::FixedSizeList(item, _) => {
            let (depth, leaf) = peel(item.data_type());
            (depth + 1, leaf)
        }
        leaf => (0, leaf),
    }
}

/// The extents a column's type fixes, `None` where each row has its own.
fn known_extents(data_type: &DataType, depth: usize) -> Vec<Option<usize>> {
    let mut extents = Vec::with_capacity(depth);
    let mut data_type = data_type;
    for _ in 0..depth {
        match data_type {
            DataType::FixedSizeList(item, size) => {
                extents.push(usize::try_from(*size).ok());
                data_type = item.data_type();
            }
            DataType::List(item) | DataType::LargeList(item) => {
                extents.push(None);
                data_type = item.data_type();
            }
            _ => break,
        }
    }
    extents
}

/// How `field` (at `path`) holds tensors, their element dtype, and the extents its type
/// (or the file's Hugging Face features) fixes.
fn layout(
    field: &Field,
    path: &str,
    hugging_face: Option<&Vec<usize>>,
) -> Result<(Layout, DType, Vec<Option<usize>>), ReadError> {
    let declared = field.metadata().get(DTYPE_KEY).map(String::as_str);
    let extension = field.metadata().get(EXTENSION_NAME).map(String::as_str);
    let (layout, leaf, mut extents) = match (extension, field.data_type()) {
        (Some(FIXED_SHAPE_TENSOR), DataType::FixedSizeList(item, size)) => {
            let json = extension_json(field, path)?;
            identity_permutation(&json, path, FIXED_SHAPE_TENSOR)?;
            let shape: Vec<usize> = json
                .get("shape")
                .and_then(|shape| serde_json::from_value(shape.clone()).ok())
                .ok_or_else(|| ReadError::Malformed {
                    format: "arrow",
                    message: format!("column `{path}`: {FIXED_SHAPE_TENSOR} without a shape"),
                    source: None,
                })?;
            let elements = shape
                .iter()
                .try_fold(1usize, |n, &extent| n.checked_mul(extent));
            if elements != usize::try_from(*size).ok() {
                return Err(ReadError::Malformed {
                    format: "arrow",
                    message: format!(
                        "column `{path}`: {FIXED_SHAPE_TENSOR} of shape {shape:?} stored in lists of {size}"
                    ),
                    source: None,
                });
            }
            let extents = shape.iter().map(|&extent| Some(extent)).collect();
            let layout = Layout::Lists {
                depth: 1,
                reshape: Some(shape),
            };
            (layout, item.data_type(), extents)
        }
        (Some(VARIABLE_SHAPE_TENSOR), DataType::Struct(children)) => {
            let json = extension_json(field, path)?;
            identity_permutation(&json, path, VARIABLE_SHAPE_TENSOR)?;
            let data = children.find("data").map(|(_, data)| data.data_type());
            let shape = children.find("shape").map(|(_, shape)| shape.data_type());
            let (
                Some(DataType::List(item) | DataType::LargeList(item)),
                Some(DataType::FixedSizeList(shape_item, ndim)),
            ) = (data, shape)
            else {
                return Err(unsupported(
                    path,
                    format!("{VARIABLE_SHAPE_TENSOR} of {}", field.data_type()),
                ));
            };
            let ndim = usize::try_from(*ndim)
                .ok()
                .filter(|&ndim| ndim <= MAX_AXES && *shape_item.data_type() == DataType::Int32);
            let Some(ndim) = ndim else {
                return Err(unsupported(
                    path,
                    format!("{VARIABLE_SHAPE_TENSOR} of {}", field.data_type()),
                ));
            };
            let uniform: Vec<Option<usize>> = json
                .get("uniform_shape")
                .and_then(|shape| serde_json::from_value(shape.clone()).ok())
                .filter(|shape: &Vec<Option<usize>>| shape.len() == ndim)
                .unwrap_or_else(|| vec![None; ndim]);
            (Layout::Variable { ndim }, item.data_type(), uniform)
        }
        (_, data_type) => {
            let (depth, leaf) = peel(data_type);
            let mut extents = known_extents(data_type, depth);
            if let Some(shape) = hugging_face.filter(|shape| shape.len() == depth) {
                extents = shape.iter().map(|&extent| Some(extent)).collect();
            }
            let layout = Layout::Lists {
                depth,
                reshape: None,
            };
            (layout, leaf, extents)
        }
    };
    let dtype = element_dtype(leaf, declared).ok_or_else(|| unsupported(path, leaf.to_string()))?;
    if super::storage_type(dtype).1 {
        // A complex element's two floats: the trailing axis of 2 is not the field's.
        if extents.pop().flatten().is_some_and(|extent| extent != 2) {
            return Err(unsupported(
                path,
                format!("{dtype} without a trailing axis of 2"),
            ));
        }
    }
    Ok((layout, dtype, extents))
}

/// Hugging Face `datasets`' fixed shapes (`Array2D`..`Array5D`) by column name, from the
/// schema's `huggingface` metadata; empty if there is none or it is not what `datasets`
/// writes.
fn hugging_face_shapes(schema: &Schema) -> HashMap<String, Vec<usize>> {
    let mut shapes = HashMap::new();
    let Some(json) = schema
        .metadata()
        .get(HUGGING_FACE)
        .and_then(|text| serde_json::from_str::<serde_json::Value>(text).ok())
    else {
        return shapes;
    };
    let Some(features) = json.pointer("/info/features").and_then(|f| f.as_object()) else {
        return shapes;
    };
    for (name, feature) in features {
        let is_array = feature
            .get("_type")
            .and_then(|t| t.as_str())
            .is_some_and(|t| matches!(t, "Array2D" | "Array3D" | "Array4D" | "Array5D"));
        let shape = feature
            .get("shape")
            .and_then(|shape| serde_json::from_value::<Vec<usize>>(shape.clone()).ok());
        if let (true, Some(shape)) = (is_array, shape) {
            shapes.insert(name.clone(), shape);
        }
    }
    shapes
}

/// The columns no field reads, by path (a struct column that holds nested fields is looked
/// into; one that does not is unexpected as a whole).
fn unexpected(fields: &Fields, prefix: &str, used: &[String], out: &mut Vec<Violation>) {
    for field in fields {
        let path = if prefix.is_empty() {
            field.name().clone()
        } else {
            format!("{prefix}.{}", field.name())
        };
        if used.contains(&path) {
            continue;
        }
        let inner = format!("{path}.");
        match field.data_type() {
            DataType::Struct(children) if used.iter().any(|used| used.starts_with(&inner)) => {
                unexpected(children, &path, used, out);
            }
            _ => out.push(Violation::new(path, ViolationKind::Unexpected)),
        }
    }
}

impl Plan {
    /// Finds the column of each field of `T`'s spec in `schema`, and checks what a schema
    /// tells before any row: every violation at once (a missing column, an unexpected one,
    /// a dtype without an allowed cast, a rank or fixed extent that differs).
    pub(super) fn new<T: TensorSpec + ?Sized>(
        schema: &Schema,
        options: &ReadOptions,
    ) -> Result<Plan, ReadError> {
        if cfg!(target_endian = "big") {
            return Err(unsupported(
                "(every column)",
                "Arrow data on a big-endian machine",
            ));
        }
        let hugging_face = hugging_face_shapes(schema);
        let mut out = Vec::new();
        let mut fields = Vec::new();
        for field in T::spec().fields() {
            let path = field.name().to_owned();
            let Some((location, column)) = locate(schema.fields(), &path) else {
                if !field.is_optional() {
                    out.push(Violation::new(path, ViolationKind::Missing));
                }
                continue;
            };
            let (layout, dtype, extents) = layout(column, &path, hugging_face.get(&path))?;
            let casting = field.casting().max(options.casting());
            if dtype != field.dtype() && !casting.allows(dtype, field.dtype()) {
                let error = CastError::NotAllowed {
                    from: dtype,
                    to: field.dtype(),
                    casting,
                };
                out.push(Violation::new(
                    path.clone(),
                    ViolationKind::Tensor(TensorError::Cast(error)),
                ));
            }
            if let Some(dims) = field.dims() {
                let differs = dims.len() != extents.len()
                    || dims.iter().zip(&extents).any(
                        |(dim, extent)| matches!((dim, extent), (Dim::Fixed(a), Some(b)) if a != b),
                    );
                if differs {
                    let expected = dims
                        .iter()
                        .map(|&dim| ExpectedDim::new(dim, None))
                        .collect();
                    let found = FoundShape::new(extents, true);
                    out.push(Violation::new(
                        path.clone(),
                        ViolationKind::shape(expected, found, Vec::new()),
                    ));
                }
            }
            let fixed = field
                .dims()
                .map(|dims| dims.iter().map(|dim| dim.fixed()).collect())
                .unwrap_or_default();
            fields.push(Planned {
                path,
                optional: field.is_optional(),
                location: Some(location),
                layout,
                dtype,
                fixed,
            });
        }
        if options.unexpected() == Unexpected::Error {
            let used: Vec<String> = T::spec().fields().map(|f| f.name().to_owned()).collect();
            unexpected(schema.fields(), "", &used, &mut out);
        }
        if !out.is_empty() {
            return Err(ReadError::Invalid(report(out)));
        }
        Ok(Plan { fields })
    }

    /// The schema's top-level columns that hold a field, in the schema's order: what a
    /// reader that can skip columns decodes.
    #[cfg(feature = "parquet")]
    pub(super) fn columns(&self) -> Vec<usize> {
        let mut columns: Vec<usize> = self
            .fields
            .iter()
            .filter_map(|planned| planned.location.as_ref()?.first().copied())
            .collect();
        columns.sort_unstable();
        columns.dedup();
        columns
    }

    /// The planned columns of `batch`, ready to give rows.
    pub(super) fn bind(&self, batch: &RecordBatch) -> Result<Vec<Bound>, ReadError> {
        self.fields
            .iter()
            .map(|planned| Bound::new(planned, batch))
            .collect()
    }
}

/// One level of lists, as the rows of a column see it.
#[derive(Debug)]
enum Level {
    /// Offsets of `List` (widened from `i32`) or `LargeList`.
    Offsets(Vec<usize>, Option<NullBuffer>),
    /// `FixedSizeList`'s size.
    Fixed(usize, Option<NullBuffer>),
}

impl Level {
    fn nulls(&self) -> Option<&NullBuffer> {
        match self {
            Level::Offsets(_, nulls) | Level::Fixed(_, nulls) => nulls.as_ref(),
        }
    }
}

/// The primitive elements under a column's lists: their bytes (a `bool` column unpacked to
/// one byte an element), and their nulls.
#[derive(Debug)]
struct Leaf {
    bytes: Buffer,
    width: usize,
    nulls: Option<NullBuffer>,
}

fn malformed_column(path: &str, what: &str) -> ReadError {
    ReadError::Malformed {
        format: "arrow",
        message: format!("column `{path}`: {what}"),
        source: None,
    }
}

impl Leaf {
    fn new(array: &ArrayRef, path: &str) -> Result<Leaf, ReadError> {
        let nulls = array.logical_nulls().filter(|nulls| nulls.null_count() > 0);
        if let Some(booleans) = array.as_any().downcast_ref::<arrow_array::BooleanArray>() {
            let bytes: Vec<u8> = booleans.values().iter().map(u8::from).collect();
            return Ok(Leaf {
                bytes: Buffer::from_vec(bytes),
                width: 1,
                nulls,
            });
        }
        let data = array.to_data();
        let width = array
            .data_type()
            .primitive_width()
            .ok_or_else(|| malformed_column(path, "its elements are not primitive"))?;
        let buffer = data
            .buffers()
            .first()
            .ok_or_else(|| malformed_column(path, "no values buffer"))?;
        let start = data.offset().checked_mul(width);
        let end = data
            .len()
            .checked_mul(width)
            .and_then(|len| len.checked_add(start?));
        let bytes = match (start, end) {
            (Some(start), Some(end)) if end <= buffer.len() => {
                buffer.slice_with_length(start, end - start)
            }
            _ => return Err(malformed_column(path, "its values buffer is too short")),
        };
        Ok(Leaf {
            bytes,
            width,
            nulls,
        })
    }
}

/// How a row's value of a field is not a tensor.
enum Fault {
    Null(Vec<usize>),
    Kind(ViolationKind),
}

/// The first null among entries `start..end`, if any (an entry past the mask counts as one:
/// a column whose mask is shorter than its entries is not one arrow-rs builds).
fn first_null(nulls: Option<&NullBuffer>, start: usize, end: usize) -> Option<usize> {
    let nulls = nulls?;
    if end > nulls.len() {
        return Some(start);
    }
    if nulls.null_count() == 0 {
        return None;
    }
    (start..end).find(|&entry| nulls.is_null(entry))
}

/// A field's column in one record batch.
#[derive(Debug)]
pub(super) struct Bound {
    path: String,
    optional: bool,
    dtype: DType,
    fixed: Vec<Option<usize>>,
    /// The nulls of the column and of each struct around it.
    nulls: Vec<NullBuffer>,
    column: Option<BoundColumn>,
}

#[derive(Debug)]
enum BoundColumn {
    Lists {
        levels: Vec<Level>,
        reshape: Option<Vec<usize>>,
        leaf: Leaf,
    },
    Variable {
        ndim: usize,
        offsets: Vec<usize>,
        data_nulls: Option<NullBuffer>,
        shapes: Leaf,
        leaf: Leaf,
    },
}

/// The offsets of a list array (`List` or `LargeList`) as `usize`, refusing negative ones.
fn offsets(array: &dyn Array, path: &str) -> Result<(Vec<usize>, ArrayRef), ReadError> {
    fn of<O: OffsetSizeTrait>(
        list: &GenericListArray<O>,
        path: &str,
    ) -> Result<(Vec<usize>, ArrayRef), ReadError> {
        let offsets = list
            .value_offsets()
            .iter()
            .map(|&offset| offset.to_usize())
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| malformed_column(path, "a negative list offset"))?;
        Ok((offsets, list.values().clone()))
    }
    if let Some(list) = array.as_any().downcast_ref::<arrow_array::ListArray>() {
        return of(list, path);
    }
    if let Some(list) = array.as_any().downcast_ref::<arrow_array::LargeListArray>() {
        return of(list, path);
    }
    Err(malformed_column(path, "not a list"))
}

impl Bound {
    fn new(planned: &Planned, batch: &RecordBatch) -> Result<Bound, ReadError> {
        let path = &planned.path;
        let mut bound = Bound {
            path: path.clone(),
            optional: planned.optional,
            dtype: planned.dtype,
            fixed: planned.fixed.clone(),
            nulls: Vec::new(),
            column: None,
        };
        let Some(location) = &planned.location else {
            return Ok(bound);
        };
        let missing = || malformed_column(path, "absent from a record batch");
        let (&first, rest) = location.split_first().ok_or_else(missing)?;
        let mut array: ArrayRef = batch.columns().get(first).ok_or_else(missing)?.clone();
        for &child in rest {
            let parent = array
                .as_any()
                .downcast_ref::<StructArray>()
                .ok_or_else(missing)?;
            bound.nulls.extend(parent.nulls().cloned());
            array = parent.columns().get(child).ok_or_else(missing)?.clone();
        }
        bound.nulls.extend(array.logical_nulls());
        bound.nulls.retain(|nulls| nulls.null_count() > 0);
        bound.column = Some(match &planned.layout {
            Layout::Lists { depth, reshape } => {
                let mut levels = Vec::with_capacity(*depth);
                for _ in 0..*depth {
                    let nulls = array.logical_nulls();
                    if let Some(fixed) = array
                        .as_any()
                        .downcast_ref::<arrow_array::FixedSizeListArray>()
                    {
                        let size = usize::try_from(fixed.value_length())
                            .map_err(|_| malformed_column(path, "a negative list size"))?;
                        levels.push(Level::Fixed(size, nulls));
                        array = fixed.values().clone();
                    } else {
                        let (offsets, values) = offsets(array.as_ref(), path)?;
                        levels.push(Level::Offsets(offsets, nulls));
                        array = values;
                    }
                }
                BoundColumn::Lists {
                    levels,
                    reshape: reshape.clone(),
                    leaf: Leaf::new(&array, path)?,
                }
            }
            Layout::Variable { ndim } => {
                let tensor = array
                    .as_any()
                    .downcast_ref::<StructArray>()
                    .ok_or_else(|| malformed_column(path, "not a struct"))?;
                let data = tensor
                    .column_by_name("data")
                    .ok_or_else(|| malformed_column(path, "no `data`"))?;
                let shape = tensor
                    .column_by_name("shape")
                    .and_then(|shape| {
                        shape
                            .as_any()
                            .downcast_ref::<arrow_array::FixedSizeListArray>()
                    })
                    .ok_or_else(|| malformed_column(path, "no `shape`"))?;
                let (offsets, values) = offsets(data.as_ref(), path)?;
                BoundColumn::Variable {
                    ndim: *ndim,
                    offsets,
                    data_nulls: data.logical_nulls(),
                    shapes: Leaf::new(shape.values(), path)?,
                    leaf: Leaf::new(&values, path)?,
                }
            }
        });
        Ok(bound)
    }

    /// The field's path.
    pub(super) fn path(&self) -> &str {
        &self.path
    }

    /// Row `row`'s value: `Ok(None)` for a null (or an absent column) in an optional field.
    pub(super) fn row(&self, row: usize) -> Result<Option<TensorView<'_>>, ViolationKind> {
        let null = self
            .nulls
            .iter()
            .any(|nulls| row >= nulls.len() || nulls.is_null(row));
        match (&self.column, null) {
            (None, _) | (Some(_), true) if self.optional => return Ok(None),
            (None, _) => return Err(ViolationKind::Missing),
            (Some(_), true) => return Err(ViolationKind::Null { index: Vec::new() }),
            (Some(column), false) => self.value(column, row).map(Some),
        }
        .map_err(|fault| match fault {
            Fault::Null(index) => ViolationKind::Null { index },
            Fault::Kind(kind) => kind,
        })
    }

    /// Rows `0..rows` as one tensor of shape `[rows, ...]`, if they are one: no null
    /// anywhere, every row of one shape, each row's elements right after the last's (a
    /// `FixedSizeList`, or lists whose rows are all one length). What a batch reads from a
    /// column in one copy; `None` if the rows must be read one by one.
    pub(super) fn whole(&self, rows: usize) -> Option<TensorView<'_>> {
        let column = self.column.as_ref()?;
        if !self.nulls.is_empty() || rows == 0 {
            return None;
        }
        let first = self.value(column, 0).ok()?;
        let base = match column {
            BoundColumn::Lists { leaf, .. } | BoundColumn::Variable { leaf, .. } => &leaf.bytes,
        };
        // Where a row's bytes start in the leaf's.
        let start =
            |view: &TensorView<'_>| (view.data().as_ptr() as usize) - (base.as_ptr() as usize);
        let begin = start(&first);
        let size = first.data().len();
        for row in 1..rows {
            let view = self.value(column, row).ok()?;
            if view.shape() != first.shape() || start(&view) != begin + row * size {
                return None;
            }
        }
        let bytes = base.get(begin..begin.checked_add(size.checked_mul(rows)?)?)?;
        let shape = core::iter::once(rows)
            .chain(first.shape().iter().copied())
            .collect();
        TensorView::new(self.dtype, shape, bytes).ok()
    }

    /// Whether the column has a value in none of rows `0..rows` (`Some(false)`, also when the
    /// file has no such column), in all of them (`Some(true)`), or in some (`None`).
    pub(super) fn presence(&self, rows: usize) -> Option<bool> {
        if self.column.is_none() {
            return Some(false);
        }
        let null = |row: usize| {
            self.nulls
                .iter()
                .any(|nulls| row >= nulls.len() || nulls.is_null(row))
        };
        let nulls = (0..rows).filter(|&row| null(row)).count();
        match nulls {
            0 => Some(true),
            _ if nulls == rows => Some(false),
            _ => None,
        }
    }

    fn value<'s>(&'s self, column: &'s BoundColumn, row: usize) -> Result<TensorView<'s>, Fault> {
        let out_of_range = || {
            Fault::Kind(ViolationKind::Tensor(TensorError::Shape {
                shape: Vec::new(),
                ty: "a row whose lists point past their data",
            }))
        };
        let (mut shape, start, end, leaf) = match column {
            BoundColumn::Lists {
                levels,
                reshape,
                leaf,
            } => {
                let (mut start, mut end) = (row, row + 1);
                let mut shape = Vec::with_capacity(levels.len());
                for (depth, level) in levels.iter().enumerate() {
                    if depth > 0 {
                        if let Some(entry) = first_null(level.nulls(), start, end) {
                            return Err(Fault::Null(unravel(entry - start, &shape)));
                        }
                    }
                    match level {
                        Level::Fixed(size, _) => {
                            shape.push(*size);
                            start = start.checked_mul(*size).ok_or_else(out_of_range)?;
                            end = end.checked_mul(*size).ok_or_else(out_of_range)?;
                        }
                        Level::Offsets(offsets, _) => {
                            let length = |entry: usize| -> Option<usize> {
                                offsets.get(entry + 1)?.checked_sub(*offsets.get(entry)?)
                            };
                            // Under an empty list, an axis is the declared extent, or 0.
                            let first = if start < end {
                                length(start).ok_or_else(out_of_range)?
                            } else {
                                self.fixed.get(depth).copied().flatten().unwrap_or(0)
                            };
                            for entry in start..end {
                                let found = length(entry).ok_or_else(out_of_range)?;
                                if found != first {
                                    let last = depth + 1 == levels.len();
                                    return Err(Fault::Kind(ViolationKind::ragged(
                                        unravel(entry - start, &shape),
                                        FoundShape::new(vec![Some(found)], last),
                                        FoundShape::new(vec![Some(first)], last),
                                    )));
                                }
                            }
                            shape.push(first);
                            (start, end) = if start < end {
                                let child_start = *offsets.get(start).ok_or_else(out_of_range)?;
                                (child_start, *offsets.get(end).ok_or_else(out_of_range)?)
                            } else {
                                // No entries: an empty range of the next level.
                                (0, 0)
                            };
                        }
                    }
                }
                if let Some(reshape) = reshape {
                    shape.clone_from(reshape);
                }
                (shape, start, end, leaf)
            }
            BoundColumn::Variable {
                ndim,
                offsets,
                data_nulls,
                shapes,
                leaf,
            } => {
                if let Some(_entry) = first_null(data_nulls.as_ref(), row, row + 1) {
                    return Err(Fault::Null(Vec::new()));
                }
                let extents = row
                    .checked_mul(*ndim)
                    .and_then(|first| {
                        let start = first.checked_mul(4)?;
                        shapes
                            .bytes
                            .get(start..start.checked_add(ndim.checked_mul(4)?)?)
                    })
                    .ok_or_else(out_of_range)?;
                let shape = extents
                    .chunks_exact(4)
                    .map(|bytes| {
                        let extent = i32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
                        usize::try_from(extent).ok()
                    })
                    .collect::<Option<Vec<usize>>>()
                    .ok_or_else(|| {
                        Fault::Kind(ViolationKind::Tensor(TensorError::Shape {
                            shape: Vec::new(),
                            ty: "a row whose shape has a negative extent",
                        }))
                    })?;
                let start = *offsets.get(row).ok_or_else(out_of_range)?;
                let end = *offsets.get(row + 1).ok_or_else(out_of_range)?;
                if end < start {
                    return Err(out_of_range());
                }
                (shape, start, end, leaf)
            }
        };
        if let Some(element) = first_null(leaf.nulls.as_ref(), start, end) {
            let shape = &shape;
            return Err(Fault::Null(unravel(element - start, shape)));
        }
        let bytes = start
            .checked_mul(leaf.width)
            .zip(end.checked_mul(leaf.width))
            .and_then(|(first, last)| leaf.bytes.get(first..last))
            .ok_or_else(out_of_range)?;
        if super::storage_type(self.dtype).1 {
            // A complex element's two floats: the trailing axis of 2 is not the field's.
            if shape.pop() != Some(2) {
                return Err(Fault::Kind(ViolationKind::Tensor(TensorError::Shape {
                    shape,
                    ty: "a complex tensor (floats in pairs, a trailing axis of 2)",
                })));
            }
        }
        TensorView::new(self.dtype, shape, bytes)
            .map_err(|error| Fault::Kind(ViolationKind::Tensor(error)))
    }
}

/// A row's report: the violations of reading its tensors, with each field whose value was
/// not a tensor (`faults`) reported for what it was, in the spec's field order.
pub(super) fn row_report(
    paths: &[&str],
    faults: Vec<(usize, ViolationKind)>,
    read: Option<Violations>,
) -> Violations {
    let faulty = |path: &str| {
        faults
            .iter()
            .any(|(field, _)| paths.get(*field).is_some_and(|p| *p == path))
    };
    let mut all: Vec<(usize, Violation)> = faults
        .iter()
        .map(|(field, kind)| {
            let path = paths.get(*field).copied().unwrap_or_default();
            (*field, Violation::new(path.to_owned(), kind.clone()))
        })
        .collect();
    for violation in read.map(Violations::into_vec).unwrap_or_default() {
        // The field without a tensor is reported above, for its fault.
        if matches!(violation.kind(), ViolationKind::Missing) && faulty(violation.field()) {
            continue;
        }
        let field = paths
            .iter()
            .position(|path| *path == violation.field())
            .unwrap_or(usize::MAX);
        all.push((field, violation));
    }
    all.sort_by_key(|(field, _)| *field);
    report(all.into_iter().map(|(_, violation)| violation).collect())
}
