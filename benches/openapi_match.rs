//! Matching a request to its OpenAPI operation (`cargo bench --bench openapi_match
//! --features internals`): a document of 500 operations (GET and PUT of 250 paths, half of
//! them with a path parameter, below a server base path), each lookup the method and URL
//! path of one request, as a run makes once per case. The baseline next to it parses the same path
//! into segments, the least a lookup must do.

use divan::{Bencher, black_box};
use pmcheck::openapi::OpenApi;

fn main() {
    divan::main();
}

/// Resources of the generated document, each with two paths: `/resource{i}/{id}` and,
/// beside it, the concrete `/resource{i}/search` (which wins where both match).
const RESOURCES: usize = 125;

/// A document of 500 operations (GET and PUT of 250 paths), loaded and compiled.
fn document() -> (tempfile::TempDir, OpenApi) {
    let mut paths = serde_json::Map::new();
    let response = serde_json::json!({
        "200": {"description": "ok", "content": {"application/json": {"schema": {"type": "object"}}}},
        "default": {"description": "error"},
    });
    let op = serde_json::json!({"get": {"responses": response}, "put": {"responses": response}});
    for i in 0..RESOURCES {
        paths.insert(format!("/resource{i}/{{id}}"), op.clone());
        paths.insert(format!("/resource{i}/search"), op.clone());
    }
    let doc = serde_json::json!({
        "openapi": "3.0.3",
        "info": {"title": "bench", "version": "1"},
        "servers": [{"url": "https://api.example.com/api/v3"}],
        "paths": paths,
    });
    let dir = match tempfile::tempdir() {
        Ok(d) => d,
        Err(e) => panic!("cannot create a temporary folder: {e}"),
    };
    let file = dir.path().join("bench.json");
    if let Err(e) = std::fs::write(&file, doc.to_string()) {
        panic!("cannot write {}: {e}", file.display());
    }
    match OpenApi::load(&file) {
        Ok(api) => (dir, api),
        Err(e) => panic!("{e}"),
    }
}

#[divan::bench]
fn match_one_of_500_operations(bencher: Bencher) {
    let (_dir, api) = document();
    assert_eq!(api.operations().count(), 4 * RESOURCES);
    let paths: Vec<String> = (0..64)
        .map(|k| format!("/api/v3/resource{}/{}", (k * 37) % RESOURCES, 1000 + k))
        .collect();
    assert!(api.lookup("PUT", &paths[0]).matched);
    let mut k = 0;
    bencher.bench_local(|| {
        k = (k + 1) % paths.len();
        black_box(api.lookup(black_box("PUT"), black_box(&paths[k])).operation)
    });
}

#[divan::bench]
fn split_the_path_only(bencher: Bencher) {
    let path = "/api/v3/resource61/1024";
    bencher.bench_local(|| {
        black_box(path)
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    });
}
