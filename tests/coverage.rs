//! `pmcheck lint --coverage`: our collections reach every documented endpoint × op ×
//! status-class cell of the IDCS API; a collection that does not gets each gap marked.

use std::path::Path;
use std::process::Command;

fn lint_coverage(path: &Path) -> (Option<i32>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pmcheck"))
        .args(["lint", "--coverage"])
        .arg(path)
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
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/nonconforming");
    let (code, out) = lint_coverage(&fixture);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("missing: POST /sso/v1/sdk/authenticate credSubmit 422"),
        "{out}"
    );
    assert!(out.contains("MISSING"), "{out}");
}
