//! When the input has errors: the errors, the checks of the fields that parsed, and stub
//! impls, so that the user sees the real errors and not a cascade of "`TensorSpec` is not
//! implemented" at every use of the struct.

use proc_macro2::TokenStream;
use quote::quote;
use syn::DeriveInput;

use crate::ast::Input;
use crate::expand;

pub fn expand(input: &DeriveInput, parsed: Option<&Input>, errors: TokenStream) -> TokenStream {
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    // Fields whose attributes parsed are still checked: all mistakes show in one compile.
    let checks = parsed.map(expand::checks_only).unwrap_or_default();
    let predicates = expand::struct_predicates(&input.generics);
    let nested = expand::nested_impl(ident, &input.generics, &predicates);
    let no_batch = crate::batch::no_batch(ident, &input.generics, false);
    let stub = match input.data {
        syn::Data::Struct(_) => quote! {
            impl #impl_generics ::tensorspec::TensorSpec for #ident #ty_generics #where_clause {
                fn spec() -> &'static ::tensorspec::Spec {
                    ::core::unreachable!()
                }

                fn __validate_into(
                    &self,
                    _: ::tensorspec::__private::Option<&::tensorspec::__private::Path<'_>>,
                    _: &mut ::tensorspec::__private::Vec<::tensorspec::__private::Violation>,
                ) -> bool {
                    ::core::unreachable!()
                }
            }
            #nested
            #no_batch
        },
        syn::Data::Enum(_) | syn::Data::Union(_) => TokenStream::new(),
    };
    quote! {
        #errors
        #[doc(hidden)]
        const _: () = {
            #checks
            #stub
        };
    }
}
