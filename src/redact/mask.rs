//! What a masked secret becomes.

/// What replaces a secret.
pub const MASK: &str = "***";
