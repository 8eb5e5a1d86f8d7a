//! A batch struct as a record batch and back: [`batch_to_record_batch`] and
//! [`record_batch_to_batch`]. A batch's field is already its column's values in standard
//! layout; only the column's Arrow structure is built around it.

use core::any::Any;
use std::sync::Arc;

use arrow_array::types::{
    Float16Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{ArrayRef, ArrowPrimitiveType, BooleanArray, FixedSizeListArray, PrimitiveArray};
use arrow_array::{RecordBatch, new_null_array};
use arrow_buffer::ScalarBuffer;
use arrow_schema::{DataType, Field};
use ndarray::{Array, Dimension, IxDyn};

use super::columns::{Bound, Plan};
use super::rows::{Batches, planned};
use super::schema::{nodes, tensor_columns};
use super::write::{arrow_error, extent, is_complex, record_batch, variable_tensor};
use crate::batch::{BatchVisitor, Batchable, Stack};
use crate::dtype::{AsPod, DType, Element};
use crate::io::{ReadError, WriteError};
use crate::named::{FromTensors, ReadOptions};
use crate::sample::TensorSpec;
use crate::spec::SpecField;
use crate::validate::Path;

/// A batch of `T` (a struct with `#[tensor(batch = ...)]`) as a record batch, in the schema of
/// [`Spec::to_arrow_schema`](crate::Spec::to_arrow_schema): one row a sample, as
/// [`to_record_batch`](crate::to_record_batch) writes the samples themselves.
///
/// The batch is validated first (a field replaced by one of another shape is
/// [`WriteError::Invalid`]). Then each tensor field's array becomes its column's values
/// without a copy: its buffer is moved into Arrow's. A field of `bool` (Arrow packs them in
/// bits) is copied, and so is an array not in standard layout; `bf16` and complex arrays are
/// moved as their `uint16` bits and float pairs. An optional field absent from the batch is a
/// column of nulls; a skipped field (not a tensor) is in no column.
///
/// ```
/// use ndarray::Array1;
/// use tensorspec::{ReadOptions, TensorSpec, batch_to_record_batch, record_batch_to_batch};
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = ImageBatch)]
/// struct Image {
///     #[tensor(shape = [2, 2])]
///     pixels: [[u8; 2]; 2],
///     label: i64,
/// }
///
/// let images = [
///     Image { pixels: [[1, 2], [3, 4]], label: 7 },
///     Image { pixels: [[5, 6], [7, 8]], label: 9 },
/// ];
/// let batch = Image::stack(&images).unwrap();
/// let labels = batch.label.as_ptr();
///
/// let table = batch_to_record_batch::<Image>(batch).unwrap();
/// assert_eq!(table.num_rows(), 2);
/// // The labels' buffer is the column's: moved, not copied.
/// assert_eq!(table.column_by_name("label").unwrap().to_data().buffers()[0].as_ptr(), labels.cast());
///
/// let back = record_batch_to_batch::<Image>(&table, &ReadOptions::new()).unwrap();
/// assert_eq!(back.label, Array1::from(vec![7, 9]));
/// assert_eq!(back.pixels.shape(), [2, 2, 2]);
/// ```
pub fn batch_to_record_batch<T>(batch: <T as Batchable>::Batch) -> Result<RecordBatch, WriteError>
where
    T: Batchable + Stack<Batch = <T as Batchable>::Batch>,
    <T as Batchable>::Batch: TensorSpec,
{
    batch.validate().map_err(WriteError::Invalid)?;
    let mut batch = batch;
    let rows = <T as Stack>::__batch_len(&batch).unwrap_or(0);
    let spec = T::spec();
    let schema = Arc::new(spec.to_arrow_schema()?);
    let tree = nodes(spec);
    let fields: Vec<SpecField> = spec.fields().collect();
    let mut columns = Columns {
        columns: fields.iter().map(|_| None).collect(),
        schema: tensor_columns(&tree, schema.fields())
            .into_iter()
            .cloned()
            .collect(),
        fields,
        rows,
        error: None,
    };
    T::__visit(&mut batch, rows, None, None, &mut columns).map_err(|error| WriteError::Format {
        format: "arrow",
        message: "the batch's fields could not be taken".into(),
        source: Some(Box::new(error)),
    })?;
    if let Some(error) = columns.error {
        return Err(error);
    }
    let mut columns = columns.columns;
    let mut tensor = |index: usize, _: &SpecField, column: &Field| {
        // Absent from the batch: nulls.
        let taken = columns.get_mut(index).and_then(Option::take);
        Ok(taken.unwrap_or_else(|| new_null_array(column.data_type(), rows)))
    };
    record_batch(schema, &tree, &mut tensor, rows)
}

/// The columns taken from a batch, by field number in the spec.
struct Columns {
    fields: Vec<SpecField>,
    /// Each field's column in the schema.
    schema: Vec<Field>,
    columns: Vec<Option<ArrayRef>>,
    rows: usize,
    error: Option<WriteError>,
}

impl BatchVisitor for Columns {
    fn dense<E: Element, D: Dimension>(
        &mut self,
        path: Option<&Path<'_>>,
        array: &mut Array<E, D>,
    ) {
        let name = path.map(ToString::to_string).unwrap_or_default();
        let Some(field) = self.fields.iter().position(|field| field.name() == name) else {
            return;
        };
        let (Some(spec_field), Some(schema_field)) =
            (self.fields.get(field), self.schema.get(field))
        else {
            return;
        };
        let array = core::mem::take(array);
        match column(spec_field, schema_field, array, self.rows) {
            Ok(column) => self.columns[field] = Some(column),
            Err(error) => {
                self.error.get_or_insert(error);
            }
        }
    }

    fn optional(&mut self, _: Option<&Path<'_>>, present: bool) -> bool {
        present
    }

    fn skipped(&mut self) {}
}

/// The column (`column`, the schema's) of `field` whose values are `array`'s, `rows` rows:
/// the array's buffer moved into Arrow's where it can be.
fn column<E: Element, D: Dimension>(
    field: &SpecField,
    column: &Field,
    array: Array<E, D>,
    rows: usize,
) -> Result<ArrayRef, WriteError> {
    let name = field.name();
    let row_shape = array.shape().get(1..).unwrap_or_default().to_vec();
    let values = leaf(name, standard_values(array))?;
    match column.data_type() {
        DataType::FixedSizeList(item, size) => {
            let list =
                FixedSizeListArray::try_new_with_length(item.clone(), *size, values, None, rows)
                    .map_err(|error| arrow_error(name, error))?;
            Ok(Arc::new(list))
        }
        // Open extents: every row has the batch's shape.
        DataType::Struct(fields) => {
            let complex = is_complex(field.dtype());
            let row_shape: Vec<usize> = row_shape.into_iter().chain(complex.then_some(2)).collect();
            let per_row = extent(name, row_shape.iter().product())?;
            let offsets = (0..=rows)
                .map(|row| {
                    let elements = row.checked_mul(usize::try_from(per_row).unwrap_or(0));
                    extent(name, elements.unwrap_or(usize::MAX))
                })
                .collect::<Result<Vec<i32>, _>>()?;
            let shape = row_shape
                .iter()
                .map(|&axis| extent(name, axis))
                .collect::<Result<Vec<i32>, _>>()?;
            let shapes = shape.repeat(rows);
            variable_tensor(name, fields, values, offsets, shapes, None)
        }
        _ => Ok(values),
    }
}

/// The array's elements in standard (row-major) order: its own buffer when they fill it.
fn standard_values<E: Element, D: Dimension>(array: Array<E, D>) -> Vec<E> {
    if !array.is_standard_layout() {
        return array.iter().copied().collect();
    }
    let len = array.len();
    let (mut values, offset) = array.into_raw_vec_and_offset();
    let offset = offset.unwrap_or(0);
    if offset != 0 || values.len() != len {
        values.drain(..offset);
        values.truncate(len);
    }
    values
}

/// `values` as an Arrow array of their storage type: the `Vec`'s buffer itself, but for
/// `bool` (Arrow's are bits).
fn leaf<E: Element>(name: &str, values: Vec<E>) -> Result<ArrayRef, WriteError> {
    fn primitive<P: ArrowPrimitiveType>(values: Vec<P::Native>) -> ArrayRef {
        Arc::new(PrimitiveArray::<P>::new(ScalarBuffer::from(values), None))
    }
    /// The values as what they are: `E` is the type of `E::DTYPE`.
    fn is<T: 'static>(values: Box<dyn Any>) -> Option<Vec<T>> {
        values.downcast::<Vec<T>>().ok().map(|values| *values)
    }
    /// The values' bits as another type of their alignment, in the same buffer.
    fn bits<A: bytemuck::Pod, B: bytemuck::Pod>(values: Vec<A>) -> Vec<B> {
        bytemuck::allocation::try_cast_vec(values)
            .unwrap_or_else(|(_, values)| bytemuck::allocation::pod_collect_to_vec(&values))
    }
    let values: Box<dyn Any> = Box::new(values);
    let array = match E::DTYPE {
        DType::Bool => is::<bool>(values).map(|v| Arc::new(BooleanArray::from(v)) as ArrayRef),
        DType::U8 => is(values).map(primitive::<UInt8Type>),
        DType::U16 => is(values).map(primitive::<UInt16Type>),
        DType::U32 => is(values).map(primitive::<UInt32Type>),
        DType::U64 => is(values).map(primitive::<UInt64Type>),
        DType::I8 => is(values).map(primitive::<Int8Type>),
        DType::I16 => is(values).map(primitive::<Int16Type>),
        DType::I32 => is(values).map(primitive::<Int32Type>),
        DType::I64 => is(values).map(primitive::<Int64Type>),
        DType::F16 => is(values).map(primitive::<Float16Type>),
        DType::BF16 => {
            is::<half::bf16>(values).map(|v| primitive::<UInt16Type>(AsPod::into_pod_vec(v)))
        }
        DType::F32 => is(values).map(primitive::<Float32Type>),
        DType::F64 => is(values).map(primitive::<Float64Type>),
        DType::Complex64 => {
            is::<num_complex::Complex<f32>>(values).map(|v| primitive::<Float32Type>(bits(v)))
        }
        DType::Complex128 => {
            is::<num_complex::Complex<f64>>(values).map(|v| primitive::<Float64Type>(bits(v)))
        }
    };
    array.ok_or_else(|| WriteError::Format {
        format: "arrow",
        message: format!("column `{name}`: its elements are not of its dtype"),
        source: None,
    })
}

/// A record batch's rows as one batch of `T`, as [`T::stack`](Batchable::stack) would stack
/// the rows read by [`read_record_batch`](crate::read_record_batch): the same checks, the
/// same errors, the same batch.
///
/// The schema is checked first, as for reading rows (a missing or unexpected column, a dtype
/// without an allowed cast, a rank or fixed extent that differs). Then a column whose rows
/// are one block of the field's dtype (no null, every row of one shape: a `FixedSizeList`,
/// an `arrow.fixed_shape_tensor`, lists that are all one length) is copied into the batch
/// in one piece, and the batch is validated. Otherwise (a null, a cast, a ragged or invalid
/// row, a skipped field) the rows are read one by one and stacked, and the first row that
/// is not a valid sample is the error, [`ReadError::InvalidRow`] with its index; rows that
/// cannot be stacked together (an open extent that differs) are [`ReadError::Stack`].
///
/// A record batch's buffers are shared (`Arc`) and may be slices of a file's, and a batch
/// owns its arrays: each column is copied once. To hand back the invalid rows and still
/// batch the valid ones around them, read the rows:
/// `read_record_batch::<T>(..)?.try_validated().batched(n)`.
///
/// ```
/// use tensorspec::{ReadError, ReadOptions, TensorSpec, record_batch_to_batch, to_record_batch};
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = TokensBatch)]
/// struct Tokens {
///     #[tensor(shape = [T])]
///     ids: Vec<u32>,
/// }
///
/// let rows = [Tokens { ids: vec![1, 2] }, Tokens { ids: vec![3, 4] }];
/// let table = to_record_batch(&rows).unwrap();
/// let batch = record_batch_to_batch::<Tokens>(&table, &ReadOptions::new()).unwrap();
/// assert_eq!(batch.ids, ndarray::array![[1, 2], [3, 4]]);
///
/// // Rows of different lengths are no batch: the error names the field and the row.
/// let ragged = to_record_batch(&[Tokens { ids: vec![1] }, Tokens { ids: vec![2, 3] }]).unwrap();
/// let error = record_batch_to_batch::<Tokens>(&ragged, &ReadOptions::new()).unwrap_err();
/// assert!(matches!(error, ReadError::Stack(_)));
/// assert!(error.to_string().contains("`ids`"), "{error}");
/// ```
pub fn record_batch_to_batch<T>(
    record_batch: &RecordBatch,
    options: &ReadOptions,
) -> Result<<T as Batchable>::Batch, ReadError>
where
    T: Batchable + Stack<Batch = <T as Batchable>::Batch> + for<'a> FromTensors<'a>,
    <T as Batchable>::Batch: TensorSpec,
{
    let schema = record_batch.schema();
    let plan = Plan::new::<T>(&schema, options)?;
    if let Some(batch) = in_blocks::<T>(record_batch, &plan)? {
        return Ok(batch);
    }
    // Row by row, through the same plan: each row's report, with its index.
    let batches: Batches = Box::new(core::iter::once(Ok(record_batch.clone())));
    let samples =
        planned::<T>(schema, batches, plan, options).collect::<Result<Vec<T>, ReadError>>()?;
    T::stack(&samples).map_err(ReadError::Stack)
}

/// The batch of `record_batch`'s rows, each column (as `plan` found it) copied in one block,
/// if every column is one and the batch is valid; `None` if the rows must be read one by one.
fn in_blocks<T>(
    record_batch: &RecordBatch,
    plan: &Plan,
) -> Result<Option<<T as Batchable>::Batch>, ReadError>
where
    T: Batchable + Stack<Batch = <T as Batchable>::Batch>,
    <T as Batchable>::Batch: TensorSpec,
{
    let bounds = plan.bind(record_batch)?;
    let rows = record_batch.num_rows();
    let mut from = FromColumns {
        bounds: &bounds,
        rows,
        by_row: false,
    };
    let mut batch = <T as Stack>::__empty(None, None).map_err(ReadError::Stack)?;
    T::__visit(&mut batch, rows, None, None, &mut from).map_err(ReadError::Stack)?;
    Ok((!from.by_row && batch.validate().is_ok()).then_some(batch))
}

/// Fills a batch from a record batch's columns, or finds that it must be read row by row.
struct FromColumns<'b> {
    bounds: &'b [Bound],
    rows: usize,
    /// A column that is not one block of the field's dtype, or a skipped field.
    by_row: bool,
}

impl FromColumns<'_> {
    /// The columns of the field or nested spec at `path`.
    fn under<'s>(&'s self, path: &'s str) -> impl Iterator<Item = &'s Bound> + 's {
        self.bounds.iter().filter(move |bound| {
            let field = bound.path();
            field == path
                || field
                    .strip_prefix(path)
                    .is_some_and(|rest| rest.starts_with('.'))
        })
    }
}

impl BatchVisitor for FromColumns<'_> {
    fn dense<E: Element, D: Dimension>(
        &mut self,
        path: Option<&Path<'_>>,
        array: &mut Array<E, D>,
    ) {
        if self.by_row || self.rows == 0 {
            return;
        }
        let name = path.map(ToString::to_string).unwrap_or_default();
        let block = self
            .bounds
            .iter()
            .find(|bound| bound.path() == name)
            .and_then(|bound| bound.whole(self.rows))
            .filter(|block| block.dtype() == E::DTYPE);
        let read = block.and_then(|block| {
            // Arrow's buffers are aligned: one copy of the elements as they are; else bit
            // for bit from the bytes.
            let values = match E::cast_slice(block.data()) {
                Some(values) => values.to_vec(),
                None => E::copy_le(block.data())?,
            };
            Array::from_shape_vec(IxDyn(block.shape()), values)
                .ok()?
                .into_dimensionality::<D>()
                .ok()
        });
        match read {
            Some(read) => *array = read,
            None => self.by_row = true,
        }
    }

    fn optional(&mut self, path: Option<&Path<'_>>, _: bool) -> bool {
        if self.by_row {
            return false;
        }
        let name = path.map(ToString::to_string).unwrap_or_default();
        let presence: Vec<Option<bool>> =
            self.under(&name).map(|b| b.presence(self.rows)).collect();
        if presence.iter().all(|&present| present == Some(false)) {
            return false;
        }
        if presence.iter().all(|&present| present == Some(true)) {
            return true;
        }
        self.by_row = true;
        false
    }

    fn skipped(&mut self) {
        self.by_row = true;
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use arrow_array::RecordBatch;

    use super::{Plan, in_blocks};
    use crate::batch::{Batchable, Stack};
    use crate::io::arrow::to_record_batch;
    use crate::{Casting, ReadOptions, TensorSpec};

    #[derive(Clone, TensorSpec)]
    #[tensor(batch = PointsBatch)]
    struct Points {
        #[tensor(shape = [N, 2])]
        xy: ndarray::Array2<f32>,
        #[tensor(shape = [3])]
        rgb: [u8; 3],
        label: i64,
        weight: Option<f32>,
    }

    fn points(n: usize, weight: Option<f32>) -> Points {
        Points {
            xy: ndarray::Array2::from_elem((n, 2), n as f32),
            rgb: [1, 2, 3],
            label: 4,
            weight,
        }
    }

    /// Whether `table` is read into a batch of `T` in blocks, not row by row.
    fn in_blocks_of<T>(table: &RecordBatch, options: &ReadOptions) -> bool
    where
        T: Batchable + Stack<Batch = <T as Batchable>::Batch>,
        <T as Batchable>::Batch: TensorSpec,
    {
        let plan = Plan::new::<T>(&table.schema(), options).unwrap();
        in_blocks::<T>(table, &plan).unwrap().is_some()
    }

    fn blocks(rows: &[Points], options: &ReadOptions) -> bool {
        in_blocks_of::<Points>(&to_record_batch(rows).unwrap(), options)
    }

    #[test]
    fn columns_of_one_shape_without_nulls_are_read_in_blocks() {
        let exact = ReadOptions::new();
        // Fixed-size lists, a variable-shape tensor whose rows are one shape, primitives.
        assert!(blocks(
            &[points(2, Some(1.0)), points(2, Some(2.0))],
            &exact
        ));
        // An optional field absent from every row.
        assert!(blocks(&[points(2, None), points(2, None)], &exact));
        // A slice: its offset is the block's start.
        let table = to_record_batch(&[points(1, None), points(2, None), points(2, None)]).unwrap();
        assert!(in_blocks_of::<Points>(&table.slice(1, 2), &exact));
    }

    #[test]
    fn nulls_ragged_rows_and_casts_are_read_row_by_row() {
        let exact = ReadOptions::new();
        assert!(!blocks(&[points(2, None), points(2, Some(1.0))], &exact));
        assert!(!blocks(&[points(2, None), points(3, None)], &exact));

        #[derive(TensorSpec)]
        #[tensor(batch = WiderBatch)]
        struct Wider {
            #[tensor(shape = [N, 2])]
            xy: ndarray::Array2<f64>,
            #[tensor(shape = [3])]
            rgb: [u8; 3],
            label: i64,
            weight: Option<f32>,
        }
        let table = to_record_batch(&[points(2, None)]).unwrap();
        let options = ReadOptions::new().cast(Casting::Lossless);
        assert!(!in_blocks_of::<Wider>(&table, &options));
    }
}
