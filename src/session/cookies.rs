//! `--cookie-jar FILE`: the cookies a run starts with, from a tough-cookie JSON file (what
//! Newman reads, and `--export-cookie-jar` writes), a local file or an `http(s)` URL.

use std::path::Path;
use std::sync::Arc;

use super::options::CookieFile;
use crate::collection::{LoadError, parse_text, read};
use crate::http::{CookieJar, JarFile};

/// Loads and checks a cookie jar file: every unexpired cookie must be one a jar takes.
pub fn load_cookie_jar(path: &Path) -> Result<CookieFile, LoadError> {
    let (name, bytes) = read(path)?;
    let file: JarFile = parse_text(&name, &crate::collection::utf8(&bytes))?;
    CookieJar::default()
        .restore(&file)
        .map_err(|e| LoadError::Invalid {
            file: name,
            json_path: format!("$.cookies[{}]", e.index),
            message: e.reason,
        })?;
    Ok(CookieFile(Some(Arc::new(file))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_jar_file_is_named_with_its_node() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("jar.json");
        std::fs::write(&path, "{\n  \"cookies\": [\n    {\"key\": 5}\n  ]\n}").unwrap();
        let err = load_cookie_jar(&path).unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}:3:", path.display())), "{err}");
        assert!(err.contains("$.cookies[0].key"), "{err}");
        std::fs::write(&path, r#"{"cookies": [{"key": "a", "value": "1"}]}"#).unwrap();
        let err = load_cookie_jar(&path).unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: $.cookies[0]: the cookie has no `domain`",
                path.display()
            )
        );
        std::fs::write(&path, r#"{"cookies": [{"key": "a", "domain": "h.test"}]}"#).unwrap();
        assert!(load_cookie_jar(&path).is_ok_and(|f| f.0.is_some()));
    }
}
