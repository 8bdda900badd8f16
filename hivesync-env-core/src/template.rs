//! Relations between components: `equals = "{backend.BASE_URL}/api/v1/workers/callback"`.
//!
//! A template is parsed once, when its contract is read, and kept in the model
//! ([`Var::equals`](crate::Var::equals)); a malformed one is an error of the contract.

use std::fmt;

use crate::{List, Str};

/// A piece of an `equals` template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Literal text.
    Text(&'a str),
    /// `{component.NAME}`: that component's value of NAME.
    Ref {
        /// The component, e.g. `backend`.
        component: &'a str,
        /// The variable, e.g. `BASE_URL`.
        name: &'a str,
    },
}

/// A parsed [`Var::equals`](crate::Var::equals) template: its text and where each
/// `{component.NAME}` reference sits in it.
///
/// ```
/// use hivesync_env_core::{Segment, Template};
/// let t = Template::parse("{backend.BASE_URL}/api/v1/workers/callback").unwrap();
/// assert_eq!(t.references().collect::<Vec<_>>(), [("backend", "BASE_URL")]);
/// assert_eq!(t.to_string(), "{backend.BASE_URL}/api/v1/workers/callback");
/// let value = t.render(|component, name| {
///     assert_eq!((component, name), ("backend", "BASE_URL"));
///     Some("https://hivesync.dev".to_owned())
/// });
/// assert_eq!(value.as_deref(), Some("https://hivesync.dev/api/v1/workers/callback"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    text: Str,
    /// Per reference, the byte offsets of its `{`, `.` and `}` in `text`.
    refs: List<[u32; 3]>,
}

impl Template {
    /// Splits `text` into literal text and `{component.NAME}` references; an error
    /// says what is malformed.
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut refs = Vec::new();
        let mut at = 0;
        while let Some(open) = text[at..].find('{').map(|i| at + i) {
            let close = text[open..]
                .find('}')
                .map(|i| open + i)
                .ok_or_else(|| format!("unclosed `{{` in `{text}`"))?;
            let reference = &text[open + 1..close];
            let dot = reference.find('.').map(|i| open + 1 + i).ok_or_else(|| {
                format!("`{{{reference}}}` must name a component and a variable, like `{{backend.BASE_URL}}`")
            })?;
            if dot == open + 1 || dot + 1 == close {
                return Err(format!(
                    "`{{{reference}}}` must name a component and a variable"
                ));
            }
            let offset = |i: usize| u32::try_from(i).map_err(|_| "a template this long".to_owned());
            refs.push([offset(open)?, offset(dot)?, offset(close)?]);
            at = close + 1;
        }
        if refs.is_empty() {
            return Err(format!(
                "`{text}` references no variable: write `{{component.NAME}}`"
            ));
        }
        Ok(Template {
            text: Str::Owned(text.to_owned()),
            refs: refs.into(),
        })
    }

    /// A template the derive has already parsed, as static data: `refs` are the
    /// offsets [`Template::ref_offsets`] gave. Not for other uses.
    #[doc(hidden)]
    pub const fn from_static(text: &'static str, refs: &'static [[u32; 3]]) -> Template {
        Template {
            text: Str::Borrowed(text),
            refs: List::Borrowed(refs),
        }
    }

    /// The offsets [`Template::from_static`] takes.
    #[doc(hidden)]
    pub fn ref_offsets(&self) -> &[[u32; 3]] {
        &self.refs
    }

    /// The template as written in the contract.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    fn slice(&self, from: u32, to: u32) -> &str {
        self.text
            .get(from as usize..to as usize)
            .unwrap_or_default()
    }

    /// The segments in order.
    pub fn segments(&self) -> impl Iterator<Item = Segment<'_>> + '_ {
        let mut at = 0;
        let mut out = Vec::with_capacity(self.refs.len() * 2 + 1);
        for &[open, dot, close] in self.refs.iter() {
            if open > at {
                out.push(Segment::Text(self.slice(at, open)));
            }
            out.push(Segment::Ref {
                component: self.slice(open + 1, dot),
                name: self.slice(dot + 1, close),
            });
            at = close + 1;
        }
        let rest = self.text.get(at as usize..).unwrap_or_default();
        if !rest.is_empty() {
            out.push(Segment::Text(rest));
        }
        out.into_iter()
    }

    /// The `(component, NAME)` pairs the template refers to.
    pub fn references(&self) -> impl Iterator<Item = (&str, &str)> + '_ {
        self.refs
            .iter()
            .map(|&[open, dot, close]| (self.slice(open + 1, dot), self.slice(dot + 1, close)))
    }

    /// Whether the template is a single reference: the value must equal another
    /// component's value exactly (a shared secret, say).
    pub fn is_plain_reference(&self) -> bool {
        matches!(*self.refs, [[0, _, close]] if close as usize + 1 == self.text.len())
    }

    /// Fills in each reference with `lookup`; `None` when a reference has no value.
    pub fn render(&self, mut lookup: impl FnMut(&str, &str) -> Option<String>) -> Option<String> {
        let mut out = String::new();
        for s in self.segments() {
            match s {
                Segment::Text(t) => out.push_str(t),
                Segment::Ref { component, name } => out.push_str(&lookup(component, name)?),
            }
        }
        Some(out)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_reference() {
        let t = Template::parse("{backend.WORKER_CALLBACK_SECRET}").unwrap();
        assert!(t.is_plain_reference());
        assert!(
            !Template::parse("{backend.X}/")
                .unwrap()
                .is_plain_reference()
        );
        assert!(!Template::parse("{a.X}{b.Y}").unwrap().is_plain_reference());
    }

    #[test]
    fn malformed_templates_are_rejected() {
        for bad in ["{backend", "{BASE_URL}", "plain text", "{.X}", "{backend.}"] {
            assert!(Template::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn segments_and_static_form_agree_with_the_text() {
        let text = "x{a.B}y{c.D}";
        let t = Template::parse(text).unwrap();
        let expected = [
            Segment::Text("x"),
            Segment::Ref {
                component: "a",
                name: "B",
            },
            Segment::Text("y"),
            Segment::Ref {
                component: "c",
                name: "D",
            },
        ];
        assert_eq!(t.segments().collect::<Vec<_>>(), expected);
        let offsets: &'static [[u32; 3]] = t.ref_offsets().to_vec().leak();
        assert_eq!(Template::from_static(text, offsets), t);
    }
}
