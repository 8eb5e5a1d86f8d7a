//! The dtype names `#[tensor(dtype = ...)]` accepts, and the Rust element type of each.

use proc_macro2::{Span, TokenStream};
use quote::quote_spanned;

/// One accepted spelling: the name as written, the canonical name, and the element type.
struct Entry {
    name: &'static str,
    canonical: &'static str,
}

const fn entry(name: &'static str, canonical: &'static str) -> Entry {
    Entry { name, canonical }
}

const ENTRIES: &[Entry] = &[
    entry("bool", "bool"),
    entry("u8", "u8"),
    entry("u16", "u16"),
    entry("u32", "u32"),
    entry("u64", "u64"),
    entry("i8", "i8"),
    entry("i16", "i16"),
    entry("i32", "i32"),
    entry("i64", "i64"),
    entry("f16", "f16"),
    entry("bf16", "bf16"),
    entry("f32", "f32"),
    entry("f64", "f64"),
    entry("complex64", "complex64"),
    entry("complex128", "complex128"),
    entry("uint8", "u8"),
    entry("uint16", "u16"),
    entry("uint32", "u32"),
    entry("uint64", "u64"),
    entry("int8", "i8"),
    entry("int16", "i16"),
    entry("int32", "i32"),
    entry("int64", "i64"),
    entry("float16", "f16"),
    entry("bfloat16", "bf16"),
    entry("float32", "f32"),
    entry("float64", "f64"),
];

/// A declared dtype: its canonical name, and the name as written (`float32`).
#[derive(Clone, Copy)]
pub struct DType {
    canonical: &'static str,
    written: &'static str,
}

impl DType {
    pub fn from_name(name: &str) -> Option<DType> {
        ENTRIES
            .iter()
            .find(|entry| entry.name == name)
            .map(|entry| DType {
                canonical: entry.canonical,
                written: entry.name,
            })
    }

    /// The name as the user wrote it, for messages.
    pub fn written(self) -> &'static str {
        self.written
    }

    /// The Rust element type, spanned so that an error about it points at the declaration.
    pub fn element_type(self, span: Span) -> TokenStream {
        let private = crate::private_at(span);
        match self.canonical {
            "f16" => quote_spanned!(span=> #private::f16),
            "bf16" => quote_spanned!(span=> #private::bf16),
            "complex64" => quote_spanned!(span=> #private::Complex<f32>),
            "complex128" => quote_spanned!(span=> #private::Complex<f64>),
            // By path: a probe's type parameter may be named `f32`, after the declaration.
            primitive => {
                let ident = syn::Ident::new(primitive, span);
                quote_spanned!(span=> ::core::primitive::#ident)
            }
        }
    }
}

/// The message for an unknown dtype name: the closest valid name, and all of them.
pub fn unknown_message(name: &str) -> String {
    let valid = "bool, u8, u16, u32, u64, i8, i16, i32, i64, f16, bf16, f32, f64, complex64, \
                 complex128, or the NumPy names uint8..uint64, int8..int64, float16, bfloat16, \
                 float32, float64";
    if name == "c64" || name == "c128" {
        return format!(
            "unknown dtype `{name}`: write `complex64` (two f32) or `complex128` (two f64); \
             `c64` is not accepted because Rust crates use it for both"
        );
    }
    let common = match name {
        "float" | "double" | "float_" | "real" => Some("f32` or `f64"),
        "int" | "long" | "integer" | "int_" => Some("i32` or `i64"),
        "uint" | "unsigned" => Some("u32` or `u64"),
        "half" => Some("f16"),
        "bfloat" => Some("bf16"),
        "complex" | "cfloat" | "cdouble" => Some("complex64` or `complex128"),
        "byte" | "ubyte" | "char" => Some("u8` or `i8"),
        _ => None,
    };
    if let Some(suggestion) = common {
        return format!("unknown dtype `{name}`: did you mean `{suggestion}`? (valid: {valid})");
    }
    match closest(name) {
        Some(suggestion) => {
            format!("unknown dtype `{name}`: did you mean `{suggestion}`? (valid: {valid})")
        }
        None => format!("unknown dtype `{name}` (valid: {valid})"),
    }
}

/// The valid name nearest to `name` by edit distance, if it is near enough to be a typo.
fn closest(name: &str) -> Option<&'static str> {
    let lowered = name.to_ascii_lowercase();
    ENTRIES
        .iter()
        .map(|entry| (edit_distance(&lowered, entry.name), entry.name))
        .min()
        .filter(|&(distance, suggestion)| distance <= suggestion.len().max(name.len()) / 2)
        .map(|(_, suggestion)| suggestion)
}

/// Edit distance over chars, counting a swap of two neighbours as one edit (`f23` is one
/// edit from `f32`).
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    // rows[i][j]: the distance between a[..i] and b[..j].
    let mut rows = vec![vec![0; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let substitution = rows[i - 1][j - 1] + usize::from(a[i - 1] != b[j - 1]);
            let mut best = substitution.min(rows[i - 1][j] + 1).min(rows[i][j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_is_known() {
        for entry in ENTRIES {
            assert!(DType::from_name(entry.name).is_some(), "{}", entry.name);
        }
        assert!(DType::from_name("c64").is_none());
        assert!(DType::from_name("float").is_none());
    }

    #[test]
    fn typos_suggest_the_closest_name() {
        assert_eq!(closest("flaot32"), Some("float32"));
        assert_eq!(closest("f23"), Some("f32"));
        assert_eq!(closest("F32"), Some("f32"));
        assert_eq!(closest("uint7"), Some("uint8"));
        assert_eq!(closest("string"), None);
        assert!(unknown_message("c64").contains("complex64"));
    }

    #[test]
    fn edit_distance_counts_edits() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("f32", "f32"), 0);
        assert_eq!(edit_distance("f23", "f32"), 1);
    }
}
