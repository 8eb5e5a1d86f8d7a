//! The facts the derive and the runtime share, checked on the other side: the items of the
//! runtime's private door are exactly those the macro names, every dtype and cast name the
//! runtime has is one the attribute accepts, and the largest rank agrees (asserted by every
//! expansion; a rank-6 shape here compiles).

// A test: a panic here is a failed test, not a crash on user data.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::Path;

use tensorspec::{Casting, DType, TensorSpec};

fn read(path: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    std::fs::read_to_string(root.join(path)).unwrap_or_else(|error| panic!("{path}: {error}"))
}

/// The names the macro's generated code gives after the door's path (`#private::Name`).
fn named_by_the_macro() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../macros/src");
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for marker in ["#private::", "#at::"] {
            for (at, _) in source.match_indices(marker) {
                let rest = &source[at + marker.len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                names.insert(name);
            }
        }
    }
    names
}

/// The names the door exports: the last segment (or `as` name) of every `pub use` item.
fn exported_by_the_door() -> BTreeSet<String> {
    let source = read("runtime/src/private/mod.rs");
    let mut names = BTreeSet::new();
    let mut rest = source.as_str();
    while let Some(at) = rest.find("pub use ") {
        rest = &rest[at + "pub use ".len()..];
        let end = rest.find(';').unwrap();
        let item = &rest[..end];
        rest = &rest[end..];
        let list = match (item.find('{'), item.rfind('}')) {
            (Some(open), Some(close)) => &item[open + 1..close],
            _ => item.rsplit("::").next().unwrap(),
        };
        for part in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let name = part
                .rsplit(" as ")
                .next()
                .unwrap()
                .rsplit("::")
                .next()
                .unwrap();
            if name == "self" {
                // `Option::{self, ..}`: the module's own name.
                let path = item[..item.find('{').unwrap()].trim_end_matches("::");
                names.insert(path.rsplit("::").next().unwrap().to_owned());
            } else {
                names.insert(name.to_owned());
            }
        }
    }
    names
}

#[test]
fn the_door_exports_exactly_what_the_macro_names() {
    let named = named_by_the_macro();
    let exported = exported_by_the_door();
    let unused: Vec<_> = exported.difference(&named).collect();
    let missing: Vec<_> = named.difference(&exported).collect();
    assert!(
        unused.is_empty(),
        "the door exports what the macro never names: {unused:?}"
    );
    assert!(
        missing.is_empty(),
        "the macro names what the door lacks: {missing:?}"
    );
}

#[test]
fn the_macro_spells_the_doors_path_once() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../macros/src");
    let mut spelled = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let source = std::fs::read_to_string(&path).unwrap();
        for (at, _) in source.match_indices("::tensorspec::") {
            let after = &source[at + "::tensorspec::".len()..];
            if after.starts_with("__private") {
                spelled += 1;
            } else {
                // Elsewhere only in the generated docs' links, `[..](::tensorspec::Padded)`.
                assert!(
                    source[..at].ends_with("]("),
                    "{}: {after:.40}",
                    path.display()
                );
            }
        }
    }
    // `door_path()`, in the macro's `lib.rs`.
    assert_eq!(spelled, 1);
}

#[test]
fn every_dtype_name_of_the_runtime_is_accepted_by_the_attribute() {
    // The canonical names, one field each, in `DType::ALL`'s order.
    #[derive(TensorSpec)]
    #[allow(dead_code)]
    struct Canonical {
        #[tensor(dtype = bool)]
        a: bool,
        #[tensor(dtype = u8)]
        b: u8,
        #[tensor(dtype = u16)]
        c: u16,
        #[tensor(dtype = u32)]
        d: u32,
        #[tensor(dtype = u64)]
        e: u64,
        #[tensor(dtype = i8)]
        f: i8,
        #[tensor(dtype = i16)]
        g: i16,
        #[tensor(dtype = i32)]
        h: i32,
        #[tensor(dtype = i64)]
        i: i64,
        #[tensor(dtype = f16)]
        j: tensorspec::half::f16,
        #[tensor(dtype = bf16)]
        k: tensorspec::half::bf16,
        #[tensor(dtype = f32)]
        l: f32,
        #[tensor(dtype = f64)]
        m: f64,
        #[tensor(dtype = complex64)]
        n: tensorspec::num_complex::Complex<f32>,
        #[tensor(dtype = complex128)]
        o: tensorspec::num_complex::Complex<f64>,
    }
    let spec = Canonical::spec();
    let dtypes: Vec<DType> = spec.fields().map(|field| field.dtype()).collect();
    assert_eq!(dtypes, DType::ALL);
    // Each canonical name the attribute took is the runtime's name of that dtype.
    let source = read("tests/door.rs");
    for &dtype in DType::ALL {
        let written = format!("#[tensor(dtype = {})]", dtype.name());
        assert!(source.contains(&written), "{written}");
    }
}

#[test]
fn every_alias_names_the_dtype_the_runtime_gives_it() {
    #[derive(TensorSpec)]
    #[allow(dead_code)]
    struct Aliases {
        #[tensor(dtype = uint8)]
        a: u8,
        #[tensor(dtype = uint16)]
        b: u16,
        #[tensor(dtype = uint32)]
        c: u32,
        #[tensor(dtype = uint64)]
        d: u64,
        #[tensor(dtype = int8)]
        e: i8,
        #[tensor(dtype = int16)]
        f: i16,
        #[tensor(dtype = int32)]
        g: i32,
        #[tensor(dtype = int64)]
        h: i64,
        #[tensor(dtype = float16)]
        i: tensorspec::half::f16,
        #[tensor(dtype = bfloat16)]
        j: tensorspec::half::bf16,
        #[tensor(dtype = float32)]
        k: f32,
        #[tensor(dtype = float64)]
        l: f64,
    }
    let aliases = [
        "uint8", "uint16", "uint32", "uint64", "int8", "int16", "int32", "int64", "float16",
        "bfloat16", "float32", "float64",
    ];
    for (field, alias) in Aliases::spec().fields().zip(aliases) {
        assert_eq!(DType::from_name(alias), Some(field.dtype()), "{alias}");
    }
}

#[test]
fn every_cast_name_of_the_attribute_is_the_runtimes() {
    #[derive(TensorSpec)]
    #[allow(dead_code)]
    struct Casts {
        #[tensor(cast = exact)]
        a: f32,
        #[tensor(cast = lossless)]
        b: f32,
        #[tensor(cast = lossy)]
        c: f32,
        #[tensor(cast = saturating)]
        d: f32,
        #[tensor(cast)]
        e: f32,
    }
    let casts: Vec<Casting> = Casts::spec().fields().map(|f| f.casting()).collect();
    assert_eq!(
        casts,
        [
            Casting::Exact,
            Casting::Lossless,
            Casting::Lossy,
            Casting::Saturating,
            Casting::Lossless
        ]
    );
    for (cast, field) in casts
        .iter()
        .zip(["exact", "lossless", "lossy", "saturating"])
    {
        assert_eq!(cast.name(), field);
    }
}

#[test]
fn the_largest_rank_compiles() {
    #[derive(TensorSpec)]
    #[allow(dead_code)]
    struct Six {
        #[tensor(shape = [1, 1, 1, 1, 1, 1])]
        six: ndarray::Array6<u8>,
    }
    assert_eq!(Six::spec().field("six").unwrap().rank(), Some(6));
}
