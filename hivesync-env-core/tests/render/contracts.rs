//! The small contracts every renderer test renders: a server, an edge and a client
//! component, parsed from TOML as a set (so the client's `forbidden` list is filled),
//! each exercising a branch of the renderers.

use hivesync_env_core::{Contract, ContractSet};

/// A server with a Compose service: a uniform default, per-profile defaults (the
/// `docker` one holds a `$`), a secret with `min_len` that a second service receives,
/// an enum, a required url with an example, an optional bool, and a description with
/// quotes, `$` and markdown syntax.
pub const API: &str = r#"
component = "api"
audience = "server"
description = "The API server"
compose_service = "api"

[[var]]
name = "API_PORT"
type = "port"
default = "8080"
group = "net"
description = "Port the API listens on"

[[var]]
name = "API_HOST"
type = "string"
default = { local = "localhost", docker = "db$1", production = "db.internal" }
group = "net"
description = "Host of the \"main\" database ($HOST, <b>|x)"

[[var]]
name = "API_TOKEN"
type = "string"
secret = true
min_len = 16
services = ["sidecar"]
group = "keys"
description = "Token that signs requests"

[[var]]
name = "API_MODE"
type = "enum"
values = ["fast", "safe"]
default = "safe"
group = "keys"
description = "Mode"

[[var]]
name = "API_URL"
type = "url"
https = true
example = "https://api.example.com"
description = "Public URL"

[[var]]
name = "API_DEBUG"
type = "bool"
optional = true
description = "Debug flag"
"#;

/// An edge component with one TypeScript worker: a bucket var with per-profile
/// defaults, a required url with an example and a relation, a secret with a relation,
/// an optional integer with a unit and an enum.
pub const EDGE: &str = r#"
component = "edge"
audience = "edge"
description = "The workers"

[wrangler]
workers = ["relay"]
r2_binding = "FILES"
r2_bucket_var = "EDGE_BUCKET"
compatibility_date = "2026-01-01"

[[var]]
name = "EDGE_BUCKET"
type = "string"
default = { local = "files-dev", docker = "files-dev", production = "files" }
description = "Bucket"

[[var]]
name = "EDGE_CALLBACK"
type = "url"
example = "https://api.example.com/cb"
equals = "{api.API_URL}/cb"
description = "Callback"

[[var]]
name = "EDGE_TOKEN"
type = "string"
secret = true
equals = "{api.API_TOKEN}"
description = "Token"

[[var]]
name = "EDGE_TIMEOUT"
type = "integer"
unit = "ms"
min = 1
optional = true
description = "Timeout"

[[var]]
name = "EDGE_LEVEL"
type = "enum"
values = ["debug", "info"]
default = "info"
description = "Log level"
"#;

/// A client component: a public url whose default exists only locally.
pub const WEB: &str = r#"
component = "web"
audience = "client"
description = "The web app"

[[var]]
name = "HIVESYNC_PUBLIC_URL"
type = "url"
default = { local = "http://localhost:8080" }
example = "https://api.example.com"
description = "API the app talks to"
"#;

/// The three contracts, checked as a set, in the order given.
pub fn all() -> Vec<Contract> {
    ContractSet::parse([("api.toml", API), ("edge.toml", EDGE), ("web.toml", WEB)])
        .unwrap_or_else(|e| panic!("{e}"))
        .contracts()
        .to_vec()
}

/// One contract of [`all`], by component name.
pub fn one(component: &str) -> Contract {
    all()
        .into_iter()
        .find(|c| c.component.as_ref() == component)
        .unwrap_or_else(|| panic!("no contract {component}"))
}

/// `contract` with the description of `var` replaced, past the contract rules: the
/// renderers must escape what the rules would have rejected.
pub fn with_description(mut contract: Contract, var: &str, description: &str) -> Contract {
    let vars = contract.vars.to_mut();
    let v = vars
        .iter_mut()
        .find(|v| v.name.as_ref() == var)
        .unwrap_or_else(|| panic!("no variable {var}"));
    v.description = description.to_owned().into();
    contract
}
