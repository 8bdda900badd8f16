//! Reading a whole contract file: its keys, its `[[var]]` tables, then the
//! [`rules`] on the model, each problem placed at the line of the key at fault.

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::ContractError;
use super::reader::{Reader, Table};
use crate::rules::{self, Problem};
use crate::{Audience, Contract, Var};

/// The keys of the contract's top-level table.
const CONTRACT_KEYS: &[&str] = &[
    "component",
    "audience",
    "description",
    "compose_service",
    "wrangler",
    "var",
];

impl Reader<'_> {
    /// The contract of the file, or `None` when it lacks a usable `component` or
    /// `audience`. The rules run on the variables either way, so one pass reports
    /// every problem.
    pub(super) fn contract(&mut self) -> Option<Contract> {
        let root = match DeTable::parse(self.text) {
            Ok(root) => root,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                self.error(span, format!("not valid TOML: {}", e.message().trim_end()));
                return None;
            }
        };
        let whole = root.span();
        let table = root.get_ref();
        self.check_keys(table, CONTRACT_KEYS, "the contract");
        let component = self.required_string(table, whole.clone(), "component", "the contract");
        let audience = self.audience(table, &whole);
        let description = self.required_string(table, whole.clone(), "description", "the contract");
        let compose_service = self.string(table, "compose_service", "the contract");
        let wrangler = table.get("wrangler").and_then(|w| self.wrangler(w));
        let (vars, var_tables) = self.vars(table, &whole);
        let named = component.is_some();
        let complete = named && audience.is_some();
        let contract = Contract {
            component: Cow::Owned(component.unwrap_or_default()),
            // A missing audience is reported; `server` adds no rule of its own.
            audience: audience.unwrap_or(Audience::Server),
            description: Cow::Owned(description.unwrap_or_default()),
            file: Cow::Owned(self.file.to_owned()),
            vars: vars.into(),
            compose_service: compose_service.map(Cow::Owned),
            wrangler,
            forbidden: Cow::Borrowed(&[]),
        };
        for problem in rules::contract(&contract) {
            // A missing component is reported; it is no unsafe file name too.
            if named || (problem.var, problem.key) != (None, "component") {
                let line = self.rule_line(&problem, &contract, table, &whole, &var_tables);
                self.errors.push(ContractError {
                    file: self.file.to_owned(),
                    line,
                    message: problem.message,
                });
            }
        }
        complete.then_some(contract)
    }

    /// `audience`: required, one of server, edge, client.
    fn audience(&mut self, table: &Table<'_>, whole: &Range<usize>) -> Option<Audience> {
        let name = self.required_string(table, whole.clone(), "audience", "the contract")?;
        let parsed = Audience::from_name(&name);
        if parsed.is_none() {
            let span = table.get("audience").map_or(whole.clone(), |v| v.span());
            let message =
                format!("unknown audience `{name}`: expected one of server, edge, client");
            self.error(span, message);
        }
        parsed
    }

    /// The `[[var]]` tables: each variable read, with the table it was read from.
    fn vars<'t, 'i>(
        &mut self,
        table: &'t Table<'i>,
        whole: &Range<usize>,
    ) -> (Vec<Var>, Vec<&'t Table<'i>>) {
        let mut vars = Vec::new();
        let mut tables = Vec::new();
        match table.get("var").map(|v| (v.span(), v.get_ref())) {
            Some((_, DeValue::Array(items))) => {
                for item in items {
                    match item.get_ref() {
                        DeValue::Table(t) => {
                            if let Some(var) = self.var(item.span(), t) {
                                vars.push(var);
                                tables.push(t);
                            }
                        }
                        _ => self.error(item.span(), "each `[[var]]` must be a table"),
                    }
                }
            }
            Some((span, _)) => {
                self.error(span, "`var` must be an array of tables: write `[[var]]`")
            }
            None => self.error(
                whole.clone(),
                "the contract declares no variables: add a `[[var]]` table",
            ),
        }
        (vars, tables)
    }

    /// The line of a rule's problem: the line of the key at fault, else of the
    /// variable's `[[var]]`, else of the whole contract.
    fn rule_line(
        &self,
        problem: &Problem,
        contract: &Contract,
        table: &Table<'_>,
        whole: &Range<usize>,
        var_tables: &[&Table<'_>],
    ) -> u32 {
        let span = match problem.var {
            Some(i) => match var_tables[i].get(problem.key) {
                Some(value) => value.span(),
                None => return contract.vars[i].line,
            },
            None => table.get(problem.key).map_or(whole.clone(), |v| v.span()),
        };
        self.line(span)
    }
}
