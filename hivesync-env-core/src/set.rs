//! The contracts of all components, read together so rules that span components hold.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::Path;

use crate::parse::{ContractError, ContractErrors};
use crate::{Contract, Var};

/// Every component's contract, checked against each other.
///
/// Beyond the per-file rules of [`Contract::parse`], a set rejects two contracts for
/// the same component, a variable that is a secret in another contract but not in
/// its own (see [`rules::set`](crate::rules::set)), and a
/// relation (`equals`) that names a component or variable that does not exist. It also
/// fills each client contract's [`Contract::forbidden`] list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractSet {
    contracts: Vec<Contract>,
}

impl ContractSet {
    /// Parses `(file name, text)` pairs and checks them as a set. Every error of every
    /// file is returned together.
    pub fn parse<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<ContractSet, ContractErrors> {
        let mut errors = Vec::new();
        let mut contracts = Vec::new();
        for (file, text) in files {
            match Contract::parse(file, text) {
                Ok(c) => contracts.push(c),
                Err(e) => errors.extend(e.0),
            }
        }
        let set = ContractSet::new(contracts);
        match set {
            Ok(set) if errors.is_empty() => Ok(set),
            Ok(_) => Err(ContractErrors(errors)),
            Err(e) => {
                errors.extend(e.0);
                Err(ContractErrors(errors))
            }
        }
    }

    /// Reads every `*.toml` file of `dir` but `Cargo.toml` (not its subfolders), in name
    /// order. `contracts/` is also the `hivesync-contracts` crate, hence the exception.
    ///
    /// A file that cannot be read is reported as an error on line 1 of that file.
    pub fn from_dir(dir: &Path) -> Result<ContractSet, ContractErrors> {
        ContractSet::from_dir_as(dir, dir)
    }

    /// Like [`ContractSet::from_dir`], but names each file `label/<file name>` (in
    /// errors, and as [`Contract::file`]) instead of `dir/<file name>`: for a caller
    /// that reads a folder the user named by a relative path, such as the derive, whose
    /// messages must not carry the absolute folder of the machine that builds.
    ///
    /// ```
    /// # let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../contracts");
    /// use hivesync_env_core::ContractSet;
    /// let set = ContractSet::from_dir_as(&dir, "contracts".as_ref()).unwrap();
    /// assert_eq!(set.get("backend").unwrap().file, "contracts/backend.toml");
    /// ```
    pub fn from_dir_as(dir: &Path, label: &Path) -> Result<ContractSet, ContractErrors> {
        let error = |file: &Path, message: String| ContractError {
            file: file.display().to_string(),
            line: 1,
            message,
        };
        let entries = std::fs::read_dir(dir).map_err(|e| {
            ContractErrors(vec![error(label, format!("cannot read the folder: {e}"))])
        })?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension().is_some_and(|x| x == "toml")
                    && p.file_name().is_some_and(|n| n != "Cargo.toml")
                    && p.is_file()
            })
            .collect();
        paths.sort();
        if paths.is_empty() {
            let message = "holds no *.toml contract".to_owned();
            return Err(ContractErrors(vec![error(label, message)]));
        }
        // Every file that cannot be read is reported, together with the errors of those
        // that can.
        let mut unreadable = Vec::new();
        let mut texts = Vec::new();
        for path in &paths {
            let labelled = label.join(path.file_name().unwrap_or_default());
            match std::fs::read_to_string(path) {
                Ok(text) => texts.push((labelled.display().to_string(), text)),
                Err(e) => unreadable.push(error(&labelled, format!("cannot read: {e}"))),
            }
        }
        let parsed = ContractSet::parse(texts.iter().map(|(f, t)| (f.as_str(), t.as_str())));
        match parsed {
            Ok(set) if unreadable.is_empty() => Ok(set),
            Ok(_) => Err(ContractErrors(unreadable)),
            Err(mut e) => {
                e.0.extend(unreadable);
                e.0.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
                Err(e)
            }
        }
    }

    /// Checks already parsed contracts as a set.
    pub fn new(mut contracts: Vec<Contract>) -> Result<ContractSet, ContractErrors> {
        let mut errors = crate::rules::set(&contracts);
        let secrets: BTreeSet<Cow<'static, str>> = contracts
            .iter()
            .flat_map(|c| c.secrets().map(|v| v.name.clone()))
            .collect();
        for c in contracts.iter_mut().filter(|c| c.is_client()) {
            c.forbidden = secrets.iter().cloned().collect::<Vec<_>>().into();
        }
        if errors.is_empty() {
            Ok(ContractSet { contracts })
        } else {
            errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
            Err(ContractErrors(errors))
        }
    }

    /// The contracts, in the order they were given.
    pub fn contracts(&self) -> &[Contract] {
        &self.contracts
    }

    /// The contract of `component`.
    pub fn get(&self, component: &str) -> Option<&Contract> {
        self.contracts.iter().find(|c| c.component == component)
    }

    /// The variable `name` of `component`.
    pub fn var(&self, component: &str, name: &str) -> Option<&Var> {
        self.get(component)?.var(name)
    }
}
