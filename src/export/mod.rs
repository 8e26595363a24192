//! Writing what a run leaves behind, in Newman's formats: `--export-environment`,
//! `--export-globals` (a Postman environment or globals file), `--export-collection` (the
//! collection as loaded, its `variable` array replaced) and `--export-cookie-jar`
//! (tough-cookie's JSON). Secrets are already masked in the run's
//! [`FinalState`](crate::run::FinalState): they are written as `"type": "secret"` with the
//! mask for a value. Files are created with mode 0600 on Unix (they hold session state).

mod collection;
mod value;

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::collection::ScopeInfo;
use crate::http::JarFile;
use crate::run::RunSummary;
use crate::session::Session;
use crate::vars::VarMap;
use value::variable_value;

/// Why an export could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file (or its folder) could not be written.
    #[error("{}: cannot write: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's reason.
        source: std::io::Error,
    },
    /// `--export-collection` with other than one collection in the run.
    #[error("--export-collection needs exactly one collection; the run has {0}")]
    Collections(usize),
    /// The collection's text is not a JSON object (it loaded, so this should not happen).
    #[error("{}: cannot export: {message}", path.display())]
    Collection {
        /// The collection file.
        path: PathBuf,
        /// What went wrong.
        message: String,
    },
}

/// Which variable scope a file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// An environment (`--export-environment`).
    Environment,
    /// Globals (`--export-globals`).
    Globals,
}

impl Scope {
    fn name(self) -> &'static str {
        match self {
            Scope::Environment => "environment",
            Scope::Globals => "globals",
        }
    }
}

/// Writes the environment or globals as the run of `session` left them (`summary`) to
/// `path`, as a Postman export: `id` and `name` of the file it was loaded from (else a new
/// id, and the scope's name), `values: [{key, value, type, enabled}]`,
/// `_postman_variable_scope`, `_postman_exported_at`, `_postman_exported_using`.
pub fn write_variables(
    path: &Path,
    scope: Scope,
    session: &Session,
    summary: &RunSummary,
) -> Result<(), ExportError> {
    let options = &session.options;
    let (state, info) = match scope {
        Scope::Environment => (&summary.state.environment, &options.environment_info),
        Scope::Globals => (&summary.state.globals, &options.globals_info),
    };
    let values = state.clone().unwrap_or_default();
    let document = variable_file(scope, info, &values, exported_at());
    write_json(path, &document)
}

/// Writes the run's one collection with its variables as the run left them to `path`:
/// its text as loaded, with its `variable` array replaced.
pub fn write_collection(
    path: &Path,
    session: &Session,
    summary: &RunSummary,
) -> Result<(), ExportError> {
    let [planned] = session.plan.collections.as_slice() else {
        return Err(ExportError::Collections(session.plan.collections.len()));
    };
    let variables = summary
        .state
        .collections
        .first()
        .cloned()
        .flatten()
        .unwrap_or_default();
    let bytes = collection::with_variables(planned, &variables).map_err(|message| {
        ExportError::Collection {
            path: planned.path.clone(),
            message,
        }
    })?;
    write_bytes(path, &bytes)
}

/// Writes the run's cookie jar to `path` as tough-cookie serializes it (what Newman's
/// `--export-cookie-jar` writes and `--cookie-jar` reads).
pub fn write_cookie_jar(path: &Path, summary: &RunSummary) -> Result<(), ExportError> {
    let file = JarFile::of(summary.state.cookies.clone());
    // The struct itself, so that members keep tough-cookie's order.
    let mut bytes = serde_json::to_vec_pretty(&file).unwrap_or_default();
    bytes.push(b'\n');
    write_bytes(path, &bytes)
}

/// The Postman file of `values`.
fn variable_file(scope: Scope, info: &ScopeInfo, values: &VarMap, at: String) -> Value {
    let values: Vec<Value> = values
        .iter()
        .map(|(key, variable)| {
            let (value, kind) = variable_value(variable, "default");
            json!({"key": key, "value": value, "type": kind, "enabled": true})
        })
        .collect();
    json!({
        "id": info.id.clone().unwrap_or_else(new_id),
        "name": info.name.clone().unwrap_or_else(|| scope.name().to_string()),
        "values": values,
        "_postman_variable_scope": scope.name(),
        "_postman_exported_at": at,
        "_postman_exported_using": format!("pmcheck/{}", env!("CARGO_PKG_VERSION")),
    })
}

/// A random (version 4) UUID.
fn new_id() -> String {
    let b: [u8; 16] = rand::random();
    let hex = hex::encode(b);
    let variant = "89ab".as_bytes()[usize::from(b[8] & 3)] as char;
    format!(
        "{}-{}-4{}-{}{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        variant,
        &hex[17..20],
        &hex[20..32]
    )
}

/// Now, as JavaScript's `toISOString` writes it.
fn exported_at() -> String {
    let now = cookie::time::OffsetDateTime::now_utc();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        now.year(),
        u8::from(now.month()),
        now.day(),
        now.hour(),
        now.minute(),
        now.second(),
        now.millisecond()
    )
}

fn write_json(path: &Path, document: &Value) -> Result<(), ExportError> {
    let mut bytes = serde_json::to_vec_pretty(document).unwrap_or_default();
    bytes.push(b'\n');
    write_bytes(path, &bytes)
}

/// Writes `bytes` to `path` (its folder created), readable by its owner only.
fn write_bytes(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    let io = |source| ExportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let file = options.open(path).map_err(io)?;
        // A file that existed keeps its mode on opening: narrow it.
        file.set_permissions(std::fs::Permissions::from_mode(0o600))
            .map_err(io)?;
        write_all(file, bytes).map_err(io)
    }
    #[cfg(not(unix))]
    {
        let file = options.open(path).map_err(io)?;
        write_all(file, bytes).map_err(io)
    }
}

fn write_all(mut file: std::fs::File, bytes: &[u8]) -> std::io::Result<()> {
    file.write_all(bytes)?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_variable_file_in_postmans_format() {
        let mut values = VarMap::new();
        values.set("host", "h.test", false);
        values.set("token", crate::redact::MASK, true);
        values.insert(
            "count",
            crate::vars::Variable {
                value: "3".into(),
                secret: false,
                json: Some("3".into()),
            },
        );
        let info = ScopeInfo {
            id: Some("e-1".into()),
            name: Some("staging".into()),
        };
        let doc = variable_file(Scope::Environment, &info, &values, "now".into());
        assert_eq!(doc["id"], "e-1");
        assert_eq!(doc["name"], "staging");
        assert_eq!(doc["_postman_variable_scope"], "environment");
        assert_eq!(doc["_postman_exported_at"], "now");
        assert!(
            doc["_postman_exported_using"]
                .as_str()
                .unwrap()
                .starts_with("pmcheck/")
        );
        assert_eq!(
            doc["values"],
            json!([
                {"key": "host", "value": "h.test", "type": "default", "enabled": true},
                {"key": "token", "value": "***", "type": "secret", "enabled": true},
                {"key": "count", "value": 3, "type": "any", "enabled": true},
            ])
        );
        let globals = variable_file(Scope::Globals, &ScopeInfo::default(), &values, "now".into());
        assert_eq!(globals["name"], "globals");
        let id = globals["id"].as_str().unwrap();
        assert_eq!(id.len(), 36);
        assert_eq!(&id[14..15], "4");
    }

    #[cfg(unix)]
    #[test]
    fn files_are_for_their_owner_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/env.json");
        write_bytes(&path, b"{}").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        write_bytes(&path, b"{}").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}
