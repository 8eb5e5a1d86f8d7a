//! `#[tensor(batch = Name)]`: the batch struct, and stacking samples into it and back.
//!
//! The batch struct is generated directly: each tensor field is `BatchOf<FieldType>` (an
//! owned ndarray array with a leading batch axis, `Option` of one, or a nested batch struct),
//! each skipped field a `Vec` of the samples' values. Its spec is the sample's behind the
//! batch axis: `Spec::batch` reads the sample's spec, so nothing declared is written twice.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, format_ident, quote, quote_spanned};
use syn::Generics;
use syn::spanned::Spanned;

use crate::ast::Input;
use crate::generics::{
    has_lifetimes, if_generic, mentions, nest, static_lifetimes, without_lifetimes,
};

/// The batch struct (an item beside the sample struct) and every impl of batching, or only
/// the impls that say there is no batch type, without `#[tensor(batch = ...)]`.
pub fn expand(input: &Input, predicates: &[TokenStream]) -> (TokenStream, TokenStream) {
    let Some(batch) = &input.attrs.batch else {
        let unstack = !has_lifetimes(input.generics);
        return (
            TokenStream::new(),
            no_batch(input.ident, input.generics, predicates, unstack),
        );
    };
    let batch = Batch::new(input, batch, predicates);
    let item = batch.item();
    let mut impls = batch.batch_impls();
    impls.extend(batch.stack_impls());
    impls.extend(batch.unstack_impls());
    (item, impls)
}

/// `Stack` (and `Unstack`) of a struct without a batch type: its batch is `NoBatch`, so that a
/// batched struct with it as a field fails once, at that field, and nowhere else. The traits'
/// defaults are those of a batch that holds nothing: stacking fills nothing, the batch tells
/// no length, and splitting it back is an error.
pub fn no_batch(
    ident: &Ident,
    generics: &Generics,
    predicates: &[TokenStream],
    unstack: bool,
) -> TokenStream {
    let private = crate::private();
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let self_bound = if_generic(generics, quote!(Self: #private::TensorField));
    let unstack = unstack.then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Unstack for #ident #ty_generics
            where #(#predicates,)* #self_bound
            {}
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Stack for #ident #ty_generics
        where #(#predicates,)* #self_bound
        {
            type Batch = #private::NoBatch<Self>;

            fn __empty(
                _: #private::Option<&[#private::Declared]>,
                _: #private::Option<&#private::Path<'_>>,
            ) -> #private::Result<Self::Batch, #private::StackError> {
                #private::Ok(#private::NoBatch::NEW)
            }
        }

        #unstack
    }
}

/// What every part of a batch's expansion needs.
struct Batch<'a> {
    input: &'a Input<'a>,
    name: &'a Ident,
    /// The sample's generics without lifetimes, for the batch struct.
    generics: Generics,
    /// The where-clauses of the sample's impls: its own and the probes'.
    predicates: &'a [TokenStream],
}

impl<'a> Batch<'a> {
    fn new(input: &'a Input<'a>, name: &'a Ident, predicates: &'a [TokenStream]) -> Self {
        Batch {
            input,
            name,
            generics: without_lifetimes(input.generics),
            predicates,
        }
    }

    /// The batch struct's type, with its generics.
    fn ty(&self) -> TokenStream {
        let name = self.name;
        let (_, ty_generics, _) = self.generics.split_for_impl();
        quote!(#name #ty_generics)
    }

    /// The predicates of the sample's impls, and `Ty: trait_` for each field type that
    /// mentions a type parameter. Only those: a where-clause `[[u8; N]; N]: Stack` would hide
    /// the impl's associated types.
    fn sample_predicates(&self, trait_: &TokenStream) -> Vec<TokenStream> {
        let mut predicates = self.predicates.to_vec();
        for field in self.input.tensor_fields() {
            let ty = field.ty;
            let owned = static_lifetimes(ty.to_token_stream());
            // Not for a type with a lifetime: the batch struct names its batch type with
            // `'static`, which the impl (not a where-clause) shows to be the same type.
            let borrows = owned.to_string() != ty.to_token_stream().to_string();
            if mentions(ty.to_token_stream(), &self.input.type_params) && !borrows {
                predicates.push(quote!(#ty: #trait_));
            }
        }
        predicates
    }

    /// The predicates of the batch struct's impls: the struct's own, the sample's spec, and
    /// `bound` on the batch type of each field type that mentions a type parameter.
    fn batch_predicates(
        &self,
        bound: impl Fn(&TokenStream) -> Option<TokenStream>,
    ) -> Vec<TokenStream> {
        let private = crate::private();
        let mut predicates = crate::generics::struct_predicates(&self.generics);
        for field in &self.input.fields {
            let ty = static_lifetimes(field.ty.to_token_stream());
            // Only for a type that names a parameter: of any other, the bound holds or the
            // field's own check has already failed, and rustc would prove it once a struct.
            let generic = mentions(ty.clone(), &self.input.type_params)
                || mentions(ty.clone(), &self.input.const_params);
            if !generic {
                continue;
            }
            if field.attrs.skip.is_none() {
                let batch = quote!(#private::BatchOf<#ty>);
                predicates.extend(bound(&batch));
            } else if mentions(ty.clone(), &self.input.type_params) {
                predicates.push(quote!(#ty: #private::Clone));
            }
        }
        predicates
    }

    /// The batch struct itself: an item of the user's module, beside the sample struct, where
    /// no alias of the door is in scope.
    fn item(&self) -> TokenStream {
        let private = crate::door_path();
        let input = self.input;
        let vis = input.vis;
        let sample = input.ident;
        let name = self.name;
        let (_, _, where_clause) = self.generics.split_for_impl();
        let params = &self.generics.params;
        let tensors = input.tensor_fields().map(|field| {
            let ident = field.ident;
            let field_vis = field.vis;
            let ty = static_lifetimes(field.ty.to_token_stream());
            let doc = format!(
                "Field `{}` of each sample, stacked along a leading batch axis.",
                field.name()
            );
            quote! {
                #[doc = #doc]
                #field_vis #ident: #private::BatchOf<#ty>
            }
        });
        let skipped = input.skipped_fields().map(|field| {
            let ident = field.ident;
            let field_vis = field.vis;
            let ty = static_lifetimes(field.ty.to_token_stream());
            // Spanned at the sample's field: a type that is not `Clone` is reported there.
            let vec = quote_spanned!(field.ty.span()=> #private::Vec);
            let doc = format!(
                "Field `{}` of each sample (not a tensor: one value a sample).",
                field.name()
            );
            quote! {
                #[doc = #doc]
                #field_vis #ident: #vec<#ty>
            }
        });
        let doc = format!(
            "A batch of [`{sample}`]s: each tensor field stacked along a leading batch axis, in \
             standard layout; its spec is `{sample}`'s behind that axis. Made by \
             [`{sample}::stack`], [`{sample}::stack_from`], [`{sample}::stack_padded`] or a \
             stream's `batched(n)`."
        );
        quote! {
            #[doc = #doc]
            #vis struct #name <#params> #where_clause {
                #(#tensors,)*
                #(#skipped,)*
            }
        }
    }

    /// The batch struct's own impls: `TensorSpec` (the sample's spec behind the batch axis),
    /// `TensorField` (as a nested batch), `Clone`, `Debug`, `len`.
    fn batch_impls(&self) -> TokenStream {
        let private = crate::private();
        let input = self.input;
        let name = self.name;
        let batch_name = name.to_string();
        let vis = input.vis;
        let batch_ty = self.ty();
        let (impl_generics, _, _) = self.generics.split_for_impl();
        let sample = input.ident;
        let (_, sample_generics, _) = input.generics.split_for_impl();
        let sample_ty = static_lifetimes(quote!(#sample #sample_generics));
        let mut spec_predicates =
            self.batch_predicates(|batch| Some(quote!(#batch: #private::TensorField)));
        spec_predicates.extend(if_generic(
            &self.generics,
            quote!(#sample_ty: #private::TensorSpec),
        ));
        let values = input.tensor_fields().map(|field| {
            let ident = field.ident;
            quote!(&self.#ident)
        });
        let types = input.tensor_fields().map(|_| None);
        let validate = crate::spec::validate_fn(values, types);
        let nested = crate::spec::nested_impl(name, &self.generics, &spec_predicates);
        let clone_predicates = self.batch_predicates(|batch| Some(quote!(#batch: #private::Clone)));
        // A skipped field's values are cloned by the same call, at the same span, as when
        // stacking: a type that is not `Clone` is one error, at the field.
        let clone_fields = input.fields.iter().map(|field| {
            let ident = field.ident;
            if field.attrs.skip.is_some() {
                let ty = field.ty;
                let at = crate::private_at(field.ty.span());
                let call = quote_spanned!(field.ty.span()=>
                    #at::clone_all(self.#ident.iter(), <#ty as #at::Clone>::clone)
                );
                quote!(#ident: #call)
            } else {
                quote!(#ident: #private::Clone::clone(&self.#ident))
            }
        });
        let debug_predicates =
            self.batch_predicates(|batch| Some(quote!(#batch: #private::DebugBatch)));
        let debug_fields = input.fields.iter().map(|field| {
            let ident = field.ident;
            let field_name = field.name();
            quote!((#field_name, &self.#ident))
        });
        let lens = input
            .tensor_fields()
            .map(|field| {
                let ident = field.ident;
                let ty = static_lifetimes(field.ty.to_token_stream());
                quote!(<#ty as #private::Stack>::__batch_len(&self.#ident))
            })
            .chain(input.skipped_fields().map(|field| {
                let ident = field.ident;
                quote!(#private::Some(self.#ident.len()))
            }));
        let (_, _, where_clause) = self.generics.split_for_impl();
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::TensorSpec for #batch_ty
            where #(#spec_predicates,)*
            {
                fn spec() -> &'static #private::Spec {
                    &const { #private::Spec::batch(#batch_name, <#sample_ty as #private::TensorSpec>::spec) }
                }

                #validate
            }

            #nested

            #[automatically_derived]
            impl #impl_generics #private::BatchStruct for #batch_ty #where_clause {}

            #[automatically_derived]
            impl #impl_generics #private::Clone for #batch_ty
            where #(#clone_predicates,)*
            {
                fn clone(&self) -> Self {
                    #name {
                        #(#clone_fields,)*
                    }
                }
            }

            #[automatically_derived]
            impl #impl_generics #private::Debug for #batch_ty
            where #(#debug_predicates,)*
            {
                fn fmt(&self, __f: &mut #private::Formatter<'_>) -> #private::FmtResult {
                    #private::debug_batch(__f, #batch_name, &[#(#debug_fields),*])
                }
            }

            impl #impl_generics #batch_ty #where_clause {
                /// The number of samples in the batch.
                #vis fn len(&self) -> usize {
                    #private::batch_len(&[#(#lens),*])
                }

                /// Whether the batch has no samples.
                #vis fn is_empty(&self) -> bool {
                    self.len() == 0
                }
            }
        }
    }

    /// `Stack` and `Batchable` of the sample, and its `stack`, `stack_from`, `stack_padded`.
    fn stack_impls(&self) -> TokenStream {
        let private = crate::private();
        let input = self.input;
        let sample = input.ident;
        let vis = input.vis;
        let name = self.name;
        let batch_ty = self.ty();
        let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
        let predicates = self.sample_predicates(&quote!(#private::Stack));
        let into_doc = format!(
            "[`{sample}::stack`] into `batch`, a batch made before: its arrays are refilled in \
             place, growing only when they must, so a training loop allocates (and the \
             kernel maps fresh pages) once, not once a batch. A sample that breaks its spec \
             is refused before `batch` is touched; samples that cannot be stacked together \
             leave it a batch of no samples, never half refilled.\n\n\
             ```text\n\
             let mut batch = {sample}::stack(&first)?;\n\
             for samples in groups {{\n\
             \x20   {sample}::stack_into(&samples, &mut batch)?;\n\
             \x20   train(&batch);\n\
             }}\n\
             ```"
        );
        let padded_into_doc = format!(
            "[`{sample}::stack_padded`] into `batch`, a padded batch made before: its arrays \
             are refilled in place, growing only when they must, and its lengths are those of \
             `samples`. A sample that breaks its spec is refused before `batch` is touched; \
             samples that cannot be stacked together leave it a batch of no samples."
        );
        let empty = input.tensor_fields().map(|field| {
            let ident = field.ident;
            let ty = field.ty;
            quote!(#ident: __fields.field::<#ty>()?)
        });
        let empty_skipped = input.skipped_fields().map(|field| {
            let ident = field.ident;
            quote!(#ident: #private::Vec::new())
        });
        let stack_fields = self.stack_fields_fn();
        let stack_doc = format!(
            "Stacks `samples` into one [`{name}`]: each tensor field becomes one array with a \
             leading batch axis, allocated once and filled with straight copies.\n\n\
             Each sample is validated first: a sample that breaks its spec is an error, never \
             stacked. Every extent that the spec leaves open (a symbol, `_`, or one the type \
             leaves open) must be the same in every sample; the error names the field, the \
             axis, the first sample that differs and both extents. Skipped fields are cloned \
             into `Vec`s."
        );
        let stack_from_doc = format!(
            "[`{sample}::stack`] of the samples of an iterator of references, read without \
             cloning the samples: the iterator is cloned once, to validate them first, and \
             their references are gathered (on the stack, for up to 64)."
        );
        let padded_doc = format!(
            "[`{sample}::stack`], but extents the spec leaves open may differ between samples: \
             each such axis is as long as the longest sample's, shorter samples padded with the \
             field's `pad` value (its element type's default, 0 or `false`, without one), and \
             [`Padded::lengths`](::tensorspec::Padded::lengths) gives every sample's true shape. \
             A sample that breaks its spec is an error, never padded into shape."
        );
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Stack for #sample #ty_generics
            where #(#predicates,)*
            {
                type Batch = #batch_ty;

                #stack_fields

                fn __batch_len(__batch: &Self::Batch) -> #private::Option<usize> {
                    #private::Some(__batch.len())
                }

                fn __empty(
                    _: #private::Option<&[#private::Declared]>,
                    __path: #private::Option<&#private::Path<'_>>,
                ) -> #private::Result<Self::Batch, #private::StackError> {
                    let mut __fields = #private::EmptyFields::new(
                        <Self as #private::TensorSpec>::spec(),
                        __path,
                    );
                    #private::Ok(#name {
                        #(#empty,)*
                        #(#empty_skipped,)*
                    })
                }
            }

            #[automatically_derived]
            impl #impl_generics #private::Batchable for #sample #ty_generics
            where #(#predicates,)*
            {
                type Batch = #batch_ty;
                #[doc(hidden)]
                type __Sample = Self;

                #[inline(always)]
                fn __sample(&self) -> &Self {
                    self
                }

                #[inline(always)]
                fn __values(__samples: &[Self]) -> #private::Option<&[Self]> {
                    #private::Some(__samples)
                }
            }

            impl #impl_generics #sample #ty_generics
            where #(#predicates,)*
            {
                #[doc = #stack_doc]
                #vis fn stack(
                    samples: &[Self],
                ) -> #private::Result<#batch_ty, #private::StackError> {
                    <Self as #private::Batchable>::stack(samples)
                }

                #[doc = #stack_from_doc]
                #vis fn stack_from<'__items, __Samples>(
                    samples: __Samples,
                ) -> #private::Result<#batch_ty, #private::StackError>
                where
                    __Samples: #private::IntoIterator<Item = &'__items Self>,
                    __Samples::IntoIter: #private::Clone,
                    Self: '__items,
                {
                    #private::stack_from::<Self, _>(samples)
                }

                #[doc = #into_doc]
                #vis fn stack_into(
                    samples: &[Self],
                    batch: &mut #batch_ty,
                ) -> #private::Result<(), #private::StackError> {
                    <Self as #private::Batchable>::stack_into(samples, batch)
                }

                #[doc = #padded_doc]
                #vis fn stack_padded(
                    samples: &[Self],
                ) -> #private::Result<#private::Padded<#batch_ty>, #private::StackError> {
                    <Self as #private::Batchable>::stack_padded(samples)
                }

                #[doc = #padded_into_doc]
                #vis fn stack_padded_into(
                    samples: &[Self],
                    batch: &mut #private::Padded<#batch_ty>,
                ) -> #private::Result<(), #private::StackError> {
                    <Self as #private::Batchable>::stack_padded_into(samples, batch)
                }
            }
        }
    }

    /// `Stack::__stack_fields` of the sample: its fields stacked, plainly or padded as the
    /// mode says (`__stack_field_into` and `__stack_field_padded_into` are the trait's, through
    /// this one function). Its samples are `SampleRefs`, not a type parameter: the function's
    /// bounds are then the same for every struct, and rustc proves each field type's stacking
    /// once for the crate, not once a struct. Its parameters and locals have mixed-site
    /// hygiene: a field's `pad` expression, the user's tokens, cannot see them.
    fn stack_fields_fn(&self) -> TokenStream {
        let private = crate::private();
        let input = self.input;
        let hygienic = Span::mixed_site();
        let fields = Ident::new("__fields", hygienic);
        let batch = Ident::new("__batch", hygienic);
        let tensors = input.tensor_fields().map(|field| {
            let ident = field.ident;
            let ty = field.ty;
            let pad = match &field.attrs.pad {
                Some(pad) => quote_spanned!(hygienic=> #private::Some({
                    let __pad: <#ty as #private::TensorField>::Elem = #pad;
                    __pad
                })),
                None => quote!(#private::None),
            };
            quote_spanned! {hygienic=>
                #fields.field::<#ty>(|__sample: &Self| &__sample.#ident, #pad, &mut #batch.#ident);
            }
        });
        let cloned = input.skipped_fields().map(|field| {
            let ident = field.ident;
            let ty = field.ty;
            let at = crate::private_at(field.ty.span());
            // At the field's type: a type that is not `Clone` is one error, there.
            let clone = quote_spanned!(field.ty.span()=>
                |__sample: &Self| <#ty as #at::Clone>::clone(&__sample.#ident)
            );
            quote_spanned!(hygienic=> #fields.skipped(#clone, &mut #batch.#ident);)
        });
        quote_spanned! {hygienic=>
            fn __stack_fields<'__items, __Mode: #private::StackMode>(
                __samples: #private::SampleRefs<'_, '__items, Self>,
                __n: usize,
                __path: #private::Option<&#private::Path<'_>>,
                __mode: &mut __Mode,
                __batch: &mut Self::Batch,
            ) -> #private::Result<(), #private::StackError> {
                let mut __fields = #private::StackFields::new(
                    __samples,
                    __n,
                    <Self as #private::TensorSpec>::spec(),
                    __path,
                    __mode,
                );
                #(#tensors)*
                #(#cloned)*
                __fields.finish::<Self>(__batch)
            }
        }
    }

    /// `Unstack` and `into_samples`, for structs without lifetimes (a batch cannot lend views).
    fn unstack_impls(&self) -> TokenStream {
        let input = self.input;
        if has_lifetimes(input.generics) {
            return TokenStream::new();
        }
        let private = crate::private();
        let sample = input.ident;
        let vis = input.vis;
        let batch_ty = self.ty();
        let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
        let predicates = self.sample_predicates(&quote!(#private::Unstack));
        // Each field's values, in a tuple (nested past twelve) that the runtime turns into rows.
        let columns: Vec<TokenStream> = input
            .fields
            .iter()
            .map(|field| {
                let ident = field.ident;
                if field.attrs.skip.is_some() {
                    let field_name = field.name();
                    quote!(__fields.skipped(#field_name, __batch.#ident))
                } else {
                    let ty = field.ty;
                    quote!(__fields.field::<#ty>(__batch.#ident))
                }
            })
            .collect();
        let columns = nest(&columns);
        let vars: Vec<TokenStream> = (0..input.fields.len())
            .map(|index| format_ident!("__field_{}", index).into_token_stream())
            .collect();
        let row = nest(&vars);
        let fields = input.fields.iter().zip(&vars).map(|(field, var)| {
            let ident = field.ident;
            quote!(#ident: #var)
        });
        let doc = format!(
            "Splits the batch back into its [`{sample}`]s, in order: the reverse of \
             [`{sample}::stack`]. Errs if a field was replaced by one of another length or shape."
        );
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Unstack for #sample #ty_generics
            where #(#predicates,)*
            {
                fn __split_field(
                    __batch: Self::Batch,
                    __n: usize,
                    __path: #private::Option<&#private::Path<'_>>,
                ) -> #private::Result<#private::Vec<Self>, #private::StackError> {
                    let mut __fields = #private::SplitFields::new(
                        <Self as #private::TensorSpec>::spec(),
                        __path,
                        __n,
                    );
                    let __columns = #columns;
                    __fields.samples(__columns, |#row| Self { #(#fields,)* })
                }
            }

            impl #impl_generics #batch_ty
            where #(#predicates,)*
            {
                #[doc = #doc]
                #vis fn into_samples(self) -> #private::Result<#private::Vec<#sample #ty_generics>, #private::StackError> {
                    let __n = self.len();
                    <#sample #ty_generics as #private::Unstack>::__split_field(self, __n, #private::None)
                }
            }
        }
    }
}
