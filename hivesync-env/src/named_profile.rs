//! Loading in the profile a running program names in [`PROFILE_VAR`], read from the
//! same source as its variables (a worker's `Env`, see [`crate::worker`]).
//!
//! A missing or unknown profile is never replaced by a lax one: the load fails with
//! the profile named in the report, and, so that one pass still names every problem,
//! the variables are checked in `production`, the strictest profile, meanwhile.

use crate::profile_var::{self, EXPECTED};
use crate::report::{ProblemKind, Severity};
use crate::source::Source;
use crate::{EnvContract, PROFILE_VAR, Profile, Report};

/// The profile that checks the variables while the named one is missing or unknown.
const MEANWHILE: Profile = Profile::Production;

/// The profile `source` names in [`PROFILE_VAR`], or the problem with it.
pub(crate) fn profile(source: &dyn Source) -> Result<Profile, (ProblemKind, String)> {
    match profile_var::read(source) {
        Ok(Some(profile)) => Ok(profile),
        Ok(None) => Err((
            ProblemKind::Missing,
            format!(
                "is not set: expected the profile to check the variables in, {EXPECTED} (the rendered wrangler.toml sets it in each environment's vars); checked in {MEANWHILE} meanwhile"
            ),
        )),
        Err(bad) => Err((bad.kind, format!("{bad}; checked in {MEANWHILE} meanwhile"))),
    }
}

/// Loads `T` from `source` in the profile `source` names, and returns that profile.
/// On a missing or unknown profile, the report names it first, then every problem of
/// the variables in [`Profile::Production`].
pub(crate) fn load<T: EnvContract>(source: &dyn Source) -> Result<(T, Profile), Report> {
    match profile(source) {
        Ok(p) => T::load(source, p).map(|value| (value, p)),
        Err((kind, message)) => {
            let mut report = match T::load(source, MEANWHILE) {
                Ok(_) => Report::new(T::CONTRACT.component.clone(), MEANWHILE),
                Err(report) => report,
            };
            report.replace(PROFILE_VAR, kind, Severity::Error, message, |_| true);
            Err(report)
        }
    }
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;
    use crate::source::MapSource;
    use crate::{Audience, Contract, Var, VarType};

    /// A struct of one required port, `PORT`: it loads in any profile when it is set.
    struct Nothing;

    impl EnvContract for Nothing {
        const CONTRACT: &'static Contract = &Contract {
            component: Cow::Borrowed("demo"),
            audience: Audience::Edge,
            description: Cow::Borrowed(""),
            file: Cow::Borrowed("demo.toml"),
            vars: Cow::Borrowed(&[Var::new("PORT", VarType::Port)]),
            compose_service: None,
            wrangler: None,
            forbidden: Cow::Borrowed(&[]),
        };
        fn load_with_warnings(
            source: &dyn Source,
            profile: Profile,
        ) -> Result<(Self, Report), Report> {
            let checked = crate::check(Self::CONTRACT, source, profile);
            match checked.report.is_ok() {
                true => Ok((Nothing, checked.report)),
                false => Err(checked.report),
            }
        }
    }

    #[test]
    fn each_profile_name_is_read() {
        for p in Profile::ALL {
            let source = MapSource::new("m")
                .with(PROFILE_VAR, p.as_str())
                .with("PORT", "1");
            assert_eq!(profile(&source), Ok(p));
            assert_eq!(load::<Nothing>(&source).map(|(_, got)| got).ok(), Some(p));
        }
    }

    #[test]
    fn a_missing_profile_fails_the_load_and_says_what_to_set() {
        let report = load::<Nothing>(&MapSource::new("m").with("PORT", "1"))
            .err()
            .unwrap();
        assert_eq!(report.profile, Profile::Production);
        let problems = report.problems();
        assert_eq!(problems.len(), 1, "{report}");
        assert_eq!(problems[0].var, PROFILE_VAR);
        assert_eq!(problems[0].kind, ProblemKind::Missing);
        assert_eq!(problems[0].severity, Severity::Error);
        assert!(problems[0].message.contains("local, docker, production"));
    }

    #[test]
    fn an_unknown_profile_is_an_error_quoting_it_cut_short() {
        for (value, shown) in [
            ("staging", "`staging`".to_owned()),
            ("Local", "`Local`".to_owned()),
            ("", "empty".to_owned()),
            (&"x".repeat(100), format!("`{}...`", "x".repeat(40))),
        ] {
            let source = MapSource::new("m")
                .with(PROFILE_VAR, value)
                .with("PORT", "1");
            let report = load::<Nothing>(&source).err().unwrap();
            let p = &report.problems()[0];
            assert_eq!(
                (p.var.as_str(), p.kind),
                (PROFILE_VAR, ProblemKind::Invalid)
            );
            assert_eq!(
                p.message,
                format!(
                    "is {shown}: expected one of local, docker, production; checked in production meanwhile"
                )
            );
        }
    }

    #[test]
    fn a_bad_profile_and_bad_variables_are_reported_together() {
        let source = MapSource::new("m").with(PROFILE_VAR, "prod");
        let report = load::<Nothing>(&source).err().unwrap();
        let named: Vec<(&str, ProblemKind)> = report
            .problems()
            .iter()
            .map(|p| (p.var.as_str(), p.kind))
            .collect();
        assert_eq!(
            named,
            [
                (PROFILE_VAR, ProblemKind::Invalid),
                ("PORT", ProblemKind::Missing)
            ]
        );
    }
}
