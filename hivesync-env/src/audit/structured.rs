//! The string values of TOML, JSON and YAML files, read with their real parsers
//! (`toml`, `serde_json`, `saphyr-parser`), so inline tables, flow mappings, multi-line
//! and escaped strings are what the format says they are.
//!
//! Every key whose value is a string (or a number, or a boolean) is an
//! [`Assignment`] of that key, at any depth; in an array, a string `NAME=value` (a
//! Compose `environment:` list) is an assignment of `NAME`. The walks use explicit
//! stacks: a deeply nested file cannot overflow ours.

use std::collections::BTreeMap;

use toml::de::{DeTable, DeValue};

use super::assignment::{Assignment, is_plain_name};
use super::syntax::{self, SyntaxError};

/// An array item `NAME=value`, as an assignment of `NAME`.
fn item(text: &str, line: u32) -> Option<Assignment> {
    let (key, value) = text.split_once('=')?;
    let key = key.trim();
    is_plain_name(key).then(|| Assignment {
        key: key.to_owned(),
        value: value.trim().to_owned(),
        line,
    })
}

/// The assignments of a TOML document.
pub(crate) fn toml(text: &str) -> Result<Vec<Assignment>, SyntaxError> {
    let root = DeTable::parse(text).map_err(|e| syntax::toml(text, &e))?;
    let lines = syntax::Lines::new(text);
    let line = |span: std::ops::Range<usize>| lines.line(span.start);
    let mut out = Vec::new();
    let mut tables: Vec<&DeTable<'_>> = vec![root.get_ref()];
    let mut arrays = Vec::new();
    while !(tables.is_empty() && arrays.is_empty()) {
        if let Some(table) = tables.pop() {
            for (key, value) in table.iter() {
                let scalar = match value.get_ref() {
                    DeValue::String(s) => Some(s.to_string()),
                    DeValue::Integer(i) => Some(i.as_str().to_owned()),
                    DeValue::Boolean(b) => Some(b.to_string()),
                    DeValue::Table(t) => {
                        tables.push(t);
                        None
                    }
                    DeValue::Array(a) => {
                        arrays.push(a);
                        None
                    }
                    _ => None,
                };
                if let Some(value_text) = scalar {
                    out.push(Assignment {
                        key: key.get_ref().to_string(),
                        value: value_text,
                        line: line(value.span()),
                    });
                }
            }
        } else if let Some(array) = arrays.pop() {
            for v in array.iter() {
                match v.get_ref() {
                    DeValue::String(s) => out.extend(item(s, line(v.span()))),
                    DeValue::Table(t) => tables.push(t),
                    DeValue::Array(a) => arrays.push(a),
                    _ => {}
                }
            }
        }
    }
    Ok(out)
}

/// The assignments of a JSON document whose key `wanted` accepts. serde_json keeps no
/// positions, so each is placed at a line of the text where its key is written
/// (`"KEY"` then `:`) with that value, else at the key's first such line. Each wanted
/// key is looked up once, so the cost stays linear in the file.
pub(crate) fn json(
    text: &str,
    wanted: impl Fn(&str) -> bool,
) -> Result<Vec<Assignment>, SyntaxError> {
    use serde_json::Value;
    let root: Value = serde_json::from_str(text).map_err(|e| syntax::json(&e))?;
    let mut found: Vec<(String, String)> = Vec::new();
    let mut stack = vec![&root];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(map) => {
                for (k, v) in map {
                    match v {
                        Value::String(s) => found.push((k.clone(), s.clone())),
                        Value::Number(_) | Value::Bool(_) => found.push((k.clone(), v.to_string())),
                        Value::Object(_) | Value::Array(_) => stack.push(v),
                        Value::Null => {}
                    }
                }
            }
            Value::Array(items) => {
                for v in items {
                    match v {
                        Value::String(s) => {
                            found.extend(item(s, 0).map(|a| (a.key, a.value)));
                        }
                        Value::Object(_) | Value::Array(_) => stack.push(v),
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    found.retain(|(k, _)| wanted(k));
    let lines = syntax::Lines::new(text);
    let mut places: BTreeMap<String, Places> = BTreeMap::new();
    let mut out = Vec::new();
    for (key, value) in found {
        let at = places
            .entry(key.clone())
            .or_insert_with(|| Places::of(text, &key, &lines))
            .take(&value);
        out.push(Assignment {
            key,
            value,
            line: at,
        });
    }
    Ok(out)
}

/// Where a key is written in a JSON text: the lines of its occurrences as a key (by
/// the value that follows, when it is a string) and as an array item `KEY=...`.
struct Places {
    by_value: BTreeMap<String, Vec<u32>>,
    first: u32,
}

impl Places {
    fn of(text: &str, key: &str, lines: &syntax::Lines) -> Places {
        let quoted = serde_json::Value::from(key).to_string();
        let item = format!("\"{}=", &quoted[1..quoted.len() - 1]);
        let mut by_value: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut first = None;
        for (at, _) in text.match_indices(&quoted) {
            let rest = text[at + quoted.len()..].trim_start();
            let Some(after) = rest.strip_prefix(':').map(str::trim_start) else {
                continue;
            };
            let line = lines.line(at);
            first.get_or_insert(line);
            if let Some(v) = first_string(after) {
                by_value.entry(v).or_default().push(line);
            }
        }
        for (at, _) in text.match_indices(&item) {
            let line = lines.line(at);
            first.get_or_insert(line);
            if let Some(s) = first_string(&text[at..]) {
                if let Some((_, v)) = s.split_once('=') {
                    by_value.entry(v.trim().to_owned()).or_default().push(line);
                }
            }
        }
        for lines in by_value.values_mut() {
            lines.reverse();
        }
        Places {
            by_value,
            first: first.unwrap_or(1),
        }
    }

    /// The next line where the key is written with `value`.
    fn take(&mut self, value: &str) -> u32 {
        let line = self.by_value.get_mut(value).and_then(Vec::pop);
        line.unwrap_or(self.first)
    }
}

/// The JSON string that `text` starts with, decoded.
fn first_string(text: &str) -> Option<String> {
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<String>();
    values.next()?.ok()
}

/// A YAML container being read.
enum Frame {
    /// A mapping: whether the next node is a value, and the key it belongs to (a
    /// scalar key; `None` for a complex one).
    Mapping {
        want_value: bool,
        key: Option<String>,
    },
    Sequence,
}

/// The assignments of a YAML stream (every document). Aliases are not expanded, so
/// an alias bomb costs nothing.
pub(crate) fn yaml(text: &str) -> Result<Vec<Assignment>, SyntaxError> {
    use saphyr_parser::{Event, Parser};
    let mut out = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| syntax::yaml(&e))?;
        let line = span.start.line() as u32;
        let scalar = match &event {
            Event::Scalar(v, ..) => Some(v.as_ref()),
            Event::MappingStart(..) | Event::SequenceStart(..) | Event::Alias(_) => None,
            Event::MappingEnd | Event::SequenceEnd => {
                stack.pop();
                continue;
            }
            _ => continue,
        };
        // Every other event is a node: a key or a value of the enclosing container.
        match stack.last_mut() {
            Some(Frame::Mapping { want_value, key }) if !*want_value => {
                *want_value = true;
                *key = scalar.map(str::to_owned);
            }
            Some(Frame::Mapping { want_value, key }) => {
                *want_value = false;
                if let (Some(k), Some(v)) = (key.take(), scalar) {
                    out.push(Assignment {
                        key: k,
                        value: v.to_owned(),
                        line,
                    });
                }
            }
            Some(Frame::Sequence) => out.extend(scalar.and_then(|v| item(v, line))),
            None => {}
        }
        match event {
            Event::MappingStart(..) => stack.push(Frame::Mapping {
                want_value: false,
                key: None,
            }),
            Event::SequenceStart(..) => stack.push(Frame::Sequence),
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(found: Vec<Assignment>) -> Vec<(String, String, u32)> {
        let mut v: Vec<_> = found
            .into_iter()
            .map(|a| (a.key, a.value, a.line))
            .collect();
        v.sort_by_key(|p| p.2);
        v
    }

    fn p(k: &str, v: &str, l: u32) -> (String, String, u32) {
        (k.to_owned(), v.to_owned(), l)
    }

    #[test]
    fn toml_inline_tables_arrays_and_multiline_strings() {
        let text = "a = { JWT_SECRET = \"x1\" }\n[t]\nK = \"\"\"\nline\"\"\"\nenv = [\"B=2\", { C = \"3\" }]\n";
        assert_eq!(
            pairs(toml(text).unwrap()),
            [
                p("JWT_SECRET", "x1", 1),
                p("K", "line", 3),
                p("B", "2", 5),
                p("C", "3", 5)
            ]
        );
    }

    #[test]
    fn yaml_flow_mappings_block_scalars_and_lists() {
        let text = "env: {JWT_SECRET: abc, X: [1]}\nlist:\n  - A=b\nblock: |\n  multi\n  line\n";
        assert_eq!(
            pairs(yaml(text).unwrap()),
            [
                p("JWT_SECRET", "abc", 1),
                p("A", "b", 3),
                p("block", "multi\nline\n", 5)
            ]
        );
    }

    #[test]
    fn json_values_followed_by_commas_find_their_own_line() {
        let text = "{\"z\": {\"K\": \"first\", \"n\": 1},\n \"a\": {\"K\": \"second\", \"n\": 2},\n \"e\": [\"K=third\", \"x\"]}";
        assert_eq!(
            pairs(json(text, |k| k == "K").unwrap()),
            [p("K", "first", 1), p("K", "second", 2), p("K", "third", 3)]
        );
    }

    #[test]
    fn json_values_are_placed_at_their_key() {
        let text = "{\n  \"a\": {\"JWT_SECRET\": \"v\\u0031\"},\n  \"env\": [\"B=c\"],\n  \"JWT_SECRET\": \"w\"\n}";
        assert_eq!(
            pairs(json(text, |_| true).unwrap()),
            [
                p("JWT_SECRET", "v1", 2),
                p("B", "c", 3),
                p("JWT_SECRET", "w", 4)
            ]
        );
    }
}
