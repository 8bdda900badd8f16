//! Every check of one value against its variable, as data: the loader turns the
//! problems into its report, and `bake!` into compile errors in the client's build.
//!
//! [`check_value`] is the one place that decides what is wrong with a value; the
//! words of each problem are [`ValueProblem::message`], so a value rejected at run time
//! and at compile time reads the same.

use std::borrow::Cow;

use crate::{Audience, Profile, Var, VarType, looks_like_credential, looks_like_placeholder};

/// The longest found value a message quotes before cutting it short.
const QUOTE_LIMIT: usize = 60;

/// One thing wrong with a value, found by [`check_value`]. It holds no copy of the
/// value, so it is safe to keep and show for secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ValueProblem {
    /// In a `client` component, the value has the shape of a credential. The value is
    /// never quoted: no later check runs, since their messages would show it.
    Credential,
    /// In a component that is not a client, a variable that is not a secret holds a
    /// value with the shape of a credential. It is never quoted; it fails a load only
    /// when the variable's type rejects it (`parses` false).
    CredentialShaped {
        /// Whether the type check passed.
        parses: bool,
    },
    /// The value is empty or a placeholder such as `REPLACE_ME`. `parses` says whether
    /// the variable's type accepts it anyway (then it is usable, and an error only in
    /// a strict profile).
    Placeholder {
        /// Whether the type check passed.
        parses: bool,
    },
    /// The value does not fit the type, the allowed values or the bounds.
    Invalid,
    /// A URL that must use https does not, in a strict profile.
    Insecure,
    /// A secret shorter than its `min_len`.
    Weak {
        /// The value's length in characters.
        len: usize,
        /// The contract's minimum.
        min: u32,
    },
}

impl ValueProblem {
    /// The kind's name, as the loader's report and its JSON spell it.
    pub const fn kind(self) -> &'static str {
        match self {
            ValueProblem::Credential | ValueProblem::CredentialShaped { .. } => "leak",
            ValueProblem::Placeholder { .. } => "placeholder",
            ValueProblem::Invalid => "invalid",
            ValueProblem::Insecure => "insecure",
            ValueProblem::Weak { .. } => "weak",
        }
    }

    /// Whether the problem fails a load in `profile` (otherwise it is a warning).
    pub const fn is_error(self, profile: Profile) -> bool {
        match self {
            ValueProblem::Placeholder { parses: true } | ValueProblem::Weak { .. } => {
                profile.is_strict()
            }
            ValueProblem::CredentialShaped { parses } => !parses,
            _ => true,
        }
    }

    /// Whether a typed field may still be built from the value.
    pub const fn leaves_usable(self) -> bool {
        match self {
            ValueProblem::Credential | ValueProblem::Invalid => false,
            ValueProblem::Placeholder { parses } | ValueProblem::CredentialShaped { parses } => {
                parses
            }
            ValueProblem::Insecure | ValueProblem::Weak { .. } => true,
        }
    }

    /// The problem in words, without the variable's name: `must use https in
    /// production, found `http://x``. `value` is quoted only when `var` is not a
    /// secret and the problem is not [`ValueProblem::Credential`]; `component` is the
    /// contract's component.
    pub fn message(self, var: &Var, value: &str, profile: Profile, component: &str) -> String {
        match self {
            ValueProblem::Credential => format!(
                "has the shape of a credential (not shown): {component} ships to users, so no secret may be set here"
            ),
            ValueProblem::CredentialShaped { parses } => {
                let also = if parses {
                    String::new()
                } else {
                    format!(", and it is not {}", var.expected())
                };
                format!(
                    "has the shape of a credential (not shown){also}: if it is a secret, mark the variable `secret = true`; otherwise set the real value"
                )
            }
            ValueProblem::Placeholder { .. } => {
                let what = if value.trim().is_empty() {
                    "is empty".to_owned()
                } else if var.secret {
                    "still holds a placeholder (not shown: secret)".to_owned()
                } else {
                    format!("still holds the placeholder {}", found(var, value))
                };
                format!("{what}: set the real value ({})", var.description)
            }
            ValueProblem::Invalid => {
                format!("expected {}, found {}", var.expected(), found(var, value))
            }
            ValueProblem::Insecure => {
                format!("must use https in {profile}, found {}", found(var, value))
            }
            ValueProblem::Weak { len, min } => {
                format!("is {len} characters long; at least {min} are required")
            }
        }
    }
}

/// What [`check_value`] found: every problem of one value, and whether a typed field
/// may be built from it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCheck {
    /// Empty (and not allocated) when the value passed.
    problems: Vec<ValueProblem>,
    usable: bool,
}

impl ValueCheck {
    /// Every problem, in the order they were found.
    pub fn problems(&self) -> &[ValueProblem] {
        &self.problems
    }

    /// Whether a typed field may be built from the value (it parses, and is not a
    /// credential in a client).
    pub fn usable(&self) -> bool {
        self.usable
    }

    /// Whether no problem was found.
    pub fn is_ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Runs every check of `value` as the value of `var`, in `profile`, for a component of
/// `audience`: credential shape (of a value that is not a secret's), placeholder, type, allowed values and
/// bounds, https (strict profiles), minimum length. Allocates nothing when the value
/// passes.
///
/// ```
/// use hivesync_env_core::{Audience, Profile, ValueProblem, Var, VarType, check_value};
/// let mut url = Var::new("HIVESYNC_PUBLIC_API_URL", VarType::Url);
/// url.https = true;
/// let checked = check_value("http://api.hivesync.dev", &url, Profile::Production, Audience::Client);
/// assert_eq!(checked.problems(), [ValueProblem::Insecure]);
/// assert_eq!(
///     checked.problems()[0].message(&url, "http://api.hivesync.dev", Profile::Production, "desktop"),
///     "must use https in production, found `http://api.hivesync.dev`"
/// );
/// assert!(check_value("https://api.hivesync.dev", &url, Profile::Production, Audience::Client).is_ok());
/// ```
pub fn check_value(value: &str, var: &Var, profile: Profile, audience: Audience) -> ValueCheck {
    let mut problems = Vec::new();
    let usable = check_value_with(value, var, profile, audience, |p| problems.push(p));
    ValueCheck { problems, usable }
}

/// [`check_value`] handing each problem to `found` as it is found, and returning
/// whether a typed field may be built from the value: what the loader runs on every
/// value, with nothing to build or drop when the value passes.
///
/// ```
/// use hivesync_env_core::{Audience, Profile, ValueProblem, Var, VarType, check_value_with};
/// let port = Var::new("PORT", VarType::Port);
/// let mut problems = Vec::new();
/// let usable = check_value_with("http", &port, Profile::Local, Audience::Server, |p| problems.push(p));
/// assert!(!usable);
/// assert_eq!(problems, [ValueProblem::Invalid]);
/// ```
#[inline]
pub fn check_value_with(
    value: &str,
    var: &Var,
    profile: Profile,
    audience: Audience,
    mut found: impl FnMut(ValueProblem),
) -> bool {
    let mut usable = true;
    each_problem(value, var, profile, audience, |p| {
        usable &= p.leaves_usable();
        found(p);
    });
    usable
}

/// Every check of [`check_value`], each problem handed to `found`.
#[inline]
fn each_problem(
    value: &str,
    var: &Var,
    profile: Profile,
    audience: Audience,
    mut found: impl FnMut(ValueProblem),
) {
    // First: every later message quotes a non-secret value, and a credential in a
    // client variable must not be quoted (`HIVESYNC_PUBLIC_API_URL=sk-...` is not a
    // URL, so the type check would show it).
    // Elsewhere a public value of that shape is hidden and reported too (a warning
    // while the type accepts it).
    if !var.secret && looks_like_credential(value) {
        found(match audience {
            Audience::Client => ValueProblem::Credential,
            _ => ValueProblem::CredentialShaped {
                parses: var.fits(value),
            },
        });
        return;
    }
    let parses = var.fits(value);
    // A number, a boolean or a value the contract lists is never a placeholder:
    // only free text, or a value its type rejects, is looked at.
    let free_text = matches!(var.ty, VarType::String | VarType::Path | VarType::Url);
    if (free_text || !parses) && looks_like_placeholder(value) {
        found(ValueProblem::Placeholder { parses });
        return;
    }
    if !parses {
        found(ValueProblem::Invalid);
        return;
    }
    if profile.is_strict() && var.is_insecure_url(value) {
        found(ValueProblem::Insecure);
    }
    if let Some(min) = var.min_len {
        let len = value.chars().count();
        if len < min as usize {
            found(ValueProblem::Weak { len, min });
        }
    }
}

/// How a message shows a found value of `var`: quoted, escaped and cut short, or
/// hidden for secrets.
///
/// ```
/// use hivesync_env_core::{Var, VarType, found};
/// let mut var = Var::new("PORT", VarType::Port);
/// assert_eq!(found(&var, "http"), "`http`");
/// var.secret = true;
/// assert_eq!(found(&var, "http"), "a value that is not shown (secret)");
/// ```
pub fn found(var: &Var, value: &str) -> Cow<'static, str> {
    if var.secret {
        return Cow::Borrowed("a value that is not shown (secret)");
    }
    let mut shown: String = value.chars().take(QUOTE_LIMIT).collect();
    if shown.len() < value.len() {
        shown.push('…');
    }
    Cow::Owned(format!("`{}`", shown.escape_debug()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(value: &str, var: &Var, profile: Profile) -> Vec<ValueProblem> {
        check_value(value, var, profile, Audience::Server)
            .problems()
            .to_vec()
    }

    #[test]
    fn a_credential_in_a_client_is_the_only_problem_and_not_usable() {
        let var = Var::new("HIVESYNC_PUBLIC_API_URL", VarType::Url);
        let checked = check_value("sk-proj-abc123", &var, Profile::Local, Audience::Client);
        assert_eq!(checked.problems(), [ValueProblem::Credential]);
        assert!(!checked.usable());
        let message =
            checked.problems()[0].message(&var, "sk-proj-abc123", Profile::Local, "desktop");
        assert!(!message.contains("sk-proj"), "{message}");
        // On a server the same value is a credential-shaped value, not quoted either,
        // and an error since it is not a URL.
        let problems = check("sk-proj-abc123", &var, Profile::Local);
        assert_eq!(problems, [ValueProblem::CredentialShaped { parses: false }]);
        assert!(problems[0].is_error(Profile::Local));
        let message = problems[0].message(&var, "sk-proj-abc123", Profile::Local, "backend");
        assert!(!message.contains("sk-proj"), "{message}");
        // A credential-shaped value that fits is a warning, and usable.
        let name = Var::new("AI_MODEL", VarType::String);
        let checked = check_value("ghp_abc123", &name, Profile::Production, Audience::Server);
        assert_eq!(
            checked.problems(),
            [ValueProblem::CredentialShaped { parses: true }]
        );
        assert!(checked.usable() && !checked.problems()[0].is_error(Profile::Production));
    }

    #[test]
    fn placeholders_are_usable_only_when_they_parse() {
        let url = Var::new("U", VarType::Url);
        let checked = check_value(
            "https://yourdomain.com",
            &url,
            Profile::Production,
            Audience::Server,
        );
        assert_eq!(
            checked.problems(),
            [ValueProblem::Placeholder { parses: true }]
        );
        assert!(checked.usable());
        assert!(checked.problems()[0].is_error(Profile::Production));
        assert!(!checked.problems()[0].is_error(Profile::Local));
        let port = Var::new("P", VarType::Port);
        let checked = check_value("REPLACE_ME", &port, Profile::Local, Audience::Server);
        assert_eq!(
            checked.problems(),
            [ValueProblem::Placeholder { parses: false }]
        );
        assert!(!checked.usable());
        assert!(checked.problems()[0].is_error(Profile::Local));
    }

    #[test]
    fn https_and_length_are_both_reported() {
        let mut var = Var::new("X", VarType::Url);
        var.https = true;
        var.min_len = Some(40);
        assert_eq!(
            check("http://a.b", &var, Profile::Production),
            [
                ValueProblem::Insecure,
                ValueProblem::Weak { len: 10, min: 40 }
            ]
        );
        assert_eq!(
            check("http://a.b", &var, Profile::Local),
            [ValueProblem::Weak { len: 10, min: 40 }]
        );
    }

    #[test]
    fn invalid_values_are_quoted_unless_secret() {
        let mut var = Var::new("LOG_LEVEL", VarType::Enum);
        var.values = vec!["info".into(), "debug".into()].into();
        let checked = check_value("loud", &var, Profile::Production, Audience::Server);
        assert_eq!(checked.problems(), [ValueProblem::Invalid]);
        assert_eq!(
            checked.problems()[0].message(&var, "loud", Profile::Production, "backend"),
            "expected one of info, debug, found `loud`"
        );
        var.secret = true;
        assert_eq!(
            checked.problems()[0].message(&var, "loud", Profile::Production, "backend"),
            "expected one of info, debug, found a value that is not shown (secret)"
        );
    }
}
