//! Real exported collections load: every JSON file of Postman's own format examples
//! (v2.0.0 and v2.1.0) and of Oracle's IDCS samples, read from `../shared/reference` next to
//! the repository, loads as a collection or a variable file. CI always has that folder;
//! there (`CI` set) its absence is a failure, elsewhere the test says so and passes.

use std::path::{Path, PathBuf};

use crate::test_server;

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            json_files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

#[test]
#[cfg_attr(not(shared_reference), ignore = "needs ../shared/reference, which is not present")]
fn every_example_and_idcs_file_loads() {
    let root = test_server::shared_reference("");
    let mut files = Vec::new();
    json_files(&root.join("postman-schema/examples/draft-07"), &mut files);
    let examples = files.len();
    assert!(examples >= 50, "{examples} example files");
    json_files(&root.join("idcs"), &mut files);
    let mut collections = 0;
    let mut variable_files = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        if text.contains("\"item\"") && text.contains("\"info\"") {
            let c = crate::collection::load_collection(file).unwrap_or_else(|e| panic!("{e}"));
            assert!(
                !c.info.name.is_empty() || !c.items.is_empty(),
                "{}",
                file.display()
            );
            collections += 1;
        } else {
            let v = crate::collection::load_variable_file(file).unwrap_or_else(|e| panic!("{e}"));
            assert!(!v.values.is_empty(), "{}", file.display());
            variable_files += 1;
        }
    }
    assert_eq!(
        collections,
        examples + 10,
        "the examples and the 10 IDCS collections"
    );
    assert_eq!(variable_files, 4, "IDCS environments and globals");
}
