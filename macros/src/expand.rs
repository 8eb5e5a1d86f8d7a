//! Code generation: the compile-time checks, `TensorSpec` and `TensorField` for the struct.
//!
//! Each check is a trait-bound probe whose `Self` is a type named after the field:
//!
//! - a field whose type does not mention the struct's generic parameters is checked in a
//!   function of its own, `fn check<field>() { let _ = <<field as Id>::Out as DTypeIs<f32,
//!   <Ty as TensorField>::Elem>>::OK; }`, so `cargo check` reports a mismatch at the field's
//!   type. `field` is a type parameter, declared at the call site: rustc then adds no help
//!   pointing into this crate, and prints the parameter's name, the field's;
//! - a field whose type or declared extents mention them is checked through where-clauses of
//!   the generated impl, where the struct is used as a `TensorSpec` (a `const _` item cannot
//!   name the struct's parameters).

use std::collections::BTreeSet;

use proc_macro2::{Ident, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote, quote_spanned};

use syn::Generics;

use crate::ast::{Field, Input};
use crate::attr::Dim;

pub fn derive(input: &Input) -> TokenStream {
    let (checks, where_markers, where_predicates) = plan(input);
    let impls = impls(input, &where_predicates);
    let (batch_struct, batch_impls) = crate::batch::expand(input);
    let tensors = crate::tensors::expand(input);
    quote! {
        #batch_struct

        #[doc(hidden)]
        const _: () = {
            #checks
            #where_markers
            #impls
            #batch_impls
            #tensors
        };
    }
}

/// The checks that need no impl, for an input with errors elsewhere.
pub fn checks_only(input: &Input) -> TokenStream {
    plan(input).0
}

/// The check functions, the marker types of where-clause checks, and those predicates.
fn plan(input: &Input) -> (TokenStream, TokenStream, Vec<TokenStream>) {
    let generic_names = input
        .type_params
        .union(&input.const_params)
        .cloned()
        .collect();
    let taken = taken_names(input);
    let mut checks = TokenStream::new();
    let mut where_markers = TokenStream::new();
    let mut where_predicates = Vec::new();
    for (index, field) in input.fields.iter().enumerate() {
        if field.attrs.skip.is_some() {
            continue;
        }
        let plan = FieldChecks::new(input, field, &generic_names, &taken);
        checks.extend(plan.check_fn(index));
        if input.attrs.batch.is_some() {
            checks.extend(plan.batch_check_fn(index));
        }
        let predicates = plan.where_predicates();
        if !predicates.is_empty() {
            let marker = &plan.marker;
            where_markers.extend(quote! {
                #[allow(non_camel_case_types, dead_code)]
                struct #marker;
            });
            where_predicates.extend(predicates);
        }
    }
    (checks, where_markers, where_predicates)
}

/// The `TensorSpec` impl and the `TensorField` impl that lets the struct be a nested spec.
fn impls(input: &Input, extra_predicates: &[TokenStream]) -> TokenStream {
    let ident = input.ident;
    let (impl_generics, ty_generics, _) = input.generics.split_for_impl();
    let mut predicates = struct_predicates(input.generics);
    predicates.extend(extra_predicates.iter().cloned());
    let nested = nested_impl(ident, input.generics, &predicates);
    let name = ident.to_string();
    let fields = input
        .fields
        .iter()
        .filter(|field| field.attrs.skip.is_none())
        .map(|field| field_spec(field, &input.const_params));
    let validate = validate_fn(input);
    quote! {
        #[automatically_derived]
        impl #impl_generics ::tensorspec::TensorSpec for #ident #ty_generics
        where #(#predicates,)*
        {
            fn spec() -> &'static ::tensorspec::Spec {
                &const {
                    ::tensorspec::__private::Spec::new(#name, &const { [#(#fields),*] })
                }
            }

            #validate
        }

        #nested
    }
}

/// `__validate_into`: each field checked in order, symbols numbered in order of first use.
fn validate_fn(input: &Input) -> TokenStream {
    let private = quote!(::tensorspec::__private);
    let mut symbols: Vec<String> = Vec::new();
    let mut checks = Vec::new();
    for field in input
        .fields
        .iter()
        .filter(|field| field.attrs.skip.is_none())
    {
        let name = field.name();
        let ident = field.ident;
        let ty = field.ty;
        let expect = expect_tokens(field, &input.const_params, &mut symbols);
        checks.push(quote! {
            <#ty as #private::TensorField>::__check(&self.#ident, &mut checker, #name, #expect);
        });
    }
    let count = symbols.len();
    quote! {
        #[inline]
        fn __validate_into(
            &self,
            prefix: #private::Option<&#private::Path<'_>>,
            out: &mut #private::Vec<#private::Violation>,
        ) -> bool {
            let mut bindings = [#private::None; #count];
            let mut checker = #private::Checker::new(prefix, &[#(#symbols),*], &mut bindings, out);
            #(#checks)*
            checker.finish()
        }
    }
}

/// The predicates of the struct's own where-clause, to extend with the checks'.
pub fn struct_predicates(generics: &Generics) -> Vec<TokenStream> {
    generics
        .where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter())
        .map(ToTokens::to_token_stream)
        .collect()
}

/// `TensorField` for the struct, so that it can be a field of another spec (a nested spec).
pub fn nested_impl(ident: &Ident, generics: &Generics, predicates: &[TokenStream]) -> TokenStream {
    let (impl_generics, ty_generics, _) = generics.split_for_impl();
    quote! {
        #[automatically_derived]
        #[diagnostic::do_not_recommend]
        impl #impl_generics ::tensorspec::TensorField for #ident #ty_generics
        where #(#predicates,)* Self: ::tensorspec::TensorSpec
        {
            type Elem = Self;
            #[doc(hidden)]
            type Shape = ::tensorspec::__private::NestedShape;
            #[doc(hidden)]
            const KIND: ::tensorspec::__private::FieldKind =
                ::tensorspec::__private::FieldKind::Nested {
                    spec: <Self as ::tensorspec::TensorSpec>::spec,
                    optional: false,
                };

            #[inline]
            fn __check(
                &self,
                checker: &mut ::tensorspec::__private::Checker<'_>,
                name: &'static str,
                _: ::tensorspec::__private::Option<&[::tensorspec::__private::Expect]>,
            ) {
                checker.nested(name, self);
            }
        }
    }
}

/// `Some(&const { [Expect::..] })` for a field's declared shape (symbols numbered in
/// `symbols`, in order of first use), `None` without one.
pub fn expect_tokens(
    field: &Field,
    const_params: &BTreeSet<String>,
    symbols: &mut Vec<String>,
) -> TokenStream {
    let private = quote!(::tensorspec::__private);
    match field.attrs.shape.as_ref().filter(|shape| shape.valid) {
        Some(shape) => {
            let dims = declared(shape, const_params).map(|dim| match dim {
                Declared::Fixed(extent) => quote!(#private::Expect::Fixed(#extent)),
                Declared::Any => quote!(#private::Expect::Any),
                Declared::Symbol(symbol) => {
                    let k = symbols
                        .iter()
                        .position(|s| *s == symbol)
                        .unwrap_or_else(|| {
                            symbols.push(symbol);
                            symbols.len() - 1
                        });
                    quote!(#private::Expect::Symbol(#k))
                }
            });
            let dims: Vec<TokenStream> = dims.collect();
            quote!(#private::Some(&const { [#(#dims),*] }))
        }
        None => quote!(#private::None),
    }
}

/// A declared axis once the struct's const parameters are known.
pub enum Declared {
    /// A literal, `{ expr }` or const parameter, as a `usize` expression.
    Fixed(TokenStream),
    Any,
    Symbol(String),
}

pub fn declared<'a>(
    shape: &'a crate::attr::Shape,
    const_params: &'a BTreeSet<String>,
) -> impl Iterator<Item = Declared> + 'a {
    shape.dims.iter().map(|dim| match dim {
        Dim::Fixed(extent, _) => Declared::Fixed(quote!(#extent)),
        Dim::Any => Declared::Any,
        Dim::Ident(ident) if const_params.contains(&ident.to_string()) => {
            Declared::Fixed(quote!(#ident))
        }
        Dim::Ident(ident) => Declared::Symbol(ident.to_string()),
        Dim::Expr(expr, _) => Declared::Fixed(quote!({ #expr })),
    })
}

/// `FieldSpec::new("name", <Ty as TensorField>::KIND.with_dims(&[...]))`.
fn field_spec(field: &Field, const_params: &BTreeSet<String>) -> TokenStream {
    let name = field.name();
    let ty = field.ty;
    let kind = quote!(<#ty as ::tensorspec::TensorField>::KIND);
    let kind = match &field.attrs.shape {
        Some(shape) => {
            let dims = declared(shape, const_params).map(|dim| match dim {
                Declared::Fixed(extent) => quote!(::tensorspec::Dim::Fixed(#extent)),
                Declared::Any => quote!(::tensorspec::Dim::Any),
                Declared::Symbol(symbol) => quote!(::tensorspec::Dim::Symbol(#symbol)),
            });
            quote!(#kind.with_dims(&const { [#(#dims),*] }))
        }
        None => match &field.attrs.batch_of {
            Some(sample_ty) => quote! {
                #kind.with_batch_dims(
                    <<#sample_ty as ::tensorspec::TensorField>::Shape as ::tensorspec::__private::Shape>::BATCH_DIMS
                )
            },
            None => kind,
        },
    };
    quote!(::tensorspec::__private::FieldSpec::new(#name, #kind))
}

/// The checks of one field, split by whether they mention the struct's generic parameters.
struct FieldChecks<'a> {
    field: &'a Field<'a>,
    /// The type named after the field, `Self` of every probe.
    marker: Ident,
    /// Whether the field's type mentions a generic parameter.
    generic_type: bool,
    generic_names: &'a BTreeSet<String>,
    const_params: &'a BTreeSet<String>,
}

/// A probe's parts: the field's type (lifetimes `'static`), the span of its first token,
/// `<field as Id>::Out` spanned over the type, and the runtime's hidden path.
struct Probe {
    ty: TokenStream,
    span: Span,
    this: TokenStream,
    private: TokenStream,
}

/// One fixed extent to check, whether it mentions a generic parameter, and whether it is an
/// `{expr}` (which cannot be a const argument when it does).
struct Extent {
    axis: usize,
    value: TokenStream,
    generic: bool,
    expr: bool,
}

impl<'a> FieldChecks<'a> {
    fn new(
        input: &'a Input,
        field: &'a Field<'a>,
        generic_names: &'a BTreeSet<String>,
        taken: &BTreeSet<String>,
    ) -> Self {
        let name = field.name();
        // A marker named like a type the struct uses would shadow it.
        let renamed = taken.contains(&name);
        let marker_name = if renamed {
            format!("{name}_field")
        } else {
            name
        };
        let marker = if field.ident.to_string().starts_with("r#") && !renamed {
            Ident::new_raw(&marker_name, Span::call_site())
        } else {
            Ident::new(&marker_name, Span::call_site())
        };
        FieldChecks {
            field,
            marker,
            generic_type: mentions(field.ty.to_token_stream(), generic_names),
            generic_names,
            const_params: &input.const_params,
        }
    }

    /// The declared shape, if it is well-formed.
    fn shape(&self) -> Option<&'a crate::attr::Shape> {
        self.field.attrs.shape.as_ref().filter(|shape| shape.valid)
    }

    /// The declared fixed extents: literals, `{expr}`s and const parameters.
    fn extents(&self) -> Vec<Extent> {
        let Some(shape) = self.shape() else {
            return Vec::new();
        };
        shape
            .dims
            .iter()
            .enumerate()
            .filter_map(|(axis, dim)| match dim {
                Dim::Fixed(extent, span) => Some(Extent {
                    axis,
                    value: quote_spanned!(*span=> #extent),
                    generic: false,
                    expr: false,
                }),
                Dim::Ident(ident) if self.const_params.contains(&ident.to_string()) => {
                    Some(Extent {
                        axis,
                        value: quote!(#ident),
                        generic: true,
                        expr: false,
                    })
                }
                Dim::Expr(expr, span) => Some(Extent {
                    axis,
                    value: quote_spanned!(*span=> { #expr }),
                    generic: mentions(expr.clone(), self.generic_names),
                    expr: true,
                }),
                Dim::Any | Dim::Ident(_) => None,
            })
            .collect()
    }

    /// What every probe of this field is made of, spanned at the field's type.
    fn probe(&self) -> Probe {
        let ty = static_lifetimes(self.field.ty.to_token_stream());
        let (first, last) = first_and_last_span(&ty);
        let span = Span::call_site().located_at(first);
        let marker = respan(&self.marker, span);
        let out = Ident::new("Out", Span::call_site().located_at(last));
        let this = quote_spanned!(span=> <#marker as ::tensorspec::__private::Id>::#out);
        let private = quote_spanned!(span=> ::tensorspec::__private);
        Probe {
            ty,
            span,
            this,
            private,
        }
    }

    /// `fn check<field>() { let _ = probe; ... }` for the checks that mention no generic
    /// parameter; empty when there are none.
    fn check_fn(&self, index: usize) -> TokenStream {
        if self.generic_type || (self.field.attrs.dtype.is_none() && self.shape().is_none()) {
            return TokenStream::new();
        }
        let Probe {
            ty,
            span,
            this,
            private,
        } = self.probe();
        let elem = quote_spanned!(span=> <#ty as #private::TensorField>::Elem);
        let shape = quote_spanned!(span=> <#ty as #private::TensorField>::Shape);
        // That the type is a tensor at all is checked by the spec, once.
        let mut probes = Vec::new();
        if let Some((dtype, dtype_span)) = self.field.attrs.dtype {
            let declared = dtype.element_type(dtype_span);
            probes.push(quote_spanned!(span=> <#this as #private::DTypeIs<#declared, #elem>>::OK));
        }
        if let Some(declared) = self.shape() {
            let rank = declared.dims.len();
            probes.push(quote_spanned!(span=> <#this as #private::HasShape<#elem>>::OK));
            probes.push(quote_spanned!(span=>
                <#this as #private::RankIs<#rank, { #private::found_rank(#rank, <#shape as #private::Shape>::RANK) }>>::OK
            ));
            for Extent { axis, value, .. } in self.extents().into_iter().filter(|e| !e.generic) {
                probes.push(quote_spanned!(span=>
                    <#this as #private::ExtentIs<#axis, #value, {
                        #private::found_extent(
                            #rank,
                            #value,
                            <#shape as #private::Shape>::RANK,
                            <#shape as #private::Shape>::EXTENTS,
                            #axis,
                        )
                    }>>::OK
                ));
            }
        }
        let function = Ident::new(&format!("__tensorspec_check_{index}"), Span::call_site());
        let declared_marker = &self.marker;
        quote! {
            #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
            fn #function<#declared_marker>() {
                #(let _ = #probes;)*
            }
        }
    }

    /// `fn check<field>() { let _ = BatchIs probe; }`: the field's type has a batch type (a
    /// nested spec has one only with `#[tensor(batch = ...)]`). Empty for a generic type.
    fn batch_check_fn(&self, index: usize) -> TokenStream {
        if self.generic_type {
            return TokenStream::new();
        }
        let Probe {
            ty, this, private, ..
        } = self.probe();
        let function = Ident::new(
            &format!("__tensorspec_batch_check_{index}"),
            Span::call_site(),
        );
        let declared_marker = &self.marker;
        quote! {
            #[allow(non_camel_case_types, dead_code, clippy::all)]
            fn #function<#declared_marker>() {
                let _ = <#this as #private::BatchIs<#ty, <#ty as #private::Stack>::Batch>>::OK;
            }
        }
    }

    /// Where-clause predicates for the checks that mention generic parameters.
    fn where_predicates(&self) -> Vec<TokenStream> {
        let ty = self.field.ty;
        let marker = &self.marker;
        let private = quote!(::tensorspec::__private);
        let mut predicates = Vec::new();
        if self.generic_type {
            predicates.push(quote!(#ty: #private::TensorField));
            if let Some((dtype, dtype_span)) = self.field.attrs.dtype {
                let declared = dtype.element_type(dtype_span);
                predicates.push(quote!(#marker: #private::FieldDTypeIs<#declared, #ty>));
            }
            if let Some(declared) = self.shape() {
                let rank = declared.dims.len();
                predicates.push(quote!(#marker: #private::FieldHasShape<#ty>));
                predicates.push(quote!(#marker: #private::FieldRankIs<#rank, #ty>));
            }
        }
        for Extent {
            axis,
            value,
            generic,
            expr,
        } in self.extents()
        {
            // A generic `{expr}` cannot be a const argument on stable Rust: it is checked at
            // run time instead. Non-generic extents of a non-generic type are in `check_fn`.
            if (generic && expr) || (!generic && !self.generic_type) {
                continue;
            }
            predicates.push(quote!(#marker: #private::FieldExtentIs<#axis, #value, #ty>));
        }
        predicates
    }
}

/// `like`'s name with another span, raw if `like` is raw.
fn respan(like: &Ident, span: Span) -> Ident {
    let name = like.to_string();
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(&name, span),
    }
}

/// Every identifier in the struct's field types and extent expressions, and the primitive
/// names a declared dtype expands to: a marker type with one of these names would shadow it.
fn taken_names(input: &Input) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = [
        "bool", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "usize",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for field in &input.fields {
        collect_idents(field.ty.to_token_stream(), &mut names);
        if let Some(shape) = &field.attrs.shape {
            for dim in &shape.dims {
                if let Dim::Expr(expr, _) = dim {
                    collect_idents(expr.clone(), &mut names);
                }
            }
        }
    }
    names
}

fn collect_idents(tokens: TokenStream, names: &mut BTreeSet<String>) {
    for tree in tokens {
        match tree {
            TokenTree::Ident(ident) => {
                names.insert(ident.to_string());
            }
            TokenTree::Group(group) => collect_idents(group.stream(), names),
            TokenTree::Punct(_) | TokenTree::Literal(_) => {}
        }
    }
}

/// Whether `tokens` mention any of `names` as an identifier.
pub fn mentions(tokens: TokenStream, names: &BTreeSet<String>) -> bool {
    if names.is_empty() {
        return false;
    }
    tokens.into_iter().any(|tree| match tree {
        TokenTree::Ident(ident) => names.contains(&ident.to_string()),
        TokenTree::Group(group) => mentions(group.stream(), names),
        TokenTree::Punct(_) | TokenTree::Literal(_) => false,
    })
}

/// The type with every lifetime replaced by `'static`, so that it can be named outside the
/// struct (`ArrayView2<'a, f32>` is checked as `ArrayView2<'static, f32>`).
pub fn static_lifetimes(tokens: TokenStream) -> TokenStream {
    let mut out = TokenStream::new();
    let mut after_quote = false;
    for tree in tokens {
        let tree = match tree {
            TokenTree::Ident(ident) if after_quote => {
                TokenTree::Ident(Ident::new("static", ident.span()))
            }
            TokenTree::Group(group) => {
                let mut replaced =
                    proc_macro2::Group::new(group.delimiter(), static_lifetimes(group.stream()));
                replaced.set_span(group.span());
                TokenTree::Group(replaced)
            }
            other => other,
        };
        after_quote = matches!(&tree, TokenTree::Punct(p) if p.as_char() == '\'' && p.spacing() == Spacing::Joint);
        out.extend([tree]);
    }
    out
}

/// The spans of a type's first and last tokens: a probe spanning them covers the type.
fn first_and_last_span(tokens: &TokenStream) -> (Span, Span) {
    let mut trees = tokens.clone().into_iter();
    let first = trees
        .next()
        .map_or_else(Span::call_site, |tree| tree.span());
    let last = trees.last().map_or(first, |tree| tree.span());
    (first, last)
}
