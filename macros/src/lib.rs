//! The `#[derive(TensorSpec)]` macro. Users depend on the `tensorspec` crate, which
//! re-exports it; this crate is an implementation detail.
//!
//! The pipeline is one function: parse the input into a small AST (`ast`), check what
//! spans several attributes (`valid`), and generate code (`expand`). Every error is
//! collected (`ctxt`), so a struct with three mistakes shows three errors; with errors, a
//! stub impl (`fallback`) keeps them from cascading.

#![forbid(unsafe_code)]

mod ast;
mod attr;
mod batch;
mod ctxt;
mod dtype;
mod expand;
mod fallback;
#[cfg(test)]
mod snapshots;
mod symbol;
mod tensors;
mod valid;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives `tensorspec::TensorSpec`. See the `tensorspec` crate for the attribute syntax.
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
    match (parsed, cx.finish()) {
        (Some(parsed), Ok(())) => expand::derive(&parsed),
        // `from_syn` returns `None` only after reporting an error.
        (parsed, errors) => {
            fallback::expand(input, parsed.as_ref(), errors.err().unwrap_or_default())
        }
    }
}
