//! A [`Spec`] as a serde-serializable description ([`SpecDesc`]): JSON or any serde format.

use serde::{Deserialize, Serialize};

use crate::dim::Dim;
use crate::dtype::DType;
use crate::spec::Spec;

/// A [`Spec`] as data: what `serde` writes and reads (a `Spec` itself is built at compile
/// time). Nested fields are flattened to `outer.inner` paths, as [`Spec::fields`] gives
/// them.
///
/// ```
/// use tensorspec::{SpecDesc, TensorSpec};
///
/// #[derive(TensorSpec)]
/// struct Sample {
///     #[tensor(dtype = f32, shape = [H, W, 3])]
///     image: ndarray::Array3<f32>,
/// }
///
/// let json = serde_json::to_string(&Sample::spec().describe()).unwrap();
/// assert_eq!(
///     json,
///     r#"{"name":"Sample","fields":[{"name":"image","dtype":"f32","dims":[{"symbol":"H"},{"symbol":"W"},{"fixed":3}],"optional":false}]}"#
/// );
/// let back: SpecDesc = serde_json::from_str(&json).unwrap();
/// assert_eq!(back, Sample::spec().describe());
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SpecDesc {
    /// The struct's name.
    pub name: String,
    /// The fields, in order, nested ones flattened.
    pub fields: Vec<FieldDesc>,
}

/// One field of a [`SpecDesc`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FieldDesc {
    /// The path: `image`, or `outer.inner`.
    pub name: String,
    /// The dtype, by its tensorspec name (`f32`, `complex64`).
    #[serde(with = "dtype_name")]
    pub dtype: DType,
    /// The dims, or `None` when the rank is not fixed.
    pub dims: Option<Vec<DimDesc>>,
    /// Whether the field may be absent.
    pub optional: bool,
}

/// One dim of a [`FieldDesc`]: `{"fixed": 3}`, `"any"` or `{"symbol": "H"}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DimDesc {
    /// A fixed extent.
    Fixed(usize),
    /// Any extent.
    Any,
    /// A symbol.
    Symbol(String),
}

impl From<Dim> for DimDesc {
    fn from(dim: Dim) -> Self {
        match dim {
            Dim::Fixed(extent) => DimDesc::Fixed(extent),
            Dim::Any => DimDesc::Any,
            Dim::Symbol(name) => DimDesc::Symbol(name.to_owned()),
        }
    }
}

impl Spec {
    /// The spec as data, to serialize. Requires the `serde` feature.
    pub fn describe(&self) -> SpecDesc {
        SpecDesc {
            name: self.name().to_owned(),
            fields: self
                .fields()
                .map(|field| FieldDesc {
                    name: field.name().to_owned(),
                    dtype: field.dtype(),
                    dims: field
                        .dims()
                        .map(|dims| dims.iter().copied().map(DimDesc::from).collect()),
                    optional: field.is_optional(),
                })
                .collect(),
        }
    }
}

mod dtype_name {
    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::dtype::DType;

    pub fn serialize<S: Serializer>(dtype: &DType, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(dtype.name())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DType, D::Error> {
        let name = String::deserialize(deserializer)?;
        DType::from_name(&name).ok_or_else(|| D::Error::custom(format!("unknown dtype `{name}`")))
    }
}
