//! The state every handler shares: the tenant, its signing key, the `requestState` store
//! and the server's base URL.

use super::fixture::Fixture;
use super::jwt::SigningKey;
use super::state::StateStore;

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
}
