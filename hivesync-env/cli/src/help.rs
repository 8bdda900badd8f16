//! The examples at the end of each subcommand's `--help`.

/// `check`.
pub const CHECK: &str = "\
Examples:
  hivesync-env check backend --profile local --env-file .env
  hivesync-env check backend --profile production --env-file .env.production --format json
  hivesync-env --quiet check workers --profile production --env-file workers.env --no-process-env";

/// `contracts`.
pub const CONTRACTS: &str = "\
Examples:
  hivesync-env contracts
  hivesync-env contracts --contracts ./contracts";

/// `docs`.
pub const DOCS: &str = "\
Examples:
  hivesync-env docs                # write contracts/generated/
  hivesync-env docs --check        # exit 1 naming each stale file (CI)";

/// `example`.
pub const EXAMPLE: &str = "\
Examples:
  hivesync-env example backend > .env.example
  hivesync-env example workers";

/// `audit`.
pub const AUDIT: &str = "\
Examples:
  hivesync-env audit .
  hivesync-env --quiet audit ../hivesync --format json";

/// `consistency`.
pub const CONSISTENCY: &str = "\
Examples:
  hivesync-env consistency --env backend=backend.env --env workers=workers.env
  hivesync-env consistency --env backend=.env.production --env workers=.dev.vars --profile production
  hivesync-env consistency --backend backend.env --workers workers.env   # --COMPONENT PATH: the same";

/// `init`.
pub const INIT: &str = "\
Examples:
  hivesync-env init backend workers --profile local         # backend.env, workers.env, .dev.vars
  hivesync-env init backend workers --profile docker --secrets-dir secrets
  hivesync-env init backend workers --profile production --dir deploy --force";

/// `render`.
pub const RENDER: &str = "\
Examples:
  hivesync-env render workers --profile production --env-file workers.env --out deploy
  hivesync-env render workers --profile production --env-file workers.env --secrets-dir secrets --out deploy";

/// `completions`.
pub const COMPLETIONS: &str = "\
Examples:
  source <(hivesync-env completions bash)          # this bash session
  hivesync-env completions bash > ~/.local/share/bash-completion/completions/hivesync-env
  hivesync-env completions zsh > ~/.zfunc/_hivesync-env
  hivesync-env completions fish > ~/.config/fish/completions/hivesync-env.fish";

/// `man`.
pub const MAN: &str = "\
Examples:
  hivesync-env man > hivesync-env.1 && man -l hivesync-env.1
  hivesync-env man check | man -l -";
