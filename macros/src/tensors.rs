//! `FromTensors`: the struct from named dynamic tensors. (Back, `ToTensors`, is the runtime's,
//! through the fields `TensorSpec::__fields` visits.)

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use syn::GenericParam;

use crate::ast::Input;

/// `predicates`: the where-clauses of the struct's `TensorSpec` impl.
pub fn expand(input: &Input, predicates: &[TokenStream]) -> TokenStream {
    read(input, predicates)
}

/// `FromTensors` and `ReadField`: each field read and checked, every violation reported.
fn read(input: &Input, predicates: &[TokenStream]) -> TokenStream {
    let lifetimes: Vec<&syn::LifetimeParam> = input
        .generics
        .params
        .iter()
        .filter_map(|param| match param {
            GenericParam::Lifetime(lifetime) => Some(lifetime),
            _ => None,
        })
        .collect();
    // Views borrow for the struct's one lifetime; with two, which one is not clear.
    let (lifetime, extra) = match lifetimes.as_slice() {
        [] => (quote!('__tensors), quote!('__tensors,)),
        [one] => {
            let lifetime = &one.lifetime;
            (quote!(#lifetime), TokenStream::new())
        }
        _ => return TokenStream::new(),
    };
    let private = crate::private();
    let ident = input.ident;
    let params = crate::generics::impl_params(input.generics);
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let mut predicates = predicates.to_vec();
    let mut types = Vec::new();
    let mut vars = Vec::new();
    let mut fields = Vec::new();
    for (index, field) in input.fields.iter().enumerate() {
        let field_ident = field.ident;
        let ty = field.ty;
        if field.attrs.skip.is_some() {
            predicates
                .push(quote!(#private::Wrap<#lifetime, #ty>: #private::DefaultSkip<Ty = #ty>));
            fields.push(quote! {
                #field_ident: <#private::Wrap<#lifetime, #ty> as #private::DefaultSkip>::default()
            });
            continue;
        }
        let var = format_ident!("__field_{}", index);
        fields.push(quote!(#field_ident: #var));
        types.push(quote!(#ty));
        vars.push(quote!(#var));
    }
    // The tensor fields' types as one tuple (the runtime reads tuples of up to twelve: past
    // eleven fields, the last element is a tuple of the rest), and their values likewise.
    let fields_ty = crate::generics::nest(&types);
    let fields_pat = crate::generics::nest(&vars);
    predicates.push(quote!(#private::Wrap<#lifetime, #fields_ty>: #private::ReadVia<#lifetime, Ty = #fields_ty>));
    predicates.extend(crate::generics::if_generic(
        input.generics,
        quote!(Self: #private::TensorSpec + #private::TensorField),
    ));
    quote! {
        #[automatically_derived]
        impl<#extra #(#params),*> #private::FromTensors<#lifetime> for #ident #ty_generics
        where #(#predicates,)*
        {
            fn __read_struct(
                __lookup: &mut #private::Lookup<#lifetime>,
                __prefix: #private::Option<&#private::Path<'_>>,
                __options: &#private::ReadOptions,
                __out: &mut #private::Vec<#private::Violation>,
            ) -> #private::Option<Self> {
                let #fields_pat = #private::read_fields::<#fields_ty>(
                    <Self as #private::TensorSpec>::spec(),
                    __lookup,
                    __prefix,
                    __options,
                    __out,
                )?;
                #private::Some(Self { #(#fields,)* })
            }
        }

        // Under `FromTensors`'s where-clauses, written again rather than as `Self:
        // FromTensors`: a where-clause that names the struct is one no other struct shares,
        // and each struct would then prove its fields' reading anew.
        #[automatically_derived]
        impl<#extra #(#params),*> #private::ReadField<#lifetime> for #ident #ty_generics
        where #(#predicates,)*
        {
            fn __read(
                __lookup: &mut #private::Lookup<#lifetime>,
                __checker: &mut #private::Checker<'_>,
                __field: usize,
                __options: &#private::ReadOptions,
            ) -> #private::Option<Self> {
                #private::read_nested::<Self>(__lookup, __checker, __field, __options)
            }
        }
    }
}
