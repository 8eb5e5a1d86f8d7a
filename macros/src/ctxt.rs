//! Collects every error of one derive, so that all of them are reported in one compile.

use std::cell::RefCell;

use proc_macro2::TokenStream;

/// The errors found so far.
pub struct Ctxt {
    errors: RefCell<Vec<syn::Error>>,
}

impl Ctxt {
    pub fn new() -> Ctxt {
        Ctxt {
            errors: RefCell::new(Vec::new()),
        }
    }

    pub fn error(&self, error: syn::Error) {
        self.errors.borrow_mut().push(error);
    }

    pub fn error_spanned_by(&self, tokens: impl quote::ToTokens, message: impl std::fmt::Display) {
        self.error(syn::Error::new_spanned(tokens, message));
    }

    /// `Ok` when nothing went wrong, else every error as `compile_error!` invocations.
    pub fn finish(self) -> Result<(), TokenStream> {
        let errors = self.errors.into_inner();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors.iter().map(syn::Error::to_compile_error).collect())
        }
    }
}
