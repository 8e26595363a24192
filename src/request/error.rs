//! Why a request could not be built.

use std::path::PathBuf;

use crate::vars::ExpansionError;

/// Why a request could not be built.
#[derive(Debug, Clone, thiserror::Error)]
pub enum BuildError {
    /// The rendered URL is not a valid absolute URL.
    #[error("invalid URL {url:?}: {reason}")]
    InvalidUrl {
        /// The URL after substitution.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The URL has no host, with no target to send it to instead: empty, or named by
    /// variables that are not defined.
    #[error("URL {url:?} has no host{}", undefined_clause(.undefined))]
    NoHost {
        /// The URL as written.
        url: String,
        /// The undefined variables its origin names, in the order written.
        undefined: Vec<String>,
    },
    /// The request has no URL at all.
    #[error("the request has no URL")]
    EmptyUrl,
    /// An auth type pmcheck does not implement.
    #[error(
        "auth type {kind:?} is not supported{} (supported: basic, bearer, apikey, digest, \
         oauth1, oauth2, hawk, awsv4, edgegrid, jwt, asap, noauth)",
        if kind == "ntlm" { ": NTLM needs a handshake bound to one connection" } else { "" }
    )]
    UnsupportedAuth {
        /// The collection's auth type.
        kind: String,
    },
    /// An auth that cannot sign the request with its parameters (an invalid key, an
    /// unknown algorithm, a header or payload that is not JSON).
    #[error("{kind} auth: {reason}")]
    AuthFailed {
        /// The collection's auth type.
        kind: String,
        /// What is wrong.
        reason: String,
    },
    /// A body or form file could not be read.
    #[error("cannot read body file {}: {source}", path.display())]
    File {
        /// The resolved path.
        path: PathBuf,
        /// The operating system's reason (shared, so that the error can be cloned).
        source: std::sync::Arc<std::io::Error>,
    },
    /// The variables of a part of the request make more text than `--max-expansion`.
    #[error(transparent)]
    Expansion(ExpansionError),
    /// GraphQL variables that are not a JSON object.
    #[error("graphql variables are not valid JSON: {0}")]
    GraphQlVariables(String),
    /// `--target` is not an origin URL.
    #[error("invalid target {0:?}: expected an origin such as http://127.0.0.1:8080")]
    InvalidTarget(String),
}

/// `: variable a is not defined` (`variables a, b are`), or nothing without names.
fn undefined_clause(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => format!(": variable {one} is not defined"),
        many => format!(": variables {} are not defined", many.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::BuildError;

    #[test]
    fn a_url_without_a_host_names_its_undefined_variables() {
        let error = |undefined: &[&str]| {
            BuildError::NoHost {
                url: "{{scheme}}://{{baseUrl}}/users".into(),
                undefined: undefined.iter().map(ToString::to_string).collect(),
            }
            .to_string()
        };
        assert_eq!(
            error(&["baseUrl"]),
            r#"URL "{{scheme}}://{{baseUrl}}/users" has no host: variable baseUrl is not defined"#
        );
        assert_eq!(
            error(&["scheme", "baseUrl"]),
            r#"URL "{{scheme}}://{{baseUrl}}/users" has no host: variables scheme, baseUrl are not defined"#
        );
        assert_eq!(
            error(&[]),
            r#"URL "{{scheme}}://{{baseUrl}}/users" has no host"#
        );
    }
}
