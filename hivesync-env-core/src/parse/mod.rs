//! Reading a contract from TOML, with every error named by file and line.
//!
//! The schema is documented for contract authors in `contracts/README.md`.
//!
//! The parser reads the shape of the file (known keys, TOML types, a `[[var]]` per
//! variable) in `reader.rs`, `var.rs`, `wrangler.rs` and `contract.rs`; the rules of
//! what a contract may say are [`rules`](crate::rules), run on the model it builds,
//! and their problems are placed at the line of the key at fault.

mod contract;
mod reader;
mod var;
mod wrangler;

use std::fmt;

use crate::Contract;
use reader::Reader;

/// One problem in a contract file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractError {
    /// The file, as given to the parser.
    pub file: String,
    /// The 1-based line the problem is on.
    pub line: u32,
    /// What is wrong and what to do, lowercase, without a trailing period.
    pub message: String,
}

impl fmt::Display for ContractError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for ContractError {}

/// Every problem found in one or more contract files, in file and line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractErrors(pub Vec<ContractError>);

impl ContractErrors {
    /// The individual errors.
    pub fn errors(&self) -> &[ContractError] {
        &self.0
    }
}

impl fmt::Display for ContractErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ContractErrors {}

impl Contract {
    /// Parses one contract file and checks the rules that need only this file.
    ///
    /// `file` names the file in error messages. Rules that involve other components
    /// (a client variable that is a secret elsewhere, relations) are checked by
    /// [`ContractSet`](crate::ContractSet).
    ///
    /// ```
    /// use hivesync_env_core::Contract;
    /// let toml = r#"
    /// component = "demo"
    /// audience = "server"
    /// description = "A demo"
    ///
    /// [[var]]
    /// name = "PORT"
    /// type = "prot"
    /// description = "The port"
    /// "#;
    /// let err = Contract::parse("demo.toml", toml).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "demo.toml:8: unknown type `prot` of variable PORT: expected one of port, url, bool, integer, enum, path, string"
    /// );
    /// ```
    pub fn parse(file: &str, text: &str) -> Result<Contract, ContractErrors> {
        let mut reader = Reader::new(file, text);
        let contract = reader.contract();
        match contract {
            Some(c) if reader.errors.is_empty() => Ok(c),
            _ => {
                reader.errors.sort_by_key(|e| e.line);
                Err(ContractErrors(reader.errors))
            }
        }
    }
}
