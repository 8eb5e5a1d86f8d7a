//! Helpers every expansion shares: the struct's where-clause, generics without lifetimes,
//! lifetimes made `'static`, and which identifiers a type mentions.

use std::collections::BTreeSet;

use proc_macro2::{Ident, Spacing, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};

use crate::keys::TUPLE_FIELDS;
use syn::{GenericParam, Generics};

/// The predicates of the struct's own where-clause, to extend with the generated ones.
pub fn struct_predicates(generics: &Generics) -> Vec<TokenStream> {
    generics
        .where_clause
        .iter()
        .flat_map(|clause| clause.predicates.iter())
        .map(ToTokens::to_token_stream)
        .collect()
}

/// `bound` if the struct has generic parameters, else nothing. A bound on `Self` or on the
/// sample (`Self: TensorSpec`) says in one clause that an impl needs all that the struct's
/// other impls need; of a struct without parameters it holds by those impls as written, and
/// a where-clause of any kind is not free: rustc proves it again for each impl, and checks the
/// impl's body under it, without the cache it keeps for obligations that have no where-clause
/// to consult.
pub fn if_generic(generics: &Generics, bound: TokenStream) -> Option<TokenStream> {
    (!generics.params.is_empty()).then_some(bound)
}

/// Whether the struct has lifetime parameters (then a batch cannot be split back into it).
pub fn has_lifetimes(generics: &Generics) -> bool {
    generics
        .params
        .iter()
        .any(|param| matches!(param, GenericParam::Lifetime(_)))
}

/// The struct's generics without lifetimes, those in bounds made `'static`: a batch owns its
/// data.
pub fn without_lifetimes(generics: &Generics) -> Generics {
    let params = generics
        .params
        .iter()
        .filter(|param| !matches!(param, GenericParam::Lifetime(_)))
        .map(|param| static_lifetimes(param.to_token_stream()));
    let mut owned: Generics = syn::parse_quote!(<#(#params),*>);
    if let Some(clause) = &generics.where_clause {
        let predicates = clause
            .predicates
            .iter()
            .map(|predicate| static_lifetimes(predicate.to_token_stream()));
        owned.where_clause = Some(syn::parse_quote!(where #(#predicates),*));
    }
    owned
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

/// Every identifier in `tokens`, into `names`.
pub fn collect_idents(tokens: TokenStream, names: &mut BTreeSet<String>) {
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

/// The spans of the first and last tokens: a probe spanning them covers the tokens.
pub fn first_and_last_span(tokens: &TokenStream) -> (Span, Span) {
    let mut trees = tokens.clone().into_iter();
    let first = trees
        .next()
        .map_or_else(Span::call_site, |tree| tree.span());
    let last = trees.last().map_or(first, |tree| tree.span());
    (first, last)
}

/// `like`'s name with another span, raw if `like` is raw.
pub fn respan(like: &Ident, span: Span) -> Ident {
    let name = like.to_string();
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, span),
        None => Ident::new(&name, span),
    }
}

/// The struct's generic parameters as an impl declares them: with their bounds, without
/// defaults (`T: Element = f32` is `T: Element`), to extend with parameters of the impl's own.
pub fn impl_params(generics: &Generics) -> Vec<TokenStream> {
    generics
        .params
        .iter()
        .map(|param| match param {
            GenericParam::Lifetime(lifetime) => lifetime.to_token_stream(),
            GenericParam::Type(param) => {
                let ident = &param.ident;
                let bounds = &param.bounds;
                match param.colon_token {
                    Some(_) => quote!(#ident: #bounds),
                    None => quote!(#ident),
                }
            }
            GenericParam::Const(param) => {
                let ident = &param.ident;
                let ty = &param.ty;
                quote!(const #ident: #ty)
            }
        })
        .collect()
}

/// `items` as a tuple of at most twelve elements, the twelfth a tuple of the rest: the
/// tuples the runtime reads a struct's fields as, and splits a batch's back into.
pub fn nest(items: &[TokenStream]) -> TokenStream {
    if items.len() <= TUPLE_FIELDS {
        return quote!((#(#items,)*));
    }
    let (first, rest) = items.split_at(TUPLE_FIELDS - 1);
    let rest = nest(rest);
    quote!((#(#first,)* #rest,))
}
