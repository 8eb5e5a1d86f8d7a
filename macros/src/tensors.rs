//! `FromTensors` and `ToTensors`: the struct from named dynamic tensors, and back.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};
use syn::GenericParam;

use crate::ast::Input;
use crate::expand::{expect_tokens, struct_predicates};

pub fn expand(input: &Input) -> TokenStream {
    let mut out = write(input);
    out.extend(read(input));
    out
}

/// The `Casting` variant of a field's `cast` attribute.
fn casting(name: Option<&str>) -> TokenStream {
    let variant = match name {
        None | Some("exact") => "Exact",
        Some("lossless") => "Lossless",
        Some("lossy") => "Lossy",
        Some(_) => "Saturating",
    };
    let variant = Ident::new(variant, Span::call_site());
    quote!(::tensorspec::__private::Casting::#variant)
}

fn read(input: &Input) -> TokenStream {
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
    let private = quote!(::tensorspec::__private);
    let ident = input.ident;
    let params = &input.generics.params;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let mut predicates = struct_predicates(input.generics);
    let mut symbols = Vec::new();
    let mut reads = Vec::new();
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
        predicates
            .push(quote!(#private::Wrap<#lifetime, #ty>: #private::ReadVia<#lifetime, Ty = #ty>));
        let var = format_ident!("__field_{}", index);
        let name = field.name();
        let expect = expect_tokens(field, &input.const_params, &mut symbols);
        let cast = casting(field.attrs.cast);
        reads.push(quote! {
            let #var = <#private::Wrap<#lifetime, #ty> as #private::ReadVia<#lifetime>>::read(
                lookup,
                &mut checker,
                #name,
                #expect,
                #cast.max(options.casting()),
                options,
            );
        });
        fields.push(quote!(#field_ident: #var?));
    }
    predicates.push(quote!(Self: ::tensorspec::TensorSpec + ::tensorspec::TensorField));
    let count = symbols.len();
    quote! {
        #[automatically_derived]
        impl<#extra #params> #private::FromTensors<#lifetime> for #ident #ty_generics
        where #(#predicates,)*
        {
            fn __read_struct(
                lookup: &mut #private::Lookup<#lifetime>,
                prefix: #private::Option<&#private::Path<'_>>,
                options: &#private::ReadOptions,
                out: &mut #private::Vec<#private::Violation>,
            ) -> #private::Option<Self> {
                let mut bindings = [#private::None; #count];
                let mut checker =
                    #private::Checker::new(prefix, &[#(#symbols),*], &mut bindings, out);
                #(#reads)*
                let _ = checker.finish();
                #private::Some(Self { #(#fields,)* })
            }
        }

        #[automatically_derived]
        impl<#extra #params> #private::ReadField<#lifetime> for #ident #ty_generics
        where #(#predicates,)*
        {
            fn __read(
                lookup: &mut #private::Lookup<#lifetime>,
                checker: &mut #private::Checker<'_>,
                name: &'static str,
                _: #private::Option<&[#private::Expect]>,
                _: #private::Casting,
                options: &#private::ReadOptions,
            ) -> #private::Option<Self> {
                #private::read_nested::<Self>(lookup, checker, name, options)
            }
        }
    }
}

fn write(input: &Input) -> TokenStream {
    let private = quote!(::tensorspec::__private);
    let ident = input.ident;
    let (_, ty_generics, _) = input.generics.split_for_impl();
    let params = &input.generics.params;
    let mut predicates = struct_predicates(input.generics);
    let mut writes = Vec::new();
    for field in input
        .fields
        .iter()
        .filter(|field| field.attrs.skip.is_none())
    {
        let field_ident = field.ident;
        let ty = field.ty;
        predicates.push(quote!(#private::Wrap<'__write, #ty>: #private::WriteVia<Ty = #ty>));
        let name = field.name();
        writes.push(quote! {
            <#private::Wrap<'__write, #ty> as #private::WriteVia>::write(
                &self.#field_ident,
                #private::format!("{}{}", prefix, #name),
                out,
            );
        });
    }
    predicates.push(quote!(Self: ::tensorspec::TensorSpec));
    // `'__write` is only in the where-clauses: see `ReadVia`.
    quote! {
        #[automatically_derived]
        impl<'__write, #params> #private::ToTensors for #ident #ty_generics
        where #(#predicates,)*
        {
            fn __write_struct(
                &self,
                prefix: &str,
                out: &mut #private::Vec<(#private::String, #private::Tensor)>,
            ) {
                let _ = (prefix, &out);
                #(#writes)*
            }
        }

        #[automatically_derived]
        impl<'__write, #params> #private::WriteField for #ident #ty_generics
        where #(#predicates,)*
        {
            fn __write(
                &self,
                path: #private::String,
                out: &mut #private::Vec<(#private::String, #private::Tensor)>,
            ) {
                #private::write_nested(self, &path, out);
            }
        }
    }
}
