//! [`ContractEnv`]: the process environment read in one pass for the names of one
//! contract, the source of [`EnvContract::from_env`](crate::EnvContract::from_env).
//!
//! `std::env::var_os` asks libc's `getenv`, which walks the whole environment for
//! every name: a contract of 25 names in a container's 234 variables costs 25 walks
//! of 234 entries, most of a load's time. This source walks the environment once,
//! keeping the values of the contract's names; the walk rejects an entry on its first
//! byte unless a contract name starts with it.
//!
//! It answers as [`ProcessEnv`] does: a name's first entry, as `getenv` finds it, with
//! [`Origin::Process`]. The same walk keeps each secret's `NAME_FILE` (the loader asks
//! for it when the secret is not set: a failed load would otherwise walk the whole
//! environment once for each missing secret). Another name outside the contract (a
//! client's forbidden names), and a name asked a second time, are read through
//! [`ProcessEnv`] at the time they are asked. A value never asked for is wiped when
//! the source is dropped: it may be a secret.
//!
//! # Why `unsafe`
//!
//! The standard library has no call that reads the environment without copying every
//! name and value of it (`std::env::vars_os`, 468 allocations for 234 variables), and
//! no crate reads `environ` for us; so this module reads libc's `environ` array itself:
//! for the values of a contract's names, and after a failed load for the names of
//! the environment ([`for_each_process_name`]). Linux only: elsewhere
//! [`ContractEnv::new`] answers `None` and the loader uses [`ProcessEnv`], and
//! `for_each_process_name` lists `vars_os`. It is sound on the terms `getenv` is: the
//! entries are NUL-terminated strings that live as long as nothing writes the
//! environment, and
//! writing it while another thread reads it is already undefined behaviour by the
//! contract of `std::env::set_var` (unsafe since edition 2024 for this reason). This
//! library never writes the process environment. One more `unsafe` call takes a value
//! whose bytes are all ASCII as a `String` without the UTF-8 check: ASCII is UTF-8.
//!
//! One difference from [`ProcessEnv`] remains: `std::env::var_os` holds the standard
//! library's environment lock, which `set_var` takes too, and this walk cannot take
//! it. A thread that calls `set_var` (a safe call in crates of edition 2021 or older,
//! still bound by its documented contract) while another loads was tolerated by
//! `ProcessEnv` and may read a freed array here (glibc reallocates it on growth).

use std::cell::{Cell, RefCell};

use zeroize::Zeroize;

use super::secret_file::file_var_stem;
use super::{Lookup, OnlyProcess, Origin, ProcessEnv, Source};
use crate::Contract;

/// The process environment's values of one contract's names, read in one pass.
pub(crate) struct ContractEnv<'c> {
    contract: &'c Contract,
    /// Slot `i`: variable `i`'s value.
    slots: RefCell<Vec<Slot>>,
    /// The value of `NAME_FILE` of the secret `i`, for each such name in the
    /// environment (nearly always none: a `Vec` allocates only for the first).
    files: RefCell<Vec<(usize, Vec<u8>)>>,
    /// Bit `i`: the `NAME_FILE` of variable `i` was asked for.
    files_asked: Cell<u64>,
    /// The index the next `get` most likely asks for: the loader asks in contract order.
    next: Cell<usize>,
}

enum Slot {
    /// Not in the environment.
    Unset,
    /// The value's bytes, not yet asked for.
    #[cfg_attr(
        not(target_os = "linux"),
        expect(dead_code, reason = "only the Linux walk of environ fills a slot")
    )]
    Set(Vec<u8>),
    /// Asked for once: a second ask reads the environment again.
    Taken,
}

/// The most names the one-pass walk keeps (its first-byte table holds a bit per name).
const MAX_NAMES: usize = 64;

impl<'c> ContractEnv<'c> {
    /// The values of `contract`'s names, or `None` where this walk is not available
    /// (not Linux, or more than 64 names): the caller then reads [`ProcessEnv`].
    pub(crate) fn new(contract: &'c Contract) -> Option<ContractEnv<'c>> {
        if !cfg!(target_os = "linux") || contract.vars.len() > MAX_NAMES {
            return None;
        }
        let (slots, files) = walk(contract);
        Some(ContractEnv {
            contract,
            slots: RefCell::new(slots),
            files: RefCell::new(files),
            files_asked: Cell::new(0),
            next: Cell::new(0),
        })
    }

    /// The index of `name` among the contract's names.
    fn index(&self, name: &str) -> Option<usize> {
        let vars = &self.contract.vars;
        let next = self.next.get();
        // The loader asks with the contract's own `&str`: the same pointer, no compare.
        let at = if vars
            .get(next)
            .is_some_and(|v| std::ptr::eq(v.name.as_ref(), name) || v.name == name)
        {
            Some(next)
        } else {
            vars.iter().position(|v| v.name == name)
        };
        if let Some(i) = at {
            self.next.set(i + 1);
        }
        at
    }

    /// The index of the secret whose `NAME_FILE` is `name`. The loader asks for it
    /// right after the secret itself: the variable before `next` first.
    fn secret_of_file(&self, name: &str) -> Option<usize> {
        let stem = file_var_stem(name)?;
        let vars = &self.contract.vars;
        let before = self.next.get().wrapping_sub(1);
        let at = if vars.get(before).is_some_and(|v| v.name == stem) {
            before
        } else {
            vars.iter().position(|v| v.name == stem)?
        };
        vars[at].secret.then_some(at)
    }

    /// The walk's answer for the `NAME_FILE` of secret `i`, the first time it is
    /// asked; `None` after that (the environment is read again).
    fn take_file(&self, i: usize) -> Option<Option<Vec<u8>>> {
        let bit = 1 << i;
        let asked = self.files_asked.get();
        if asked & bit != 0 {
            return None;
        }
        self.files_asked.set(asked | bit);
        let mut files = self.files.borrow_mut();
        let at = files.iter().position(|(j, _)| *j == i);
        Some(at.map(|at| files.swap_remove(at).1))
    }
}

impl Source for ContractEnv<'_> {
    fn get(&self, name: &str) -> Option<Lookup> {
        // The walk's answer, if it has one: `Some(None)` for a name it did not find.
        let walked = if let Some(i) = self.index(name) {
            match std::mem::replace(&mut self.slots.borrow_mut()[i], Slot::Taken) {
                Slot::Unset => Some(None),
                Slot::Set(bytes) => Some(Some(bytes)),
                Slot::Taken => None,
            }
        } else {
            self.secret_of_file(name).and_then(|i| self.take_file(i))
        };
        match walked {
            Some(bytes) => bytes.map(lookup),
            None => ProcessEnv.get(name),
        }
    }

    fn names(&self) -> Vec<(String, Origin)> {
        ProcessEnv.names()
    }

    fn includes_process(&self) -> bool {
        true
    }

    fn dedicated_names(&self) -> Vec<(String, Origin)> {
        Vec::new()
    }

    fn only_process(&self) -> Option<OnlyProcess> {
        Some(OnlyProcess::PROOF)
    }
}

impl Drop for ContractEnv<'_> {
    fn drop(&mut self) {
        for slot in self.slots.get_mut().iter_mut() {
            if let Slot::Set(bytes) = slot {
                bytes.zeroize();
            }
        }
        for (_, bytes) in self.files.get_mut().iter_mut() {
            bytes.zeroize();
        }
    }
}

/// A value's bytes as a [`Lookup`] of the process, wiped when they are not UTF-8.
fn lookup(bytes: Vec<u8>) -> Lookup {
    // Nearly every value is ASCII: one pass to tell, and no UTF-8 validation.
    let value = if bytes.is_ascii() {
        // SAFETY: every byte is ASCII, and ASCII is valid UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes).map_err(|e| {
            e.into_bytes().zeroize();
            super::NotUnicode
        })
    };
    Lookup {
        value,
        origin: Origin::Process,
    }
}

/// One pass over the environment: the first value of each contract name, and of each
/// secret's `NAME_FILE` (the `slots` and `files` of [`ContractEnv`]).
#[cfg(target_os = "linux")]
fn walk(contract: &Contract) -> (Vec<Slot>, Vec<(usize, Vec<u8>)>) {
    use std::ffi::{CStr, c_char};
    // `mut`, as the standard library declares it: `setenv` assigns `environ` a new
    // array when it grows, and mutating an immutable extern static is undefined
    // behaviour whatever the threads (the Reference, "External blocks"), so an
    // immutable declaration made a single-threaded `set_var` before a load unsound.
    unsafe extern "C" {
        static mut environ: *const *const c_char;
    }
    let vars = &contract.vars;
    // Bit i of `by_first[b % 64]`: the name of var i starts with a byte b' = b (mod 64).
    let mut by_first = [0u64; 64];
    for (i, var) in vars.iter().enumerate() {
        if let Some(&b) = var.name.as_bytes().first() {
            by_first[usize::from(b % 64)] |= 1 << i;
        }
    }
    let mut slots: Vec<Slot> = (0..vars.len()).map(|_| Slot::Unset).collect();
    let mut files: Vec<(usize, Vec<u8>)> = Vec::new();
    // SAFETY: see the module docs. `environ` is a NULL-terminated array of pointers to
    // NUL-terminated strings, each read through `CStr::from_ptr`, and only when a
    // contract name starts with its first byte (always readable: at worst the NUL).
    unsafe {
        let mut entry = environ;
        while !entry.is_null() && !(*entry).is_null() {
            let s = *entry;
            entry = entry.add(1);
            let mut candidates = by_first[usize::from(*s.cast::<u8>() % 64)];
            if candidates == 0 {
                continue;
            }
            let bytes = CStr::from_ptr(s).to_bytes();
            while candidates != 0 {
                let i = candidates.trailing_zeros() as usize;
                candidates &= candidates - 1;
                let name = vars[i].name.as_bytes();
                match bytes.get(name.len()) {
                    Some(b'=') if bytes.starts_with(name) => {
                        if let Slot::Unset = slots[i] {
                            slots[i] = Slot::Set(bytes[name.len() + 1..].to_vec());
                        }
                        break;
                    }
                    // `NAME_FILE=`: another candidate may still be `NAME_FILE` itself.
                    Some(b'_') if vars[i].secret => keep_file(&mut files, i, name, bytes),
                    _ => {}
                }
            }
        }
    }
    (slots, files)
}

/// Keeps the value of `entry` (`NAME=value` of the environment) when its name is
/// `name` + `_FILE`, for the secret `i`, unless an earlier entry had that name (the
/// first is the one `getenv` finds). Out of the walk's loop: nearly no entry gets here.
#[cfg(target_os = "linux")]
#[cold]
fn keep_file(files: &mut Vec<(usize, Vec<u8>)>, i: usize, name: &[u8], entry: &[u8]) {
    let value = entry
        .strip_prefix(name)
        .and_then(|rest| rest.strip_prefix(super::secret_file::FILE_SUFFIX.as_bytes()))
        .and_then(|rest| rest.strip_prefix(b"="));
    if let Some(value) = value
        && !files.iter().any(|(j, _)| *j == i)
    {
        files.push((i, value.to_vec()));
    }
}

/// Never called: [`ContractEnv::new`] answers `None` off Linux.
#[cfg(not(target_os = "linux"))]
fn walk(contract: &Contract) -> (Vec<Slot>, Vec<(usize, Vec<u8>)>) {
    let slots = (0..contract.vars.len()).map(|_| Slot::Unset).collect();
    (slots, Vec::new())
}

/// Calls `visit` with the name of every entry of the process environment, in order,
/// as `std::env::vars_os` splits the entries: the name ends at the first `=` after
/// the entry's first byte (a name may start with `=`), and an empty entry or one
/// with no such `=` is skipped. A name set twice is visited twice. The bytes may be
/// any but NUL and are borrowed for the call only.
///
/// It is how a failed load lists the process environment for near misses: on Linux
/// it reads `environ` in place, finding each name's end with libc's `strchr`, and
/// copies neither names nor values (the caller copies the few names it reports;
/// `vars_os` copies every name and value). Elsewhere it lists `vars_os`.
#[cfg(target_os = "linux")]
pub(crate) fn for_each_process_name(mut visit: impl FnMut(&[u8])) {
    use std::ffi::{c_char, c_int};
    unsafe extern "C" {
        static environ: *const *const c_char;
        fn strchr(s: *const c_char, c: c_int) -> *mut c_char;
    }
    // SAFETY: see the module docs. `environ` is a NULL-terminated array of pointers
    // to NUL-terminated strings. An entry's first byte is readable (at worst its NUL);
    // when it is not NUL, `strchr` reads from the next byte up to a `=` or the NUL,
    // and a `=` it finds lies in the entry, `len` bytes after its start. `visit` gets
    // a slice of those bytes, which live while nothing writes the environment: not
    // during the call, as this library never writes it (and `visit` is this crate's
    // own code: it filters names and copies a few).
    unsafe {
        let mut entry = environ;
        while !entry.is_null() && !(*entry).is_null() {
            let s = *entry;
            entry = entry.add(1);
            if *s == 0 {
                continue;
            }
            let eq = strchr(s.add(1), c_int::from(b'='));
            if eq.is_null() {
                continue;
            }
            // `eq` is after `s`: the difference is positive.
            let len = eq.offset_from(s) as usize;
            visit(std::slice::from_raw_parts(s.cast::<u8>(), len));
        }
    }
}

/// `vars_os`'s names where `environ` is not read directly.
#[cfg(not(target_os = "linux"))]
pub(crate) fn for_each_process_name(mut visit: impl FnMut(&[u8])) {
    for (name, _) in std::env::vars_os() {
        visit(name.as_encoded_bytes());
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests;
