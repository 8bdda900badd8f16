// API_TOKEN is a secret: a plain `String` would print it in `Debug`. The same holds
// for a struct without a contract file that marks a field `#[env(secret)]`.
use hivesync_env::EnvContract;

#[derive(EnvContract)]
#[env(contract = "contracts/api.toml")]
pub struct ApiEnv {
    pub api_port: u16,
    pub api_database: String,
    pub api_token: String,
    pub api_mirror_url: Option<String>,
}

#[derive(EnvContract)]
#[env(component = "mailer", audience = "server")]
pub struct MailerEnv {
    /// Password of the mail relay
    #[env(secret)]
    pub relay_password: String,
}

fn main() {}
