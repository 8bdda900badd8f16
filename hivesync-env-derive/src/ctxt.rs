//! The collector every step of a derive reports its errors to (serde_derive's
//! `internals/ctxt.rs`): errors are pushed as they are found, so one build shows them
//! all, and [`Ctxt::check`] hands them over at the end. Dropping a `Ctxt` that was
//! not checked is a bug in the derive, and panics, so no error is lost on the way.

use std::cell::RefCell;
use std::fmt::Display;

use proc_macro2::Span;
use quote::ToTokens;

/// The errors of one expansion.
pub struct Ctxt {
    /// `None` once checked.
    errors: RefCell<Option<Vec<syn::Error>>>,
}

impl Ctxt {
    pub fn new() -> Ctxt {
        Ctxt {
            errors: RefCell::new(Some(Vec::new())),
        }
    }

    /// An error at `span`.
    pub fn error(&self, span: Span, message: impl Display) {
        self.push(syn::Error::new(span, message));
    }

    /// An error whose caret covers the whole of `tokens` (a type, an attribute).
    pub fn error_spanned_by(&self, tokens: impl ToTokens, message: impl Display) {
        self.push(syn::Error::new_spanned(tokens, message));
    }

    /// An error syn already built (a parse error of an attribute, say).
    pub fn push(&self, error: syn::Error) {
        self.errors
            .borrow_mut()
            .as_mut()
            .expect("a checked Ctxt takes no more errors")
            .push(error);
    }

    /// Every error, combined into one (each keeps its own span and message), or `Ok`
    /// when there is none.
    pub fn check(self) -> syn::Result<()> {
        let errors = self.errors.borrow_mut().take().unwrap_or_default();
        let mut errors = errors.into_iter();
        let Some(mut combined) = errors.next() else {
            return Ok(());
        };
        for error in errors {
            combined.combine(error);
        }
        Err(combined)
    }

    /// Drops every error unreported: only for an expansion whose errors another one
    /// reports (`#[contract_docs]` leaves them to the derive beside it).
    pub fn discard(self) {
        self.errors.borrow_mut().take();
    }
}

impl Drop for Ctxt {
    fn drop(&mut self) {
        if !std::thread::panicking() && self.errors.borrow().is_some() {
            panic!("a Ctxt was dropped without `check()`: its errors would be lost");
        }
    }
}
