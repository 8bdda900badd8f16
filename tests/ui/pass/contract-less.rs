// Without a contract file the fields declare the variables: the doc comment is the
// description, `Option<_>` optional, `Secret<_>` or `#[env(secret)]` secret.
use hivesync_env::source::MapSource;
use hivesync_env::{EnvContract, Profile, Secret};

#[derive(Debug, EnvContract)]
#[env(component = "mailer", audience = "server")]
pub struct MailerEnv {
    /// Port to listen on
    #[env(default = "8025")]
    pub port: u16,
    /// API key of the mail provider
    #[env(name = "MAIL_API_KEY", min_len = 16)]
    pub api_key: Secret<String>,
    /// Password of the relay
    #[env(secret)]
    pub relay_password: Secret<String>,
    /// Where to send copies, if anywhere
    pub bcc: Option<String>,
}

fn main() {
    let contract = MailerEnv::CONTRACT;
    assert_eq!(contract.component, "mailer");
    let names: Vec<&str> = contract.vars.iter().map(|v| v.name.as_ref()).collect();
    assert_eq!(names, ["PORT", "MAIL_API_KEY", "RELAY_PASSWORD", "BCC"]);
    assert!(contract.vars[1].secret && contract.vars[2].secret);
    assert!(contract.vars[3].optional);
    assert_eq!(contract.vars[0].description, "Port to listen on");

    let env = MapSource::new("test")
        .with("MAIL_API_KEY", "re_0123456789abcdef")
        .with("RELAY_PASSWORD", "hunter2-hunter2")
        .with("BCC", "audit@example.com");
    let mailer = MailerEnv::load(&env, Profile::Production).unwrap();
    assert_eq!(mailer.port, 8025);
    assert_eq!(mailer.api_key.expose_secret(), "re_0123456789abcdef");
    assert_eq!(mailer.bcc.as_deref(), Some("audit@example.com"));
}
