//! Tells the integration tests whether the shared reference files (`../shared/reference`:
//! public collections, Oracle's recordings, OpenAPI documents) are beside this checkout:
//! the tests that read them are ignored, with that reason, unless they are present or the
//! build runs under `CI` (where their absence fails those tests).

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(shared_reference)");
    println!("cargo::rerun-if-env-changed=CI");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let parent = Path::new(&manifest).join("..");
    let reference = parent.join("shared/reference");
    // A folder's time changes when an entry is added or removed: the parent's tells when
    // `shared` appears, the reference folder's when it changes.
    if reference.is_dir() {
        println!("cargo::rerun-if-changed={}", reference.display());
    } else {
        println!("cargo::rerun-if-changed={}", parent.display());
    }
    if reference.is_dir() || std::env::var_os("CI").is_some() {
        println!("cargo::rustc-cfg=shared_reference");
    }
}
