//! Parsing `#[tensor(...)]`. Checks that need one key only happen here; checks across keys
//! and fields are in `valid`.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Attribute, Ident, LitInt, Token, bracketed};

use crate::ctxt::Ctxt;
use crate::dtype::{self, DType};
use crate::keys::{BATCH, CAST, CASTS, DTYPE, FIELD_KEYS, PAD, SHAPE, SKIP, STRUCT_KEYS, TENSOR};

/// What one field's `#[tensor(...)]` attributes say.
#[derive(Default)]
pub struct FieldAttrs {
    pub dtype: Option<(DType, Span)>,
    pub shape: Option<Shape>,
    /// `pad = EXPR`: the value a padded batch pads this field with.
    pub pad: Option<TokenStream>,
    /// `cast` or `cast = NAME`: the casts a read from tensors may make (the `Casting`
    /// variant of a `CASTS` name), and the key's span.
    pub cast: Option<(&'static str, Span)>,
    pub skip: Option<Span>,
    /// Keys seen, to report a duplicate, with the span of each.
    seen: Vec<(&'static str, Span)>,
}

/// A declared shape.
pub struct Shape {
    pub dims: Vec<Dim>,
    /// False when an axis was malformed (and reported): the rank is then unknown.
    pub valid: bool,
    /// The span of the `[...]`.
    pub span: Span,
}

/// One declared axis, as written, before generic parameters are known.
pub enum Dim {
    Fixed(usize, Span),
    /// `_` or `None`.
    Any,
    /// A symbol, or a const generic parameter of the struct.
    Ident(Ident),
    /// `{ EXPR }`: the tokens inside the braces, and the braces' span.
    Expr(TokenStream, Span),
}

impl FieldAttrs {
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
        let mut parsed = FieldAttrs::default();
        for attr in attrs.iter().filter(|attr| attr.path().is_ident(TENSOR)) {
            if let Err(error) = attr.parse_nested_meta(|meta| {
                let key = meta
                    .path
                    .get_ident()
                    .map(Ident::to_string)
                    .unwrap_or_default();
                let span = meta.path.span();
                match key.as_str() {
                    DTYPE => {
                        parsed.saw(cx, DTYPE, span);
                        let value = meta.value()?;
                        if let Some(dtype) = parse_dtype(cx, value)? {
                            parsed.dtype.get_or_insert(dtype);
                        }
                    }
                    SHAPE => {
                        parsed.saw(cx, SHAPE, span);
                        let shape = parse_shape(cx, meta.value()?)?;
                        parsed.shape.get_or_insert(shape);
                    }
                    SKIP => {
                        parsed.saw(cx, SKIP, span);
                        parsed.skip.get_or_insert(span);
                        if meta.input.peek(Token![=]) {
                            let value = meta.value()?;
                            let tokens = value_tokens(value)?;
                            cx.error(syn::Error::new_spanned(
                                tokens,
                                "`skip` takes no value: write `#[tensor(skip)]`",
                            ));
                        }
                    }
                    CAST => {
                        parsed.saw(cx, CAST, span);
                        if meta.input.peek(Token![=]) {
                            let value = meta.value()?;
                            let tree: TokenTree = value.parse()?;
                            let name = tree.to_string();
                            match CASTS.iter().find(|(cast, _)| *cast == name) {
                                Some((_, variant)) => {
                                    parsed.cast.get_or_insert((variant, span));
                                }
                                None => cx.error(syn::Error::new(
                                    tree.span(),
                                    format!(
                                        "unknown cast `{name}`: write `cast` (lossless casts), `cast = lossy` or `cast = saturating`"
                                    ),
                                )),
                            }
                        } else {
                            parsed.cast.get_or_insert(("Lossless", span));
                        }
                    }
                    PAD => {
                        parsed.saw(cx, PAD, span);
                        let value = meta.value()?;
                        let expr = value_tokens(value)?;
                        if expr.is_empty() {
                            cx.error(syn::Error::new(
                                span,
                                "expected a value after `pad =`, such as `pad = -1`",
                            ));
                        } else {
                            parsed.pad.get_or_insert(expr);
                        }
                    }
                    _ => {
                        cx.error(syn::Error::new(
                            span,
                            unknown_key_message(&meta.path, &FIELD_KEYS),
                        ));
                        skip_value(meta.input)?;
                    }
                }
                Ok(())
            }) {
                cx.error(error);
            }
        }
        parsed
    }

    fn saw(&mut self, cx: &Ctxt, key: &'static str, span: Span) {
        if self.seen.iter().any(|&(seen, _)| seen == key) {
            cx.error(syn::Error::new(
                span,
                format!("duplicate key `{key}`: each key may appear once per field"),
            ));
        }
        self.seen.push((key, span));
    }

    /// The spans of the keys other than `skip`, to report them next to a `skip`.
    pub fn non_skip_keys(&self) -> impl Iterator<Item = (&'static str, Span)> + '_ {
        self.seen.iter().copied().filter(|&(key, _)| key != SKIP)
    }
}

fn unknown_key_message(path: &syn::Path, known: &[&str]) -> String {
    let name = quote::quote!(#path).to_string().replace(' ', "");
    let keys = known
        .iter()
        .map(|key| format!("`{key}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let closest = known
        .iter()
        .map(|key| (dtype::edit_distance(&name, key), *key))
        .min()
        .filter(|&(distance, key)| distance <= key.len() / 2);
    match closest {
        Some((_, key)) => format!("unknown key `{name}`: did you mean `{key}`? (keys: {keys})"),
        None => format!("unknown key `{name}` (keys: {keys})"),
    }
}

/// The tokens of a value, up to the next `,` at the attribute's top level.
fn value_tokens(input: ParseStream) -> syn::Result<TokenStream> {
    let mut tokens = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        tokens.extend([input.parse::<TokenTree>()?]);
    }
    Ok(tokens)
}

/// Consumes `= value` or `(...)` after an unknown key, so the keys after it are still parsed.
fn skip_value(input: ParseStream) -> syn::Result<()> {
    if input.peek(Token![=]) {
        input.parse::<Token![=]>()?;
    }
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

fn parse_dtype(cx: &Ctxt, input: ParseStream) -> syn::Result<Option<(DType, Span)>> {
    if input.peek(syn::LitStr) {
        let lit: syn::LitStr = input.parse()?;
        cx.error(syn::Error::new(
            lit.span(),
            format!(
                "expected a dtype name, found a string: write `dtype = {}`",
                lit.value()
            ),
        ));
        return Ok(None);
    }
    let Ok(ident) = input.call(Ident::parse_any) else {
        let tree: TokenTree = input.parse()?;
        cx.error(syn::Error::new(
            tree.span(),
            "expected a dtype name such as `f32`",
        ));
        return Ok(None);
    };
    let name = ident.to_string();
    let name = name.strip_prefix("r#").unwrap_or(&name);
    // `np.float32`, `torch::int64`, `numpy.uint8`: a library's path to a dtype.
    if input.peek(Token![.]) || input.peek(Token![::]) {
        let rest = value_tokens(input)?;
        let last = rest
            .clone()
            .into_iter()
            .filter_map(|tree| match tree {
                TokenTree::Ident(ident) => Some(ident.to_string()),
                _ => None,
            })
            .last()
            .unwrap_or_default();
        let written = format!("{name}{}", rest.to_string().replace(' ', ""));
        let message = match DType::from_name(&last) {
            Some(_) => {
                format!("`{written}` is a library's path to a dtype: write `dtype = {last}`")
            }
            None => format!("`{written}` is a path: {}", dtype::unknown_message(&last)),
        };
        cx.error(syn::Error::new_spanned(
            quote::quote!(#ident #rest),
            message,
        ));
        return Ok(None);
    }
    match DType::from_name(name) {
        Some(dtype) => Ok(Some((dtype, ident.span()))),
        None => {
            cx.error(syn::Error::new(ident.span(), dtype::unknown_message(name)));
            Ok(None)
        }
    }
}

fn parse_shape(cx: &Ctxt, input: ParseStream) -> syn::Result<Shape> {
    if !input.peek(syn::token::Bracket) {
        let tree: TokenTree = input.parse()?;
        return Err(syn::Error::new(
            tree.span(),
            "expected a shape in brackets, such as `shape = [H, W, 3]`",
        ));
    }
    let content;
    let brackets = bracketed!(content in input);
    let mut valid = true;
    let dims = (|input: ParseStream| {
        let mut dims = Vec::new();
        while !input.is_empty() {
            match parse_dim(cx, input)? {
                Some(dim) => dims.push(dim),
                None => valid = false,
            }
            if input.is_empty() {
                break;
            }
            if !input.peek(Token![,]) {
                let tree: TokenTree = input.parse()?;
                let found = if tree.to_string() == ";" {
                    "`;`: `[x; n]` is Rust's array repeat, not a shape"
                } else {
                    "no comma"
                };
                return Err(syn::Error::new(
                    tree.span(),
                    format!(
                        "`shape` takes `[DIM, ...]` with commas between the dims, such as `shape = [H, W, 3]`; found {found}"
                    ),
                ));
            }
            input.parse::<Token![,]>()?;
        }
        Ok(dims)
    })
    .parse2(content.parse::<TokenStream>()?)?;
    Ok(Shape {
        dims,
        valid,
        span: brackets.span.join(),
    })
}

/// One axis. An unusable axis is reported and skipped, so the others are still checked.
fn parse_dim(cx: &Ctxt, input: ParseStream) -> syn::Result<Option<Dim>> {
    if input.peek(Token![_]) {
        input.parse::<Token![_]>()?;
        return Ok(Some(Dim::Any));
    }
    if input.peek(LitInt) {
        let lit: LitInt = input.parse()?;
        return Ok(parse_extent(cx, &lit));
    }
    if input.peek(Token![-]) {
        let minus: Token![-] = input.parse()?;
        let tree: TokenTree = input.parse()?;
        cx.error(syn::Error::new_spanned(
            quote::quote!(#minus #tree),
            format!("extent `-{tree}` is negative: an extent is a non-negative integer, `_`, a symbol or `{{expr}}`"),
        ));
        return Ok(None);
    }
    if input.peek(syn::Ident) && !input.peek(Token![self]) {
        if let Ok(ident) = input.parse::<Ident>() {
            // TensorFlow's spelling of `_`: never a symbol named `None`.
            if ident == "None" {
                return Ok(Some(Dim::Any));
            }
            return Ok(Some(Dim::Ident(ident)));
        }
    }
    let tree: TokenTree = input.parse()?;
    if let TokenTree::Group(group) = &tree {
        if group.delimiter() == Delimiter::Brace {
            if group.stream().is_empty() {
                cx.error(syn::Error::new(
                    group.span(),
                    "empty `{}`: write a constant expression, such as `{IMG_H}`",
                ));
                return Ok(None);
            }
            return Ok(Some(Dim::Expr(group.stream(), group.span())));
        }
    }
    let found = match &tree {
        TokenTree::Literal(lit)
            if lit.to_string().contains(['.', 'e'])
                && !lit.to_string().starts_with(['"', '\'']) =>
        {
            "a non-integer"
        }
        TokenTree::Literal(lit) if lit.to_string().starts_with('"') => "a string",
        _ => "an unexpected token",
    };
    cx.error(syn::Error::new(
        tree.span(),
        format!("extent `{tree}` is {found}: an extent is a non-negative integer, `_`, a symbol or `{{expr}}`"),
    ));
    Ok(None)
}

fn parse_extent(cx: &Ctxt, lit: &LitInt) -> Option<Dim> {
    if !matches!(lit.suffix(), "" | "usize") {
        cx.error(syn::Error::new(
            lit.span(),
            format!(
                "extent `{lit}` has suffix `{}`: an extent is a `usize`",
                lit.suffix()
            ),
        ));
        return None;
    }
    if lit.base10_digits().starts_with('-') {
        cx.error(syn::Error::new(
            lit.span(),
            format!("extent `{lit}` is negative: an extent is a non-negative integer, `_`, a symbol or `{{expr}}`"),
        ));
        return None;
    }
    match lit.base10_parse::<usize>() {
        Ok(extent) => Some(Dim::Fixed(extent, lit.span())),
        Err(_) => {
            cx.error(syn::Error::new(
                lit.span(),
                format!("extent `{lit}` does not fit in a `usize`"),
            ));
            None
        }
    }
}

/// What the struct's `#[tensor(...)]` says: `batch = Name`.
#[derive(Default)]
pub struct StructAttrs {
    /// The batch struct's name.
    pub batch: Option<Ident>,
}

/// Parses the struct's `#[tensor(...)]`: `batch = Name`.
pub fn struct_attrs(cx: &Ctxt, attrs: &[Attribute]) -> StructAttrs {
    let mut parsed = StructAttrs::default();
    for attr in attrs.iter().filter(|attr| attr.path().is_ident(TENSOR)) {
        if let Err(error) = attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            if meta.path.is_ident(BATCH) {
                let value = meta.value()?;
                if value.peek(syn::Ident) && value.peek2(Token![::]) {
                    let path: syn::Path = value.parse()?;
                    cx.error(syn::Error::new_spanned(
                        &path,
                        "the batch struct is generated beside this one: name it with one identifier, such as `batch = SampleBatch`",
                    ));
                    return Ok(());
                }
                let Ok(ident) = value.parse::<Ident>() else {
                    let tree: TokenTree = value.parse()?;
                    cx.error(syn::Error::new(
                        tree.span(),
                        "expected the batch struct's name, such as `batch = SampleBatch`",
                    ));
                    return Ok(());
                };
                if parsed.batch.is_some() {
                    cx.error(syn::Error::new(
                        span,
                        "duplicate key `batch`: a struct has one batch type",
                    ));
                } else {
                    parsed.batch = Some(ident);
                }
            } else {
                let message = match FIELD_KEYS.iter().find(|key| meta.path.is_ident(key)) {
                    Some(key) => format!(
                        "`{key}` belongs on a field: on the struct, `#[tensor(...)]` takes `batch = Name`"
                    ),
                    None => unknown_key_message(&meta.path, &STRUCT_KEYS),
                };
                cx.error(syn::Error::new(span, message));
                skip_value(meta.input)?;
            }
            Ok(())
        }) {
            cx.error(error);
        }
    }
    parsed
}
