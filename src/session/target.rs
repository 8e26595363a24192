//! Where each collection's requests go: the target the caller asked for (the command line,
//! `PMCHECK_TARGET`, the `Conformance` builder), else the collection's sidecar `target`,
//! else none (requests go where their URLs point). The embedded simulator is the target
//! only when one of them says `embedded`.

use crate::collection::{HostPattern, Plan, PlannedCollection, VariableDef};
use crate::request::{BuildError, Target};

/// The word that selects the embedded simulator as target.
pub const EMBEDDED: &str = "embedded";

/// A target the caller asked for, for every collection: an origin URL or `embedded`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetRequest {
    /// An origin URL (`https://tenant.example`), or `embedded`.
    pub value: String,
    /// Where it was given, as the run header names it (`--target`, `PMCHECK_TARGET`).
    pub given_by: String,
}

/// Where one collection's requests go.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Destination {
    /// Where each request's own URL points.
    #[default]
    AsWritten,
    /// Every request to this origin (scheme, host and port replaced).
    Origin(Target),
    /// The embedded simulator: its origin once it runs.
    Embedded(Option<Target>),
}

/// Where one collection's requests go, who chose it, and the variables that go with it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollectionTarget {
    /// Where the requests go.
    pub destination: Destination,
    /// Who chose it (`--target`, `PMCHECK_TARGET`, `sidecar NAME.pmcheck.toml`); none
    /// when nobody did.
    pub given_by: Option<String>,
    /// Variables applied over the environment file's (the embedded simulator's host,
    /// client and users); `--env-var` and `PMCHECK_VAR_` still win.
    pub variables: Vec<VariableDef>,
    /// The origins the collection's requests are written with (`{{baseUrl}}`,
    /// `https://{{host}}:8443`), each once, with a target only: the script requests to
    /// them go to the target too.
    pub origins: Vec<String>,
    /// The sidecar's `allow_hosts`: hosts the collection's scripts may reach under a
    /// target besides those origins.
    pub allow_hosts: Vec<HostPattern>,
}

/// The target of a collection nobody chose one for.
pub(crate) static AS_WRITTEN: CollectionTarget = CollectionTarget {
    destination: Destination::AsWritten,
    given_by: None,
    variables: Vec::new(),
    origins: Vec::new(),
    allow_hosts: Vec::new(),
};

impl CollectionTarget {
    /// The origin replacing every request's own, if any (the simulator's once it runs).
    pub fn origin(&self) -> Option<&Target> {
        match &self.destination {
            Destination::AsWritten => None,
            Destination::Origin(t) => Some(t),
            Destination::Embedded(t) => t.as_ref(),
        }
    }

    /// True when the target is the embedded simulator (simulator-only requests run).
    pub fn is_embedded(&self) -> bool {
        matches!(self.destination, Destination::Embedded(_))
    }

    /// What the run header says about it: `embedded simulator at http://127.0.0.1:PORT
    /// (--target)`, `https://tenant.example (sidecar NAME.pmcheck.toml)`, `URLs as written`.
    pub fn describe(&self) -> String {
        let what = match &self.destination {
            Destination::AsWritten => return "URLs as written".into(),
            Destination::Origin(t) => t.origin(),
            Destination::Embedded(Some(t)) => format!("embedded simulator at {}", t.origin()),
            Destination::Embedded(None) => "embedded simulator".into(),
        };
        match &self.given_by {
            Some(by) => format!("{what} ({by})"),
            None => what,
        }
    }
}

/// A target that is neither `embedded` nor an origin URL.
#[derive(Debug, thiserror::Error)]
#[error("{given_by}: {error}")]
pub struct TargetError {
    /// Where it was given (`--target`, `PMCHECK_TARGET`, `sidecar NAME.pmcheck.toml`).
    pub given_by: String,
    /// Why it is not an origin.
    pub error: BuildError,
}

/// Each collection's target, in plan order: `requested`, else its sidecar's `target`,
/// else the URLs as written. A sidecar's `embedded` is the collection's default for a run
/// without an environment file: with one (`with_environment`), the file says where the
/// URLs point (its host, its credentials, which the simulator's would replace), so they
/// go there. An embedded target has no origin until the simulator runs
/// ([`super::start_embedded`]).
pub fn resolve_targets(
    plan: &Plan,
    requested: Option<&TargetRequest>,
    with_environment: bool,
) -> Result<Vec<CollectionTarget>, TargetError> {
    plan.collections
        .iter()
        .map(|c| {
            let declared = c.sidecar.as_ref().and_then(|s| {
                let value = s.target.as_ref()?;
                if with_environment && value == EMBEDDED {
                    return None;
                }
                let name = s.path.file_name().map_or_else(
                    || s.path.display().to_string(),
                    |n| n.to_string_lossy().into(),
                );
                Some((value.clone(), format!("sidecar {name}")))
            });
            let chosen = requested
                .map(|r| (r.value.clone(), r.given_by.clone()))
                .or(declared);
            let Some((value, given_by)) = chosen else {
                return Ok(CollectionTarget::default());
            };
            let destination = if value == EMBEDDED {
                Destination::Embedded(None)
            } else {
                match Target::parse(&value) {
                    Ok(t) => Destination::Origin(t),
                    Err(error) => return Err(TargetError { given_by, error }),
                }
            };
            Ok(CollectionTarget {
                destination,
                given_by: Some(given_by),
                variables: Vec::new(),
                origins: origins_written(c),
                allow_hosts: c
                    .sidecar
                    .as_ref()
                    .map(|s| s.allow_hosts.clone())
                    .unwrap_or_default(),
            })
        })
        .collect()
}

/// The scheme, host and port of every request of `collection` as written (templates),
/// each once, in order.
fn origins_written(collection: &PlannedCollection) -> Vec<String> {
    let mut origins: Vec<String> = Vec::new();
    for step in &collection.steps {
        let url = &step.request.url;
        let Some(host) = url.host.as_deref().filter(|h| !h.trim().is_empty()) else {
            continue;
        };
        let mut origin = String::new();
        if let Some(p) = &url.protocol {
            origin.push_str(p);
            origin.push_str("://");
        }
        origin.push_str(host.trim());
        if let Some(p) = &url.port {
            origin.push(':');
            origin.push_str(p);
        }
        if !origins.contains(&origin) {
            origins.push(origin);
        }
    }
    origins
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions() {
        let origin = |s: &str| Target::parse(s).ok();
        let written = CollectionTarget::default();
        assert_eq!(written.describe(), "URLs as written");
        assert_eq!(written.origin(), None);
        let tenant = CollectionTarget {
            destination: Destination::Origin(Target::parse("https://tenant.example").unwrap()),
            given_by: Some("--target".into()),
            ..CollectionTarget::default()
        };
        assert_eq!(tenant.describe(), "https://tenant.example (--target)");
        assert!(!tenant.is_embedded());
        let embedded = CollectionTarget {
            destination: Destination::Embedded(origin("http://127.0.0.1:4000")),
            given_by: Some("sidecar x.pmcheck.toml".into()),
            ..CollectionTarget::default()
        };
        assert_eq!(
            embedded.describe(),
            "embedded simulator at http://127.0.0.1:4000 (sidecar x.pmcheck.toml)"
        );
        assert!(embedded.is_embedded());
        assert_eq!(embedded.origin(), origin("http://127.0.0.1:4000").as_ref());
    }
}
