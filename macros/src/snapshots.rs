//! Expansion snapshots: what `#[derive(TensorSpec)]` generates for a few representative
//! inputs, pretty-printed into `macros/tests/expand/<name>.expanded.rs`, so that a change to
//! the generated code is a reviewed diff.
//!
//! - check: `cargo test -p tensorspec-macros snapshots -- --nocapture` (prints the lines
//!   of each expansion; `wc -l macros/tests/expand/*.expanded.rs` counts the same);
//! - accept: `TENSORSPEC_BLESS=1 cargo test -p tensorspec-macros snapshots`, then review
//!   `git diff macros/tests/expand` and commit it with the change.
//!
//! A new input's file is written on its first run, and that run fails, so that it is
//! reviewed too. A file holds the derive's output (its input is in `inputs` below), with
//! the `#[derive(TensorSpec)]` that the output puts on the batch struct expanded in place,
//! as `cargo expand` shows it: all the code one derive brings. No spans and no paths, so
//! the files are the same on every machine; their layout is prettyplease's (pinned in
//! `Cargo.lock`: upgrading it may reformat every file, a change to bless on its own).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use syn::{DeriveInput, parse_quote};

/// The environment variable that rewrites the snapshot files instead of comparing them.
const BLESS: &str = "TENSORSPEC_BLESS";

/// The inputs, as the derive sees them (`#[derive(TensorSpec)]` itself is not part of its
/// input). A name is its file's: `<name>.expanded.rs`.
fn inputs() -> Vec<(&'static str, DeriveInput)> {
    vec![
        (
            "plain",
            parse_quote! {
                pub struct Sample {
                    #[tensor(dtype = f32, shape = [H, W, 3])]
                    image: Array3<f32>,
                    #[tensor(shape = [H, W])]
                    mask: Array2<u8>,
                    label: i64,
                    #[tensor(skip)]
                    id: String,
                }
            },
        ),
        (
            "batch",
            parse_quote! {
                #[tensor(batch = SampleBatch)]
                pub struct Sample {
                    #[tensor(dtype = f32, shape = [H, W, 3])]
                    image: Array3<f32>,
                    #[tensor(shape = [H, W], pad = 255)]
                    mask: Array2<u8>,
                    label: i64,
                    #[tensor(skip)]
                    id: String,
                }
            },
        ),
        (
            "generic",
            parse_quote! {
                struct Grid<T, const N: usize>
                where
                    T: Element,
                {
                    #[tensor(shape = [N])]
                    cells: [T; N],
                    #[tensor(shape = [N, _])]
                    table: Array2<T>,
                }
            },
        ),
        (
            "nested",
            parse_quote! {
                struct Frame {
                    #[tensor(dtype = i64, shape = [])]
                    timestamp: i64,
                    left: Camera,
                    right: Option<Camera>,
                }
            },
        ),
        (
            "attr_error",
            parse_quote! {
                struct Sample {
                    #[tensor(dtyp = f32, shape = [H, W])]
                    image: Array2<f32>,
                    #[tensor(dtype = i64)]
                    label: i64,
                }
            },
        ),
    ]
}

#[test]
fn snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/expand");
    let bless = std::env::var_os(BLESS).is_some_and(|value| !value.is_empty() && value != "0");
    let inputs = inputs();
    let mut failures = Vec::new();
    println!("expanded lines per snapshot:");
    for (name, input) in &inputs {
        let actual = pretty(crate::derive(input));
        println!("{:>6}  {name}", actual.lines().count());
        let path = dir.join(format!("{name}.expanded.rs"));
        let expected = std::fs::read_to_string(&path)
            .ok()
            .map(|text| text.replace("\r\n", "\n"));
        if expected.as_deref() == Some(&*actual) {
            continue;
        }
        if bless || expected.is_none() {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &actual).unwrap();
        }
        if !bless {
            failures.push(match expected {
                None => format!("{}: new snapshot, written: review it", shown(&path)),
                Some(expected) => format!(
                    "{}: differs (- the file, + the expansion)\n{}",
                    shown(&path),
                    diff(&expected, &actual)
                ),
            });
        }
    }
    // A snapshot whose input was renamed or removed would otherwise linger unchecked.
    for path in stale(&dir, &inputs) {
        if bless {
            std::fs::remove_file(&path).unwrap();
        } else {
            failures.push(format!("{}: no input of that name", shown(&path)));
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}\n\nIf the new expansions are intended, accept them with\n    \
         {BLESS}=1 cargo test -p tensorspec-macros snapshots\n\
         and review `git diff macros/tests/expand` (a stale file is deleted).\n",
        failures.join("\n\n")
    );
}

/// The expansion pretty-printed as a file; as raw tokens, under a comment saying so, in
/// the unexpected case that it does not parse as one (the snapshot still shows the change).
fn pretty(tokens: TokenStream) -> String {
    match expanded_items(tokens.clone(), 0) {
        Ok(items) => {
            let file: syn::File = parse_quote!(#(#items)*);
            prettyplease::unparse(&file)
        }
        Err(error) => format!("// does not parse as a file: {error}\n{tokens}\n"),
    }
}

/// The items of `tokens`, where a generated struct that derives `TensorSpec` itself (the
/// batch struct) is followed by that derive's output, as `cargo expand` shows it: the
/// snapshot and its line count are all the code that one derive brings.
fn expanded_items(tokens: TokenStream, depth: usize) -> syn::Result<Vec<syn::Item>> {
    let mut items = Vec::new();
    for mut item in syn::parse2::<syn::File>(tokens)?.items {
        let derived = match &mut item {
            syn::Item::Struct(generated) if depth < 4 => take_derive(&mut generated.attrs)
                // Through tokens: syn is built without `clone-impls`.
                .then(|| crate::derive(&parse_quote!(#generated))),
            _ => None,
        };
        items.push(item);
        if let Some(derived) = derived {
            items.extend(expanded_items(derived, depth + 1)?);
        }
    }
    Ok(items)
}

/// Removes `TensorSpec` from the `#[derive(..)]` attributes; whether it was there.
fn take_derive(attrs: &mut Vec<syn::Attribute>) -> bool {
    let mut found = false;
    attrs.retain_mut(|attr| {
        if !attr.path().is_ident("derive") {
            return true;
        }
        let Ok(paths) = attr.parse_args_with(
            syn::punctuated::Punctuated::<syn::Path, syn::Token![,]>::parse_terminated,
        ) else {
            return true;
        };
        let is_ours = |path: &syn::Path| {
            path.segments
                .last()
                .is_some_and(|s| s.ident == "TensorSpec")
        };
        if !paths.iter().any(is_ours) {
            return true;
        }
        found = true;
        let others: Vec<&syn::Path> = paths.iter().filter(|path| !is_ours(path)).collect();
        *attr = parse_quote!(#[derive(#(#others),*)]);
        !others.is_empty()
    });
    found
}

/// The `*.expanded.rs` files in `dir` that no input has the name of.
fn stale(dir: &Path, inputs: &[(&str, DeriveInput)]) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut stale: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .filter(|path| {
            let file_name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or("");
            file_name
                .strip_suffix(".expanded.rs")
                .is_some_and(|name| inputs.iter().all(|(input, _)| *input != name))
        })
        .collect();
    stale.sort();
    stale
}

/// `path` relative to the workspace, so that messages name no machine's folders.
fn shown(path: &Path) -> String {
    let file_name = path.file_name().unwrap_or_default().to_string_lossy();
    format!("macros/tests/expand/{file_name}")
}

/// The lines between the common first and last lines of `expected` and `actual`: `-` for
/// the file's, `+` for the expansion's, numbered, at most `MAX` of each, with `CONTEXT`
/// equal lines around them.
fn diff(expected: &str, actual: &str) -> String {
    const MAX: usize = 40;
    const CONTEXT: usize = 2;
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let prefix = expected
        .iter()
        .zip(&actual)
        .take_while(|(e, a)| e == a)
        .count();
    let suffix = expected[prefix..]
        .iter()
        .rev()
        .zip(actual[prefix..].iter().rev())
        .take_while(|(e, a)| e == a)
        .count();
    let mut out = String::new();
    let context = |out: &mut String, lines: std::ops::Range<usize>| {
        for number in lines {
            let _ = writeln!(out, " {:>5} | {}", number + 1, actual[number]);
        }
    };
    context(&mut out, prefix.saturating_sub(CONTEXT)..prefix);
    for (sign, lines) in [('-', &expected), ('+', &actual)] {
        let changed = &lines[prefix..lines.len() - suffix];
        for (index, line) in changed.iter().enumerate().take(MAX) {
            let _ = writeln!(out, "{sign}{:>5} | {line}", prefix + index + 1);
        }
        if changed.len() > MAX {
            let _ = writeln!(out, "{sign}  ... {} more lines", changed.len() - MAX);
        }
    }
    let after = actual.len() - suffix;
    context(&mut out, after..actual.len().min(after + CONTEXT));
    if expected.len() == actual.len() && prefix == expected.len() {
        out.push_str("  (the lines are equal: only the final newline differs)\n");
    }
    out.trim_end().to_owned()
}

#[test]
fn the_helpers_show_what_changed() {
    let raw = pretty(quote::quote!(1 + 1));
    assert!(raw.starts_with("// does not parse as a file: ") && raw.ends_with("\n1 + 1\n"));
    assert_eq!(
        pretty(quote::quote!(
            struct A;
        )),
        "struct A;\n"
    );
    assert_eq!(
        diff("a\nb\nc\nd\n", "a\nb\nx\nd\n"),
        "     1 | a\n     2 | b\n-    3 | c\n+    3 | x\n     4 | d"
    );
}
