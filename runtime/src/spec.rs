//! The schema of a struct: [`Spec`] and its fields.

use core::fmt;
use std::borrow::Cow;

use crate::dim::Dim;
use crate::dtype::DType;

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
    fields: &'static [FieldSpec],
}

impl Spec {
    #[doc(hidden)]
    pub const fn new(name: &'static str, fields: &'static [FieldSpec]) -> Spec {
        Spec { name, fields }
    }

    /// The struct's name.
    ///
    /// See [`Spec`] for an example.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The fields as declared, nested specs not flattened.
    pub(crate) fn field_specs(&self) -> &'static [FieldSpec] {
        self.fields
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
            stack: vec![Level {
                prefix: None,
                optional: false,
                fields: self.fields,
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

    pub(crate) fn name(&self) -> &'static str {
        self.name
    }

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
    pub const fn with_dims(self, dims: &'static [Dim]) -> FieldKind {
        match self {
            FieldKind::Tensor(info) => FieldKind::Tensor(TensorInfo {
                dims: Some(dims),
                ..info
            }),
            nested @ FieldKind::Nested { .. } => nested,
        }
    }

    /// The same kind with `dims` in place of the type's, if there are any (a batch field's
    /// dims: the sample's behind a `batch` axis).
    #[doc(hidden)]
    pub const fn with_batch_dims(self, dims: Option<&'static [Dim]>) -> FieldKind {
        match dims {
            Some(dims) => self.with_dims(dims),
            None => self,
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

/// A tensor field's dtype and dims.
#[doc(hidden)]
#[derive(Clone, Copy, Debug)]
pub struct TensorInfo {
    pub dtype: DType,
    /// `None` when the type does not fix the rank and no shape was declared (`IxDyn`).
    pub dims: Option<&'static [Dim]>,
    pub optional: bool,
}

/// A tensor field of a [`Spec`], as [`Spec::fields`] yields it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecField {
    name: Cow<'static, str>,
    dtype: DType,
    dims: Option<&'static [Dim]>,
    optional: bool,
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
    pub const fn dims(&self) -> Option<&'static [Dim]> {
        self.dims
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
        self.dims.map(<[Dim]>::len)
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

impl fmt::Display for SpecField {
    /// `image: f32[H, W, 3]`; `weights: f32[..]` when the rank is not fixed;
    /// ` (optional)` after an `Option` field.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}[", self.name, self.dtype)?;
        match self.dims {
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
    stack: Vec<Level>,
}

#[derive(Debug)]
struct Level {
    prefix: Option<String>,
    optional: bool,
    fields: &'static [FieldSpec],
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
                    return Some(SpecField {
                        name,
                        dtype: info.dtype,
                        dims: info.dims,
                        optional: info.optional || outer_optional,
                    });
                }
                FieldKind::Nested { spec, optional } => self.stack.push(Level {
                    prefix: Some(name.into_owned()),
                    optional: optional || outer_optional,
                    fields: spec().fields,
                }),
            }
        }
    }
}
