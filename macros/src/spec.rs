//! `TensorSpec` for the struct (its spec and `validate()`), and `TensorField`, which lets it
//! be a field of another spec.

use proc_macro2::{Ident, TokenStream};
use quote::{ToTokens, quote};
use syn::Generics;

use crate::ast::Input;
use crate::dims::Lowered;

/// The `TensorSpec` impl and the nested `TensorField` impl. `predicates`: the struct's own
/// and the probes' where-clauses.
pub fn expand(input: &Input, lowered: &Lowered, predicates: &[TokenStream]) -> TokenStream {
    let private = crate::private();
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let name = ident.to_string();
    let symbols = &lowered.symbols;
    let fields = input
        .tensor_fields()
        .zip(&lowered.dims)
        .map(|(field, dims)| {
            let name = field.name();
            let ty = field.ty;
            let mut kind = quote!(<#ty as #private::TensorField>::KIND);
            if let Some(dims) = dims {
                kind = quote!(#kind.with_dims(#dims));
            }
            if let Some((variant, _)) = field.attrs.cast {
                let variant = Ident::new(variant, proc_macro2::Span::call_site());
                kind = quote!(#kind.with_casting(#private::Casting::#variant));
            }
            quote!(#private::FieldSpec::new(#name, #kind))
        });
    let spec = quote! {
        &const { #private::Spec::new(#name, &[#(#symbols),*], &const { [#(#fields),*] }) }
    };
    let values = input.tensor_fields().map(|field| {
        let ident = field.ident;
        quote!(&self.#ident)
    });
    let types = input
        .tensor_fields()
        .map(|field| Some(field.ty.to_token_stream()));
    let validate = validate_fn(values, types);
    let nested = nested_impl(ident, input.generics, predicates);
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::TensorSpec for #ident #ty_generics
        where #(#predicates,)*
        {
            fn spec() -> &'static #private::Spec {
                #spec
            }

            #validate
        }

        #nested
    }
}

/// `__fields`: each field, `values` of types `types`, shown to the visitor in the spec's
/// order (what validates a sample and writes it as tensors). A type is named (through the
/// trait, a field that is not a tensor is one error, at the spec) or, `None`, inferred: a
/// batch struct's field types are batch types, checked when the struct was declared.
pub fn validate_fn(
    values: impl Iterator<Item = TokenStream>,
    types: impl Iterator<Item = Option<TokenStream>>,
) -> TokenStream {
    let private = crate::private();
    let checks = values
        .zip(types)
        .enumerate()
        .map(|(k, (value, ty))| match ty {
            Some(ty) => {
                quote!(<#ty as #private::TensorField>::__visit_field(#value, __visitor, #k);)
            }
            None => quote!(#private::TensorField::__visit_field(#value, __visitor, #k);),
        });
    // Always inlined: the quiet pass then sees the spec's constants at each comparison.
    quote! {
        #[inline(always)]
        fn __fields<__V: #private::FieldVisitor>(&self, __visitor: &mut __V) {
            #(#checks)*
        }
    }
}

/// `TensorField` for the struct, so that it can be a field of another spec (a nested spec).
pub fn nested_impl(ident: &Ident, generics: &Generics, predicates: &[TokenStream]) -> TokenStream {
    let private = crate::private();
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let self_bound = crate::generics::if_generic(generics, quote!(Self: #private::TensorSpec));
    quote! {
        #[automatically_derived]
        #[diagnostic::do_not_recommend]
        impl #impl_generics #private::TensorField for #ident #ty_generics
        where #(#predicates,)* #self_bound
        {
            type Elem = Self;
            #[doc(hidden)]
            type Shape = #private::NestedShape;
            #[doc(hidden)]
            const KIND: #private::FieldKind = #private::FieldKind::Nested {
                spec: <Self as #private::TensorSpec>::spec,
                optional: false,
            };

            #[inline]
            fn __check(&self, __checker: &mut #private::Checker<'_>, __field: usize) {
                #private::check_nested(self, __checker, __field);
            }

            fn __write(
                &self,
                __path: #private::String,
                __out: &mut #private::Vec<(#private::String, #private::Tensor)>,
            ) {
                #private::write_nested(self, &__path, __out);
            }
        }
    }
}
