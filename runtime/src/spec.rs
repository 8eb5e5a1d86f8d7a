//! The schema of a struct: [`Spec`] and its fields.

use core::fmt;
use std::borrow::Cow;

use crate::dim::{Declared, Dim};
use crate::dtype::DType;
use crate::tensor::cast::Casting;

/// The schema of a `#[derive(TensorSpec)]` struct: its tensor fields, in declaration order.
///
/// Obtained from [`TensorSpec::spec`](crate::TensorSpec::spec); it is built at compile time,
/// so the call costs nothing. `Display` prints one field per line.
///
/// ```
/// use ndarray::{Array2, Array3};
/// use tensorspec::{DType, Dim, TensorSpec};
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(dtype = f32, shape = [H, W, 3])]
///     image: Array3<f32>,
///     #[tensor(shape = [H, W])]
///     mask: Array2<u8>,
///     #[tensor(skip)]
///     source: String,
/// }
///
/// let spec = Sample::spec();
/// assert_eq!(spec.name(), "Sample");
/// assert_eq!(spec.to_string(), "image: f32[H, W, 3]\nmask: u8[H, W]\n");
/// let image = spec.field("image").unwrap();
/// assert_eq!(image.dtype(), DType::F32);
/// assert_eq!(image.dims(), Some(&[Dim::Symbol("H"), Dim::Symbol("W"), Dim::Fixed(3)][..]));
/// ```
#[derive(Debug)]
pub struct Spec {
    name: &'static str,
    body: Body,
}

/// What a spec holds: a sample's fields, or a batch of another spec's samples.
#[derive(Debug)]
enum Body {
    Sample {
        symbols: &'static [&'static str],
        fields: &'static [FieldSpec],
    },
    Batch {
        sample: fn() -> &'static Spec,
    },
}

/// The names the batch axis of a batch struct's spec may take, in order: the first that the
/// sample's spec does not use as a symbol.
const BATCH_AXIS_NAMES: [&str; 4] = ["batch", "batch_size", "batch_len", "batch_axis"];

impl Spec {
    /// A sample struct's spec: its symbols, in order of first use, and its tensor fields.
    #[doc(hidden)]
    pub const fn new(
        name: &'static str,
        symbols: &'static [&'static str],
        fields: &'static [FieldSpec],
    ) -> Spec {
        Spec {
            name,
            body: Body::Sample { symbols, fields },
        }
    }

    /// A batch struct's spec: the sample's fields behind a leading batch axis.
    #[doc(hidden)]
    pub const fn batch(name: &'static str, sample: fn() -> &'static Spec) -> Spec {
        Spec {
            name,
            body: Body::Batch { sample },
        }
    }

    /// The struct's name.
    ///
    /// See [`Spec`] for an example.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// For a batch struct's spec, the spec of its samples.
    ///
    /// ```
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// #[tensor(batch = PointBatch)]
    /// struct Point {
    ///     #[tensor(shape = [3])]
    ///     xyz: [f32; 3],
    /// }
    ///
    /// assert_eq!(PointBatch::spec().sample().unwrap().name(), "Point");
    /// assert!(Point::spec().sample().is_none());
    /// ```
    #[inline]
    pub fn sample(&self) -> Option<&'static Spec> {
        match self.body {
            Body::Sample { .. } => None,
            Body::Batch { sample } => Some(sample()),
        }
    }

    /// The fields as declared (a batch's: its sample's), nested specs not flattened.
    #[inline]
    pub(crate) fn field_specs(&self) -> &'static [FieldSpec] {
        match self.body {
            Body::Sample { fields, .. } => fields,
            Body::Batch { sample } => sample().field_specs(),
        }
    }

    /// The name of field number `field`, as declared (`?` past the last field, which no
    /// generated code asks for).
    #[inline]
    pub(crate) fn field_name(&self, field: usize) -> &'static str {
        self.field_specs().get(field).map_or("?", FieldSpec::name)
    }

    /// The declared dims of field number `field` (a batch's: without the batch axis); `None`
    /// for a nested spec, or when the rank is open.
    #[inline]
    pub(crate) fn field_dims(&self, field: usize) -> Option<&'static [Declared]> {
        match self.field_specs().get(field)?.kind {
            FieldKind::Tensor(info) => info.dims,
            FieldKind::Nested { .. } => None,
        }
    }

    /// The symbols, by number (a batch's: its sample's, without the batch axis).
    #[inline]
    pub(crate) fn symbols(&self) -> &'static [&'static str] {
        match self.body {
            Body::Sample { symbols, .. } => symbols,
            Body::Batch { sample } => sample().symbols(),
        }
    }

    /// The name of a batch spec's leading axis; `None` for a sample's spec.
    #[inline]
    pub(crate) fn batch_axis(&self) -> Option<&'static str> {
        let symbols = self.sample()?.symbols();
        Some(
            BATCH_AXIS_NAMES
                .into_iter()
                .find(|name| !symbols.contains(name))
                .unwrap_or(BATCH_AXIS_NAMES[BATCH_AXIS_NAMES.len() - 1]),
        )
    }

    /// Every tensor field, in declaration order; the fields of a nested spec appear in its
    /// place, named `outer.inner`.
    ///
    /// ```
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Camera {
    ///     #[tensor(shape = [3, 3])]
    ///     intrinsics: [[f64; 3]; 3],
    /// }
    ///
    /// #[derive(TensorSpec)]
    /// struct Frame {
    ///     timestamp: i64,
    ///     camera: Camera,
    /// }
    ///
    /// let names: Vec<_> = Frame::spec().fields().map(|f| f.name().to_owned()).collect();
    /// assert_eq!(names, ["timestamp", "camera.intrinsics"]);
    /// ```
    pub fn fields(&self) -> Fields {
        Fields {
            batch_axis: self.batch_axis(),
            stack: vec![Level {
                prefix: None,
                optional: false,
                fields: self.field_specs(),
                symbols: self.symbols(),
            }],
        }
    }

    /// The number of tensor fields, nested ones included.
    ///
    /// ```
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Pair {
    ///     a: f32,
    ///     b: [u8; 4],
    /// }
    /// assert_eq!(Pair::spec().len(), 2);
    /// ```
    pub fn len(&self) -> usize {
        self.fields().count()
    }

    /// Whether the struct has no tensor field at all.
    ///
    /// ```
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Nothing {
    ///     #[tensor(skip)]
    ///     note: String,
    /// }
    /// assert!(Nothing::spec().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.fields().next().is_none()
    }

    /// The field at `path` (`"image"`, or `"outer.inner"` for a nested field).
    ///
    /// See [`Spec`] for an example.
    pub fn field(&self, path: &str) -> Option<SpecField> {
        self.fields().find(|field| field.name() == path)
    }
}

impl fmt::Display for Spec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for field in self.fields() {
            writeln!(f, "{field}")?;
        }
        Ok(())
    }
}

/// One entry of a [`Spec`] as the derive writes it: a tensor or a nested spec.
#[doc(hidden)]
#[derive(Debug)]
pub struct FieldSpec {
    name: &'static str,
    kind: FieldKind,
}

impl FieldSpec {
    #[doc(hidden)]
    pub const fn new(name: &'static str, kind: FieldKind) -> FieldSpec {
        FieldSpec { name, kind }
    }

    #[inline]
    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

    #[inline]
    pub(crate) fn kind(&self) -> FieldKind {
        self.kind
    }
}

/// What a field holds, as far as the spec is concerned.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub enum FieldKind {
    /// A tensor.
    Tensor(TensorInfo),
    /// Another `#[derive(TensorSpec)]` struct; `optional` when wrapped in `Option`.
    Nested {
        spec: fn() -> &'static Spec,
        optional: bool,
    },
}

impl FieldKind {
    /// The same kind with the declared dims in place of the ones the type gives.
    #[doc(hidden)]
    pub const fn with_dims(self, dims: &'static [Declared]) -> FieldKind {
        match self {
            FieldKind::Tensor(info) => FieldKind::Tensor(TensorInfo {
                dims: Some(dims),
                ..info
            }),
            nested @ FieldKind::Nested { .. } => nested,
        }
    }

    /// The same kind, allowing the casts of a field's `cast` attribute.
    #[doc(hidden)]
    pub const fn with_casting(self, casting: Casting) -> FieldKind {
        match self {
            FieldKind::Tensor(info) => FieldKind::Tensor(TensorInfo { casting, ..info }),
            nested @ FieldKind::Nested { .. } => nested,
        }
    }

    /// The same kind, marked optional (the field is an `Option`).
    #[doc(hidden)]
    pub const fn optional(self) -> FieldKind {
        match self {
            FieldKind::Tensor(info) => FieldKind::Tensor(TensorInfo {
                optional: true,
                ..info
            }),
            FieldKind::Nested { spec, .. } => FieldKind::Nested {
                spec,
                optional: true,
            },
        }
    }
}

/// A tensor field's dtype, dims and casts.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct TensorInfo {
    pub dtype: DType,
    /// `None` when the type does not fix the rank and no shape was declared (`IxDyn`).
    pub dims: Option<&'static [Declared]>,
    pub optional: bool,
    /// The casts a read from tensors may make (the field's `cast` attribute).
    pub casting: Casting,
}

/// A tensor field of a [`Spec`], as [`Spec::fields`] yields it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecField {
    name: Cow<'static, str>,
    dtype: DType,
    dims: Option<Vec<Dim>>,
    optional: bool,
    casting: Casting,
}

impl SpecField {
    /// The field's path: its name, or `outer.inner` inside a nested spec.
    ///
    /// See [`Spec::fields`] for an example.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The field's dtype.
    ///
    /// See [`Spec`] for an example.
    pub const fn dtype(&self) -> DType {
        self.dtype
    }

    /// The declared dims, or those the type fixes; `None` when the rank is not fixed
    /// (an `IxDyn` array without a declared shape).
    ///
    /// See [`Spec`] for an example.
    pub fn dims(&self) -> Option<&[Dim]> {
        self.dims.as_deref()
    }

    /// The rank, when it is fixed.
    ///
    /// ```
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Sample {
    ///     grid: [[f32; 4]; 2],
    ///     any: ndarray::ArrayD<f32>,
    /// }
    /// let spec = Sample::spec();
    /// assert_eq!(spec.field("grid").unwrap().rank(), Some(2));
    /// assert_eq!(spec.field("any").unwrap().rank(), None);
    /// ```
    pub fn rank(&self) -> Option<usize> {
        self.dims.as_ref().map(Vec::len)
    }

    /// Whether the field is an `Option` (or inside one), so that `None` is valid.
    ///
    /// ```
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Sample {
    ///     weight: Option<f32>,
    /// }
    /// assert!(Sample::spec().field("weight").unwrap().is_optional());
    /// ```
    pub const fn is_optional(&self) -> bool {
        self.optional
    }
}

impl SpecField {
    /// The casts a read from tensors may make into this field: its `cast` attribute
    /// ([`Casting::Exact`] without one). A read's [`ReadOptions`](crate::ReadOptions) may
    /// allow more.
    ///
    /// ```
    /// use tensorspec::{Casting, TensorSpec};
    ///
    /// #[derive(TensorSpec)]
    /// struct Sample {
    ///     #[tensor(cast)]
    ///     image: ndarray::Array3<f32>,
    ///     label: i64,
    /// }
    /// let spec = Sample::spec();
    /// assert_eq!(spec.field("image").unwrap().casting(), Casting::Lossless);
    /// assert_eq!(spec.field("label").unwrap().casting(), Casting::Exact);
    /// ```
    pub const fn casting(&self) -> Casting {
        self.casting
    }
}

impl fmt::Display for SpecField {
    /// `image: f32[H, W, 3]`; `weights: f32[..]` when the rank is not fixed;
    /// ` (optional)` after an `Option` field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[", self.name, self.dtype)?;
        match &self.dims {
            Some(dims) => {
                for (axis, dim) in dims.iter().enumerate() {
                    if axis > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{dim}")?;
                }
            }
            None => f.write_str("..")?,
        }
        f.write_str("]")?;
        if self.optional {
            f.write_str(" (optional)")?;
        }
        Ok(())
    }
}

/// The iterator of [`Spec::fields`].
#[derive(Debug)]
pub struct Fields {
    /// A batch spec's leading axis, shown before every field's dims.
    batch_axis: Option<&'static str>,
    stack: Vec<Level>,
}

#[derive(Debug)]
struct Level {
    prefix: Option<String>,
    optional: bool,
    fields: &'static [FieldSpec],
    symbols: &'static [&'static str],
}

impl Iterator for Fields {
    type Item = SpecField;

    fn next(&mut self) -> Option<SpecField> {
        loop {
            let level = self.stack.last_mut()?;
            let Some((field, rest)) = level.fields.split_first() else {
                self.stack.pop();
                continue;
            };
            level.fields = rest;
            let name: Cow<'static, str> = match &level.prefix {
                None => Cow::Borrowed(field.name),
                Some(prefix) => Cow::Owned(format!("{prefix}.{}", field.name)),
            };
            let outer_optional = level.optional;
            match field.kind {
                FieldKind::Tensor(info) => {
                    let symbols = level.symbols;
                    let dims = info.dims.map(|dims| {
                        self.batch_axis
                            .map(Dim::Symbol)
                            .into_iter()
                            .chain(dims.iter().map(|dim| dim.to_dim(symbols)))
                            .collect()
                    });
                    return Some(SpecField {
                        name,
                        dtype: info.dtype,
                        dims,
                        optional: info.optional || outer_optional,
                        casting: info.casting,
                    });
                }
                FieldKind::Nested { spec, optional } => {
                    let spec = spec();
                    self.stack.push(Level {
                        prefix: Some(name.into_owned()),
                        optional: optional || outer_optional,
                        fields: spec.field_specs(),
                        symbols: spec.symbols(),
                    });
                }
            }
        }
    }
}
