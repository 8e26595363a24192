//! The optional sidecar next to a collection (`NAME.pmcheck.toml`, or `--config FILE`):
//! expected statuses, schema overrides, skips and simulator-only requests, per request or
//! folder path.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::hosts::{AddressOverride, HostPattern, HostsError};
use super::sidecar_compare::{RawCompare, extend};
use super::sidecar_tls::{RawTls, SidecarTls};
use crate::check::{CaptureSource, CompareRules, StatusPattern};
use crate::file_error::FileError;

/// Why a sidecar could not be used: the file, and line and column of the bad key.
pub type SidecarError = FileError;

/// What a rule says about the body schema of a status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemaOverride {
    /// Use this schema file (relative to the sidecar).
    File(PathBuf),
    /// No body check for this status.
    None,
}

/// A status written as a number (`401`) or a string (`"4xx"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Status(StatusPattern);

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged, expecting = "a status code (401) or class (\"4xx\")")]
        enum Raw {
            Code(u16),
            Text(String),
        }
        let text = match Raw::deserialize(d)? {
            Raw::Code(c) => c.to_string(),
            Raw::Text(t) => t,
        };
        StatusPattern::parse(&text).map(Status).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{text:?} is not a status code (100-599) or class (1xx-5xx)"
            ))
        })
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    #[serde(default)]
    collection: Option<String>,
    #[serde(default)]
    path: String,
    #[serde(default)]
    expect: Option<Vec<Status>>,
    #[serde(default)]
    skip: Option<String>,
    #[serde(default)]
    simulator_only: Option<bool>,
    #[serde(default)]
    schemas: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    variables: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    capture: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    before: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    follow_redirects: Option<bool>,
    #[serde(default)]
    compare: Option<RawCompare>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSidecar {
    #[serde(default)]
    schemas: Option<String>,
    #[serde(default)]
    openapi: Option<String>,
    #[serde(default)]
    script_modules: Option<String>,
    #[serde(default)]
    target: Option<String>,
    #[serde(default, rename = "rule")]
    rules: Vec<RawRule>,
    #[serde(default)]
    capture: std::collections::BTreeMap<String, String>,
    #[serde(default)]
    token: Option<TokenRequest>,
    #[serde(default)]
    allow_hosts: Vec<toml::Spanned<String>>,
    #[serde(default)]
    resolve: Vec<toml::Spanned<String>>,
    #[serde(default)]
    connect_to: Vec<toml::Spanned<String>>,
    #[serde(default)]
    tls: Option<RawTls>,
    #[serde(default)]
    compare: Option<RawCompare>,
}

/// A token fetched before the run (`[token]`): OAuth2 client credentials, cached and
/// refreshed when it expires; every field may hold `{{variables}}`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    /// Token endpoint URL.
    pub url: String,
    /// Client id (sent with HTTP Basic).
    pub client_id: String,
    /// Client secret (sent with HTTP Basic; always redacted).
    pub client_secret: String,
    /// Requested scope.
    #[serde(default)]
    pub scope: Option<String>,
    /// Environment variable that receives the access token.
    #[serde(default = "default_token_variable")]
    pub variable: String,
}

fn default_token_variable() -> String {
    "access_token".into()
}

/// One rule: applies to the requests at or below `path` (of the collection named
/// `collection`, when given; a sidecar passed with `--config` may serve several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// Only for the collection with this `info.name`.
    pub collection: Option<String>,
    /// Path segments below the collection (folders, then the request); empty or `*` matches all.
    pub path: Vec<String>,
    /// Allowed statuses.
    pub expect: Option<Vec<StatusPattern>>,
    /// Skip with this reason.
    pub skip: Option<String>,
    /// Only run against the embedded simulator.
    pub simulator_only: Option<bool>,
    /// Schema overrides per status or class.
    pub schemas: Vec<(StatusPattern, SchemaOverride)>,
    /// Variable overrides for these requests (over every file and layer).
    pub variables: Vec<(String, String)>,
    /// Captures for these requests, over the sidecar-wide `[capture]` table.
    pub captures: Vec<(String, CaptureSource)>,
    /// Run these requests just before their sibling request of this name.
    pub before: Option<String>,
    /// Send this raw text as the body instead of the collection's (variables resolved).
    pub body: Option<String>,
    /// Follow redirects or not, over the collection's `protocolProfileBehavior`.
    pub follow_redirects: Option<bool>,
    /// Comparison rules for these requests, added to the `[compare]` section's.
    pub compare: Option<CompareRules>,
}

/// A parsed sidecar.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sidecar {
    /// The file it came from.
    pub path: PathBuf,
    /// Schema folder for the collection (resolved against the sidecar's folder).
    pub schemas: Option<PathBuf>,
    /// OpenAPI document for the collection (resolved against the sidecar's folder).
    pub openapi: Option<PathBuf>,
    /// Folder whose packages the collection's scripts `require` (resolved against the
    /// sidecar's folder): a `node_modules` folder, or the folder `npm install` ran in.
    pub script_modules: Option<PathBuf>,
    /// The target the collection runs against when the command line and the process
    /// environment name none: an origin URL, or `embedded` for the built-in simulator.
    pub target: Option<String>,
    /// Rules in file order.
    pub rules: Vec<Rule>,
    /// Environment variables set from every JSON response (`[capture]`).
    pub captures: Vec<(String, CaptureSource)>,
    /// A token fetched before the run (`[token]`).
    pub token: Option<TokenRequest>,
    /// Hosts the collection's scripts may reach under a target besides its own origins
    /// (`allow_hosts`, as `--allow-host`).
    pub allow_hosts: Vec<HostPattern>,
    /// Hosts reached at other addresses (`resolve` and `connect_to`, as `--resolve` and
    /// `--connect-to`).
    pub addresses: Vec<AddressOverride>,
    /// Client certificates and extra CA certificates (`[tls]`, as the `--ssl-*` options).
    pub tls: SidecarTls,
    /// How responses are compared with saved examples (`[compare]`).
    pub compare: CompareRules,
}

/// What the sidecar says about one request (most specific rule wins, field by field).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StepConfig {
    /// Allowed statuses, if set.
    pub expect: Option<Vec<StatusPattern>>,
    /// Skip reason, if skipped.
    pub skip: Option<String>,
    /// Only against the embedded simulator.
    pub simulator_only: bool,
    /// Schema overrides per status or class.
    pub schemas: Vec<(StatusPattern, SchemaOverride)>,
    /// Variable overrides (most specific rule wins per name).
    pub variables: Vec<(String, String)>,
    /// Captures after this request: the sidecar-wide table, overridden per variable by
    /// the rules (most specific wins).
    pub captures: Vec<(String, CaptureSource)>,
    /// Run this request just before the request of this name in the same folder.
    pub before: Option<String>,
    /// Raw body text sent instead of the collection's body.
    pub body: Option<String>,
    /// Follow redirects or not, over the collection's `protocolProfileBehavior`.
    pub follow_redirects: Option<bool>,
    /// How the response is compared with saved examples: the `[compare]` section with
    /// the matching rules' `compare` tables added.
    pub compare: CompareRules,
}

impl StepConfig {
    /// The override for `status`, exact code before class.
    pub fn schema_override(&self, status: u16) -> Option<&SchemaOverride> {
        let exact = self
            .schemas
            .iter()
            .find(|(p, _)| matches!(p, StatusPattern::Code(c) if *c == status));
        exact
            .or_else(|| self.schemas.iter().find(|(p, _)| p.matches(status)))
            .map(|(_, o)| o)
    }
}

/// Splits a rule path on `::` or, where it has none, on ` / `; empty segments are dropped,
/// so `::a / b` is the one segment `a / b`.
fn split_path(path: &str) -> Vec<String> {
    let trimmed = path.trim();
    if trimmed.is_empty() || trimmed == "*" {
        return Vec::new();
    }
    let sep = if trimmed.contains("::") { "::" } else { " / " };
    trimmed
        .split(sep)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

impl Sidecar {
    /// Reads and parses a sidecar file.
    pub fn load(path: &Path) -> Result<Sidecar, SidecarError> {
        let text = FileError::read(path)?;
        Self::parse(path, &text)
    }

    /// Parses sidecar text; `path` names the file in errors and anchors relative paths.
    pub fn parse(path: &Path, text: &str) -> Result<Sidecar, SidecarError> {
        let raw: RawSidecar = toml::from_str(text).map_err(|e| {
            let (line, column) = e.span().map_or((1, 1), |s| line_column(text, s.start));
            FileError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: e.message().to_string(),
            }
        })?;
        let base = path.parent().unwrap_or(Path::new(""));
        let captures = |table: std::collections::BTreeMap<String, String>| -> Result<Vec<(String, CaptureSource)>, SidecarError> {
            table
                .into_iter()
                .map(|(var, expr)| {
                    let source = CaptureSource::parse(&expr).ok_or_else(|| FileError::Parse {
                        path: path.to_path_buf(),
                        line: find_line(text, &expr),
                        column: 1,
                        message: format!(
                            "capture {var:?}: {expr:?} is neither a JSON pointer (/a/0/b) nor a search (..name or ..name#2)"
                        ),
                    })?;
                    Ok((var, source))
                })
                .collect()
        };
        let compare = |c: RawCompare| c.resolve(path, |offset| line_column(text, offset));
        let mut rules = Vec::new();
        for r in raw.rules {
            let mut schemas = Vec::new();
            for (key, file) in r.schemas {
                let pattern = StatusPattern::parse(&key).ok_or_else(|| FileError::Parse {
                    path: path.to_path_buf(),
                    line: find_line(text, &key),
                    column: 1,
                    message: format!("schema key {key:?} is not a status code or class"),
                })?;
                let o = if file == "none" {
                    SchemaOverride::None
                } else {
                    SchemaOverride::File(base.join(file))
                };
                schemas.push((pattern, o));
            }
            rules.push(Rule {
                collection: r.collection,
                path: split_path(&r.path),
                expect: r.expect.map(|v| v.into_iter().map(|s| s.0).collect()),
                skip: r.skip,
                simulator_only: r.simulator_only,
                schemas,
                variables: r.variables.into_iter().collect(),
                captures: captures(r.capture)?,
                before: r.before,
                body: r.body,
                follow_redirects: r.follow_redirects,
                compare: r.compare.map(compare).transpose()?,
            });
        }
        let captures = captures(raw.capture)?;
        let file = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let entry = |key: &str, value: &toml::Spanned<String>, e: HostsError| {
            let (line, column) = line_column(text, value.span().start);
            FileError::Parse {
                path: path.to_path_buf(),
                line,
                column,
                message: format!(
                    "{key} {:?}: {} (expected {})",
                    value.get_ref(),
                    e.reason,
                    e.expected
                ),
            }
        };
        let allow_hosts = raw
            .allow_hosts
            .iter()
            .map(|v| HostPattern::parse(v.get_ref()).map_err(|e| entry("allow_hosts", v, e)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut addresses = Vec::new();
        for v in &raw.resolve {
            let parsed = AddressOverride::resolve(v.get_ref()).map_err(|e| entry("resolve", v, e))?;
            addresses.push(parsed.given_by(format!("resolve {:?} of {file}", v.get_ref())));
        }
        for v in &raw.connect_to {
            let parsed =
                AddressOverride::connect_to(v.get_ref()).map_err(|e| entry("connect_to", v, e))?;
            addresses.push(parsed.given_by(format!("connect_to {:?} of {file}", v.get_ref())));
        }
        let tls = raw
            .tls
            .map(|t| t.resolve(base, path, |offset| line_column(text, offset)))
            .transpose()?
            .unwrap_or_default();
        Ok(Sidecar {
            path: path.to_path_buf(),
            schemas: raw.schemas.map(|s| base.join(s)),
            openapi: raw.openapi.map(|s| base.join(s)),
            script_modules: raw.script_modules.map(|s| base.join(s)),
            target: raw.target,
            rules,
            captures,
            token: raw.token,
            allow_hosts,
            addresses,
            tls,
            compare: compare(raw.compare.unwrap_or_default())?,
        })
    }

    /// The sidecar conventionally next to `collection` (`NAME.pmcheck.toml`), if it exists.
    pub fn beside(collection: &Path) -> Option<PathBuf> {
        let name = collection.file_name()?.to_str()?;
        let stem = name
            .strip_suffix(".postman_collection.json")
            .or_else(|| name.strip_suffix(".json"))
            .unwrap_or(name);
        let candidate = collection.with_file_name(format!("{stem}.pmcheck.toml"));
        candidate.is_file().then_some(candidate)
    }

    /// The merged configuration of the request at `folders`/`request` of `collection`.
    pub fn config_for(&self, collection: &str, folders: &[String], request: &str) -> StepConfig {
        let segments: Vec<&str> = folders
            .iter()
            .map(String::as_str)
            .chain([request])
            .collect();
        let mut matching: Vec<&Rule> = self
            .rules
            .iter()
            .filter(|r| r.collection.as_deref().is_none_or(|c| c == collection))
            .filter(|r| {
                r.path.len() <= segments.len() && r.path.iter().zip(&segments).all(|(a, b)| a == b.trim())
            })
            .collect();
        // Most specific last: longer paths, and collection-scoped over general.
        matching.sort_by_key(|r| (r.path.len(), r.collection.is_some()));
        let mut config = StepConfig {
            captures: self.captures.clone(),
            compare: self.compare.clone(),
            ..StepConfig::default()
        };
        for r in matching {
            if r.expect.is_some() {
                config.expect.clone_from(&r.expect);
            }
            if r.skip.is_some() {
                config.skip.clone_from(&r.skip);
            }
            if let Some(s) = r.simulator_only {
                config.simulator_only = s;
            }
            if r.before.is_some() {
                config.before.clone_from(&r.before);
            }
            if r.body.is_some() {
                config.body.clone_from(&r.body);
            }
            if r.follow_redirects.is_some() {
                config.follow_redirects = r.follow_redirects;
            }
            if let Some(c) = &r.compare {
                extend(&mut config.compare, c);
            }
            for (p, o) in &r.schemas {
                config.schemas.retain(|(q, _)| q != p);
                config.schemas.push((*p, o.clone()));
            }
            for (k, v) in &r.variables {
                config.variables.retain(|(q, _)| q != k);
                config.variables.push((k.clone(), v.clone()));
            }
            for (k, c) in &r.captures {
                config.captures.retain(|(q, _)| q != k);
                config.captures.push((k.clone(), c.clone()));
            }
        }
        config
    }
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, column)
}

fn find_line(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or(1, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r#"
schemas = "../schemas/idcs"

[[rule]]
path = "*"
expect = [200]

[[rule]]
path = "Flows"
expect = [200, "4xx"]
simulator_only = true

[[rule]]
path = "Flows::Bad bearer"
schemas = { "401" = "none" }

[[rule]]
path = "Flows / Later"
skip = "needs a phone"

[[rule]]
path = "::Email / SMS"
expect = [401]
"#;

    #[test]
    fn most_specific_rule_wins_field_by_field() {
        let s = Sidecar::parse(Path::new("dir/c.pmcheck.toml"), TEXT).unwrap();
        assert_eq!(s.schemas, Some(PathBuf::from("dir/../schemas/idcs")));
        let c = s.config_for("c", &["Flows".into()], "Bad bearer");
        assert_eq!(
            c.expect,
            Some(vec![StatusPattern::Code(200), StatusPattern::Class(4)])
        );
        assert!(c.simulator_only);
        assert_eq!(c.schema_override(401), Some(&SchemaOverride::None));
        assert_eq!(
            s.config_for("c", &["Flows".into()], "Later")
                .skip
                .as_deref(),
            Some("needs a phone")
        );
        assert_eq!(
            s.config_for("c", &[], "Email / SMS").expect,
            Some(vec![StatusPattern::Code(401)])
        );
        let root = s.config_for("c", &[], "Other");
        assert_eq!(root.expect, Some(vec![StatusPattern::Code(200)]));
        assert!(!root.simulator_only);
        // A name with spaces around it (as exported) is matched by its trimmed rule path.
        assert_eq!(
            s.config_for("c", &["Flows ".into()], " Later").skip.as_deref(),
            Some("needs a phone")
        );
    }

    #[test]
    fn errors_have_positions() {
        let e = Sidecar::parse(
            Path::new("c.toml"),
            "[[rule]]\npath = \"x\"\nexpect = [\"6xx\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("c.toml:3:"), "{e}");
        assert!(e.contains("not a status code"), "{e}");
        let e = Sidecar::parse(
            Path::new("c.toml"),
            "[[rule]]\npath = \"x\"\nexpct = [200]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("c.toml:3:1") && e.contains("unknown field `expct`"),
            "{e}"
        );
    }
}
