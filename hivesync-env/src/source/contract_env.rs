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
//! [`Origin::Process`]. A name outside the contract (`NAME_FILE`, a client's forbidden
//! names), and a name asked a second time, are read through [`ProcessEnv`] at the time
//! they are asked. A value never asked for is wiped when the source is dropped: it may
//! be a secret.
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

use super::{Lookup, OnlyProcess, Origin, ProcessEnv, Source};
use crate::Contract;

/// The process environment's values of one contract's names, read in one pass.
pub(crate) struct ContractEnv<'c> {
    contract: &'c Contract,
    slots: RefCell<Vec<Slot>>,
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
        let slots = RefCell::new(walk(contract));
        let next = Cell::new(0);
        Some(ContractEnv {
            contract,
            slots,
            next,
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
}

impl Source for ContractEnv<'_> {
    fn get(&self, name: &str) -> Option<Lookup> {
        if let Some(i) = self.index(name) {
            let slot = std::mem::replace(&mut self.slots.borrow_mut()[i], Slot::Taken);
            match slot {
                Slot::Unset => return None,
                Slot::Set(bytes) => return Some(lookup(bytes)),
                Slot::Taken => {}
            }
        }
        ProcessEnv.get(name)
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

/// One pass over the environment: the first value of each contract name.
#[cfg(target_os = "linux")]
fn walk(contract: &Contract) -> Vec<Slot> {
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
                if bytes.get(name.len()) == Some(&b'=') && bytes.starts_with(name) {
                    if let Slot::Unset = slots[i] {
                        slots[i] = Slot::Set(bytes[name.len() + 1..].to_vec());
                    }
                    break;
                }
            }
        }
    }
    slots
}

/// Never called: [`ContractEnv::new`] answers `None` off Linux.
#[cfg(not(target_os = "linux"))]
fn walk(contract: &Contract) -> Vec<Slot> {
    (0..contract.vars.len()).map(|_| Slot::Unset).collect()
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
mod tests {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    use std::process::Command;

    use super::*;

    const MARKER: &str = "HIVESYNC_CONTRACT_ENV_CHILD";

    fn contract() -> Contract {
        let mut toml =
            String::from("component = \"t\"\naudience = \"server\"\ndescription = \"d\"\n");
        for name in ["PORT", "PORT_X", "EMPTY", "BAD", "ABSENT", "EQ", "P", "KEY"] {
            toml.push_str(&format!(
                "[[var]]\nname = \"{name}\"\ntype = \"string\"\noptional = true\ndescription = \"d\"\n"
            ));
        }
        Contract::parse("t.toml", &toml).expect("a valid contract")
    }

    /// Every answer equals `ProcessEnv`'s, asked in contract order, out of order,
    /// twice, and for names outside the contract. The environment is set up by
    /// running this test binary again (the library never writes its own); the child
    /// runs only [`contract_env_child`].
    #[test]
    fn answers_as_process_env() {
        let env: Vec<(OsString, OsString)> = [
            ("PORT_X", b"x".to_vec()),
            ("PORT", b"4000".to_vec()),
            ("PORTS", b"no".to_vec()),
            ("EMPTY", Vec::new()),
            ("BAD", vec![b'a', 0xff, b'b']),
            ("EQ", b"a=b=c".to_vec()),
            ("P", b"p".to_vec()),
            ("PORT_FILE", b"/run/secrets/port".to_vec()),
            ("KEYS", b"k".to_vec()),
        ]
        .into_iter()
        .map(|(k, v)| (OsString::from(k), OsString::from_vec(v)))
        .collect();
        let status = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "source::contract_env::tests::contract_env_child"])
            .env_clear()
            .envs(env)
            .env(MARKER, "1")
            .status()
            .unwrap();
        assert!(status.success(), "the child's comparisons failed: {status}");
    }

    /// An ASCII value is taken as it is, without the UTF-8 check; any other is
    /// checked: kept when it is UTF-8, `NotUnicode` when it is not.
    #[test]
    fn ascii_values_are_strings_as_is() {
        let every_ascii: Vec<u8> = (0..=127).collect();
        let ascii = [
            b"".to_vec(),
            b"4000".to_vec(),
            b"a=b=c".to_vec(),
            every_ascii,
        ];
        let utf8 = [
            "\u{e9}",
            "caf\u{e9}",
            "\u{65e5}\u{672c}\u{1f41d}",
            "\u{7f}\u{80}",
        ];
        let wanted = ascii
            .into_iter()
            .map(|v| (v.clone(), Ok(String::from_utf8(v).unwrap())))
            .chain(utf8.map(|v| (v.as_bytes().to_vec(), Ok(v.to_owned()))));
        let invalid = [
            &b"a\xffb"[..],
            b"\x80",
            b"\xc0\x80",
            b"\xed\xa0\x80",
            b"caf\xc3",
        ];
        let wanted = wanted.chain(invalid.map(|v| (v.to_vec(), Err(crate::source::NotUnicode))));
        for (bytes, value) in wanted {
            let origin = Origin::Process;
            assert_eq!(lookup(bytes.clone()), Lookup { value, origin }, "{bytes:?}");
        }
    }

    /// The child of [`answers_as_process_env`]; without its marker it has nothing to
    /// compare and returns.
    #[test]
    fn contract_env_child() {
        if std::env::var_os(MARKER).is_none() {
            return;
        }
        let contract = contract();
        let names: Vec<&str> = contract.vars.iter().map(|v| v.name.as_ref()).collect();
        let env = ContractEnv::new(&contract).expect("Linux");
        let mut asked = names.clone();
        asked.extend(["PORT_FILE", "PORTS", "NOT_SET", "", "PO=RT"]);
        asked.extend(names.iter().rev());
        for name in asked {
            assert_eq!(env.get(name), ProcessEnv.get(name), "{name:?}");
        }
        assert_eq!(env.get("PORT").unwrap().value.as_deref(), Ok("4000"));
        assert_eq!(env.get("EQ").unwrap().value.as_deref(), Ok("a=b=c"));
        assert!(env.get("ABSENT").is_none());
    }
}
