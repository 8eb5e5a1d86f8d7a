//! Samples as a record batch: [`to_record_batch`].

use std::sync::Arc;

use arrow_array::{
    ArrayRef, BooleanArray, FixedSizeListArray, Int32Array, ListArray, RecordBatch,
    RecordBatchOptions, StructArray, make_array,
};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer};
use arrow_data::ArrayData;
use arrow_schema::{ArrowError, DataType, Field, Fields, Schema};

use super::schema::{Node, nodes};
use crate::dtype::DType;
use crate::io::WriteError;
use crate::named::ToTensors;
use crate::spec::SpecField;
use crate::tensor::Tensor;

/// An error of arrow-rs building a column.
pub(super) fn arrow_error(name: &str, error: ArrowError) -> WriteError {
    WriteError::Format {
        format: "arrow",
        message: format!("column `{name}` could not be built"),
        source: Some(Box::new(error)),
    }
}

/// A record batch of `samples`, one row each, in the schema of
/// [`Spec::to_arrow_schema`](crate::Spec::to_arrow_schema): each sample is validated first
/// (an invalid one is [`WriteError::Invalid`]), then each field's values are copied once into
/// its column.
///
/// ```
/// use tensorspec::{ReadOptions, TensorSpec, read_record_batch, to_record_batch};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [2, 2])]
///     image: [[u8; 2]; 2],
///     label: i64,
/// }
///
/// let samples = vec![
///     Sample { image: [[1, 2], [3, 4]], label: 7 },
///     Sample { image: [[5, 6], [7, 8]], label: 9 },
/// ];
/// let batch = to_record_batch(&samples).unwrap();
/// assert_eq!(batch.num_rows(), 2);
/// let back: Vec<Sample> = read_record_batch(&batch, &ReadOptions::new())
///     .unwrap()
///     .collect::<Result<_, _>>()
///     .unwrap();
/// assert_eq!(back, samples);
/// ```
pub fn to_record_batch<T: ToTensors>(samples: &[T]) -> Result<RecordBatch, WriteError> {
    let spec = T::spec();
    let schema = Arc::new(spec.to_arrow_schema()?);
    let tree = nodes(spec);
    let paths: Vec<String> = spec.fields().map(|field| field.name().to_owned()).collect();
    // Each field's tensor in each row, by field number.
    let mut values: Vec<Vec<Option<Tensor>>> = paths.iter().map(|_| Vec::new()).collect();
    for sample in samples {
        let tensors = sample.to_tensors().map_err(WriteError::Invalid)?;
        for column in &mut values {
            column.push(None);
        }
        for (name, tensor) in tensors {
            if let Some(field) = paths.iter().position(|path| *path == name) {
                if let Some(slot) = values[field].last_mut() {
                    *slot = Some(tensor);
                }
            }
        }
    }
    let mut tensor = |index: usize, field: &SpecField, column: &Field| {
        tensor_array(
            field,
            column,
            values.get(index).map_or(&[][..], Vec::as_slice),
        )
    };
    record_batch(schema, &tree, &mut tensor, samples.len())
}

/// Makes a tensor field's column: field number `index` of the spec, the field, its column in
/// the schema.
pub(super) type TensorArray<'t> =
    dyn FnMut(usize, &SpecField, &Field) -> Result<ArrayRef, WriteError> + 't;

/// The record batch of `rows` rows in `schema` (made from `tree`), each tensor field's
/// column made by `tensor`, in the spec's order.
pub(super) fn record_batch(
    schema: Arc<Schema>,
    tree: &[Node],
    tensor: &mut TensorArray<'_>,
    rows: usize,
) -> Result<RecordBatch, WriteError> {
    let mut index = 0;
    let columns = tree
        .iter()
        .zip(schema.fields().iter())
        .map(|(node, column)| build(node, column, &mut index, tensor, rows))
        .collect::<Result<Vec<_>, _>>()?;
    // The row count said, for a spec without columns.
    let options = RecordBatchOptions::new().with_row_count(Some(rows));
    RecordBatch::try_new_with_options(schema, columns, &options)
        .map_err(|error| arrow_error("(record batch)", error))
}

/// The column of `node` (the schema's `column`), each of its tensor fields' columns made by
/// `tensor`; `index` counts the tensor fields.
fn build(
    node: &Node,
    column: &Field,
    index: &mut usize,
    tensor: &mut TensorArray<'_>,
    rows: usize,
) -> Result<ArrayRef, WriteError> {
    match node {
        Node::Tensor(field) => {
            *index += 1;
            tensor(*index - 1, field, column)
        }
        Node::Struct { name, children, .. } => {
            let DataType::Struct(fields) = column.data_type() else {
                return Err(arrow_error(
                    name,
                    ArrowError::SchemaError("not a struct".into()),
                ));
            };
            let arrays = children
                .iter()
                .zip(fields.iter())
                .map(|(child, inner)| build(child, inner, index, tensor, rows))
                .collect::<Result<Vec<_>, _>>()?;
            // An optional nested spec is null in a row where none of its fields has a value.
            let nulls = column.is_nullable().then(|| {
                NullBuffer::from_iter(
                    (0..rows).map(|row| arrays.iter().any(|array| array.is_valid(row))),
                )
            });
            let nulls = nulls.filter(|nulls| nulls.null_count() > 0);
            let array = StructArray::try_new(fields.clone(), arrays, nulls)
                .map_err(|error| arrow_error(name, error))?;
            Ok(Arc::new(array))
        }
    }
}

/// A tensor field's column (`column`, the schema's): `tensors[row]` for each row, `None` a
/// null.
fn tensor_array(
    field: &SpecField,
    column: &Field,
    tensors: &[Option<Tensor>],
) -> Result<ArrayRef, WriteError> {
    let name = field.name();
    let dtype = field.dtype();
    let nulls = column
        .is_nullable()
        .then(|| NullBuffer::from_iter(tensors.iter().map(Option::is_some)))
        .filter(|nulls| nulls.null_count() > 0);
    let (element, _) = super::storage_type(dtype);
    match column.data_type() {
        // Open extents: `arrow.variable_shape_tensor`, a struct of the data and the shape.
        DataType::Struct(fields) => {
            let ndim = field.rank().unwrap_or(0) + usize::from(is_complex(dtype));
            let mut bytes = Vec::new();
            let mut offsets = vec![0i32];
            let mut shapes = Vec::with_capacity(tensors.len() * ndim);
            for tensor in tensors {
                match tensor {
                    Some(tensor) => {
                        bytes.extend_from_slice(tensor.data());
                        shapes.extend(tensor.shape().iter().map(|&e| extent(name, e)));
                        if is_complex(dtype) {
                            shapes.push(Ok(2));
                        }
                    }
                    None => shapes.extend((0..ndim).map(|_| Ok(0))),
                }
                let elements = bytes.len() / element_size(dtype);
                offsets.push(extent(name, elements)?);
            }
            let shapes = shapes.into_iter().collect::<Result<Vec<i32>, _>>()?;
            let data = leaf(name, &element, bytes)?;
            variable_tensor(name, fields, data, offsets, shapes, nulls)
        }
        DataType::FixedSizeList(item, size) => {
            let row_bytes = usize::try_from(*size)
                .ok()
                .and_then(|size| size.checked_mul(element_size(dtype)))
                .ok_or_else(|| arrow_error(name, ArrowError::SchemaError("size".into())))?;
            let bytes = concat(tensors, row_bytes);
            let values = leaf(name, &element, bytes)?;
            // The rows said: a list of size 0 has no values to count them by.
            let rows = tensors.len();
            let array =
                FixedSizeListArray::try_new_with_length(item.clone(), *size, values, nulls, rows)
                    .map_err(|error| arrow_error(name, error))?;
            Ok(Arc::new(array))
        }
        // A scalar: one element a row, a null row's a zero.
        _ => {
            let bytes = concat(tensors, dtype.size_of());
            let values = leaf(name, &element, bytes)?;
            let data = values
                .to_data()
                .into_builder()
                .nulls(nulls)
                .build()
                .map_err(|error| arrow_error(name, error))?;
            Ok(make_array(data))
        }
    }
}

/// An `arrow.variable_shape_tensor` column (its storage struct's `fields`): row `i`'s
/// elements are `data[offsets[i]..offsets[i + 1]]`, its shape the `i`-th run of `shapes`.
pub(super) fn variable_tensor(
    name: &str,
    fields: &Fields,
    data: ArrayRef,
    offsets: Vec<i32>,
    shapes: Vec<i32>,
    nulls: Option<NullBuffer>,
) -> Result<ArrayRef, WriteError> {
    let rows = offsets.len().saturating_sub(1);
    let DataType::List(item) = fields[0].data_type() else {
        return Err(arrow_error(name, ArrowError::SchemaError("data".into())));
    };
    let data = ListArray::try_new(item.clone(), OffsetBuffer::new(offsets.into()), data, None)
        .map_err(|error| arrow_error(name, error))?;
    let DataType::FixedSizeList(shape_item, ndim) = fields[1].data_type() else {
        return Err(arrow_error(name, ArrowError::SchemaError("shape".into())));
    };
    let shape = FixedSizeListArray::try_new_with_length(
        shape_item.clone(),
        *ndim,
        Arc::new(Int32Array::from(shapes)),
        None,
        rows,
    )
    .map_err(|error| arrow_error(name, error))?;
    let array = StructArray::try_new(
        Fields::clone(fields),
        vec![Arc::new(data), Arc::new(shape)],
        nulls,
    )
    .map_err(|error| arrow_error(name, error))?;
    Ok(Arc::new(array))
}

pub(super) fn is_complex(dtype: DType) -> bool {
    super::storage_type(dtype).1
}

/// The bytes of one Arrow element of `dtype`'s storage: a complex number is two.
fn element_size(dtype: DType) -> usize {
    if is_complex(dtype) {
        dtype.size_of() / 2
    } else {
        dtype.size_of()
    }
}

/// An extent or offset as Arrow's `int32`.
pub(super) fn extent(name: &str, value: usize) -> Result<i32, WriteError> {
    i32::try_from(value).map_err(|_| {
        arrow_error(
            name,
            ArrowError::SchemaError(format!("{value} is more than an Arrow list holds")),
        )
    })
}

/// The rows' bytes one after another, `row_bytes` zeros for a null row.
fn concat(tensors: &[Option<Tensor>], row_bytes: usize) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(tensors.len().saturating_mul(row_bytes));
    for tensor in tensors {
        match tensor {
            Some(tensor) => bytes.extend_from_slice(tensor.data()),
            None => bytes.resize(bytes.len() + row_bytes, 0),
        }
    }
    bytes
}

/// The elements of `bytes` (little-endian) as an array of `element`.
fn leaf(name: &str, element: &DataType, bytes: Vec<u8>) -> Result<ArrayRef, WriteError> {
    if cfg!(target_endian = "big") {
        return Err(arrow_error(
            name,
            ArrowError::NotYetImplemented("Arrow columns on a big-endian machine".into()),
        ));
    }
    if *element == DataType::Boolean {
        return Ok(Arc::new(BooleanArray::from_iter(
            bytes.iter().map(|&byte| Some(byte != 0)),
        )));
    }
    let width = element.primitive_width().unwrap_or(1);
    let len = bytes.len() / width;
    let data = ArrayData::builder(element.clone())
        .len(len)
        .add_buffer(Buffer::from_vec(bytes))
        .align_buffers(true)
        .build()
        .map_err(|error| arrow_error(name, error))?;
    Ok(make_array(data))
}

/// The schema of `to_record_batch::<T>`'s batches, for writers that need it first.
pub(super) fn schema_of<T: ToTensors>() -> Result<Arc<Schema>, WriteError> {
    Ok(Arc::new(T::spec().to_arrow_schema()?))
}
