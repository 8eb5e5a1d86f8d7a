//! A struct from named dynamic tensors and back: [`FromTensors`], [`ToTensors`],
//! [`ReadOptions`]. What file readers build on.

use std::rc::Rc;
use std::sync::Arc;

use ndarray::{ArcArray, Array, ArrayView, CowArray};

use crate::dtype::{Element, for_each_element};
use crate::field::FieldVisitor;
use crate::field::TensorField;
use crate::field::dense::FromFlat;
use crate::field::shape::DimShape;
use crate::sample::TensorSpec;
use crate::spec::{FieldKind, Spec};
use crate::tensor::cast::Casting;
use crate::tensor::{Tensor, TensorError, TensorView};
use crate::validate::violation::ViolationKind;
use crate::validate::violation::{Violation, Violations, report};
use crate::validate::{Checker, Path};

/// What a read does with a tensor no field asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Unexpected {
    /// It is a violation. The default.
    #[default]
    Error,
    /// It is ignored.
    Ignore,
}

/// How [`FromTensors::from_tensors_with`] and the file readers read.
///
/// ```
/// use tensorspec::{Casting, ReadOptions};
///
/// let options = ReadOptions::new().cast(Casting::Lossless).ignore_unexpected();
/// assert_eq!(options.casting(), Casting::Lossless);
/// assert_eq!(ReadOptions::new().max_bytes(1 << 20).budget(), 1 << 20);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    cast: Casting,
    unexpected: Unexpected,
    max_bytes: usize,
}

/// The default of [`ReadOptions::max_bytes`]: 4 GiB (all of memory on 32-bit targets).
const DEFAULT_MAX_BYTES: usize = (u32::MAX as usize).saturating_add(1);

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            cast: Casting::Exact,
            unexpected: Unexpected::Error,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

impl ReadOptions {
    /// Exact dtypes, unexpected tensors an error, at most 4 GiB that the input's bytes do
    /// not hold (see [`max_bytes`](ReadOptions::max_bytes)).
    pub fn new() -> Self {
        ReadOptions::default()
    }

    /// The most bytes a read may allocate beyond what the input's bytes hold, all together:
    /// data inflated from compressed `.npz` entries, the samples of a file of samples, and
    /// the rows a zero-size tensor would become (a `Vec<Vec<u8>>` of shape `[2^32, 0]` is
    /// 2^32 empty `Vec`s, from a file of 100 bytes; each row before the first zero axis is
    /// counted as one value of the field's type, whatever the type). Past it, the read is an
    /// error before the memory is taken. Default: 4 GiB.
    ///
    /// Copies of data the input holds (an uncompressed tensor read into an owned array, or
    /// one inflated) are not counted: the input's size, or what was counted, bounds them.
    pub fn max_bytes(mut self, bytes: usize) -> Self {
        self.max_bytes = bytes;
        self
    }

    /// The limit [`max_bytes`](ReadOptions::max_bytes) set.
    pub fn budget(&self) -> usize {
        self.max_bytes
    }

    /// Allows the casts of `casting` for every field (a field's `cast` attribute may allow
    /// more).
    pub fn cast(mut self, casting: Casting) -> Self {
        self.cast = casting;
        self
    }

    /// Ignores tensors that no field asks for (by exact name, a field's path).
    ///
    /// The file readers skip such a tensor unread, so its dtype does not matter: an `.npz`
    /// file's string (`<U1`) or object (`|O`) array, a safetensors `F8_E4M3` tensor. Not
    /// ignored, it is reported as unexpected, whatever its dtype. A tensor of a dtype
    /// tensorspec does not have that a field asks for is always
    /// [`ReadError::UnsupportedDType`](crate::ReadError::UnsupportedDType).
    pub fn ignore_unexpected(mut self) -> Self {
        self.unexpected = Unexpected::Ignore;
        self
    }

    /// The casting allowed for every field.
    pub fn casting(&self) -> Casting {
        self.cast
    }

    /// What happens to a tensor no field asks for.
    pub fn unexpected(&self) -> Unexpected {
        self.unexpected
    }
}

/// The named tensors of one read, and which of them a field has taken.
#[doc(hidden)]
pub struct Lookup<'a> {
    tensors: Vec<(String, TensorView<'a>, bool)>,
}

impl<'a> Lookup<'a> {
    fn new<I, K>(tensors: I) -> Self
    where
        I: IntoIterator<Item = (K, TensorView<'a>)>,
        K: Into<String>,
    {
        Lookup {
            tensors: tensors
                .into_iter()
                .map(|(name, view)| (name.into(), view, false))
                .collect(),
        }
    }

    /// The tensor named `name`, marked as taken.
    pub fn take(&mut self, name: &str) -> Option<TensorView<'a>> {
        let entry = self.tensors.iter_mut().find(|(n, _, _)| n == name)?;
        entry.2 = true;
        Some(entry.1.clone())
    }

    /// Whether a field of kind `kind` at `path` has a tensor: a tensor field iff a tensor is
    /// named exactly `path`; a nested spec iff a tensor is named `path.` then one of the
    /// nested spec's field paths. A stray `b.c.d` is not `b.c`, nor `b` nor `b.` a `b.x`.
    pub fn has(&self, path: &str, kind: FieldKind) -> bool {
        match kind {
            FieldKind::Tensor(_) => self.tensors.iter().any(|(n, _, _)| n == path),
            FieldKind::Nested { spec, .. } => self.tensors.iter().any(|(n, _, _)| {
                n.strip_prefix(path)
                    .and_then(|rest| rest.strip_prefix('.'))
                    .is_some_and(|rest| spec().fields().any(|field| field.name() == rest))
            }),
        }
    }
}

/// A field type that can be read from a named tensor (or, for a nested spec, several).
#[doc(hidden)]
pub trait ReadField<'a>: TensorField + Sized {
    /// Reads field number `field` of the struct `checker` checks (its name, dims and casts
    /// are the spec's), reporting violations there.
    fn __read(
        lookup: &mut Lookup<'a>,
        checker: &mut Checker<'_>,
        field: usize,
        options: &ReadOptions,
    ) -> Option<Self>;
}

/// A dense field: take the tensor, check its shape against the declared dims, convert with
/// the casts the field and the read allow.
fn read_dense<'a, T>(
    lookup: &mut Lookup<'a>,
    checker: &mut Checker<'_>,
    field: usize,
    options: &ReadOptions,
    convert: impl FnOnce(&TensorView<'a>, Casting) -> Result<T, TensorError>,
) -> Option<T> {
    let path = checker.path_of(field);
    let Some(view) = lookup.take(&path) else {
        checker.report(field, ViolationKind::Missing);
        return None;
    };
    if !checker.shaped(field, view.shape()) {
        return None;
    }
    if let Err(error) = afford_rows::<T>(view.shape(), options) {
        checker.report(field, ViolationKind::Tensor(error));
        return None;
    }
    let casting = checker.casting(field).max(options.casting());
    match convert(&view, casting) {
        Ok(value) => Some(value),
        Err(error) => {
            checker.report(field, ViolationKind::Tensor(error));
            None
        }
    }
}

/// Refuses a zero-size tensor whose rows would cost more than the read allows: a
/// `Vec<Vec<u8>>` of shape `[2^32, 0]` holds no data but is 2^32 `Vec`s. Each row before the
/// first zero axis is counted as one value of the field's type (an upper bound of a row's
/// size). A tensor with data has no more rows than elements, which the input holds.
fn afford_rows<T>(shape: &[usize], options: &ReadOptions) -> Result<(), TensorError> {
    if !shape.contains(&0) {
        return Ok(());
    }
    let rows = shape
        .iter()
        .take_while(|&&extent| extent != 0)
        .try_fold(1usize, |rows, &extent| rows.checked_mul(extent));
    let bytes = rows.and_then(|rows| rows.checked_mul(size_of::<T>().max(1)));
    match bytes {
        Some(bytes) if bytes <= options.budget() => Ok(()),
        _ => Err(TensorError::TooLarge {
            shape: shape.to_vec(),
            needed: bytes,
            limit: options.budget(),
        }),
    }
}

/// A dense value from its elements and shape.
fn from_flat<'a, T: FromFlat>(view: &TensorView<'a>, casting: Casting) -> Result<T, TensorError> {
    let elements = view.to_vec::<T::Elem>(casting)?;
    T::from_flat(&elements, view.shape()).ok_or_else(|| TensorError::Shape {
        shape: view.shape().to_vec(),
        ty: core::any::type_name::<T>(),
    })
}

/// `ReadField::__read` of a dense type: `read_dense`, converting the tensor with
/// `|$view, $casting| $convert`.
macro_rules! read_dense {
    (|$view:ident, $casting:pat_param| $convert:expr) => {
        #[inline]
        fn __read(
            lookup: &mut Lookup<'a>,
            checker: &mut Checker<'_>,
            field: usize,
            options: &ReadOptions,
        ) -> Option<Self> {
            read_dense(lookup, checker, field, options, |$view, $casting| $convert)
        }
    };
}

/// A scalar of each element type.
macro_rules! scalar_read {
    ($($ty:ty => $dtype:ident),*) => {$(
        impl<'a> ReadField<'a> for $ty {
            read_dense!(|view, casting| from_flat(view, casting));
        }
    )*};
}

for_each_element!(scalar_read);

impl<'a, T: FromFlat, const N: usize> ReadField<'a> for [T; N]
where
    [T; N]: FromFlat,
{
    read_dense!(|view, casting| from_flat(view, casting));
}

impl<'a, T: FromFlat> ReadField<'a> for Vec<T>
where
    Vec<T>: FromFlat,
{
    read_dense!(|view, casting| from_flat(view, casting));
}

impl<'a, A: Element, D: DimShape> ReadField<'a> for Array<A, D> {
    read_dense!(|view, casting| view.to_array_cast(casting));
}

impl<'a, A: Element, D: DimShape> ReadField<'a> for ArcArray<A, D> {
    read_dense!(|view, casting| view.to_array_cast(casting).map(Array::into_shared));
}

/// A view borrows the tensor's data: no cast, and the data must be aligned.
impl<'a, A: Element, D: DimShape> ReadField<'a> for ArrayView<'a, A, D> {
    read_dense!(|view, _| view.as_array());
}

/// A `CowArray` borrows where it can (same dtype, aligned data) and copies otherwise.
impl<'a, A: Element, D: DimShape> ReadField<'a> for CowArray<'a, A, D> {
    read_dense!(|view, casting| match view.as_array() {
        Ok(borrowed) => Ok(CowArray::from(borrowed)),
        Err(_) => view.to_array_cast(casting).map(CowArray::from),
    });
}

/// A field behind a pointer reads as the field.
macro_rules! pointer_read_write {
    ($($pointer:ident),*) => {$(
        impl<'a, F: ReadField<'a>> ReadField<'a> for $pointer<F> {
            fn __read(
                lookup: &mut Lookup<'a>,
                checker: &mut Checker<'_>,
                field: usize,
                options: &ReadOptions,
            ) -> Option<Self> {
                F::__read(lookup, checker, field, options).map($pointer::new)
            }
        }
    )*};
}

pointer_read_write!(Box, Arc, Rc);

/// A borrowed slice borrows the tensor's data: no cast, and the data must be aligned.
impl<'a, E: Element> ReadField<'a> for &'a [E] {
    read_dense!(|view, _| view
        .as_array::<E, ndarray::Ix1>()?
        .to_slice()
        .ok_or_else(|| TensorError::Shape {
            shape: view.shape().to_vec(),
            ty: core::any::type_name::<&[E]>(),
        }));
}

/// Absent (no tensor at the path, nor at one of a nested spec's paths under it) is `None`.
impl<'a, F: ReadField<'a>> ReadField<'a> for Option<F> {
    fn __read(
        lookup: &mut Lookup<'a>,
        checker: &mut Checker<'_>,
        field: usize,
        options: &ReadOptions,
    ) -> Option<Self> {
        if !lookup.has(&checker.path_of(field), F::KIND) {
            return Some(None);
        }
        F::__read(lookup, checker, field, options).map(Some)
    }
}

/// A `#[derive(TensorSpec)]` struct read from named dynamic tensors: a field's tensor is
/// named by its path (`image`, `left.depth`). Implemented by the derive for structs with at
/// most one lifetime parameter; fields typed as views borrow from the tensors.
///
/// Every violation is reported at once: a missing tensor (an absent optional field is
/// `None`), a tensor no field asks for (unless ignored), a dtype that differs (unless a cast
/// is allowed), a value a lossy cast cannot hold, a shape that is not the declared one,
/// symbols that disagree.
///
/// ```
/// use ndarray::{Array1, Array2};
/// use tensorspec::{Casting, FromTensors, ReadOptions, Tensor, TensorSpec};
///
/// #[derive(Debug, TensorSpec)]
/// struct Sample {
///     #[tensor(dtype = f32, shape = [N, 2])]
///     points: Array2<f32>,
///     #[tensor(dtype = i64, shape = [N])]
///     ids: Array1<i64>,
/// }
///
/// let points = Tensor::from(Array2::<u8>::zeros((3, 2)));
/// let ids = Tensor::from(Array1::<i64>::zeros(4));
/// let named = || [("points", points.view()), ("ids", ids.view())];
///
/// let violations = Sample::from_tensors(named()).unwrap_err();
/// assert_eq!(
///     violations.to_string(),
///     "field `points`: dtype mismatch: expected f32, found u8 (a lossless cast: allow it with `cast`)\n\
///      field `ids`: shape mismatch: expected [N=3], found [4] (N=3 from `points`)"
/// );
///
/// let ids = Tensor::from(Array1::<i64>::zeros(3));
/// let named = [("points", points.view()), ("ids", ids.view())];
/// let sample = Sample::from_tensors_with(named, &ReadOptions::new().cast(Casting::Lossless));
/// assert_eq!(sample.unwrap().points.shape(), [3, 2]);
/// ```
pub trait FromTensors<'a>: TensorSpec + Sized {
    /// Reads the struct from `tensors`, exact dtypes only, unexpected tensors an error.
    fn from_tensors<I, K>(tensors: I) -> Result<Self, Violations>
    where
        I: IntoIterator<Item = (K, TensorView<'a>)>,
        K: Into<String>,
    {
        Self::from_tensors_with(tensors, &ReadOptions::default())
    }

    /// Reads the struct from `tensors` as `options` say.
    fn from_tensors_with<I, K>(tensors: I, options: &ReadOptions) -> Result<Self, Violations>
    where
        I: IntoIterator<Item = (K, TensorView<'a>)>,
        K: Into<String>,
    {
        let mut lookup = Lookup::new(tensors);
        let mut out = Vec::new();
        let value = Self::__read_struct(&mut lookup, None, options, &mut out);
        if options.unexpected == Unexpected::Error {
            for (name, _, taken) in &lookup.tensors {
                if !taken {
                    out.push(Violation::new(name.clone(), ViolationKind::Unexpected));
                }
            }
        }
        match value {
            Some(value) if out.is_empty() => Ok(value),
            _ => Err(report(out)),
        }
    }

    /// Reads the struct's fields, under `prefix`.
    #[doc(hidden)]
    fn __read_struct(
        lookup: &mut Lookup<'a>,
        prefix: Option<&Path<'_>>,
        options: &ReadOptions,
        out: &mut Vec<Violation>,
    ) -> Option<Self>;
}

/// A `#[derive(TensorSpec)]` struct as named dynamic tensors, the reverse of
/// [`FromTensors`]: one tensor a field, named by its path; an absent optional field has none.
///
/// ```
/// use tensorspec::{ToTensors, TensorSpec};
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(shape = [3])]
///     rgb: [f32; 3],
///     label: i64,
/// }
///
/// let tensors = Sample { rgb: [0.5; 3], label: 7 }.to_tensors().unwrap();
/// let names: Vec<&str> = tensors.iter().map(|(name, _)| name.as_str()).collect();
/// assert_eq!(names, ["rgb", "label"]);
/// assert_eq!(tensors[0].1.shape(), [3]);
/// ```
///
/// Every `TensorSpec` type is `ToTensors`: a sample, a nested spec, a batch struct (its
/// tensors have the leading batch axis), which a file of samples then holds.
///
/// ```
/// use tensorspec::{ToTensors, TensorSpec};
///
/// #[derive(TensorSpec)]
/// #[tensor(batch = LabelledBatch)]
/// struct Labelled {
///     #[tensor(shape = [3])]
///     rgb: [f32; 3],
///     label: i64,
/// }
///
/// let batch = Labelled::stack(&[
///     Labelled { rgb: [0.5; 3], label: 7 },
///     Labelled { rgb: [0.25; 3], label: 8 },
/// ])
/// .unwrap();
/// let tensors = batch.to_tensors().unwrap();
/// assert_eq!(tensors[0].0, "rgb");
/// assert_eq!(tensors[0].1.shape(), [2, 3]);
/// assert_eq!(tensors[1].1.shape(), [2]);
/// ```
pub trait ToTensors: TensorSpec {
    /// The tensors, after validating the sample (a ragged field has no tensor).
    fn to_tensors(&self) -> Result<Vec<(String, Tensor)>, Violations> {
        self.validate()?;
        let mut out = Vec::new();
        self.__fields(&mut Writer {
            spec: Self::spec(),
            prefix: "",
            out: &mut out,
        });
        Ok(out)
    }
}

impl<T: TensorSpec + ?Sized> ToTensors for T {}

/// Writes each field visited as its tensors, named `prefix` then the field's name.
struct Writer<'a> {
    spec: &'static Spec,
    prefix: &'a str,
    out: &'a mut Vec<(String, Tensor)>,
}

impl FieldVisitor for Writer<'_> {
    fn field<F: TensorField + ?Sized>(&mut self, value: &F, field: usize) {
        let name = self.spec.field_name(field);
        value.__write(format!("{}{name}", self.prefix), self.out);
    }
}

// What the derive's generated code calls, through `__private`.

/// A skipped field's type, tied to the read's lifetime so that the bound below is checked
/// where `from_tensors` is used, not where the struct is defined.
pub struct Wrap<'a, T>(core::marker::PhantomData<(&'a (), T)>);

/// A skipped field's type is `Default`: reading from tensors fills it with its default.
#[diagnostic::on_unimplemented(
    message = "a skipped field's type is not `Default`, so the struct cannot be read from tensors",
    label = "the skipped field's type: `{Self}`",
    note = "reading from tensors fills skipped fields with `Default::default()`"
)]
pub trait DefaultSkip {
    /// The type.
    type Ty;
    /// Its default.
    fn default() -> Self::Ty;
}

/// Reads a field of type `Ty`. Generated code names the field type through `Wrap`, in
/// where-clauses: a field that is not a tensor is then reported once (as not a
/// `TensorField`), not again by every impl that reads or writes it.
pub trait ReadVia<'a> {
    /// The field type.
    type Ty;
    /// `ReadField::__read`.
    fn read(
        lookup: &mut Lookup<'a>,
        checker: &mut Checker<'_>,
        field: usize,
        options: &ReadOptions,
    ) -> Option<Self::Ty>;
}

impl<'a, T: ReadField<'a>> ReadVia<'a> for Wrap<'a, T> {
    type Ty = T;
    #[inline]
    fn read(
        lookup: &mut Lookup<'a>,
        checker: &mut Checker<'_>,
        field: usize,
        options: &ReadOptions,
    ) -> Option<T> {
        T::__read(lookup, checker, field, options)
    }
}

/// A struct's tensor fields read as one tuple, in declaration order, field `field + k` as
/// element `k`: the derive names all of a struct's field types in one where-clause, checked
/// where the struct is read, and reads them with one call. Past eleven fields, the twelfth
/// element is a tuple of the rest.
macro_rules! read_fields {
    ($($T:ident $k:tt),*) => {
        impl<'a, $($T),*> ReadVia<'a> for Wrap<'a, ($($T,)*)>
        where
            $(Wrap<'a, $T>: ReadVia<'a, Ty = $T>,)*
        {
            type Ty = ($($T,)*);

            #[inline]
            #[allow(unused_variables)]
            fn read(
                lookup: &mut Lookup<'a>,
                checker: &mut Checker<'_>,
                field: usize,
                options: &ReadOptions,
            ) -> Option<Self::Ty> {
                // Every field read (and its violations reported) before any is given up.
                let values = ($(<Wrap<'a, $T> as ReadVia<'a>>::read(lookup, checker, field + $k, options),)*);
                Some(($(values.$k?,)*))
            }
        }
    };
}

for_each_tuple!(read_fields);

/// A struct's tensor fields, `T` (the tuple of their types), read from `lookup` and checked
/// against `spec`, every violation into `out`: the derive's `FromTensors::__read_struct`.
#[inline]
pub fn read_fields<'a, T>(
    spec: &'static Spec,
    lookup: &mut Lookup<'a>,
    prefix: Option<&Path<'_>>,
    options: &ReadOptions,
    out: &mut Vec<Violation>,
) -> Option<T>
where
    Wrap<'a, T>: ReadVia<'a, Ty = T>,
{
    Checker::reporting(spec, prefix, out, |checker| {
        <Wrap<'a, T> as ReadVia<'a>>::read(lookup, checker, 0, options)
    })
}

impl<T: Default> DefaultSkip for Wrap<'_, T> {
    type Ty = T;
    fn default() -> T {
        T::default()
    }
}

/// Reads a nested spec's fields.
pub fn read_nested<'a, T: FromTensors<'a>>(
    lookup: &mut Lookup<'a>,
    checker: &mut Checker<'_>,
    field: usize,
    options: &ReadOptions,
) -> Option<T> {
    let path = checker.child(field);
    let mut out = Vec::new();
    let value = T::__read_struct(lookup, Some(&path), options, &mut out);
    checker.extend(out);
    value
}

/// Writes a nested spec's fields, under `path`.
pub fn write_nested<T: TensorSpec + ?Sized>(
    value: &T,
    path: &str,
    out: &mut Vec<(String, Tensor)>,
) {
    value.__fields(&mut Writer {
        spec: T::spec(),
        prefix: &format!("{path}."),
        out,
    });
}
