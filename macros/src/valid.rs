//! Checks across keys and fields. Checks of one key happen while parsing, in `attr`.

use crate::ast::Input;
use crate::attr::Dim;
use crate::ctxt::Ctxt;
use crate::keys::{MAX_RANK, PAD, SKIP};

pub fn check(cx: &Ctxt, input: &mut Input) {
    let type_params = input.type_params.clone();
    let struct_name = input.ident.to_string();
    if let Some(batch) = &input.attrs.batch {
        if *batch == struct_name {
            cx.error(syn::Error::new(
                batch.span(),
                format!(
                    "`batch = {batch}` is the struct's own name: the batch struct needs another, such as `{batch}Batch`"
                ),
            ));
            input.attrs.batch = None;
        }
    }
    let batched = input.attrs.batch.is_some();
    for field in &mut input.fields {
        let name = field.name();
        let attrs = &mut field.attrs;
        if let (Some(pad), false) = (&attrs.pad, batched) {
            cx.error(syn::Error::new_spanned(
                pad,
                format!(
                    "field `{name}`: `{PAD}` is the value of padded batches, but `{struct_name}` has none: add `#[tensor(batch = {struct_name}Batch)]` to the struct"
                ),
            ));
        }
        if let Some(skip) = attrs.skip {
            for (key, _) in attrs.non_skip_keys() {
                cx.error(syn::Error::new(
                    skip,
                    format!(
                        "`{SKIP}` cannot be combined with `{key}`: a skipped field is not part of the spec"
                    ),
                ));
            }
        }
        let Some(shape) = &mut attrs.shape else {
            continue;
        };
        if shape.dims.len() > MAX_RANK {
            shape.valid = false;
            cx.error(syn::Error::new(
                shape.span,
                format!(
                    "field `{}`: shape has {} axes, but tensorspec supports at most {MAX_RANK} (ndarray's `Ix{MAX_RANK}`)",
                    name,
                    shape.dims.len()
                ),
            ));
        }
        let mut type_param = false;
        for dim in &shape.dims {
            if let Dim::Ident(ident) = dim {
                if type_params.contains(&ident.to_string()) {
                    type_param = true;
                    cx.error(syn::Error::new(
                        ident.span(),
                        format!(
                            "`{ident}` is a type parameter of `{}`: an extent is an integer, `_`, a symbol, a const generic parameter or `{{expr}}`",
                            struct_name
                        ),
                    ));
                }
            }
        }
        // Reported: the shape is then left out, as a malformed one is.
        if type_param {
            shape.valid = false;
        }
    }
}
