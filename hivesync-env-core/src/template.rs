//! Relations between components: `equals = "{backend.BASE_URL}/api/v1/workers/callback"`.

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

/// A parsed [`Var::equals`](crate::Var::equals) template.
///
/// ```
/// use hivesync_env_core::{Segment, Template};
/// let t = Template::parse("{backend.BASE_URL}/api/v1/workers/callback").unwrap();
/// assert_eq!(t.references().collect::<Vec<_>>(), [("backend", "BASE_URL")]);
/// let value = t.render(|component, name| {
///     assert_eq!((component, name), ("backend", "BASE_URL"));
///     Some("https://hivesync.dev".to_owned())
/// });
/// assert_eq!(value.as_deref(), Some("https://hivesync.dev/api/v1/workers/callback"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template<'a> {
    segments: Vec<Segment<'a>>,
}

impl<'a> Template<'a> {
    /// Splits `text` into literal text and `{component.NAME}` references.
    pub fn parse(text: &'a str) -> Result<Template<'a>, String> {
        let mut segments = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                segments.push(Segment::Text(&rest[..open]));
            }
            let after = &rest[open + 1..];
            let close = after
                .find('}')
                .ok_or_else(|| format!("unclosed `{{` in `{text}`"))?;
            let reference = &after[..close];
            let (component, name) = reference.split_once('.').ok_or_else(|| {
                format!("`{{{reference}}}` must name a component and a variable, like `{{backend.BASE_URL}}`")
            })?;
            if component.is_empty() || name.is_empty() {
                return Err(format!(
                    "`{{{reference}}}` must name a component and a variable"
                ));
            }
            segments.push(Segment::Ref { component, name });
            rest = &after[close + 1..];
        }
        if !rest.is_empty() {
            segments.push(Segment::Text(rest));
        }
        if !segments.iter().any(|s| matches!(s, Segment::Ref { .. })) {
            return Err(format!(
                "`{text}` references no variable: write `{{component.NAME}}`"
            ));
        }
        Ok(Template { segments })
    }

    /// The segments in order.
    pub fn segments(&self) -> &[Segment<'a>] {
        &self.segments
    }

    /// The `(component, NAME)` pairs the template refers to.
    pub fn references(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.segments.iter().filter_map(|s| match *s {
            Segment::Ref { component, name } => Some((component, name)),
            Segment::Text(_) => None,
        })
    }

    /// Whether the template is a single reference: the value must equal another
    /// component's value exactly (a shared secret, say).
    pub fn is_plain_reference(&self) -> bool {
        matches!(self.segments.as_slice(), [Segment::Ref { .. }])
    }

    /// Fills in each reference with `lookup`; `None` when a reference has no value.
    pub fn render(&self, mut lookup: impl FnMut(&str, &str) -> Option<String>) -> Option<String> {
        let mut out = String::new();
        for s in &self.segments {
            match *s {
                Segment::Text(t) => out.push_str(t),
                Segment::Ref { component, name } => out.push_str(&lookup(component, name)?),
            }
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_reference() {
        let t = Template::parse("{backend.WORKER_CALLBACK_SECRET}").unwrap();
        assert!(t.is_plain_reference());
    }

    #[test]
    fn malformed_templates_are_rejected() {
        for bad in ["{backend", "{BASE_URL}", "plain text", "{.X}", "{backend.}"] {
            assert!(Template::parse(bad).is_err(), "{bad:?}");
        }
    }
}
