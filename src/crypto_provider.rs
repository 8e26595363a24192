//! The one rustls crypto provider of the process (ring), installed before any client is
//! built: the run's clients (`http`) and the fetching of inputs from URLs (`collection`).

use std::sync::OnceLock;

/// Installs ring as the process's rustls crypto provider (once; a provider already
/// installed stays).
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        // Err only when a provider is already installed, which is as good.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
