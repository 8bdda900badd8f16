//! The Levenshtein distance, for "did you mean" ([`crate::load`]'s near misses).
//!
//! Written here rather than taken from `strsim` (which this crate used before): the
//! one function it needed cost a user's clean release build 0.9-1.1 s of CPU time
//! (`strsim` compiles every metric it has), and the function is the textbook
//! two-row algorithm, the same as `strsim::levenshtein`. The tests compare the two on
//! random strings.

/// The fewest single-character insertions, deletions and substitutions that turn
/// `a` into `b`, counted in `char`s (Unicode scalar values) as `strsim::levenshtein`
/// counts them.
pub(crate) fn levenshtein(a: &str, b: &str) -> usize {
    // `row[j]`: the distance between the `a` read so far and the first `j + 1` chars
    // of `b`; the distance to the empty prefix is the number of `a` chars read.
    let mut row: Vec<usize> = (1..=b.chars().count()).collect();
    let mut result = row.len();
    for (i, ca) in a.chars().enumerate() {
        result = i + 1;
        let mut diagonal = i;
        for (cell, cb) in row.iter_mut().zip(b.chars()) {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = *cell;
            result = substitution.min(result + 1).min(diagonal + 1);
            *cell = result;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::levenshtein;
    use proptest::prelude::*;

    #[test]
    fn textbook_distances() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", ""), 0);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("PORT", "PORT"), 0);
        // One deletion, one substitution, one transposition (two edits).
        assert_eq!(levenshtein("DATABASE_URL", "DATABASE_UR"), 1);
        assert_eq!(levenshtein("REDIS_HOST", "REDIS_POST"), 1);
        assert_eq!(levenshtein("JWT_SECRET", "JTW_SECRET"), 2);
        // Counted in chars, not bytes: `é` is two bytes, one substitution.
        assert_eq!(levenshtein("CAFE", "CAFÉ"), 1);
    }

    proptest! {
        /// The same as `strsim::levenshtein` (a dev-dependency only), on strings of
        /// a few ASCII letters (where near misses are) and on any chars.
        #[test]
        fn same_as_strsim(a in "[A-C_]{0,8}", b in "[A-C_]{0,8}", c in ".{0,6}", d in ".{0,6}") {
            prop_assert_eq!(levenshtein(&a, &b), strsim::levenshtein(&a, &b));
            prop_assert_eq!(levenshtein(&c, &d), strsim::levenshtein(&c, &d));
            prop_assert_eq!(levenshtein(&a, &d), strsim::levenshtein(&a, &d));
        }
    }
}
