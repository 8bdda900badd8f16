//! "One or two edits apart", and a filter that rules most names out before the
//! distance is computed: a failed load runs it on every name of the process
//! environment, hundreds in a container, nearly none of them a near miss.
//!
//! [`NearFilter::candidates`] answers, for a name, the contract names it may be one
//! or two edits from; it never leaves out one that is (the tests compare it with
//! `strsim`, a dev-dependency, on random pairs). It needs no copy of the name and a few table lookups:
//!
//! - **length**: two names one or two edits apart differ in length by at most 2 bytes
//!   (an edit adds or removes at most one character, and [`edits_apart`] compares the
//!   lengths in bytes first);
//! - **pairs of adjacent bytes**. Of the pairs of a name two edits from a contract
//!   name, at most 4 are not copies of the contract name's pairs: a character put in
//!   or changed breaks the pairs on both sides of it, a removal the one across the
//!   gap. So one of its first 5 pairs is a copy, and it copies one of the contract
//!   name's first 5: the first copy's place in the name is at most the number of
//!   pairs broken before it (two per character put in or changed before it, one per
//!   removal), and its place in the contract name is that, one further per removal
//!   before it and one back per insertion: at most twice the edits, 4. The same
//!   holds at the end. So a name of 6 bytes or more whose first and last 6 bytes
//!   are ASCII (one character each) is tested on its first 5 and last 5 pairs
//!   against tables of the contract names' first 5 and last 5 pairs. The tables hold
//!   the pairs folded into 8 bits: two pairs that share a slot only let more names
//!   through.

use hivesync_env_core::Contract;

/// Names of this many bytes or more share the last row of the length table.
const LEN_ROWS: usize = 64;
/// Pairs at each end of a name that are looked up, and of a contract name that go
/// into the tables.
const PROBES: usize = 5;
/// Slots of a pair table: 2 KiB of `u64`, which libc clears with vector stores (a
/// larger block is cleared one byte per counted instruction).
pub(crate) const SLOTS: usize = 256;

/// One contract's pair table for one end of its names, by [`slot`].
pub(crate) type PairTable = [u64; SLOTS];

/// The tables of one contract's names, built once per scan (a few hundred
/// instructions), for contracts of at most 64 names: bit `i` of a row stands for
/// the contract's variable `i`. The pair tables are the caller's (two locals, each
/// cleared on its own; see [`SLOTS`]).
pub(crate) struct NearFilter<'t> {
    /// Row `l < LEN_ROWS`: the names whose length is within 2 bytes of `l`; the last
    /// row: the names of `LEN_ROWS - 2` bytes or more.
    by_len: [u64; LEN_ROWS + 1],
    /// The names with a given pair among their first [`PROBES`] pairs.
    front: &'t PairTable,
    /// The same for the last [`PROBES`] pairs.
    back: &'t PairTable,
    /// The names the pair tables say nothing of: shorter than 2 bytes, or not ASCII in
    /// their first or last `PROBES + 1` bytes.
    loose: u64,
}

impl<'t> NearFilter<'t> {
    /// The tables of `contract`'s names, `front` and `back` filled from zero; `None`
    /// when it has more than 64 names.
    pub(crate) fn new(
        contract: &Contract,
        front: &'t mut PairTable,
        back: &'t mut PairTable,
    ) -> Option<NearFilter<'t>> {
        if contract.vars.len() > 64 {
            return None;
        }
        // Bit `i` of `exact[l + 2]`: var `i`'s name has `l` bytes (`LEN_ROWS` or more
        // for the last row).
        let mut exact = [0u64; LEN_ROWS + 5];
        let mut loose = 0;
        for (i, var) in contract.vars.iter().enumerate() {
            let bit = 1u64 << i;
            let name = var.name.as_bytes();
            exact[name.len().min(LEN_ROWS) + 2] |= bit;
            if !add_pairs(name, bit, front, back) {
                loose |= bit;
            }
        }
        let mut by_len = [0; LEN_ROWS + 1];
        for (row, l) in by_len.iter_mut().zip(exact.windows(5)) {
            *row = l[0] | l[1] | l[2] | l[3] | l[4];
        }
        Some(NearFilter {
            by_len,
            front,
            back,
            loose,
        })
    }

    /// The contract names (as bits) that `name` may be one or two edits from: every
    /// one that is, and a few that are not. `name` is the name's bytes, UTF-8 or not;
    /// an end of it that is not ASCII is not looked up (a character of several bytes
    /// would move the pairs after it further).
    pub(crate) fn candidates(&self, name: &[u8]) -> u64 {
        let len = name.len();
        let near = self.by_len[len.min(LEN_ROWS)];
        let mut strict = near & !self.loose;
        if strict == 0 || len <= PROBES {
            return near;
        }
        let pairs = |table: &PairTable, bytes: &[u8; PROBES + 1]| {
            bytes
                .windows(2)
                .fold(0, |found, pair| found | table[slot([pair[0], pair[1]])])
        };
        let (Ok(head), Ok(tail)) = (
            <&[u8; PROBES + 1]>::try_from(&name[..=PROBES]),
            <&[u8; PROBES + 1]>::try_from(&name[len - PROBES - 1..]),
        ) else {
            return near;
        };
        // The ends first: the names of one environment share their starts (one per
        // tool: `KUBERNETES_`, `XDG_`, `npm_config_`) more than their ends.
        if is_ascii(tail) {
            strict &= pairs(self.back, tail);
            if strict == 0 {
                return near & self.loose;
            }
        }
        if is_ascii(head) {
            strict &= pairs(self.front, head);
        }
        (near & self.loose) | strict
    }
}

/// Adds the first and last [`PROBES`] pairs of `name` to `front` and `back` as `bit`;
/// `false` when the pairs cannot be used: a name of less than 2 bytes, or one whose
/// bytes there are not all ASCII (their bits then stay in the tables unused: the
/// tables are only asked about the other names).
fn add_pairs(name: &[u8], bit: u64, front: &mut PairTable, back: &mut PairTable) -> bool {
    let len = name.len();
    if let (Ok(head), Ok(tail)) = (
        <&[u8; PROBES + 1]>::try_from(name.get(..=PROBES).unwrap_or_default()),
        <&[u8; PROBES + 1]>::try_from(
            name.get(len.saturating_sub(PROBES + 1)..)
                .unwrap_or_default(),
        ),
    ) {
        for j in 0..PROBES {
            front[slot([head[j], head[j + 1]])] |= bit;
            back[slot([tail[j], tail[j + 1]])] |= bit;
        }
        return is_ascii(head) && is_ascii(tail);
    }
    let mut bytes = 0;
    for pair in name.windows(2) {
        front[slot([pair[0], pair[1]])] |= bit;
        back[slot([pair[0], pair[1]])] |= bit;
        bytes |= pair[0] | pair[1];
    }
    len >= 2 && bytes.is_ascii()
}

/// Whether the window's bytes are ASCII: two loads, not one test per byte.
fn is_ascii(bytes: &[u8; PROBES + 1]) -> bool {
    let [a, b, c, d, e, f] = *bytes;
    (u32::from_le_bytes([a, b, c, d]) | u32::from(u16::from_le_bytes([e, f]))) & 0x8080_8080 == 0
}

/// A pair of adjacent bytes folded into a slot of a [`PairTable`].
fn slot(pair: [u8; 2]) -> usize {
    let pair = u32::from(u16::from_le_bytes(pair));
    (pair.wrapping_mul(0x9E37_79B1) >> 24) as usize
}

/// The `candidates` (bits of `contract.vars`) that an ASCII `name` may be one or two
/// edits from by the bytes the names hold (an edit adds at most one byte value the
/// other name lacks, so two names more than two such values apart are more than two
/// edits apart); all of them for a name that is not ASCII, and every name that is
/// not. `sets` keeps the [`byte_set`] of each contract name once computed (0 before).
pub(crate) fn near_by_bytes(
    contract: &Contract,
    name: &[u8],
    candidates: u64,
    sets: &mut [u64; 64],
) -> u64 {
    if !name.is_ascii() {
        return candidates;
    }
    let set = byte_set(name);
    let mut kept = candidates;
    let mut left = candidates;
    while left != 0 {
        let i = left.trailing_zeros() as usize;
        left &= left - 1;
        let other = contract.vars[i].name.as_bytes();
        if !other.is_ascii() {
            continue;
        }
        if sets[i] == 0 {
            sets[i] = byte_set(other);
        }
        if !sets_near(set, sets[i]) {
            kept &= !(1 << i);
        }
    }
    kept
}

/// The contract name one or two edits from `name` among `candidates` (bits of
/// `contract.vars`): the fewest edits, then the first in contract order.
pub(crate) fn closest_among<'c>(
    contract: &'c Contract,
    name: &str,
    mut candidates: u64,
) -> Option<&'c str> {
    let mut best: Option<(usize, &str)> = None;
    while candidates != 0 {
        let other: &str = &contract.vars[candidates.trailing_zeros() as usize].name;
        candidates &= candidates - 1;
        if let Some(d) = edits_apart(other, name) {
            if best.is_none_or(|(least, _)| d < least) {
                best = Some((d, other));
            }
        }
    }
    best.map(|(_, other)| other)
}

/// Whether two [`byte_set`]s may belong to names at most two edits apart: neither has
/// more than two values the other lacks.
pub(crate) fn sets_near(a: u64, b: u64) -> bool {
    let at_most_two = |x: u64| {
        let x = x & x.wrapping_sub(1);
        x & x.wrapping_sub(1) == 0
    };
    at_most_two(a & !b) && at_most_two(b & !a)
}

/// The byte values of `s`, folded into 64 bits: one bit may stand for several
/// values, which only lets more pairs through to the exact distance.
pub(crate) fn byte_set(s: &[u8]) -> u64 {
    s.iter().fold(0, |set, &b| set | 1 << (b & 63))
}

/// The number of edits between `a` and `b` when it is one or two.
pub(crate) fn edits_apart(a: &str, b: &str) -> Option<usize> {
    if a.len().abs_diff(b.len()) > 2 {
        return None;
    }
    Some(crate::levenshtein::levenshtein(a, b)).filter(|d| (1..=2).contains(d))
}

#[cfg(test)]
pub(crate) mod tests;
