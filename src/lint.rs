//! Static checks of planned collections: what would go wrong before anything is sent.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use crate::collection::PlannedCollection;
use crate::coverage::method_and_path;
use crate::request::{BuildError, BuildOptions, build};
use crate::script::{Required, ScriptModules, is_supported, required};
use crate::session::{SchemaSource, Session, initial_scope};
use crate::vars::{DynamicVars, Resolver};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// For information: true of a whole collection, nothing wrong with one request.
    Note,
    /// Worth a look; the request can still be sent.
    Warning,
    /// The request cannot be sent as written.
    Error,
}

/// One problem found in a collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The collection file.
    pub file: PathBuf,
    /// The test name of the request concerned (the collection's name for a note about the
    /// whole collection).
    pub case: String,
    /// Seriousness.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

/// Checks every step of the session's plan against the variables its options and each
/// collection's target define, building each request as a run would: requests that cannot
/// be built (empty or host-less URLs, unsupported auth, missing files), variables that are
/// never defined, and requests without a saved example (one note when no request of the
/// collection has one: then no request is missing one of its own).
pub fn lint(session: &Session) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut dynamic = DynamicVars::new(Some(0));
    let options = &session.options;
    for (c, collection) in session.plan.collections.iter().enumerate() {
        let target = session.target(c);
        let scope = initial_scope(collection, options, target);
        let script_text = scripts_of(collection);
        // Whether some script names a variable, per name: each answer scans every script.
        let mut named_by_script: HashMap<String, bool> = HashMap::new();
        let modules = session.script_modules(c);
        let mut scanned = BTreeSet::new();
        let any_example = collection.steps.iter().any(|s| !s.examples.is_empty());
        if !any_example && !collection.steps.is_empty() {
            out.push(Finding {
                file: collection.path.clone(),
                case: collection.name.clone(),
                severity: Severity::Note,
                message: "no request has a saved example response: expected statuses come \
                          from the sidecar's `expect`, else any status but 5xx"
                    .into(),
            });
        }
        for step in &collection.steps {
            let mut finding = |severity, message: String| {
                out.push(Finding {
                    file: collection.path.clone(),
                    case: step.id.clone(),
                    severity,
                    message,
                })
            };
            for event in &step.events {
                // A collection's or folder's script is reported with its first request.
                if scanned.insert(std::sync::Arc::as_ptr(event)) {
                    for message in unloadable(&event.source, modules.as_deref()) {
                        finding(Severity::Error, message);
                    }
                }
            }
            let mut resolver = Resolver::new(&scope, &step.folder_vars, &mut dynamic);
            let built = build(
                step,
                &mut resolver,
                &BuildOptions {
                    working_dir: options.build.working_dir.clone(),
                    ..BuildOptions::default()
                },
                target.origin(),
                None,
            );
            let unresolved: BTreeSet<String> = resolver.unresolved().clone();
            match built {
                // The undefined variable is the finding.
                Err(BuildError::InvalidUrl { .. } | BuildError::NoHost { .. })
                    if !unresolved.is_empty() => {}
                Err(e) => finding(Severity::Error, e.to_string()),
                Ok(_) => {}
            }
            for name in unresolved {
                let by_script = *named_by_script.entry(name.clone()).or_insert_with(|| {
                    let (double, single) = (format!("\"{name}\""), format!("'{name}'"));
                    script_text
                        .iter()
                        .any(|s| s.contains(&double) || s.contains(&single))
                });
                let by_sidecar = step.config.captures.iter().any(|(v, _)| *v == name)
                    || collection
                        .sidecar
                        .as_ref()
                        .and_then(|s| s.token.as_ref())
                        .is_some_and(|t| t.variable == name);
                let (severity, message) = if by_script || by_sidecar {
                    let who = if by_script { "a script" } else { "the sidecar" };
                    (
                        Severity::Warning,
                        format!(
                            "variable {{{{{name}}}}} is not defined before the run ({who} sets it)"
                        ),
                    )
                } else {
                    (
                        Severity::Error,
                        format!(
                            "variable {{{{{name}}}}} is not defined: it would be sent literally"
                        ),
                    )
                };
                finding(severity, message);
            }
            if any_example && step.examples.is_empty() {
                finding(
                    Severity::Warning,
                    "no saved example response: the expected status cannot be derived".into(),
                );
            }
        }
    }
    out
}

/// A warning for each request that matches no operation of its collection's OpenAPI
/// document (`sources`: one per collection of the session's plan, in plan order): a run
/// judges no body of it, and fails it with `--strict-openapi`.
pub fn unmatched_operations(session: &Session, sources: &[SchemaSource]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut dynamic = DynamicVars::new(Some(0));
    for (c, (collection, source)) in session.plan.collections.iter().zip(sources).enumerate() {
        let Some(api) = source.openapi() else {
            continue;
        };
        let scope = initial_scope(collection, &session.options, session.target(c));
        for step in &collection.steps {
            let mut resolver = Resolver::new(&scope, &step.folder_vars, &mut dynamic);
            let (method, path) = method_and_path(step, &mut resolver);
            if !api.lookup(&method, &path).matched {
                let methods = api.methods_at(&path);
                let others = if methods.is_empty() {
                    String::new()
                } else {
                    format!(" (the path has {} only)", methods.join(", "))
                };
                out.push(Finding {
                    file: collection.path.clone(),
                    case: step.id.clone(),
                    severity: Severity::Warning,
                    message: format!(
                        "{method} {path} matches no operation of {}{others}: its body is not \
                         checked (with --strict-openapi, run fails it)",
                        api.path.display()
                    ),
                });
            }
        }
    }
    out
}

/// What `source` asks `require` or `pm.require` for by name that no run could load: not
/// built in, and not in the collection's script modules folder (`modules`).
fn unloadable(source: &str, modules: Option<&ScriptModules>) -> Vec<String> {
    let in_folder = |name: &str, npm: bool| {
        modules.is_some_and(|m| {
            let found = if npm {
                m.resolve_npm(name)
            } else {
                m.resolve(name, None)
            };
            matches!(found, Ok(Some(_)))
        })
    };
    let hint = match modules {
        Some(m) => format!("not in the script modules folder {}", m.root().display()),
        None => "--script-modules DIR loads npm packages".into(),
    };
    required(source)
        .into_iter()
        .filter_map(|r| match r {
            Required::Require(name) => {
                let bare = name.strip_prefix("node:").unwrap_or(&name);
                let relative = bare.starts_with("./") || bare.starts_with("../");
                (relative || !(is_supported(bare) || in_folder(bare, false))).then(|| {
                    format!("a script requires '{name}': not supported (not built in; {hint})")
                })
            }
            Required::Pm(spec) => match spec.strip_prefix("npm:") {
                Some(npm) if in_folder(npm, true) => None,
                Some(_) => Some(format!("pm.require('{spec}'): not supported ({hint})")),
                None => Some(format!(
                    "pm.require('{spec}'): not supported (Postman's package library needs its cloud)"
                )),
            },
        })
        .collect()
}

fn scripts_of(collection: &PlannedCollection) -> Vec<&str> {
    let mut seen = BTreeSet::new();
    collection
        .steps
        .iter()
        .flat_map(|s| s.events.iter())
        .filter(|e| seen.insert(std::sync::Arc::as_ptr(e)))
        .map(|e| e.source.as_str())
        .collect()
}
