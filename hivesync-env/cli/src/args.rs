//! Arguments several subcommands share.

use clap::builder::{PossibleValuesParser, TypedValueParser};
use hivesync_env::Profile;

/// `--profile`: one of the profiles, listed in `--help`.
pub fn profile() -> impl TypedValueParser<Value = Profile> {
    PossibleValuesParser::new(Profile::ALL.map(Profile::as_str))
        .map(|s| s.parse::<Profile>().expect("a listed profile parses"))
}
