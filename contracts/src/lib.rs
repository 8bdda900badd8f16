//! HiveSync's environment contracts.
//!
//! The TOML files beside this crate's `Cargo.toml` are the single source of truth for
//! every environment variable of every HiveSync component; see `README.md` there for
//! their schema.
#![deny(missing_docs)]

/// The contract files as `(file name, TOML text)`, in component order, embedded at
/// build time. The CLI parses them when it is not pointed at another folder.
pub const SOURCES: &[(&str, &str)] = &[
    ("contracts/backend.toml", include_str!("../backend.toml")),
    ("contracts/workers.toml", include_str!("../workers.toml")),
    ("contracts/desktop.toml", include_str!("../desktop.toml")),
    ("contracts/mobile.toml", include_str!("../mobile.toml")),
    ("contracts/plugins.toml", include_str!("../plugins.toml")),
    ("contracts/admin-ui.toml", include_str!("../admin-ui.toml")),
];
