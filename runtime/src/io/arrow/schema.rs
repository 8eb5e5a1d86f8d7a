//! A spec as an Arrow schema: [`Spec::to_arrow_schema`].

use std::collections::HashMap;
use std::sync::Arc;

use arrow_schema::{DataType, Field, Fields, Schema};

use super::{
    DTYPE_KEY, EXTENSION_METADATA, EXTENSION_NAME, FIXED_SHAPE_TENSOR, SPEC_KEY,
    VARIABLE_SHAPE_TENSOR, storage_type,
};
use crate::dim::Dim;
use crate::dtype::DType;
use crate::io::WriteError;
use crate::spec::{FieldKind, FieldSpec, Spec, SpecField};

/// One column of the schema: a tensor field, or a nested spec's struct.
pub(super) enum Node {
    Tensor(SpecField),
    Struct {
        name: &'static str,
        optional: bool,
        children: Vec<Node>,
    },
}

/// The spec's fields as a tree of columns: the nested specs of `Spec::field_specs`, each
/// tensor the `SpecField` that `Spec::fields` gives for it (both walk in the same order).
pub(super) fn nodes(spec: &Spec) -> Vec<Node> {
    let mut fields = spec.fields();
    level(spec.field_specs(), &mut fields)
}

fn level(specs: &[FieldSpec], fields: &mut crate::spec::Fields) -> Vec<Node> {
    let mut nodes = Vec::new();
    for field in specs {
        match field.kind() {
            FieldKind::Tensor(_) => {
                if let Some(tensor) = fields.next() {
                    nodes.push(Node::Tensor(tensor));
                }
            }
            FieldKind::Nested { spec, optional } => nodes.push(Node::Struct {
                name: field.name(),
                optional,
                children: level(spec().field_specs(), fields),
            }),
        }
    }
    nodes
}

impl Node {
    /// The column's name in its struct: the last part of a tensor's path.
    fn name(&self) -> &str {
        match self {
            Node::Tensor(field) => field.name().rsplit('.').next().unwrap_or(field.name()),
            Node::Struct { name, .. } => name,
        }
    }
}

/// A tensor field's column type: its storage type and its field metadata.
pub(super) fn tensor_column(field: &SpecField) -> Result<Field, WriteError> {
    let (element, complex) = storage_type(field.dtype());
    let Some(dims) = field.dims() else {
        return Err(WriteError::Format {
            format: "arrow",
            message: format!(
                "field `{}`: its rank is not fixed (an `IxDyn` array without a declared shape), and Arrow's tensor columns need one",
                field.name()
            ),
            source: None,
        });
    };
    let mut metadata = HashMap::new();
    if complex || field.dtype() == DType::BF16 {
        metadata.insert(DTYPE_KEY.to_owned(), field.dtype().name().to_owned());
    }
    // A complex element is two floats: a trailing axis of 2.
    let dims: Vec<Dim> = dims
        .iter()
        .copied()
        .chain(complex.then_some(Dim::Fixed(2)))
        .collect();
    let item = Arc::new(Field::new_list_field(element.clone(), true));
    let data_type = if dims.is_empty() {
        element
    } else if let Some(shape) = dims
        .iter()
        .map(|dim| dim.fixed())
        .collect::<Option<Vec<_>>>()
    {
        let size = shape
            .iter()
            .try_fold(1usize, |size, &extent| size.checked_mul(extent))
            .and_then(|size| i32::try_from(size).ok())
            .ok_or_else(|| WriteError::Format {
                format: "arrow",
                message: format!(
                    "field `{}`: {shape:?} has more elements than an Arrow list can hold",
                    field.name()
                ),
                source: None,
            })?;
        let mut extension = serde_json::json!({ "shape": shape });
        if dims.iter().any(|dim| matches!(dim, Dim::Symbol(_))) {
            extension["dim_names"] = dim_names(&dims);
        }
        metadata.insert(EXTENSION_NAME.to_owned(), FIXED_SHAPE_TENSOR.to_owned());
        metadata.insert(EXTENSION_METADATA.to_owned(), extension.to_string());
        DataType::FixedSizeList(item, size)
    } else {
        let uniform: Vec<Option<usize>> = dims.iter().map(|dim| dim.fixed()).collect();
        let extension = serde_json::json!({
            "dim_names": dim_names(&dims),
            "uniform_shape": uniform,
        });
        metadata.insert(EXTENSION_NAME.to_owned(), VARIABLE_SHAPE_TENSOR.to_owned());
        metadata.insert(EXTENSION_METADATA.to_owned(), extension.to_string());
        let ndim = i32::try_from(dims.len()).unwrap_or(i32::MAX);
        // Nullable storage fields, as pyarrow's own: it does not recognise the type in a
        // Parquet file otherwise.
        DataType::Struct(Fields::from(vec![
            Field::new("data", DataType::List(item), true),
            Field::new(
                "shape",
                DataType::FixedSizeList(
                    Arc::new(Field::new_list_field(DataType::Int32, true)),
                    ndim,
                ),
                true,
            ),
        ]))
    };
    let name = Node::Tensor(field.clone()).name().to_owned();
    Ok(Field::new(name, data_type, field.is_optional()).with_metadata(metadata))
}

/// Each axis's name in the spec's words: a symbol's name, a fixed extent's number, `_`.
fn dim_names(dims: &[Dim]) -> serde_json::Value {
    dims.iter().map(ToString::to_string).collect()
}

/// The columns of `tree`'s tensor fields, in the spec's order, found in `fields` (a schema's
/// columns made from `tree`: a nested spec's are inside its struct column).
pub(super) fn tensor_columns<'s>(tree: &[Node], fields: &'s Fields) -> Vec<&'s Field> {
    let mut out = Vec::new();
    for (node, field) in tree.iter().zip(fields.iter()) {
        match (node, field.data_type()) {
            (Node::Tensor(_), _) => out.push(field.as_ref()),
            (Node::Struct { children, .. }, DataType::Struct(inner)) => {
                out.extend(tensor_columns(children, inner));
            }
            (Node::Struct { .. }, _) => {}
        }
    }
    out
}

/// The column of `node`.
pub(super) fn column(node: &Node) -> Result<Field, WriteError> {
    match node {
        Node::Tensor(field) => tensor_column(field),
        Node::Struct {
            name,
            optional,
            children,
        } => {
            let children = children.iter().map(column).collect::<Result<Vec<_>, _>>()?;
            Ok(Field::new(
                *name,
                DataType::Struct(Fields::from(children)),
                *optional,
            ))
        }
    }
}

impl Spec {
    /// The Arrow schema of a table whose rows are this spec's samples (a batch struct's spec:
    /// its samples'). Each tensor field is a column named as the field: a scalar a primitive
    /// column, fixed extents an `arrow.fixed_shape_tensor` column (a `FixedSizeList`), open
    /// extents an `arrow.variable_shape_tensor` column with the fixed extents as its
    /// `uniform_shape`, each axis named as the spec names it; an `Option` field is nullable;
    /// a nested spec is a struct column. The schema's `tensorspec.spec` metadata is the spec
    /// as `Display` prints it. A field whose rank is not fixed (`IxDyn` without a declared
    /// shape) has no Arrow tensor type: an error.
    ///
    /// `bf16` is stored as `uint16` (its bits) and a complex dtype as floats with a trailing
    /// axis of 2: Arrow has neither, and the column's `tensorspec.dtype` metadata says which.
    ///
    /// ```
    /// use ndarray::Array3;
    /// use tensorspec::TensorSpec;
    ///
    /// #[derive(TensorSpec)]
    /// struct Sample {
    ///     #[tensor(shape = [28, 28])]
    ///     image: [[u8; 28]; 28],
    ///     #[tensor(shape = [H, W, 3])]
    ///     photo: Array3<f32>,
    ///     label: i64,
    ///     weight: Option<f32>,
    /// }
    ///
    /// let schema = Sample::spec().to_arrow_schema().unwrap();
    /// let image = schema.field_with_name("image").unwrap();
    /// assert_eq!(image.data_type().to_string(), "FixedSizeList(784 x UInt8)");
    /// assert_eq!(image.metadata()["ARROW:extension:name"], "arrow.fixed_shape_tensor");
    /// assert_eq!(image.metadata()["ARROW:extension:metadata"], r#"{"shape":[28,28]}"#);
    /// let photo = schema.field_with_name("photo").unwrap();
    /// assert_eq!(photo.metadata()["ARROW:extension:name"], "arrow.variable_shape_tensor");
    /// assert_eq!(
    ///     photo.metadata()["ARROW:extension:metadata"],
    ///     r#"{"dim_names":["H","W","3"],"uniform_shape":[null,null,3]}"#
    /// );
    /// assert!(!schema.field_with_name("label").unwrap().is_nullable());
    /// assert!(schema.field_with_name("weight").unwrap().is_nullable());
    /// ```
    pub fn to_arrow_schema(&self) -> Result<Schema, WriteError> {
        let spec = self.sample().unwrap_or(self);
        let columns = nodes(spec)
            .iter()
            .map(column)
            .collect::<Result<Vec<_>, _>>()?;
        let metadata = HashMap::from([(SPEC_KEY.to_owned(), spec.to_string())]);
        Ok(Schema::new(columns).with_metadata(metadata))
    }
}
