//! A sidecar's `[compare]` section (and a rule's `compare` table): the key names whose
//! presence may differ from the saved examples, and the values that vary per call.

use std::path::Path;

use serde::Deserialize;

use crate::check::{CaptureSource, CompareRules};
use crate::file_error::FileError;

/// `[compare]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCompare {
    #[serde(default)]
    optional: Vec<String>,
    #[serde(default)]
    vary: Vec<toml::Spanned<String>>,
}

impl RawCompare {
    /// The rules, each `vary` selector parsed; a bad one is an error at its line and column
    /// of the sidecar at `path` (`line_column` turns an offset of its text into those).
    pub(super) fn resolve(
        self,
        path: &Path,
        line_column: impl Fn(usize) -> (usize, usize),
    ) -> Result<CompareRules, FileError> {
        let vary = self
            .vary
            .iter()
            .map(|v| {
                CaptureSource::parse(v.get_ref()).ok_or_else(|| {
                    let (line, column) = line_column(v.span().start);
                    FileError::Parse {
                        path: path.to_path_buf(),
                        line,
                        column,
                        message: format!(
                            "compare vary {:?}: neither a JSON pointer (/a/0/b) nor a search (..name or ..name#2)",
                            v.get_ref()
                        ),
                    }
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(CompareRules {
            optional: self.optional,
            vary,
        })
    }
}

/// Adds `more` to `rules` (a rule's `compare` over the section's), without repeats.
pub(super) fn extend(rules: &mut CompareRules, more: &CompareRules) {
    for k in &more.optional {
        if !rules.optional.contains(k) {
            rules.optional.push(k.clone());
        }
    }
    for s in &more.vary {
        if !rules.vary.contains(s) {
            rules.vary.push(s.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::check::CaptureSource;
    use crate::collection::Sidecar;

    #[test]
    fn section_and_rules_add_up_per_request() {
        let text = r#"
[compare]
optional = ["ecId"]
vary = ["..requestState", "/authnToken"]

[[rule]]
path = "Flows"
compare = { optional = ["mfaSettings"], vary = ["..deviceId#2"] }
"#;
        let s = Sidecar::parse(Path::new("c.pmcheck.toml"), text).unwrap();
        let root = s.config_for("c", &[], "Other");
        assert_eq!(root.compare.optional, ["ecId"]);
        assert_eq!(
            root.compare.vary,
            [
                CaptureSource::parse("..requestState").unwrap(),
                CaptureSource::parse("/authnToken").unwrap()
            ]
        );
        let flows = s.config_for("c", &["Flows".into()], "Step 1");
        assert_eq!(flows.compare.optional, ["ecId", "mfaSettings"]);
        assert_eq!(flows.compare.vary.len(), 3);
        assert!(Sidecar::parse(Path::new("c.toml"), "").unwrap().compare.is_empty());
    }

    #[test]
    fn a_bad_selector_or_key_is_an_error_at_its_place() {
        let e = Sidecar::parse(
            Path::new("c.toml"),
            "[compare]\noptional = [\"ecId\"]\nvary = [\"/ok\",\n  \"requestState\"]\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("c.toml:4:3"), "{e}");
        assert!(
            e.contains("compare vary \"requestState\"") && e.contains("JSON pointer"),
            "{e}"
        );
        let e = Sidecar::parse(Path::new("c.toml"), "[compare]\nvaries = []\n")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("c.toml:2:1") && e.contains("unknown field `varies`"),
            "{e}"
        );
    }
}
