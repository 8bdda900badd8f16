//! A small contract set that exercises every branch, built without the parser, for
//! the renderers' unit tests.

use crate::{Audience, Contract, RustWorker, Template, Var, VarType, Wrangler};

fn var(name: &'static str, ty: VarType, description: &'static str) -> Var {
    let mut v = Var::new(name, ty);
    v.description = description.into();
    v
}

/// A server contract with a tricky description, a per-profile default, a secret,
/// an optional url, an enum and a var shared with a second service.
pub fn server() -> Contract {
    let mut port = var("APP_PORT", VarType::Port, "Port \"quoted\" | piped\\ <b>");
    port.defaults = [Some("1".into()), Some("1".into()), Some("1".into())];
    port.group = Some("a".into());
    let mut host = var("APP_HOST", VarType::String, "Host");
    host.defaults = [
        Some("localhost".into()),
        Some("db".into()),
        Some("db$x".into()),
    ];
    host.group = Some("a".into());
    let mut secret = var("APP_KEY", VarType::String, "Key");
    secret.secret = true;
    secret.min_len = Some(32);
    secret.services = vec!["db".into()].into();
    secret.group = Some("b".into());
    let mut url = var("APP_URL", VarType::Url, "Public URL");
    url.https = true;
    url.optional = true;
    url.group = Some("b".into());
    let mut level = var("APP_LEVEL", VarType::Enum, "Level");
    level.values = vec!["a".into(), "b\"c".into()].into();
    level.defaults = [Some("a".into()), Some("a".into()), Some("a".into())];
    level.group = Some("b".into());
    let mut base = var("APP_BASE", VarType::Url, "Base");
    base.example = Some("https://x.example/'q'".into());
    base.group = Some("b".into());
    Contract {
        component: "server".into(),
        audience: Audience::Server,
        description: "A server".into(),
        file: "server.toml".into(),
        vars: vec![port, host, secret, url, level, base].into(),
        compose_service: Some("app".into()),
        wrangler: None,
        forbidden: Vec::new().into(),
    }
}

/// An edge contract with two TypeScript workers and a Rust one, a bucket var, a required var with an
/// example, a secret and a relation.
pub fn edge() -> Contract {
    let mut bucket = var("EDGE_BUCKET", VarType::String, "Bucket");
    bucket.defaults = [
        Some("dev-bucket".into()),
        Some("dev-bucket".into()),
        Some("prod \"bucket\"".into()),
    ];
    let mut url = var("EDGE_CALLBACK", VarType::Url, "Callback");
    url.example = Some("https://x.example/cb".into());
    url.equals = Template::parse("{server.APP_BASE}/cb").ok();
    let mut secret = var("EDGE_KEY", VarType::String, "Shared key");
    secret.secret = true;
    secret.equals = Template::parse("{server.APP_KEY}").ok();
    let mut opt = var("EDGE_OPT", VarType::Bool, "Optional flag");
    opt.optional = true;
    Contract {
        component: "edge".into(),
        audience: Audience::Edge,
        description: "Workers".into(),
        file: "edge.toml".into(),
        vars: vec![bucket, url, secret, opt].into(),
        compose_service: None,
        wrangler: Some(Wrangler {
            workers: vec!["w_one".into(), "w-two".into(), "w_rs".into()].into(),
            r2_binding: Some("BUCKET".into()),
            r2_bucket_var: Some("EDGE_BUCKET".into()),
            compatibility_date: "2026-01-01".into(),
            rust: vec![RustWorker {
                name: "w_rs".into(),
                dir: "workers/w-rs".into(),
            }]
            .into(),
        }),
        forbidden: Vec::new().into(),
    }
}

/// A client contract.
pub fn client() -> Contract {
    let mut url = var("HIVESYNC_PUBLIC_URL", VarType::Url, "API");
    url.defaults = [Some("http://localhost:1".into()), None, None];
    url.example = Some("https://x.example".into());
    Contract {
        component: "client".into(),
        audience: Audience::Client,
        description: "An app".into(),
        file: "client.toml".into(),
        vars: vec![url].into(),
        compose_service: None,
        wrangler: None,
        forbidden: vec!["APP_KEY".into(), "EDGE_KEY".into()].into(),
    }
}

/// The three together.
pub fn all() -> Vec<Contract> {
    vec![server(), edge(), client()]
}
