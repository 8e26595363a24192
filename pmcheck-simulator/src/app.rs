//! The state every handler shares: the tenant, its signing key, the `requestState` store,
//! the server's base URL, and what sign-ins changed (lockouts, remembered user state).

use super::fixture::Fixture;
use super::jwt::SigningKey;
use super::lockout::Lockouts;
use super::state::StateStore;
use super::user_state::UserStates;

/// Shared server state.
pub(crate) struct AppState {
    /// The tenant.
    pub fixture: Fixture,
    /// The fixture's `signing_key`, parsed once.
    pub signing_key: SigningKey,
    /// Issued `requestState` values.
    pub store: StateStore,
    /// `http://ADDR` of the listener.
    pub base_url: String,
    /// Wrong-password counts and lockouts.
    pub lockouts: Lockouts,
    /// Remembered preferred factors, changed passwords, trust and KMSI tokens.
    pub users: UserStates,
}
