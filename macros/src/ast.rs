//! The input as the macro sees it: the struct, its fields and what their attributes say.
//! Each node keeps the original `syn` node, for spans.

use std::collections::BTreeSet;

use syn::{Data, DeriveInput, Fields, GenericParam, Generics, Ident, Type, Visibility};

use crate::attr::{self, FieldAttrs, StructAttrs};
use crate::ctxt::Ctxt;

pub struct Input<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub attrs: StructAttrs,
    pub generics: &'a Generics,
    pub fields: Vec<Field<'a>>,
    /// Names of the struct's type parameters.
    pub type_params: BTreeSet<String>,
    /// Names of the struct's const parameters.
    pub const_params: BTreeSet<String>,
}

pub struct Field<'a> {
    pub ident: &'a Ident,
    pub vis: &'a Visibility,
    pub ty: &'a Type,
    pub attrs: FieldAttrs,
}

impl<'a> Input<'a> {
    /// `None` when the input is not a struct with named fields (reported to `cx`).
    pub fn from_syn(cx: &Ctxt, input: &'a DeriveInput) -> Option<Input<'a>> {
        let attrs = attr::struct_attrs(cx, &input.attrs);
        let name = &input.ident;
        let fields = match &input.data {
            Data::Struct(data) => match &data.fields {
                Fields::Named(fields) => fields.named.iter().collect(),
                Fields::Unit => Vec::new(),
                Fields::Unnamed(fields) => {
                    cx.error_spanned_by(
                        fields,
                        format!(
                            "`TensorSpec` needs named fields: `{name}` is a tuple struct, and a spec names each tensor"
                        ),
                    );
                    return None;
                }
            },
            Data::Enum(data) => {
                cx.error(syn::Error::new(
                    data.enum_token.span,
                    format!("`TensorSpec` can only be derived for structs: `{name}` is an enum"),
                ));
                return None;
            }
            Data::Union(data) => {
                cx.error(syn::Error::new(
                    data.union_token.span,
                    format!("`TensorSpec` can only be derived for structs: `{name}` is a union"),
                ));
                return None;
            }
        };
        let fields = fields
            .into_iter()
            .filter_map(|field| {
                let attrs = FieldAttrs::from_attrs(cx, &field.attrs);
                Some(Field {
                    ident: field.ident.as_ref()?,
                    vis: &field.vis,
                    ty: &field.ty,
                    attrs,
                })
            })
            .collect();
        let mut type_params = BTreeSet::new();
        let mut const_params = BTreeSet::new();
        for param in &input.generics.params {
            match param {
                GenericParam::Type(param) => {
                    type_params.insert(param.ident.to_string());
                }
                GenericParam::Const(param) => {
                    const_params.insert(param.ident.to_string());
                }
                GenericParam::Lifetime(_) => {}
            }
        }
        Some(Input {
            ident: name,
            vis: &input.vis,
            attrs,
            generics: &input.generics,
            fields,
            type_params,
            const_params,
        })
    }
}

impl<'a> Input<'a> {
    /// The fields that are part of the spec, in order: field number `k` of the spec is the
    /// `k`-th of these.
    pub fn tensor_fields(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields
            .iter()
            .filter(|field| field.attrs.skip.is_none())
    }

    /// The `#[tensor(skip)]` fields.
    pub fn skipped_fields(&self) -> impl Iterator<Item = &Field<'a>> {
        self.fields
            .iter()
            .filter(|field| field.attrs.skip.is_some())
    }
}

impl Field<'_> {
    /// The field as named in messages and in the spec (without `r#`).
    pub fn name(&self) -> String {
        let name = self.ident.to_string();
        match name.strip_prefix("r#") {
            Some(raw) => raw.to_owned(),
            None => name,
        }
    }
}
