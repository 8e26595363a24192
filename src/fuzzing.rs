//! The entry points of the fuzz targets (`fuzz/`): one function per parser of external
//! input, taking arbitrary bytes. Each must return, whatever the bytes, without panicking,
//! hanging or exhausting memory; errors are the expected outcome of most inputs.
//!
//! The same functions replay the inputs kept in `tests/fuzz-regressions/` in the unit
//! tests, so a crash found once is caught again on every `cargo test`.

use std::path::{Path, PathBuf};

use crate::check::SchemaSet;
use crate::collection::{
    LoadedCollection, Selection, Sidecar, load_data_file, load_variable_file, parse_collection,
    parse_url, plan,
};
use crate::openapi::OpenApi;
use crate::vars::{DynamicVars, Resolver, Scope};

/// A fuzz target's entry point.
pub type Entry = fn(&[u8]);

/// The fuzz targets, by name (the directory names of `tests/fuzz-regressions/` and of the
/// targets in `fuzz/fuzz_targets/`).
pub const TARGETS: [(&str, Entry); 8] = [
    ("collection", collection),
    ("variables", variables),
    ("data", data),
    ("sidecar", sidecar),
    ("template", template),
    ("url", url),
    ("schema_map", schema_map),
    ("openapi", openapi),
];

/// A collection file: parsed, then planned (names, folders, scripts, sidecar-less).
pub fn collection(bytes: &[u8]) {
    if let Ok(collection) = parse_collection(Path::new("fuzz.postman_collection.json"), bytes) {
        let loaded = LoadedCollection {
            path: PathBuf::from("fuzz.postman_collection.json"),
            collection,
            sidecar: None,
        };
        let _ = plan(vec![loaded], &Selection::default());
    }
}

/// An environment or globals file (`-e`, `-g`).
pub fn variables(bytes: &[u8]) {
    with_file("fuzz.postman_environment.json", bytes, |path| {
        let _ = load_variable_file(path);
    });
}

/// An iteration data file (`-d`): read as JSON when the first byte is even, else as CSV
/// (by its extension), so both readers see every input shape.
pub fn data(bytes: &[u8]) {
    let name = match bytes.first() {
        Some(b) if b % 2 == 1 => "fuzz.csv",
        _ => "fuzz.json",
    };
    with_file(name, bytes, |path| {
        let _ = load_data_file(path);
    });
}

/// A sidecar (`NAME.pmcheck.toml`), read from a file as the run reads it.
pub fn sidecar(bytes: &[u8]) {
    with_file("fuzz.pmcheck.toml", bytes, |path| {
        let _ = Sidecar::load(path);
    });
}

/// A template rendered against variables: the input is `name=value` lines, a NUL byte,
/// then the template (without a NUL, all of it is the template and there are no
/// variables). Values may reference each other, as environment values do.
pub fn template(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let (vars, source) = match text.split_once('\0') {
        Some((vars, source)) => (vars, source),
        None => ("", text.as_ref()),
    };
    let mut scope = Scope::default();
    for line in vars.lines() {
        if let Some((name, value)) = line.split_once('=') {
            scope.environment.set(name, value, false);
        }
    }
    let mut dynamic = DynamicVars::new(Some(0));
    let mut resolver = Resolver::new(&scope, &[], &mut dynamic);
    let _ = resolver.render_str(source);
}

/// A raw request URL, as written in a collection.
pub fn url(bytes: &[u8]) {
    let _ = parse_url(&String::from_utf8_lossy(bytes));
}

/// A schema folder's `index.json` (the schemas it names resolve to files that do not
/// exist, or to the index itself under the name `index.json`).
pub fn schema_map(bytes: &[u8]) {
    with_file("index.json", bytes, |path| {
        if let Some(dir) = path.parent() {
            let _ = SchemaSet::load(dir);
        }
    });
}

/// An OpenAPI document (JSON or YAML; `$ref`s to other files find none).
pub fn openapi(bytes: &[u8]) {
    with_file("openapi.yaml", bytes, |path| {
        let _ = OpenApi::load(path);
    });
}

/// Writes `bytes` to `name` in this process's own scratch directory and hands its path to
/// `f`; the directory is reused by every call of the process.
fn with_file(name: &str, bytes: &[u8], f: impl FnOnce(&Path)) {
    let dir = std::env::temp_dir().join(format!("pmcheck-fuzz-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    let path = dir.join(name);
    if std::fs::write(&path, bytes).is_ok() {
        f(&path);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::TARGETS;

    /// How long one kept input may take (they are small; a regression hangs).
    const LIMIT: Duration = Duration::from_secs(20);

    /// Every input kept under `tests/fuzz-regressions/<target>/` runs to its end, in time.
    #[test]
    fn kept_fuzz_inputs_run_to_their_end() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
        let mut ran = 0;
        for (name, entry) in TARGETS {
            let Ok(files) = std::fs::read_dir(root.join(name)) else {
                continue;
            };
            for file in files.flatten() {
                let path = file.path();
                let bytes = std::fs::read(&path).unwrap_or_default();
                let (tx, rx) = mpsc::channel();
                std::thread::spawn(move || {
                    entry(&bytes);
                    let _ = tx.send(());
                });
                match rx.recv_timeout(LIMIT) {
                    Ok(()) => ran += 1,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        panic!("{} took over {LIMIT:?}", path.display())
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        panic!("{} panicked", path.display())
                    }
                }
            }
        }
        assert!(ran > 0, "no kept input under {}", root.display());
    }
}
