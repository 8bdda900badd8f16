//! `hivesync-env.schema.json`: a JSON Schema (draft 2020-12) of each component's
//! environment.
//!
//! One schema per component under `$defs/<component>`; the root accepts an environment
//! of any component (`anyOf`), so editors and CI validate against
//! `hivesync-env.schema.json#/$defs/backend`. Each is an object of strings (an
//! environment holds nothing else): `enum` for enums, a `pattern` for ports, integers
//! and bools, `format: uri` for URLs, `writeOnly` and `minLength` for secrets,
//! `default` where every profile agrees, and `required` for what `production`
//! requires. Other variables are allowed (a process environment has many), except, in
//! a client component, the names that are secrets elsewhere.
//!
//! The crate has no JSON library, so a small value type is printed here; the tests
//! read the output back with `serde_json`.

use std::fmt::{self, Write};

use crate::{Contract, Profile, Var, VarType};

use super::{GENERATED, canonical, quoted, written};

/// Matches 1 to 65535 as [`VarType::Port`] accepts it (`u16::from_str`, which
/// allows a leading `+` and zeros).
const PORT_PATTERN: &str = "^[+]?0*([1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])$";

/// The schema document of `contracts`.
pub fn render(contracts: &[Contract]) -> String {
    let contracts = canonical(contracts);
    let defs = contracts
        .iter()
        .map(|c| (c.component.to_string(), component(c)))
        .collect();
    let any_of = contracts
        .iter()
        .map(|c| {
            Json::Obj(vec![(
                "$ref".into(),
                Json::Str(format!("#/$defs/{}", pointer(&c.component))),
            )])
        })
        .collect();
    let root = Json::Obj(vec![
        (
            "$schema".into(),
            Json::Str("https://json-schema.org/draft/2020-12/schema".into()),
        ),
        ("$comment".into(), Json::Str(GENERATED.into())),
        (
            "title".into(),
            Json::Str("HiveSync environment variables".into()),
        ),
        (
            "description".into(),
            Json::Str(
                "The environment of one HiveSync component; validate against #/$defs/<component>"
                    .into(),
            ),
        ),
        ("anyOf".into(), Json::Arr(any_of)),
        ("$defs".into(), Json::Obj(defs)),
    ]);
    written(|out| {
        root.write(out, 0)?;
        out.write_char('\n')
    })
}

/// The schema of one component.
fn component(c: &Contract) -> Json {
    let properties = c
        .vars
        .iter()
        .map(|v| (v.name.to_string(), var(v)))
        .collect();
    let required = c
        .vars
        .iter()
        .filter(|v| v.is_required(Profile::Production))
        .map(|v| Json::Str(v.name.to_string()))
        .collect();
    let mut fields = vec![
        ("title".into(), Json::Str(c.component.to_string())),
        ("description".into(), Json::Str(c.description.to_string())),
        ("type".into(), Json::Str("object".into())),
        ("properties".into(), Json::Obj(properties)),
        ("required".into(), Json::Arr(required)),
        (
            "additionalProperties".into(),
            Json::Obj(vec![("type".into(), Json::Str("string".into()))]),
        ),
    ];
    if c.is_client() && !c.forbidden.is_empty() {
        let names = c
            .forbidden
            .iter()
            .map(|n| Json::Str(n.to_string()))
            .collect();
        fields.push((
            "propertyNames".into(),
            Json::Obj(vec![(
                "not".into(),
                Json::Obj(vec![("enum".into(), Json::Arr(names))]),
            )]),
        ));
    }
    Json::Obj(fields)
}

/// The schema of one variable.
fn var(v: &Var) -> Json {
    let mut f: Vec<(String, Json)> = vec![
        ("type".into(), Json::Str("string".into())),
        ("description".into(), Json::Str(v.description.to_string())),
    ];
    match v.ty {
        VarType::Enum => f.push((
            "enum".into(),
            Json::Arr(v.values.iter().map(|s| Json::Str(s.to_string())).collect()),
        )),
        VarType::Port => f.push(("pattern".into(), Json::Str(PORT_PATTERN.into()))),
        VarType::Integer => {
            // Bounds of a string cannot be expressed; the description names them.
            f.push(("pattern".into(), Json::Str("^[+-]?[0-9]+$".into())));
            f[1].1 = Json::Str(format!("{} ({})", v.description, v.expected()));
        }
        VarType::Bool => f.push(("pattern".into(), Json::Str("^(true|false)$".into()))),
        VarType::Url => {
            f.push(("format".into(), Json::Str("uri".into())));
            if v.https {
                f.push((
                    "$comment".into(),
                    Json::Str("must be https in the production profile".into()),
                ));
            }
        }
        VarType::Path => f.push(("minLength".into(), Json::Num(1))),
        VarType::String => {}
    }
    if v.secret {
        f.push(("writeOnly".into(), Json::Bool(true)));
        if let Some(n) = v.min_len {
            f.push(("minLength".into(), Json::Num(i64::from(n))));
        }
    }
    if let Some(d) = v.uniform_default().filter(|_| !v.secret) {
        f.push(("default".into(), Json::Str(d.to_owned())));
    }
    if let Some(e) = v.example.as_deref().filter(|_| !v.secret) {
        f.push(("examples".into(), Json::Arr(vec![Json::Str(e.to_owned())])));
    }
    Json::Obj(f)
}

/// A JSON Pointer token (`~` and `/` escaped), as used in `$ref`.
fn pointer(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

/// The JSON this module writes.
enum Json {
    Str(String),
    Num(i64),
    Bool(bool),
    Arr(Vec<Json>),
    Obj(Vec<(String, Json)>),
}

impl Json {
    /// Pretty-printed with two-space indentation, fields in the given order.
    fn write(&self, out: &mut String, indent: usize) -> fmt::Result {
        let pad = "  ".repeat(indent);
        match self {
            // A JSON string literal is what `quoted` writes.
            Json::Str(s) => write!(out, "{}", quoted(s)),
            Json::Num(n) => write!(out, "{n}"),
            Json::Bool(b) => write!(out, "{b}"),
            Json::Arr(items) if items.is_empty() => out.write_str("[]"),
            Json::Obj(fields) if fields.is_empty() => out.write_str("{}"),
            Json::Arr(items) => {
                out.write_str("[\n")?;
                for (i, item) in items.iter().enumerate() {
                    write!(out, "{pad}  ")?;
                    item.write(out, indent + 1)?;
                    out.write_str(if i + 1 < items.len() { ",\n" } else { "\n" })?;
                }
                write!(out, "{pad}]")
            }
            Json::Obj(fields) => {
                out.write_str("{\n")?;
                for (i, (k, v)) in fields.iter().enumerate() {
                    write!(out, "{pad}  {}: ", quoted(k))?;
                    v.write(out, indent + 1)?;
                    out.write_str(if i + 1 < fields.len() { ",\n" } else { "\n" })?;
                }
                write!(out, "{pad}}}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::fixture;
    use serde_json::{Value, json};

    fn schema() -> Value {
        let text = render(&fixture::all());
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
    }

    #[test]
    fn strings_round_trip() {
        for s in [
            "q\"uote",
            "back\\slash",
            "line\nbreak",
            "\u{1}\u{1f}",
            "ünï",
            "</script>",
        ] {
            let out = written(|out| Json::Str(s.to_owned()).write(out, 0));
            assert_eq!(serde_json::from_str::<String>(&out).unwrap(), s);
        }
    }

    #[test]
    fn fixture_schema_by_field() {
        let s = schema();
        assert_eq!(s["$schema"], "https://json-schema.org/draft/2020-12/schema");
        assert_eq!(s["anyOf"][0], json!({"$ref": "#/$defs/server"}));
        let server = &s["$defs"]["server"];
        assert_eq!(server["type"], "object");
        assert_eq!(server["required"], json!(["APP_KEY", "APP_BASE"]));
        let p = &server["properties"];
        assert_eq!(p["APP_PORT"]["pattern"], PORT_PATTERN);
        assert_eq!(p["APP_PORT"]["default"], "1");
        assert_eq!(
            p["APP_PORT"]["description"],
            "Port \"quoted\" | piped\\ <b>"
        );
        assert!(
            p["APP_HOST"].get("default").is_none(),
            "defaults differ per profile"
        );
        assert_eq!(p["APP_KEY"]["writeOnly"], true);
        assert_eq!(p["APP_KEY"]["minLength"], 32);
        assert_eq!(p["APP_URL"]["format"], "uri");
        assert_eq!(p["APP_LEVEL"]["enum"], json!(["a", "b\"c"]));
        assert_eq!(p["APP_BASE"]["examples"], json!(["https://x.example/'q'"]));
        let client = &s["$defs"]["client"];
        assert_eq!(client["required"], json!(["HIVESYNC_PUBLIC_URL"]));
        assert_eq!(
            client["propertyNames"]["not"]["enum"],
            json!(["APP_KEY", "EDGE_KEY"])
        );
        let edge = &s["$defs"]["edge"]["properties"];
        assert_eq!(edge["EDGE_OPT"]["pattern"], "^(true|false)$");
    }
}
