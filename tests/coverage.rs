//! `pmcheck lint --coverage`: our collections reach every documented endpoint × op ×
//! status-class cell of the IDCS API; a collection that does not gets each gap marked.

use std::path::Path;
use std::process::Command;

fn lint_coverage(path: &Path) -> (Option<i32>, String) {
    lint_coverage_with(path, &[])
}

fn lint_coverage_with(path: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(["lint", "--coverage"])
        .arg(path)
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn our_collections_leave_no_documented_cell_empty() {
    let (code, out) = lint_coverage(&Path::new(env!("CARGO_MANIFEST_DIR")).join("collections"));
    assert_eq!(code, Some(0), "{out}");
    assert!(!out.contains("MISSING"), "{out}");
    assert!(out.contains("0 documented cell(s) not reached"), "{out}");
    for row in [
        "POST /sso/v1/sdk/authenticate  credSubmit",
        "POST /sso/v1/sdk/authenticate  (missing)",
        "GET /sso/v1/sdk/authenticate  -",
    ] {
        assert!(out.contains(row), "{row} in\n{out}");
    }
}

#[test]
fn gaps_are_marked() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fixture = root.join("tests/fixtures/nonconforming");
    // The IDCS table named explicitly: the fixture's requests reach none of its cells.
    let table = root.join("schemas/idcs");
    let (code, out) = lint_coverage_with(&fixture, &["--schemas", table.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("missing: POST /sso/v1/sdk/authenticate credSubmit 422"),
        "{out}"
    );
    assert!(out.contains("MISSING"), "{out}");
}

#[test]
fn a_collection_of_another_api_is_not_judged_by_the_idcs_table() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pets.postman_collection.json");
    std::fs::write(
        &path,
        r#"{"info": {"name": "pets", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": [{"name": "a pet", "request": {"method": "GET", "url": "https://pets.example/pets/1"},
                      "response": [{"name": "ok", "code": 200, "body": "{}"}]}]}"#,
    )
    .unwrap();
    let (code, out) = lint_coverage(&path);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("no request reaches an endpoint of the built-in IDCS table"),
        "{out}"
    );
    assert!(!out.contains("missing:"), "{out}");
}
