//! `ClientSafe`: the types a client struct may hold.

/// A type that may be compiled into code shipped to users (desktop, mobile, plugins,
/// admin UI).
///
/// `#[derive(EnvContract)]` asserts it for every field of a `client` struct, so a
/// nested type that could carry a secret is a build error. It is implemented for
/// plain values; [`Secret`](crate::Secret) never implements it. Implement it for your
/// own public types (an enum of log levels, say):
///
/// ```
/// #[derive(Debug, Clone, Copy)]
/// enum Theme { Light, Dark }
/// impl hivesync_env::ClientSafe for Theme {}
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not marked client-safe, so it cannot be a field of a client struct",
    label = "not client-safe",
    note = "client structs are compiled into desktop, mobile, plugins or admin-ui, which ship to users: no secret may reach them",
    note = "if `{Self}` holds only public values, add `impl hivesync_env::ClientSafe for {Self} {{}}`"
)]
pub trait ClientSafe {}

macro_rules! client_safe {
    ($($ty:ty),* $(,)?) => { $(impl ClientSafe for $ty {})* };
}

client_safe!(
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    String,
    str,
    std::path::PathBuf,
    std::path::Path,
    std::num::NonZeroU16,
    std::num::NonZeroU32,
    std::num::NonZeroU64,
    std::num::NonZeroUsize,
    std::time::Duration,
);

impl<T: ClientSafe + ?Sized> ClientSafe for Box<T> {}
impl<T: ClientSafe + ?Sized> ClientSafe for std::sync::Arc<T> {}
impl<T: ClientSafe> ClientSafe for Option<T> {}
impl<T: ClientSafe> ClientSafe for Vec<T> {}
impl<T: ClientSafe + ?Sized> ClientSafe for &'static T {}

#[cfg(test)]
mod tests {
    /// `#[diagnostic::on_unimplemented]` takes only literals, so the notes of
    /// `ClientSafe` and `Bakeable` spell the client components out; they must say
    /// what the core's one list says.
    #[test]
    fn the_notes_name_the_client_components_of_the_core() {
        let list = hivesync_env_core::CLIENT_COMPONENTS;
        for (file, text) in [
            ("client_safe.rs", include_str!("client_safe.rs")),
            ("__private.rs", include_str!("__private.rs")),
        ] {
            let note = text
                .lines()
                .find(|l| l.contains("note = \"") && l.contains("desktop"));
            assert!(note.is_some_and(|n| n.contains(list)), "{file}: {note:?}");
        }
    }
}
