//! The `#[derive(TensorSpec)]` macro. Users depend on the `tensorspec` crate, which
//! re-exports it; this crate is an implementation detail.
//!
//! The pipeline is one function: parse the input into a small AST (`ast`, `attr`), check what
//! spans several attributes (`valid`), and generate code (`expand`). Every error is collected
//! (`ctxt`), so a struct with three mistakes shows three errors. With errors, the struct is
//! still expanded, the mistaken attributes left out: every impl exists for the code that uses
//! the struct, so one mistake is one error.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod batch;
mod ctxt;
mod dims;
mod dtype;
mod expand;
mod generics;
mod keys;
mod probes;
#[cfg(test)]
mod snapshots;
mod spec;
mod tensors;
mod valid;

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::{quote, quote_spanned};
use syn::{DeriveInput, parse_macro_input};

/// Derives `TensorSpec` for a struct with named fields: each field's `#[tensor(dtype = ..,
/// shape = [..])]` checked against its type at compile time, the struct's `spec()` and
/// `validate()`, reading and writing it as named tensors, and with `#[tensor(batch = Name)]`
/// the batch struct `Name` and the struct's `stack`, `stack_from` and `stack_padded`. The
/// attribute and the shape grammar are in the `tensorspec` crate's docs ("The attribute");
/// `tensorspec::example` shows what the derive generates for one struct.
#[proc_macro_derive(TensorSpec, attributes(tensor))]
pub fn derive_tensor_spec(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    derive(&input).into()
}

fn derive(input: &DeriveInput) -> proc_macro2::TokenStream {
    let cx = ctxt::Ctxt::new();
    let mut parsed = ast::Input::from_syn(&cx, input);
    if let Some(parsed) = &mut parsed {
        valid::check(&cx, parsed);
    }
    let errors = cx.finish().err().unwrap_or_default();
    // `from_syn` returns `None` (not a struct with named fields) only after reporting it.
    let expanded = parsed.as_ref().map(expand::derive).unwrap_or_default();
    quote!(#errors #expanded)
}

/// The one path by which generated code names the runtime: its private door, whose items
/// are listed one by one in `tensorspec/src/private/mod.rs`. Spelled whole only where no
/// alias is in scope (the batch struct, an item of the user's module).
fn door_path() -> proc_macro2::TokenStream {
    door_path_at(Span::call_site())
}

/// The same, spanned: an error about what it names points at `span`.
fn door_path_at(span: Span) -> proc_macro2::TokenStream {
    quote_spanned!(span=> ::tensorspec::__private)
}

/// The alias of the door that each block of generated code opens with ([`door_alias`]): one
/// token where the whole path is six, in code that names the door some 400 times a batched
/// struct, and each name resolved from one segment fewer. What a derive costs `cargo check`
/// grows with the tokens it generates.
fn private() -> proc_macro2::TokenStream {
    quote!(__tensorspec)
}

/// The alias, spanned: an error about what it names points at `span`.
fn private_at(span: Span) -> proc_macro2::TokenStream {
    quote_spanned!(span=> __tensorspec)
}

/// The `use` that brings [`private`]'s alias into a block of generated code.
fn door_alias() -> proc_macro2::TokenStream {
    let path = door_path();
    // Allowed: a block may name nothing through it (a struct without symbols).
    quote!(#[allow(unused_imports)] use #path as __tensorspec;)
}
