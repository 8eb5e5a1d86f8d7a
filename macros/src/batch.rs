//! `#[tensor(batch = Name)]`: the batch struct, and stacking samples into it and back.
//!
//! The batch struct is itself a `#[derive(TensorSpec)]` struct: each tensor field is
//! `BatchOf<FieldType>` (an owned ndarray array with a leading batch axis, `Option` of one, or
//! a nested batch struct), declared with the sample's dtype and shape behind a `batch` symbol;
//! each skipped field is a `Vec` of the samples' values.

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};
use syn::spanned::Spanned;
use syn::{GenericParam, Generics};

use crate::ast::{Field, Input};
use crate::attr::Dim;
use crate::expand::static_lifetimes;

/// The batch struct and its impls, or nothing without `#[tensor(batch = ...)]`.
pub fn expand(input: &Input) -> (TokenStream, TokenStream) {
    let Some(batch) = &input.attrs.batch else {
        let no_lifetimes = !input
            .generics
            .params
            .iter()
            .any(|param| matches!(param, GenericParam::Lifetime(_)));
        return (
            TokenStream::new(),
            no_batch(input.ident, input.generics, no_lifetimes),
        );
    };
    (batch_struct(input, batch), impls(input, batch))
}

/// `Stack` (and `Unstack`) of a struct without a batch type: its batch is `NoBatch`, so that a
/// batched struct with it as a field fails once, at that field, and nowhere else.
pub fn no_batch(ident: &Ident, generics: &Generics, unstack: bool) -> TokenStream {
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    let mut predicates = crate::expand::struct_predicates(generics);
    predicates.push(quote!(Self: ::tensorspec::TensorField));
    let private = quote!(::tensorspec::__private);
    let unstack = unstack.then(|| {
        quote! {
            #[automatically_derived]
            impl #impl_generics #private::Unstack for #ident #ty_generics
            where #(#predicates,)*
            {
                fn __unstack(
                    _: Self::Batch,
                    n: usize,
                    path: #private::Option<&#private::Path<'_>>,
                ) -> #private::Result<#private::Vec<Self>, #private::StackError> {
                    #private::Err(#private::rows_error(path, n, 0))
                }
            }
        }
    });
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Stack for #ident #ty_generics
        where #(#predicates,)*
        {
            type Batch = #private::NoBatch<Self>;

            fn __stack<'__items, __Items>(
                _: __Items,
                _: usize,
                _: #private::Option<&#private::Path<'_>>,
            ) -> #private::Result<Self::Batch, #private::StackError>
            where
                __Items: #private::Iterator<Item = &'__items Self> + #private::Clone,
                Self: '__items,
            {
                #private::Ok(#private::NoBatch::NEW)
            }

            fn __stack_padded<'__items, __Items>(
                _: __Items,
                _: usize,
                _: #private::Option<<Self as #private::TensorField>::Elem>,
                _: #private::Option<&#private::Path<'_>>,
                _: &mut #private::Lengths,
            ) -> #private::Result<Self::Batch, #private::StackError>
            where
                __Items: #private::Iterator<Item = &'__items Self> + #private::Clone,
                Self: '__items,
            {
                #private::Ok(#private::NoBatch::NEW)
            }

            fn __batch_len(_: &Self::Batch) -> #private::Option<usize> {
                #private::None
            }

            fn __empty(
                _: #private::Option<&[usize]>,
                _: #private::Option<&#private::Path<'_>>,
            ) -> #private::Result<Self::Batch, #private::StackError> {
                #private::Ok(#private::NoBatch::NEW)
            }
        }

        #unstack
    }
}

/// The struct's generics without lifetimes: a batch owns its data.
fn batch_generics(generics: &Generics) -> Generics {
    let params = generics
        .params
        .iter()
        .filter(|param| !matches!(param, GenericParam::Lifetime(_)))
        .map(|param| static_lifetimes(param.to_token_stream()));
    let mut batch: Generics = syn::parse_quote!(<#(#params),*>);
    if let Some(clause) = &generics.where_clause {
        let predicates = clause
            .predicates
            .iter()
            .map(|predicate| static_lifetimes(predicate.to_token_stream()));
        batch.where_clause = Some(syn::parse_quote!(where #(#predicates),*));
    }
    batch
}

/// A name for the batch axis that no field's shape uses.
fn batch_symbol(input: &Input) -> Ident {
    let used = |name: &str| {
        input.fields.iter().any(|field| {
            field.attrs.shape.as_ref().is_some_and(|shape| {
                shape
                    .dims
                    .iter()
                    .any(|dim| matches!(dim, Dim::Ident(ident) if ident == name))
            })
        })
    };
    let name = ["batch", "batch_size", "batch_len"]
        .into_iter()
        .find(|name| !used(name))
        .unwrap_or("batch_axis");
    Ident::new(name, Span::call_site())
}

fn tensor_fields<'a>(input: &'a Input) -> impl Iterator<Item = &'a Field<'a>> {
    input
        .fields
        .iter()
        .filter(|field| field.attrs.skip.is_none())
}

fn skipped_fields<'a>(input: &'a Input) -> impl Iterator<Item = &'a Field<'a>> {
    input
        .fields
        .iter()
        .filter(|field| field.attrs.skip.is_some())
}

fn batch_struct(input: &Input, batch: &Ident) -> TokenStream {
    let vis = input.vis;
    let sample = input.ident;
    let generics = batch_generics(input.generics);
    let (_, _, where_clause) = generics.split_for_impl();
    let params = &generics.params;
    let symbol = batch_symbol(input);
    let tensors = tensor_fields(input).map(|field| {
        let ident = field.ident;
        let field_vis = field.vis;
        let ty = static_lifetimes(field.ty.to_token_stream());
        let name = field.name();
        let mut keys = Vec::new();
        if let Some((dtype, _)) = field.attrs.dtype {
            let dtype = Ident::new(dtype.name(), Span::call_site());
            keys.push(quote!(dtype = #dtype));
        }
        let mut shown = String::new();
        let declared = field.attrs.shape.as_ref().is_some_and(|shape| shape.valid);
        if !declared {
            keys.push(quote!(__batch_of = #ty));
        }
        if let Some(shape) = field.attrs.shape.as_ref().filter(|shape| shape.valid) {
            let dims = shape.dims.iter().map(|dim| match dim {
                Dim::Fixed(extent, _) => {
                    let extent = proc_macro2::Literal::usize_unsuffixed(*extent);
                    quote!(#extent)
                }
                Dim::Any => quote!(_),
                Dim::Ident(ident) => quote!(#ident),
                Dim::Expr(expr, _) => quote!({ #expr }),
            });
            let dims: Vec<TokenStream> = dims.collect();
            keys.push(quote!(shape = [#symbol, #(#dims),*]));
            shown = format!(
                " Shape `[{symbol}{}]`.",
                dims.iter()
                    .map(|dim| format!(", {}", dim.to_string().replace(' ', "")))
                    .collect::<String>()
            );
        }
        let doc = format!("Field `{name}` of each sample, stacked along a leading axis.{shown}");
        let attr = (!keys.is_empty()).then(|| quote!(#[tensor(#(#keys),*)]));
        quote! {
            #[doc = #doc]
            #attr
            #field_vis #ident: ::tensorspec::BatchOf<#ty>
        }
    });
    let skipped = skipped_fields(input).map(|field| {
        let ident = field.ident;
        let field_vis = field.vis;
        let ty = static_lifetimes(field.ty.to_token_stream());
        // Spanned at the sample's field: a type that is not `Clone` is reported there.
        let span = field.ty.span();
        let doc = format!(
            "Field `{}` of each sample (not a tensor: one value a sample).",
            field.name()
        );
        let vec = quote::quote_spanned!(span=> ::std::vec::Vec);
        quote! {
            #[doc = #doc]
            #[tensor(skip)]
            #field_vis #ident: #vec<#ty>
        }
    });
    let doc = format!(
        "A batch of [`{sample}`]s: each tensor field stacked along a leading `{symbol}` axis, \
         in standard layout. Made by [`{sample}::stack`], [`{sample}::stack_from`], \
         [`{sample}::stack_padded`] or a stream's `batched(n)`."
    );
    quote! {
        #[doc = #doc]
        #[derive(::tensorspec::TensorSpec)]
        #vis struct #batch <#params> #where_clause {
            #(#tensors,)*
            #(#skipped,)*
        }
    }
}

/// The where-predicates of the batch impls: the struct's own, `Ty: trait_` for each field type
/// that mentions a type parameter, and `Self: TensorField` for a struct with type parameters.
/// Only those: a where-clause `[[u8; N]; N]: Stack` would hide the impl's associated types.
fn bounds(input: &Input, trait_: TokenStream) -> Vec<TokenStream> {
    let mut predicates = crate::expand::struct_predicates(input.generics);
    for field in tensor_fields(input) {
        let ty = field.ty;
        if crate::expand::mentions(ty.to_token_stream(), &input.type_params) {
            predicates.push(quote!(#ty: #trait_));
        }
    }
    if !input.type_params.is_empty() {
        predicates.push(quote!(Self: ::tensorspec::TensorField));
    }
    predicates
}

fn impls(input: &Input, batch: &Ident) -> TokenStream {
    let sample = input.ident;
    let vis = input.vis;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let predicates = bounds(input, quote!(::tensorspec::Stack));
    let batch_generics = batch_generics(input.generics);
    let (batch_impl_generics, batch_ty_generics, batch_where) = batch_generics.split_for_impl();
    let private = quote!(::tensorspec::__private);
    let path = |field: &Field| {
        let name = field.name();
        quote!(#private::Some(&#private::Path::new(path, #name)))
    };
    let empty = tensor_fields(input).map(|field| {
        let ident = field.ident;
        let ty = field.ty;
        let path = path(field);
        let declared = match field.attrs.shape.as_ref().filter(|shape| shape.valid) {
            Some(shape) => {
                let extents =
                    crate::expand::declared(shape, &input.const_params).map(|dim| match dim {
                        crate::expand::Declared::Fixed(extent) => extent,
                        crate::expand::Declared::Any | crate::expand::Declared::Symbol(_) => {
                            quote!(0)
                        }
                    });
                quote!(#private::Some(&[#(#extents),*]))
            }
            None => quote!(#private::None),
        };
        quote!(#ident: <#ty as #private::Stack>::__empty(#declared, #path)?)
    });
    let empty: Vec<TokenStream> = empty.collect();
    let empty_skipped = skipped_fields(input).map(|field| {
        let ident = field.ident;
        quote!(#ident: #private::Vec::new())
    });
    let empty_skipped: Vec<TokenStream> = empty_skipped.collect();
    let stacked = tensor_fields(input).map(|field| {
        let ident = field.ident;
        let ty = field.ty;
        let path = path(field);
        quote! {
            #ident: <#ty as #private::Stack>::__stack(
                #private::Iterator::map(items.clone(), |sample: &Self| &sample.#ident),
                n,
                #path,
            )?
        }
    });
    let padded = tensor_fields(input).map(|field| {
        let ident = field.ident;
        let ty = field.ty;
        let path = path(field);
        let pad = match &field.attrs.pad {
            Some(pad) => quote!(#private::Some({
                let pad: <#ty as #private::TensorField>::Elem = #pad;
                pad
            })),
            None => quote!(#private::None),
        };
        quote! {
            #ident: <#ty as #private::Stack>::__stack_padded(
                #private::Iterator::map(items.clone(), |sample: &Self| &sample.#ident),
                n,
                #pad,
                #path,
                lengths,
            )?
        }
    });
    let cloned = skipped_fields(input).map(|field| {
        let ident = field.ident;
        let call = quote::quote_spanned!(field.ty.span()=>
            ::tensorspec::__private::clone_all(items.clone(), |sample: &Self| &sample.#ident)
        );
        quote!(#ident: #call)
    });
    let cloned: Vec<TokenStream> = cloned.collect();
    let count = input.fields.len();
    let lens = tensor_fields(input)
        .map(|field| {
            let ident = field.ident;
            let ty = static_lifetimes(field.ty.to_token_stream());
            quote!(<#ty as #private::Stack>::__batch_len(&self.#ident))
        })
        .chain(skipped_fields(input).map(|field| {
            let ident = field.ident;
            quote!(#private::Some(self.#ident.len()))
        }));
    let unstack = unstack(input, batch);
    let batch_name = batch.to_string();
    let mut clone_predicates = crate::expand::struct_predicates(&batch_generics);
    for field in &input.fields {
        let ty = static_lifetimes(field.ty.to_token_stream());
        if field.attrs.skip.is_none() {
            clone_predicates.push(quote!(::tensorspec::BatchOf<#ty>: #private::Clone));
        } else if crate::expand::mentions(ty.clone(), &input.type_params) {
            clone_predicates.push(quote!(#ty: #private::Clone));
        }
    }
    // A skipped field's values are cloned by the same call, at the same span, as when
    // stacking: a type that is not `Clone` is one error, at the field.
    let clone_fields = input.fields.iter().map(|field| {
        let ident = field.ident;
        if field.attrs.skip.is_some() {
            let call = quote::quote_spanned!(field.ty.span()=>
                ::tensorspec::__private::clone_all(self.#ident.iter(), |value| value)
            );
            quote!(#ident: #call)
        } else {
            quote!(#ident: #private::Clone::clone(&self.#ident))
        }
    });
    let mut debug_predicates = crate::expand::struct_predicates(&batch_generics);
    let debug_fields = input.fields.iter().map(|field| {
        let ident = field.ident;
        let name = field.name();
        quote!(.field(#name, &#private::ShowBatch(&self.#ident)))
    });
    for field in tensor_fields(input) {
        let ty = static_lifetimes(field.ty.to_token_stream());
        debug_predicates.push(quote!(::tensorspec::BatchOf<#ty>: #private::DebugBatch));
    }
    let stack_doc = format!(
        "Stacks `samples` into one [`{batch}`]: each tensor field becomes one array with a \
         leading batch axis, allocated once and filled with straight copies.\n\n\
         Every extent that the spec leaves open (a symbol, `_`, or one the type leaves open) \
         must be the same in every sample; the error names the field, the axis, the first \
         sample that differs and both extents. Skipped fields are cloned into `Vec`s."
    );
    let stack_from_doc = format!(
        "[`{sample}::stack`] of the samples of an iterator of references, read without \
         collecting them (the iterator is cloned: one pass a field)."
    );
    let padded_doc = format!(
        "[`{sample}::stack`], but extents may differ between samples: each axis is as long as \
         the longest sample's, shorter samples padded with the field's `pad` value (its \
         element type's default, 0 or `false`, without one), and [`Padded::lengths`]\
         (::tensorspec::Padded::lengths) gives every sample's true shape."
    );
    quote! {
        #[automatically_derived]
        impl #impl_generics #private::Stack for #sample #ty_generics
        where #(#predicates,)*
        {
            type Batch = #batch #batch_ty_generics;

            fn __stack<'__items, __Items>(
                items: __Items,
                n: usize,
                path: #private::Option<&#private::Path<'_>>,
            ) -> #private::Result<Self::Batch, #private::StackError>
            where
                __Items: #private::Iterator<Item = &'__items Self> + #private::Clone,
                Self: '__items,
            {
                if n == 0 {
                    return <Self as #private::Stack>::__empty(#private::None, path);
                }
                #private::Ok(#batch {
                    #(#stacked,)*
                    #(#cloned,)*
                })
            }

            fn __stack_padded<'__items, __Items>(
                items: __Items,
                n: usize,
                _: #private::Option<<Self as #private::TensorField>::Elem>,
                path: #private::Option<&#private::Path<'_>>,
                lengths: &mut #private::Lengths,
            ) -> #private::Result<Self::Batch, #private::StackError>
            where
                __Items: #private::Iterator<Item = &'__items Self> + #private::Clone,
                Self: '__items,
            {
                let batch = #batch {
                    #(#padded,)*
                    #(#cloned,)*
                };
                if n == 0 {
                    // The lengths are recorded (no rows); the batch has the declared extents.
                    return <Self as #private::Stack>::__empty(#private::None, path);
                }
                #private::Ok(batch)
            }

            fn __batch_len(batch: &Self::Batch) -> #private::Option<usize> {
                #private::Some(batch.len())
            }

            fn __empty(
                _: #private::Option<&[usize]>,
                path: #private::Option<&#private::Path<'_>>,
            ) -> #private::Result<Self::Batch, #private::StackError> {
                let _ = path;
                #private::Ok(#batch {
                    #(#empty,)*
                    #(#empty_skipped,)*
                })
            }
        }

        #[automatically_derived]
        impl #impl_generics #private::Batchable for #sample #ty_generics
        where #(#predicates,)*
        {
            type Batch = #batch #batch_ty_generics;

            fn __stack_samples<'__items, __Items>(
                items: __Items,
                n: usize,
            ) -> #private::Result<Self::Batch, #private::StackError>
            where
                __Items: #private::Iterator<Item = &'__items Self> + #private::Clone,
                Self: '__items,
            {
                #private::stack_samples(items, n)
            }

            fn __stack_samples_padded<'__items, __Items>(
                items: __Items,
                n: usize,
            ) -> #private::Result<#private::Padded<Self::Batch>, #private::StackError>
            where
                __Items: #private::Iterator<Item = &'__items Self> + #private::Clone,
                Self: '__items,
            {
                #private::stack_samples_padded(items, n)
            }
        }

        impl #impl_generics #sample #ty_generics
        where #(#predicates,)*
        {
            #[doc = #stack_doc]
            #vis fn stack(
                samples: &[Self],
            ) -> #private::Result<#batch #batch_ty_generics, #private::StackError> {
                <Self as #private::Stack>::__stack(samples.iter(), samples.len(), #private::None)
            }

            #[doc = #stack_from_doc]
            #vis fn stack_from<'__items, __Samples>(
                samples: __Samples,
            ) -> #private::Result<#batch #batch_ty_generics, #private::StackError>
            where
                __Samples: #private::IntoIterator<Item = &'__items Self>,
                __Samples::IntoIter: #private::Clone,
                Self: '__items,
            {
                let items = #private::IntoIterator::into_iter(samples);
                let n = #private::Iterator::count(#private::Clone::clone(&items));
                <Self as #private::Stack>::__stack(items, n, #private::None)
            }

            #[doc = #padded_doc]
            #vis fn stack_padded(
                samples: &[Self],
            ) -> #private::Result<#private::Padded<#batch #batch_ty_generics>, #private::StackError> {
                #private::stack_samples_padded(samples.iter(), samples.len())
            }
        }

        #[automatically_derived]
        impl #batch_impl_generics #private::IsBatch for #batch #batch_ty_generics #batch_where {}

        #[automatically_derived]
        impl #batch_impl_generics #private::Clone for #batch #batch_ty_generics
        where #(#clone_predicates,)*
        {
            fn clone(&self) -> Self {
                #batch {
                    #(#clone_fields,)*
                }
            }
        }

        #[automatically_derived]
        impl #batch_impl_generics #private::Debug for #batch #batch_ty_generics
        where #(#debug_predicates,)*
        {
            fn fmt(&self, f: &mut #private::Formatter<'_>) -> #private::FmtResult {
                f.debug_struct(#batch_name)
                    #(#debug_fields)*
                    .finish()
            }
        }

        #[automatically_derived]
        impl #batch_impl_generics #private::DebugBatch for #batch #batch_ty_generics
        where #(#debug_predicates,)*
        {
            fn fmt_batch(&self, f: &mut #private::Formatter<'_>) -> #private::FmtResult {
                #private::Debug::fmt(self, f)
            }
        }

        impl #batch_impl_generics #batch #batch_ty_generics #batch_where {
            /// The number of samples in the batch.
            #vis fn len(&self) -> usize {
                let lens: [#private::Option<usize>; #count] = [#(#lens),*];
                #private::Iterator::next(&mut #private::Iterator::flatten(#private::IntoIterator::into_iter(lens)))
                    .unwrap_or(0)
            }

            /// Whether the batch has no samples.
            #vis fn is_empty(&self) -> bool {
                self.len() == 0
            }
        }

        #unstack
    }
}

/// `Unstack` and `into_samples`, for structs without lifetimes (a batch cannot lend views).
fn unstack(input: &Input, batch: &Ident) -> TokenStream {
    let has_lifetimes = input
        .generics
        .params
        .iter()
        .any(|param| matches!(param, GenericParam::Lifetime(_)));
    if has_lifetimes {
        return TokenStream::new();
    }
    let sample = input.ident;
    let vis = input.vis;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let predicates = bounds(input, quote!(::tensorspec::Unstack));
    let private = quote!(::tensorspec::__private);
    let columns = input.fields.iter().map(|field| {
        let ident = field.ident;
        let column = format_ident!("__column_{}", field.name());
        let name = field.name();
        let value = if field.attrs.skip.is_some() {
            quote! {{
                let values = batch.#ident;
                if values.len() != n {
                    return #private::Err(#private::rows_error(
                        #private::Some(&#private::Path::new(path, #name)),
                        n,
                        values.len(),
                    ));
                }
                values
            }}
        } else {
            let ty = field.ty;
            quote! {
                <#ty as #private::Unstack>::__unstack(
                    batch.#ident,
                    n,
                    #private::Some(&#private::Path::new(path, #name)),
                )?
            }
        };
        quote!(let mut #column = #private::IntoIterator::into_iter(#value);)
    });
    let fields = input.fields.iter().map(|field| {
        let ident = field.ident;
        let column = format_ident!("__column_{}", field.name());
        quote!(#ident: #private::Iterator::next(&mut #column)?)
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
            fn __unstack(
                batch: Self::Batch,
                n: usize,
                path: #private::Option<&#private::Path<'_>>,
            ) -> #private::Result<#private::Vec<Self>, #private::StackError> {
                #(#columns)*
                let samples: #private::Option<#private::Vec<Self>> = (0..n)
                    .map(|_| #private::Some(Self { #(#fields,)* }))
                    .collect();
                samples.ok_or_else(|| #private::rows_error(path, n, 0))
            }
        }

        impl #impl_generics #batch #ty_generics
        where #(#predicates,)*
        {
            #[doc = #doc]
            #vis fn into_samples(self) -> #private::Result<#private::Vec<#sample #ty_generics>, #private::StackError> {
                let n = self.len();
                <#sample #ty_generics as #private::Unstack>::__unstack(self, n, #private::None)
            }
        }
    }
}
