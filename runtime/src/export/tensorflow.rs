//! The TensorFlow signature of a [`Spec`]: `tf.TensorSpec`s as Python source.

use core::fmt::Write as _;

use crate::dim::Declared;
use crate::dtype::DType;
use crate::spec::Spec;
use crate::spec::{FieldKind, FieldSpec};

impl DType {
    /// The TensorFlow (and NumPy) name: `float32`, `uint8`, `bfloat16`, `complex64`.
    ///
    /// ```
    /// use tensorspec::DType;
    ///
    /// assert_eq!(DType::F32.tensorflow_name(), "float32");
    /// assert_eq!(DType::Complex128.tensorflow_name(), "complex128");
    /// ```
    pub const fn tensorflow_name(self) -> &'static str {
        match self {
            DType::Bool => "bool",
            DType::U8 => "uint8",
            DType::U16 => "uint16",
            DType::U32 => "uint32",
            DType::U64 => "uint64",
            DType::I8 => "int8",
            DType::I16 => "int16",
            DType::I32 => "int32",
            DType::I64 => "int64",
            DType::F16 => "float16",
            DType::BF16 => "bfloat16",
            DType::F32 => "float32",
            DType::F64 => "float64",
            DType::Complex64 => "complex64",
            DType::Complex128 => "complex128",
        }
    }
}

impl Spec {
    /// The spec as the Python source of a TensorFlow signature: a dict of `tf.TensorSpec`
    /// (nested specs as nested dicts), for `tf.data.Dataset.from_generator(...,
    /// output_signature=...)`, so that a Python consumer of Rust-made data declares exactly
    /// what was checked. Symbols and `_` become `None`; a field of unknown rank gets
    /// `shape=None`. TensorFlow has no optional tensors: an optional field is marked with a
    /// comment.
    ///
    /// ```
    /// use ndarray::{Array2, Array3};
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Sample {
    ///     #[tensor(dtype = f32, shape = [H, W, 3])]
    ///     image: Array3<f32>,
    ///     #[tensor(dtype = u8, shape = [H, W])]
    ///     mask: Option<Array2<u8>>,
    ///     #[tensor(dtype = i64, shape = [])]
    ///     label: i64,
    /// }
    ///
    /// assert_eq!(
    ///     Sample::spec().to_tensorflow(),
    ///     "{\n    \
    ///         'image': tf.TensorSpec(shape=(None, None, 3), dtype=tf.float32, name='image'),\n    \
    ///         'mask': tf.TensorSpec(shape=(None, None), dtype=tf.uint8, name='mask'),  # optional\n    \
    ///         'label': tf.TensorSpec(shape=(), dtype=tf.int64, name='label'),\n\
    ///      }"
    /// );
    /// ```
    pub fn to_tensorflow(&self) -> String {
        let mut out = String::new();
        write_dict(&mut out, self.field_specs(), "", 0, self.sample().is_some());
        out
    }
}

/// A dict of `tf.TensorSpec`s; `batch`: each shape behind a leading batch axis (`None`).
fn write_dict(out: &mut String, fields: &[FieldSpec], prefix: &str, depth: usize, batch: bool) {
    let indent = "    ".repeat(depth + 1);
    out.push_str("{\n");
    for field in fields {
        let path = format!("{prefix}{}", field.name());
        let _ = write!(out, "{indent}'{}': ", field.name());
        let optional = match field.kind() {
            FieldKind::Tensor(info) => {
                let shape = match info.dims {
                    None => "None".to_owned(),
                    Some(dims) => python_shape(dims, batch),
                };
                let _ = write!(
                    out,
                    "tf.TensorSpec(shape={shape}, dtype=tf.{}, name='{path}'),",
                    info.dtype.tensorflow_name()
                );
                info.optional
            }
            FieldKind::Nested { spec, optional } => {
                let nested = spec().field_specs();
                write_dict(out, nested, &format!("{path}."), depth + 1, batch);
                out.push(',');
                optional
            }
        };
        if optional {
            out.push_str("  # optional");
        }
        out.push('\n');
    }
    out.push_str(&"    ".repeat(depth));
    out.push('}');
}

fn python_shape(dims: &[Declared], batch: bool) -> String {
    let lead = batch.then(|| "None".to_owned());
    let extents: Vec<String> = lead
        .into_iter()
        .chain(dims.iter().map(|dim| match dim {
            Declared::Fixed(extent) => extent.to_string(),
            Declared::Any | Declared::Symbol(_) => "None".to_owned(),
        }))
        .collect();
    match extents.as_slice() {
        [one] => format!("({one},)"),
        _ => format!("({})", extents.join(", ")),
    }
}
