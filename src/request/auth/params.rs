//! The parameters of an auth with their variables rendered, and why a scheme cannot sign.

use super::crypto;
use crate::collection::Auth;
use crate::vars::Resolver;

/// Auth parameters with their variables rendered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Params(pub(in crate::request::auth) Vec<(String, String)>);

impl Params {
    /// Renders every parameter of `auth`.
    pub(super) fn render(auth: &Auth, resolver: &mut Resolver<'_>) -> Params {
        Params(
            auth.params
                .iter()
                .map(|(k, v)| (k.clone(), resolver.render_str(v)))
                .collect(),
        )
    }

    /// The parameter `key`, empty when unset.
    pub(crate) fn get(&self, key: &str) -> &str {
        self.get_opt(key).unwrap_or("")
    }

    /// The parameter `key`, if set.
    pub(crate) fn get_opt(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// True when the parameter `key` is `true`.
    pub(crate) fn flag(&self, key: &str) -> bool {
        self.get(key) == "true"
    }
}

/// Why an auth could not sign a request.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum AuthError {
    /// A parameter the scheme cannot use.
    #[error("{0}")]
    Invalid(String),
    /// The private key cannot sign.
    #[error(transparent)]
    Key(#[from] crypto::KeyError),
}
