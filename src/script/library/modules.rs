//! A local `node_modules` folder (`--script-modules DIR`, sidecar `script_modules`) that
//! `require(NAME)` and `pm.require('npm:NAME@VERSION')` load pure-JavaScript CommonJS
//! packages from, as Node resolves them: `NAME` and `NAME/sub/path`, `@scope/NAME`, a
//! package's `main`, `index.js`, `.js` and `.json` files, and relative requires inside a
//! package. Nothing outside the folder is ever read: every resolved path is canonical and
//! must lie inside it, and only regular files up to [`MAX_FILE`] bytes are read.

use std::path::{Component, Path, PathBuf};

/// Largest module file read (a bundled package can be large, not unbounded).
pub const MAX_FILE: u64 = 8 << 20;

/// Why a script-modules folder cannot be used or a module cannot be loaded.
#[derive(Debug, thiserror::Error)]
pub enum ModulesError {
    /// The folder does not exist or cannot be read.
    #[error("script modules folder {}: {source}", .path.display())]
    Folder {
        /// The folder as given.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A file of a module could not be read.
    #[error("{}: {source}", .path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// A module file over [`MAX_FILE`] bytes, or not a regular file.
    #[error("{}: not a regular file of at most {MAX_FILE} bytes", .0.display())]
    NotReadable(PathBuf),
    /// A `package.json` that is not JSON.
    #[error("{}: {source}", .path.display())]
    Package {
        /// The `package.json`.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// `pm.require('npm:NAME@VERSION')` names a version the folder does not hold.
    #[error("npm:{name}@{wanted}: the script modules folder has {name}@{found}")]
    Version {
        /// The package.
        name: String,
        /// The version asked for.
        wanted: String,
        /// The version installed.
        found: String,
    },
}

/// A module file found for a `require`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// Canonical path of the file (the module's id and `__filename`).
    pub path: PathBuf,
    /// Its text.
    pub source: String,
    /// A `.json` file: its exports are the parsed value.
    pub json: bool,
}

/// The folder packages are loaded from.
#[derive(Debug, Clone)]
pub struct ScriptModules {
    root: PathBuf,
}

impl ScriptModules {
    /// The packages of `dir`: `dir/node_modules` when it exists (the folder `npm install`
    /// ran in), else `dir` itself (a `node_modules` folder).
    pub fn open(dir: &Path) -> Result<ScriptModules, ModulesError> {
        let folder = |source| ModulesError::Folder {
            path: dir.to_path_buf(),
            source,
        };
        let nested = dir.join("node_modules");
        let root = if nested.is_dir() { nested } else { dir.into() };
        let root = root.canonicalize().map_err(folder)?;
        if !root.is_dir() {
            return Err(folder(std::io::Error::other("not a folder")));
        }
        Ok(ScriptModules { root })
    }

    /// The folder packages are read from.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Resolves `request` as `require` in the module file `from` (none: a script) would;
    /// `None` when nothing inside the folder matches.
    pub fn resolve(
        &self,
        request: &str,
        from: Option<&Path>,
    ) -> Result<Option<Resolved>, ModulesError> {
        let relative = request.starts_with("./") || request.starts_with("../");
        let base = match (relative, from.and_then(Path::parent)) {
            (true, Some(dir)) => dir.join(request),
            (true, None) => return Ok(None),
            (false, _) if request.starts_with('/') || request.is_empty() => return Ok(None),
            (false, _) => self.root.join(request),
        };
        if !relative && !plain(Path::new(request)) {
            return Ok(None);
        }
        for candidate in self.candidates(&base)? {
            if let Some(found) = self.read(&candidate)? {
                return Ok(Some(found));
            }
        }
        Ok(None)
    }

    /// `pm.require('npm:SPEC')`: the package named by `NAME[@VERSION]` (scoped names
    /// allowed); a version, when given, must be the installed one.
    pub fn resolve_npm(&self, spec: &str) -> Result<Option<Resolved>, ModulesError> {
        let (name, version) = match spec.rfind('@') {
            Some(at) if at > 0 => (&spec[..at], Some(&spec[at + 1..])),
            _ => (spec, None),
        };
        if let Some(wanted) = version.filter(|v| !v.is_empty()) {
            let found = self.package(&self.root.join(name))?.and_then(|p| {
                p.get("version")
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_string)
            });
            match found {
                Some(found) if found == wanted => {}
                Some(found) => {
                    return Err(ModulesError::Version {
                        name: name.into(),
                        wanted: wanted.into(),
                        found,
                    });
                }
                None => return Ok(None),
            }
        }
        self.resolve(name, None)
    }

    /// Files `base` may name, in Node's order: itself, `.js`, `.json`, then as a folder its
    /// `package.json` `main` (itself with the same extensions, or as a folder) and
    /// `index.js`.
    fn candidates(&self, base: &Path) -> Result<Vec<PathBuf>, ModulesError> {
        let with = |p: &Path, ext: &str| {
            let mut s = p.as_os_str().to_owned();
            s.push(ext);
            PathBuf::from(s)
        };
        let mut out = vec![base.to_path_buf(), with(base, ".js"), with(base, ".json")];
        if base.is_dir() {
            let main = self
                .package(base)?
                .and_then(|p| p.get("main").and_then(|m| m.as_str().map(str::to_string)));
            if let Some(main) = main.filter(|m| plain(Path::new(m.trim_start_matches("./")))) {
                let main = base.join(main.trim_start_matches("./"));
                out.extend([main.clone(), with(&main, ".js"), with(&main, ".json")]);
                out.push(main.join("index.js"));
            }
            out.push(base.join("index.js"));
            out.push(base.join("index.json"));
        }
        Ok(out)
    }

    /// The parsed `package.json` of a package folder, if it has one inside the root.
    fn package(&self, dir: &Path) -> Result<Option<serde_json::Value>, ModulesError> {
        let path = dir.join("package.json");
        let Some(found) = self.read(&path)? else {
            return Ok(None);
        };
        serde_json::from_str(&found.source)
            .map(Some)
            .map_err(|source| ModulesError::Package { path, source })
    }

    /// The file at `path` when it is a regular file inside the root.
    fn read(&self, path: &Path) -> Result<Option<Resolved>, ModulesError> {
        let Ok(canonical) = path.canonicalize() else {
            return Ok(None);
        };
        if !canonical.starts_with(&self.root) {
            return Ok(None);
        }
        let Ok(meta) = std::fs::metadata(&canonical) else {
            return Ok(None);
        };
        if meta.is_dir() {
            return Ok(None);
        }
        if !meta.is_file() || meta.len() > MAX_FILE {
            return Err(ModulesError::NotReadable(canonical));
        }
        let source = std::fs::read_to_string(&canonical).map_err(|source| ModulesError::Read {
            path: canonical.clone(),
            source,
        })?;
        let json = canonical.extension().is_some_and(|e| e == "json");
        Ok(Some(Resolved {
            path: canonical,
            source,
            json,
        }))
    }
}

/// A package path made of plain names only (no root, `.` or `..`).
fn plain(path: &Path) -> bool {
    path.components().all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder() -> (tempfile::TempDir, ScriptModules) {
        let dir = tempfile::tempdir().unwrap();
        let nm = dir.path().join("node_modules");
        let write = |p: &str, s: &str| {
            let p = nm.join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, s).unwrap();
        };
        write("left-pad/package.json", r#"{"version": "1.3.0", "main": "lib/pad"}"#);
        write("left-pad/lib/pad.js", "module.exports = 1;");
        write("left-pad/lib/util.js", "module.exports = 2;");
        write("@scope/thing/index.js", "module.exports = 3;");
        write("data/x.json", "{}");
        std::fs::write(dir.path().join("secret.js"), "outside").unwrap();
        let modules = ScriptModules::open(dir.path()).unwrap();
        (dir, modules)
    }

    #[test]
    fn resolves_as_node_does_inside_the_folder_only() {
        let (_dir, m) = folder();
        let main = m.resolve("left-pad", None).unwrap().unwrap();
        assert!(main.path.ends_with("left-pad/lib/pad.js") && !main.json);
        let util = m.resolve("./util", Some(&main.path)).unwrap().unwrap();
        assert_eq!(util.source, "module.exports = 2;");
        assert!(m.resolve("@scope/thing", None).unwrap().is_some());
        assert!(m.resolve("data/x.json", None).unwrap().unwrap().json);
        assert_eq!(m.resolve("nothing", None).unwrap(), None);
        // Nothing above the folder: `..` from a package, absolute paths, `../` in a name.
        assert_eq!(m.resolve("../../../secret", Some(&main.path)).unwrap(), None);
        assert_eq!(m.resolve("../secret", None).unwrap(), None);
        assert_eq!(m.resolve("/etc/passwd", None).unwrap(), None);
        assert_eq!(m.resolve("left-pad/../../secret", None).unwrap(), None);
    }

    #[test]
    fn npm_specs_check_the_installed_version() {
        let (_dir, m) = folder();
        assert!(m.resolve_npm("left-pad@1.3.0").unwrap().is_some());
        assert!(m.resolve_npm("left-pad").unwrap().is_some());
        let e = m.resolve_npm("left-pad@2.0.0").unwrap_err().to_string();
        assert_eq!(
            e,
            "npm:left-pad@2.0.0: the script modules folder has left-pad@1.3.0"
        );
        assert!(m.resolve_npm("@scope/thing").unwrap().is_some());
    }

    #[test]
    fn a_missing_folder_is_a_clear_error() {
        let e = ScriptModules::open(Path::new("/nonexistent/modules")).unwrap_err();
        assert!(e.to_string().starts_with("script modules folder /nonexistent/modules:"));
    }
}
