//! [`Rows`]: a table's rows read as samples, each checked, each bad one reported with its
//! row index while the others go on.

use core::fmt;
use core::marker::PhantomData;
use std::panic::{AssertUnwindSafe, catch_unwind};

use arrow_array::RecordBatch;
#[cfg(feature = "parquet")]
use arrow_schema::Schema;
use arrow_schema::SchemaRef;

use super::columns::{Bound, Plan, row_report};
use crate::io::ReadError;
#[cfg(feature = "parquet")]
use crate::named::Unexpected;
use crate::named::{FromTensors, ReadOptions};

/// Where a table's record batches come from: an Arrow IPC file or stream, a Parquet file
/// (row group by row group), or record batches in memory.
pub(crate) type Batches = Box<dyn Iterator<Item = Result<RecordBatch, ReadError>> + Send>;

/// The rows of a table (an Arrow IPC file or stream, a Parquet file, a record batch) read as
/// samples of `T`, one item a row, in the file's order: `Ok(sample)`, or for a row that is
/// not a valid sample [`ReadError::InvalidRow`] with the row's index in the file and every
/// violation (a null in a field that is not an `Option`, a ragged list, a shape or symbol
/// mismatch, a value a cast cannot hold), after which the next rows are still read.
///
/// What the schema tells is checked before the first row, when the reader is made: a missing
/// or unexpected column, a dtype without an allowed cast, a rank or a fixed extent that
/// differs. A file that cannot be decoded yields its [`ReadError::Malformed`] and ends, and
/// so does a record batch of more rows than [`ReadOptions::max_bytes`] has room for as
/// samples ([`ReadError::TooLarge`]: columns of zero-size tensors hold any number of rows
/// in no bytes).
///
/// arrow-rs and the parquet crate panic on some malformed files. tensorspec refuses the
/// kinds it knows of before the decoder sees them; a panic that remains (inside the parquet
/// crate's page decoding) is caught and is the read's [`ReadError::Malformed`] (the panic
/// hook still prints it; with `panic = "abort"`, it aborts).
///
/// A batched stream: `rows.try_validated().batched(64)`; its element indices are the rows'
/// indices. Each row's tensors borrow the record batch's buffers; the sample's owned arrays
/// are its one copy.
///
/// ```
/// use tensorspec::prelude::*;
/// use tensorspec::{ReadError, ReadOptions, read_record_batch, to_record_batch};
///
/// #[derive(Debug, PartialEq, TensorSpec)]
/// #[tensor(batch = PointBatch)]
/// struct Point {
///     #[tensor(shape = [2])]
///     xy: Vec<f32>,
///     label: Option<i64>,
/// }
///
/// let points: Vec<Point> = (0..5).map(|i| Point { xy: vec![i as f32, 0.0], label: Some(i) }).collect();
/// let table = to_record_batch(&points).unwrap();
///
/// let mut batches = read_record_batch::<Point>(&table, &ReadOptions::new())
///     .unwrap()
///     .try_validated()
///     .batched(2);
/// let first = batches.next().unwrap().unwrap();
/// assert_eq!(first.xy.shape(), [2, 2]);
/// assert_eq!(batches.count(), 2); // rows 2 and 3, then row 4
/// ```
#[must_use = "a reader reads nothing until it is iterated"]
pub struct Rows<T> {
    schema: SchemaRef,
    batches: Batches,
    plan: Plan,
    options: ReadOptions,
    /// The current record batch's columns, its length and the next row in it.
    current: Option<(Vec<Bound>, usize, usize)>,
    /// The file's index of the next row.
    next_row: usize,
    done: bool,
    sample: PhantomData<fn() -> T>,
}

impl<T> fmt::Debug for Rows<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rows")
            .field("schema", &self.schema)
            .field("next_row", &self.next_row)
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

/// A panic of the library that decodes the file (arrow-rs, parquet) on bytes it did not
/// expect, as an error: a malformed file is never a crash of the reader's caller.
pub(crate) fn guarded<R>(
    format: &'static str,
    f: impl FnOnce() -> Result<R, ReadError>,
) -> Result<R, ReadError> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(ReadError::Malformed {
            format,
            message: format!("the decoder failed on these bytes: {message}"),
            source: None,
        })
    })
}

/// The rows of record batches with schema `schema`, read as samples of `T`.
pub(crate) fn read_batches<T: for<'a> FromTensors<'a>>(
    schema: SchemaRef,
    batches: Batches,
    options: &ReadOptions,
) -> Result<Rows<T>, ReadError> {
    let plan = Plan::new::<T>(&schema, options)?;
    Ok(planned(schema, batches, plan, options))
}

/// The rows of record batches whose columns `plan` found in `schema`.
pub(super) fn planned<T>(
    schema: SchemaRef,
    batches: Batches,
    plan: Plan,
    options: &ReadOptions,
) -> Rows<T> {
    Rows {
        schema,
        batches,
        plan,
        options: *options,
        current: None,
        next_row: 0,
        done: false,
        sample: PhantomData,
    }
}

/// The top-level columns of `schema` that a read of `T` decodes: those that hold a field,
/// when the others are ignored; `None` when every column is read (or the schema is refused:
/// `read_batches` reports it).
#[cfg(feature = "parquet")]
pub(crate) fn used_columns<T: for<'a> FromTensors<'a>>(
    schema: &Schema,
    options: &ReadOptions,
) -> Option<Vec<usize>> {
    if options.unexpected() != Unexpected::Ignore {
        return None;
    }
    Plan::new::<T>(schema, options)
        .ok()
        .map(|plan| plan.columns())
}

/// The rows of a record batch read as samples of `T`: see [`Rows`] (and
/// [`to_record_batch`](crate::to_record_batch) for an example). The schema is checked
/// here, each row as it is pulled.
pub fn read_record_batch<T: for<'a> FromTensors<'a>>(
    batch: &RecordBatch,
    options: &ReadOptions,
) -> Result<Rows<T>, ReadError> {
    let batches: Batches = Box::new(core::iter::once(Ok(batch.clone())));
    read_batches(batch.schema(), batches, options)
}

impl<T> Rows<T> {
    /// The file's schema.
    ///
    /// See [`Rows`] for an example of reading.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// The index in the file of the row the next item is for.
    pub fn next_row(&self) -> usize {
        self.next_row
    }
}

impl<T: for<'a> FromTensors<'a>> Rows<T> {
    /// Refuses a record batch of more rows than the read's budget has samples for: columns
    /// of zero-size tensors hold any number of rows in no bytes.
    fn afford(&self, batch: &RecordBatch) -> Result<(), ReadError> {
        let needed = batch.num_rows().checked_mul(size_of::<T>().max(1));
        match needed {
            Some(needed) if needed <= self.options.budget() => Ok(()),
            _ => Err(ReadError::TooLarge {
                name: format!("(the record batch at row {})", self.next_row),
                needed: needed.unwrap_or(usize::MAX),
                limit: self.options.budget(),
            }),
        }
    }

    fn read_row(&self, columns: &[Bound], row: usize) -> Result<T, ReadError> {
        let index = self.next_row;
        let mut views = Vec::with_capacity(columns.len());
        let mut faults = Vec::new();
        for (field, column) in columns.iter().enumerate() {
            match column.row(row) {
                Ok(Some(view)) => views.push((column.path(), view)),
                Ok(None) => {}
                Err(kind) => faults.push((field, kind)),
            }
        }
        let read = T::from_tensors_with(views, &self.options);
        if faults.is_empty() {
            return read.map_err(|violations| ReadError::InvalidRow { index, violations });
        }
        let paths: Vec<&str> = columns.iter().map(Bound::path).collect();
        let violations = row_report(&paths, faults, read.err());
        Err(ReadError::InvalidRow { index, violations })
    }
}

impl<T: for<'a> FromTensors<'a>> Iterator for Rows<T> {
    type Item = Result<T, ReadError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if self.done {
                return None;
            }
            if let Some((columns, len, row)) = &self.current {
                if row < len {
                    let (columns, row) = (columns, *row);
                    let item = self.read_row(columns, row);
                    if let Some((_, _, next)) = &mut self.current {
                        *next += 1;
                    }
                    self.next_row += 1;
                    return Some(item);
                }
            }
            self.current = None;
            let batches = &mut self.batches;
            let next = guarded("arrow", || batches.next().transpose());
            match next {
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Ok(Some(batch)) => {
                    match self.afford(&batch).and_then(|()| self.plan.bind(&batch)) {
                        Ok(columns) => self.current = Some((columns, batch.num_rows(), 0)),
                        Err(error) => {
                            self.done = true;
                            return Some(Err(error));
                        }
                    }
                }
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
    }
}

impl<T: for<'a> FromTensors<'a>> core::iter::FusedIterator for Rows<T> {}
