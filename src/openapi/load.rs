//! Reading an OpenAPI document and every file its `$ref`s name (JSON or YAML), each once,
//! as plain JSON values under `file://` URIs.

use std::path::{Path, PathBuf};

use serde_json::Value;
use url::Url;

use super::error::OpenApiError;
use crate::file_error::FileError;

/// One loaded file.
#[derive(Debug)]
pub(crate) struct Document {
    /// Its `file://` URI, without fragment: what `$ref`s resolve against.
    pub url: Url,
    /// The file, as given or found.
    pub path: PathBuf,
    /// Its text, for locating errors.
    pub text: String,
    /// Its contents.
    pub value: Value,
}

/// The root document (first) and every file reached through `$ref`s.
#[derive(Debug)]
pub(crate) struct Documents {
    docs: Vec<Document>,
}

impl Documents {
    /// Loads `root` and, transitively, every relative file its `$ref`s name.
    pub fn load(root: &Path) -> Result<Documents, OpenApiError> {
        let absolute = std::path::absolute(root).map_err(|source| FileError::Io {
            path: root.to_path_buf(),
            source,
        })?;
        let url = Url::from_file_path(&absolute).map_err(|()| FileError::Io {
            path: root.to_path_buf(),
            source: std::io::Error::from(std::io::ErrorKind::InvalidInput),
        })?;
        let mut docs = Documents {
            docs: vec![read(root.to_path_buf(), url)?],
        };
        let mut next = 0;
        while next < docs.docs.len() {
            let mut refs = Vec::new();
            collect_refs(&docs.docs[next].value, "", &mut refs);
            for (pointer, reference) in refs {
                let target = docs.join(next, &reference, &pointer)?;
                let mut file = target.clone();
                file.set_fragment(None);
                if docs.index_of(&file).is_none() {
                    let path = file.to_file_path().map_err(|()| {
                        docs.error(next, &pointer, format!("$ref {reference:?}: not a file"))
                    })?;
                    let doc = read(path, file).map_err(|e| {
                        docs.error(next, &pointer, format!("$ref {reference:?}: {e}"))
                    })?;
                    docs.docs.push(doc);
                }
            }
            next += 1;
        }
        Ok(docs)
    }

    /// The document at `index` (0 is the root).
    pub fn doc(&self, index: usize) -> &Document {
        &self.docs[index]
    }

    /// Every document, the root first.
    pub fn iter(&self) -> impl Iterator<Item = &Document> {
        self.docs.iter()
    }

    /// The document with this URI (no fragment).
    pub fn index_of(&self, url: &Url) -> Option<usize> {
        self.docs.iter().position(|d| d.url == *url)
    }

    /// Mutable access to a document's contents (the 3.0 dialect translation).
    pub fn value_mut(&mut self, index: usize) -> &mut Value {
        &mut self.docs[index].value
    }

    /// `reference` resolved against document `from`; only `file:` URIs are followed (no
    /// network). `pointer` is where the reference is, for the error.
    pub fn join(&self, from: usize, reference: &str, pointer: &str) -> Result<Url, OpenApiError> {
        let url = self.docs[from]
            .url
            .join(reference)
            .map_err(|e| self.error(from, pointer, format!("$ref {reference:?}: {e}")))?;
        if url.scheme() != "file" {
            return Err(self.error(
                from,
                pointer,
                format!("$ref {reference:?}: only references within the document or to local files are followed"),
            ));
        }
        Ok(url)
    }

    /// An error about the node at `pointer` of document `index`, located in its text
    /// where possible.
    pub fn error(&self, index: usize, pointer: &str, message: String) -> OpenApiError {
        let doc = &self.docs[index];
        let (line, column) = locate(&doc.text, &doc.value, pointer);
        OpenApiError::Document {
            path: doc.path.clone(),
            line,
            column,
            pointer: pointer.to_string(),
            message,
        }
    }
}

/// Reads and parses one file: JSON when it ends in `.json`, else YAML (which JSON is a
/// subset of).
fn read(path: PathBuf, url: Url) -> Result<Document, OpenApiError> {
    let text = FileError::read(&path)?;
    let value = parse(&path, &text)?;
    Ok(Document {
        url,
        path,
        text,
        value,
    })
}

/// Parses JSON or YAML text (YAML merge keys applied).
pub(crate) fn parse(path: &Path, text: &str) -> Result<Value, FileError> {
    let is_json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if is_json {
        return serde_json::from_str(text).map_err(|e| FileError::json(path, &e));
    }
    let yaml_error = |e: serde_yaml_ng::Error| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        FileError::Parse {
            path: path.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            message: e.to_string(),
        }
    };
    let mut yaml: serde_yaml_ng::Value = serde_yaml_ng::from_str(text).map_err(yaml_error)?;
    yaml.apply_merge().map_err(yaml_error)?;
    serde_json::to_value(yaml).map_err(|e| FileError::Parse {
        path: path.to_path_buf(),
        line: 1,
        column: 1,
        message: format!("not representable as JSON: {e}"),
    })
}

/// Every `$ref` string below `value`, with the JSON pointer of the object holding it.
fn collect_refs(value: &Value, pointer: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push((pointer.to_string(), r.clone()));
            }
            for (k, v) in map {
                collect_refs(v, &format!("{pointer}/{}", escape(k)), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                collect_refs(v, &format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

/// A key as a JSON pointer segment (`~` → `~0`, `/` → `~1`).
pub(crate) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// The segments of a JSON pointer, unescaped.
pub(crate) fn segments(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
}

/// Best-effort line and column (1-based) of the node at `pointer` in a JSON or YAML text:
/// each key of the pointer (of `value`, the text parsed) is looked for after the previous
/// one; array indexes are skipped. The start of the text when nothing is found.
fn locate(text: &str, value: &Value, pointer: &str) -> (usize, usize) {
    let mut at = 0;
    let mut node = Some(value);
    for segment in segments(pointer) {
        if let Some(Value::Array(items)) = node {
            node = segment.parse::<usize>().ok().and_then(|i| items.get(i));
            continue;
        }
        node = node.and_then(|n| n.get(&segment));
        let candidates = [
            format!("\"{segment}\""),
            format!("'{segment}'"),
            format!("{segment}:"),
        ];
        let found = candidates
            .iter()
            .filter_map(|c| {
                text[at..].match_indices(c.as_str()).find_map(|(i, _)| {
                    // A key starts a line (after indentation or `- `) or follows `{`/`,`.
                    let before = text[..at + i].trim_end_matches([' ', '\t', '-']);
                    (before.is_empty() || before.ends_with(['\n', '{', ','])).then_some(at + i)
                })
            })
            .min();
        if let Some(found) = found {
            at = found;
        }
    }
    let line = text[..at].matches('\n').count() + 1;
    let column = text[..at].rfind('\n').map_or(at, |nl| at - nl - 1) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_with_numeric_keys_and_merges_becomes_json() {
        let text =
            "a: &x {k: 1}\nresponses:\n  200: {description: ok}\n  4XX: {}\nb:\n  <<: *x\n  j: 2\n";
        let v = parse(Path::new("d.yaml"), text).unwrap();
        assert_eq!(v["responses"]["200"]["description"], "ok");
        assert!(v["responses"]["4XX"].is_object());
        assert_eq!(v["b"], serde_json::json!({"k": 1, "j": 2}));
    }

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let e = parse(Path::new("d.yaml"), "a: 1\nb: [1, 2\nc: 3\n").unwrap_err();
        let text = e.to_string();
        assert!(text.starts_with("d.yaml:"), "{text}");
        let FileError::Parse { line, .. } = e else {
            panic!("{e:?}")
        };
        assert!(line >= 2, "{text}");
        let e = parse(Path::new("d.json"), "{\n \"a\": }").unwrap_err();
        assert!(e.to_string().starts_with("d.json:2:"), "{e}");
    }

    #[test]
    fn locate_finds_the_keys_of_a_pointer() {
        let text = "paths:\n  /pet:\n    get:\n      responses:\n        '200':\n          x: 1\n";
        let value = parse(Path::new("d.yaml"), text).unwrap();
        assert_eq!(
            locate(text, &value, "/paths/~1pet/get/responses/200"),
            (5, 9)
        );
        assert_eq!(locate(text, &value, "/paths/~1pet/get"), (3, 5));
        let json = "{\"paths\": {\"/a\": {\"get\": [1, {\"x\": 2}]}}}";
        let value = parse(Path::new("d.json"), json).unwrap();
        assert_eq!(locate(json, &value, "/paths/~1a/get/1/x"), (1, 31));
    }

    #[test]
    fn relative_files_are_loaded_once_and_remote_refs_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("root.yaml"),
            "a: {$ref: 'sub/b.json#/x'}\nc: {$ref: './sub/b.json'}\n",
        )
        .unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(
            dir.path().join("sub/b.json"),
            r#"{"x": {"$ref": "../root.yaml#/c"}}"#,
        )
        .unwrap();
        let docs = Documents::load(&dir.path().join("root.yaml")).unwrap();
        assert_eq!(docs.iter().count(), 2);
        std::fs::write(
            dir.path().join("remote.yaml"),
            "a:\n  b: {$ref: 'https://example.com/x.json'}\n",
        )
        .unwrap();
        let e = Documents::load(&dir.path().join("remote.yaml")).unwrap_err();
        let text = e.to_string();
        assert!(text.contains("remote.yaml:2:3: at /a/b:"), "{text}");
        std::fs::write(dir.path().join("missing.yaml"), "a: {$ref: 'nope.yaml'}\n").unwrap();
        let e = Documents::load(&dir.path().join("missing.yaml")).unwrap_err();
        assert!(e.to_string().contains("nope.yaml: cannot read"), "{e}");
    }
}
