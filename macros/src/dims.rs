//! The one lowering of the declared shapes: the struct's symbol table and each field's dims
//! as the spec stores them. Every run-time consumer (validation, stacking, reading, export)
//! reads the spec; the compile-time probes (`probes.rs`) read the same parsed attribute, each
//! fixed extent against what the field's type fixes.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ast::{Field, Input};
use crate::attr::{Dim, Shape};

/// The struct's symbols, numbered in order of first use, and each tensor field's dims.
pub struct Lowered {
    pub symbols: Vec<String>,
    /// Per tensor field (skipped fields left out), in order: `&[Declared::..]`, or `None`
    /// without a (well-formed) declared shape.
    pub dims: Vec<Option<TokenStream>>,
}

/// A declared shape, if well-formed: a malformed one was reported and counts as absent.
pub fn shape<'a>(field: &'a Field) -> Option<&'a Shape> {
    field.attrs.shape.as_ref().filter(|shape| shape.valid)
}

pub fn lower(input: &Input) -> Lowered {
    let private = crate::private();
    let mut symbols: Vec<String> = Vec::new();
    let dims = input
        .tensor_fields()
        .map(|field| {
            let shape = shape(field)?;
            let dims = shape.dims.iter().map(|dim| match dim {
                Dim::Fixed(extent, _) => quote!(#private::Declared::Fixed(#extent)),
                Dim::Any => quote!(#private::Declared::Any),
                Dim::Ident(ident) if input.const_params.contains(&ident.to_string()) => {
                    quote!(#private::Declared::Fixed(#ident))
                }
                Dim::Ident(ident) => {
                    let name = ident.to_string();
                    let k = match symbols.iter().position(|symbol| *symbol == name) {
                        Some(k) => k,
                        None => {
                            symbols.push(name);
                            symbols.len() - 1
                        }
                    };
                    quote!(#private::Declared::Symbol(#k))
                }
                Dim::Expr(expr, _) => quote!(#private::Declared::Fixed({ #expr })),
            });
            let dims: Vec<TokenStream> = dims.collect();
            Some(quote!(&const { [#(#dims),*] }))
        })
        .collect();
    Lowered { symbols, dims }
}
