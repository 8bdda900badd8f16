//! What a file that assigns variables holds, whatever its format: one [`Assignment`]
//! per `key = value`, read by the env-file reader (`committed`) and the structured
//! ones (`structured`).

/// One `key = value` a file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Assignment {
    pub(crate) key: String,
    pub(crate) value: String,
    /// The 1-based line of the value (env files: of the key).
    pub(crate) line: u32,
}

/// Whether `name` is a plain variable name as the audit reads one in YAML lists and
/// references: ASCII letters, digits and `_`, at least one.
pub(crate) fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
}
