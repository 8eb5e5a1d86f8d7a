//! The compile-time checks: each is a trait-bound probe whose `Self` is a type named after
//! the field, so that an unmet bound reads as a sentence naming the field.
//!
//! - a field whose type does not mention the struct's generic parameters is checked in the
//!   struct's one check function, `fn check<field, ..>() { let _ = <<field as Id>::Out as
//!   DTypeIs<f32, <Ty as TensorField>::Elem>>::OK; .. }`, so `cargo check` reports a mismatch
//!   at the field's type. `field` is a type parameter, declared at the call site: rustc then
//!   adds no help pointing into the runtime, and prints the parameter's name, the field's;
//! - a field whose type or declared extents mention them is checked through where-clauses of
//!   the generated impl, where the struct is used as a `TensorSpec` (a `const _` item cannot
//!   name the struct's parameters).

use std::collections::BTreeSet;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};

use crate::ast::{Field, Input};
use crate::attr::Dim;
use crate::generics::{collect_idents, first_and_last_span, mentions, respan, static_lifetimes};

/// The probes of every field: functions that need no impl, marker types, and the
/// where-clause predicates for the generated impls.
pub struct Probes {
    pub functions: TokenStream,
    pub markers: TokenStream,
    pub predicates: Vec<TokenStream>,
}

/// The check functions, the marker types of where-clause checks, and those predicates.
pub fn plan(input: &Input) -> Probes {
    let generic_names = input
        .type_params
        .union(&input.const_params)
        .cloned()
        .collect();
    let taken = taken_names(input);
    let mut checks = TokenStream::new();
    let mut where_markers = TokenStream::new();
    let mut where_predicates = Vec::new();
    let mut uses: Vec<SymbolUse> = Vec::new();
    // Every field's checks in one function: its type parameters are the fields' markers (each
    // named after its field) and the declared dtype names, each once.
    let mut used = BTreeSet::new();
    for field in input.tensor_fields() {
        collect_idents(field.ty.to_token_stream(), &mut used);
    }
    let mut params: Vec<Ident> = Vec::new();
    let mut probes = Vec::new();
    for field in input.tensor_fields() {
        let plan = FieldChecks::new(input, field, &generic_names, &taken);
        if let Some((field_params, field_probes)) =
            plan.check_probes(input.attrs.batch.is_some(), &used)
        {
            for param in field_params {
                if !params.contains(&param) {
                    params.push(param);
                }
            }
            probes.extend(field_probes);
        }
        uses.extend(plan.symbol_uses());
        let predicates = plan.where_predicates(input.attrs.batch.is_some());
        if !predicates.is_empty() {
            let marker = &plan.marker;
            where_markers.extend(quote! {
                #[allow(non_camel_case_types, dead_code)]
                struct #marker;
            });
            where_predicates.extend(predicates);
        }
    }
    if !probes.is_empty() {
        checks.extend(quote! {
            #[allow(non_camel_case_types, dead_code, unused_braces, unused_parens, clippy::all)]
            fn __tensorspec_check<#(#params),*>() {
                #(let _ = #probes;)*
            }
        });
    }
    checks.extend(symbol_agreement(&uses, &taken));
    Probes {
        functions: checks,
        markers: where_markers,
        predicates: where_predicates,
    }
}

/// One axis of a field whose type is known here, declared with a symbol: the symbol, the
/// field's marker, the field's type, the declared rank and the axis.
struct SymbolUse {
    symbol: Ident,
    marker: Ident,
    ty: TokenStream,
    rank: usize,
    axis: usize,
}

/// For each symbol, its first use against each later one: where both field types fix the
/// extent (`[[f32; 3]; 4]` declared `[N, N]`), they must agree, or it is a compile error that
/// names the symbol, both fields and both extents.
fn symbol_agreement(uses: &[SymbolUse], taken: &BTreeSet<String>) -> TokenStream {
    let private = crate::private();
    let mut out = TokenStream::new();
    for (index, later) in uses.iter().enumerate() {
        let Some(first) = uses[..index]
            .iter()
            .find(|first| first.symbol == later.symbol)
        else {
            continue;
        };
        let name = later.symbol.to_string();
        // Declared at the call site, used at the symbol: the error points at the symbol, and
        // rustc suggests no bound on it.
        let name = if taken.contains(&name) || first.marker == name {
            format!("{name}_symbol")
        } else {
            name
        };
        let symbol = Ident::new(&name, Span::call_site());
        let at_symbol = Ident::new(&name, Span::call_site().located_at(later.symbol.span()));
        let extent = |u: &SymbolUse| {
            let (ty, rank, axis) = (&u.ty, u.rank, u.axis);
            quote! {
                #private::type_extent(#rank, <#ty as #private::TensorField>::KIND, #axis)
            }
        };
        let (a, b) = (extent(first), extent(later));
        let (first_axis, later_axis) = (first.axis, later.axis);
        let (first_marker, later_marker) = (&first.marker, &later.marker);
        let params: Vec<&Ident> = if first_marker == later_marker {
            vec![&symbol, first_marker]
        } else {
            vec![&symbol, first_marker, later_marker]
        };
        let function = Ident::new(
            &format!("__tensorspec_symbol_agrees_{index}"),
            Span::call_site(),
        );
        let span = Span::call_site().located_at(later.symbol.span());
        let this = quote_spanned!(span=> <#at_symbol as #private::Id>::Out);
        out.extend(quote! {
            #[allow(non_camel_case_types, dead_code, unused_braces, clippy::all)]
            fn #function<#(#params),*>() {
                let _ = <#this as #private::SymbolAgrees<
                    #first_marker,
                    #later_marker,
                    #first_axis,
                    { #private::agreed(#a, #b) },
                    #later_axis,
                    { #private::agreed(#b, #a) },
                >>::OK;
            }
        });
    }
    out
}

/// The checks of one field, split by whether they mention the struct's generic parameters.
struct FieldChecks<'a> {
    field: &'a Field<'a>,
    /// The type named after the field, `Self` of every probe.
    marker: Ident,
    /// Whether the field's type mentions a generic parameter.
    generic_type: bool,
    /// Whether it mentions a type parameter: then whether it is a tensor at all depends on
    /// the parameter, and is a where-clause too. (Not for a const parameter alone: such a
    /// where-clause would hide the impls' associated types, `[[u8; N]; N]: Stack`'s batch.)
    type_generic: bool,
    generic_names: &'a BTreeSet<String>,
    const_params: &'a BTreeSet<String>,
    type_params: &'a BTreeSet<String>,
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
            type_generic: mentions(field.ty.to_token_stream(), &input.type_params),
            generic_names,
            const_params: &input.const_params,
            type_params: &input.type_params,
        }
    }

    /// The axes declared with a symbol, for a type known here.
    fn symbol_uses(&self) -> Vec<SymbolUse> {
        let Some(shape) = self.shape() else {
            return Vec::new();
        };
        if self.generic_type || !may_fix_extents(self.field.ty.to_token_stream()) {
            return Vec::new();
        }
        let ty = primitive_paths(static_lifetimes(self.field.ty.to_token_stream()));
        shape
            .dims
            .iter()
            .enumerate()
            .filter_map(|(axis, dim)| match dim {
                Dim::Ident(ident) if !self.const_params.contains(&ident.to_string()) => {
                    Some(SymbolUse {
                        symbol: ident.clone(),
                        marker: self.marker.clone(),
                        ty: ty.clone(),
                        rank: shape.dims.len(),
                        axis,
                    })
                }
                _ => None,
            })
            .collect()
    }

    /// The declared shape, if it is well-formed.
    fn shape(&self) -> Option<&'a crate::attr::Shape> {
        crate::dims::shape(self.field)
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
        let private = crate::private_at(span);
        let this = quote_spanned!(span=> <#marker as #private::Id>::#out);
        Probe {
            ty,
            span,
            this,
            private,
        }
    }

    /// The probes of the checks that mention no generic parameter, and the type parameters of
    /// the check function they need (the field's marker, and a declared dtype's name): with
    /// `batched`, that the field's type has a batch type (a nested spec has one only with
    /// `#[tensor(batch = ...)]`). `used`: every identifier in the struct's field types, which a
    /// parameter must not shadow. `None` when there are none.
    fn check_probes(
        &self,
        batched: bool,
        used: &BTreeSet<String>,
    ) -> Option<(Vec<Ident>, Vec<TokenStream>)> {
        let attrs = &self.field.attrs;
        if self.generic_type
            || (!batched && attrs.dtype.is_none() && self.shape().is_none() && attrs.cast.is_none())
        {
            return None;
        }
        let Probe {
            ty,
            span,
            this,
            private,
        } = self.probe();
        // The declared dtype's name, as written, is a type parameter of the check function, so
        // that a mismatch prints it; primitive types are then named by path.
        let ty = primitive_paths(ty);
        // Spanned over the whole type, as the spec's `<Ty as TensorField>::KIND` is: a type
        // that is not a tensor is then one error, where the spec reports it.
        let (first, last) = first_and_last_span(&ty);
        let (elem_ident, kind_ident) = (Ident::new("Elem", last), Ident::new("KIND", last));
        let at = crate::private_at(first);
        let elem = quote_spanned!(first=> <#ty as #at::TensorField>::#elem_ident);
        // The dims the type fixes, from the constant the spec reads: one projection.
        let kind = quote_spanned!(first=> <#ty as #at::TensorField>::#kind_ident);
        // That the type is a tensor at all is checked by the spec, once.
        let mut probes = Vec::new();
        let mut params = vec![self.marker.clone()];
        if let Some((dtype, dtype_span)) = self.field.attrs.dtype {
            let declared = dtype.element_type(dtype_span);
            // Unless a field's type names it too (`Array1<f16>`): a parameter would shadow it.
            let written = if used.contains(dtype.written()) {
                declared.clone()
            } else {
                let written = Ident::new(dtype.written(), Span::call_site());
                params.push(written.clone());
                quote!(#written)
            };
            probes.push(quote_spanned!(span=>
                <#this as #private::DTypeIs<#written, #declared, #elem>>::OK
            ));
        }
        if self.field.attrs.cast.is_some() {
            probes.push(quote_spanned!(span=> <#this as #private::CastInto<#ty>>::OK));
        }
        if let Some(declared) = self.shape() {
            let rank = declared.dims.len();
            probes.push(quote_spanned!(span=> <#this as #private::HasShape<#elem>>::OK));
            probes.push(quote_spanned!(span=>
                <#this as #private::RankIs<#rank, { #private::found_rank(#rank, #kind) }>>::OK
            ));
            for Extent { axis, value, .. } in self.extents().into_iter().filter(|e| !e.generic) {
                probes.push(quote_spanned!(span=>
                    <#this as #private::ExtentIs<#axis, #value, {
                        #private::found_extent(#rank, #value, #kind, #axis)
                    }>>::OK
                ));
            }
        }
        if batched {
            probes.push(quote! {
                <#this as #private::BatchIs<#ty, <#ty as #private::Stack>::Batch>>::OK
            });
        }
        Some((params, probes))
    }

    /// Where-clause predicates for the checks that mention generic parameters.
    fn where_predicates(&self, batched: bool) -> Vec<TokenStream> {
        let ty = self.field.ty;
        let marker = &self.marker;
        let private = crate::private();
        let mut predicates = Vec::new();
        if self.type_generic {
            predicates.push(quote!(#ty: #private::TensorField));
            // In a batched struct, that the type a parameter stands for has a batch type:
            // `Pair<Camera>` with a `Camera` without one would stack into a batch holding
            // nothing of that field. Only a field that may be a nested spec: the parameter
            // itself, or in an `Option` or a pointer (`Array1<T>` always has a batch type).
            if batched && is_parameter(self.field.ty, self.type_params) {
                let owned = static_lifetimes(ty.to_token_stream());
                predicates.push(quote!(
                    #marker: #private::BatchIs<#owned, <#owned as #private::Stack>::Batch>
                ));
            }
        }
        if self.generic_type {
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
            // run time instead. Non-generic extents of a non-generic type are in `check_probes`.
            if (generic && expr) || (!generic && !self.generic_type) {
                continue;
            }
            predicates.push(quote!(#marker: #private::FieldExtentIs<#axis, #value, #ty>));
        }
        predicates
    }
}

/// Every identifier in the struct's field types and extent expressions, and the primitive
/// names a declared dtype expands to: a marker type with one of these names would shadow it.
fn taken_names(input: &Input) -> BTreeSet<String> {
    // And the door's alias: a marker named `__tensorspec` would shadow it.
    let mut names: BTreeSet<String> = [
        "bool",
        "u8",
        "u16",
        "u32",
        "u64",
        "i8",
        "i16",
        "i32",
        "i64",
        "f32",
        "f64",
        "usize",
        "__tensorspec",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for field in &input.fields {
        collect_idents(field.ty.to_token_stream(), &mut names);
        if let Some((dtype, _)) = field.attrs.dtype {
            names.insert(dtype.written().to_owned());
        }
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

/// For each symbol, once, all in one function: a probe that is an error, at the symbol, when
/// its name is a constant in scope (`IMG_H` where `{IMG_H}` was meant), and nothing otherwise.
/// In the pattern `(IMG_H, Of::<IMG_H> { .. })`, `IMG_H` is a constant pattern if a constant of
/// that name is in scope, which makes `V` the constant's type; a fresh binding otherwise, which
/// leaves `V` to the one impl. The type parameter named like the symbol prints as its name.
pub fn symbols(input: &Input) -> TokenStream {
    let mut seen = BTreeSet::new();
    let mut parameters = Vec::new();
    let mut tests = TokenStream::new();
    for field in input.tensor_fields() {
        let Some(shape) = crate::dims::shape(field) else {
            continue;
        };
        for dim in &shape.dims {
            let Dim::Ident(ident) = dim else {
                continue;
            };
            let name = ident.to_string();
            if input.const_params.contains(&name) || !seen.insert(name) {
                continue;
            }
            let at = ident.span();
            let located = Span::call_site().located_at(at);
            let pattern = respan(ident, located);
            parameters.push(respan(ident, Span::call_site()));
            // The whole path, not the alias: the probe's type parameter is the symbol's name,
            // which may be any name, `__tensorspec` too.
            let private = crate::door_path_at(at);
            let probe = quote_spanned!(at=> #private::SymbolIsNotAConstant::probe());
            let of = quote_spanned!(at=> #private::Of::<#ident> { .. });
            tests.extend(quote_spanned!(located=> if let (#pattern, #of) = #probe {}));
        }
    }
    if parameters.is_empty() {
        return TokenStream::new();
    }
    // One function for all the symbols, each its type parameter: every item the derive emits
    // costs the user's build, however small.
    quote! {
        fn __tensorspec_symbols<#(#parameters),*>() {
            #tests
        }
    }
}

/// The primitive types a field type names, by path (`::core::primitive::f32`): inside a check
/// function, a type parameter may be named `f32`.
fn primitive_paths(tokens: TokenStream) -> TokenStream {
    const PRIMITIVES: [&str; 14] = [
        "bool", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "usize",
        "isize", "char",
    ];
    let mut out = TokenStream::new();
    let mut after_colons = false;
    for tree in tokens {
        let next_after_colons =
            matches!(&tree, proc_macro2::TokenTree::Punct(p) if p.as_char() == ':');
        match tree {
            proc_macro2::TokenTree::Ident(ident)
                if !after_colons && PRIMITIVES.contains(&ident.to_string().as_str()) =>
            {
                let span = ident.span();
                out.extend(quote_spanned!(span=> ::core::primitive::#ident));
            }
            proc_macro2::TokenTree::Group(group) => {
                let mut replaced =
                    proc_macro2::Group::new(group.delimiter(), primitive_paths(group.stream()));
                replaced.set_span(group.span());
                out.extend([proc_macro2::TokenTree::Group(replaced)]);
            }
            other => out.extend([other]),
        }
        after_colons = next_after_colons;
    }
    out
}

/// The types a field may be behind, which the runtime's field impls see through: `Option`
/// and the pointers (`Option<F>`, `Box<F>`, `Arc<F>` and `Rc<F>` are the field `F`).
const WRAPPERS: [&str; 4] = ["Option", "Box", "Arc", "Rc"];

/// Whether `ty` is one of `params`, or one behind [`WRAPPERS`]: a type that may be a nested
/// spec.
fn is_parameter(ty: &syn::Type, params: &BTreeSet<String>) -> bool {
    let syn::Type::Path(path) = ty else {
        return false;
    };
    if path.qself.is_some() {
        return false;
    }
    if let Some(ident) = path.path.get_ident() {
        return params.contains(&ident.to_string());
    }
    let Some(last) = path.path.segments.last() else {
        return false;
    };
    let wrapper = WRAPPERS.contains(&last.ident.to_string().as_str());
    match &last.arguments {
        syn::PathArguments::AngleBracketed(args) if wrapper && args.args.len() == 1 => {
            matches!(&args.args[0], syn::GenericArgument::Type(inner) if is_parameter(inner, params))
        }
        _ => false,
    }
}

/// Whether a type may fix an extent: it has a `[T; N]`, or names a type other than ndarray's
/// arrays, `Vec`, pointers and element types (an alias, another struct). The others fix none,
/// and need no probe of the symbols on their axes.
fn may_fix_extents(tokens: TokenStream) -> bool {
    // Besides `WRAPPERS`.
    const FIX_NONE: [&str; 42] = [
        "Array",
        "Array0",
        "Array1",
        "Array2",
        "Array3",
        "Array4",
        "Array5",
        "Array6",
        "ArrayD",
        "ArrayView",
        "ArrayView0",
        "ArrayView1",
        "ArrayView2",
        "ArrayView3",
        "ArrayView4",
        "ArrayView5",
        "ArrayView6",
        "ArrayViewD",
        "ArcArray",
        "ArcArray1",
        "ArcArray2",
        "CowArray",
        "ArrayBase",
        "Vec",
        "ndarray",
        "std",
        "alloc",
        "vec",
        "sync",
        "rc",
        "boxed",
        "half",
        "num_complex",
        "Complex",
        "f16",
        "bf16",
        "Ix1",
        "Ix2",
        "Ix3",
        "IxDyn",
        "OwnedRepr",
        "static",
    ];
    const PRIMITIVES: [&str; 12] = [
        "bool", "u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "usize",
    ];
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Group(group) => {
            group.delimiter() == proc_macro2::Delimiter::Bracket || may_fix_extents(group.stream())
        }
        proc_macro2::TokenTree::Ident(ident) => {
            let name = ident.to_string();
            !FIX_NONE.contains(&name.as_str())
                && !WRAPPERS.contains(&name.as_str())
                && !PRIMITIVES.contains(&name.as_str())
        }
        _ => false,
    })
}
