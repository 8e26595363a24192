//! Inference from saved examples: endpoints, cells, the index and files written, and a
//! check of the folder that does not use the harness's schema reader.

use std::path::Path;

use serde_json::{Value, json};

use super::*;
use crate::collection::{LoadedCollection, Selection, VariableDef, parse_collection, plan};
use crate::session::{RunOptions, Schemas};

fn item(name: &str, method: &str, url: Value, examples: Value) -> Value {
    json!({"name": name, "request": {"method": method, "url": url}, "response": examples})
}

fn example(code: u16, content_type: Option<&str>, body: &str) -> Value {
    let header = match content_type {
        Some(ct) => json!([{"key": "Content-Type", "value": ct}]),
        None => json!([]),
    };
    json!({"name": format!("{code}"), "code": code, "header": header, "body": body})
}

fn session(items: Value, environment: &[(&str, &str, bool)]) -> Session {
    let collection = json!({
        "info": {"name": "pets", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "variable": [{"key": "version", "value": "v2"}],
        "item": items,
    });
    let path = Path::new("pets.postman_collection.json");
    let parsed = parse_collection(path, collection.to_string().as_bytes()).unwrap();
    let plan = plan(
        vec![LoadedCollection {
            path: path.to_path_buf(),
            collection: parsed,
            sidecar: None,
        }],
        &Selection::default(),
    )
    .unwrap();
    let options = RunOptions {
        environment: environment
            .iter()
            .map(|(k, v, secret)| VariableDef {
                key: (*k).into(),
                value: (*v).into(),
                secret: *secret,
                disabled: false,
            })
            .collect(),
        ..RunOptions::default()
    };
    Session {
        plan,
        options,
        schemas: Schemas::default(),
        targets: Vec::new(),
        script_modules: Vec::new(),
    }
}

fn keys(inference: &Inference) -> Vec<String> {
    inference.endpoints.keys().cloned().collect()
}

#[test]
fn endpoints_template_path_and_runtime_variables() {
    let ok = |code| json!([example(code, Some("application/json"), "{}")]);
    let s = session(
        json!([
            item("a", "get", json!("{{HOST}}/{{version}}/pets/:id"), ok(200)),
            item(
                "b",
                "POST",
                json!("https://x.test/pets/{{petId}}/toys/{{$guid}}"),
                ok(201)
            ),
            item("c", "GET", json!("{{BASE}}/users/{{token}}"), ok(200)),
            item("d", "GET", json!("{{UNKNOWN_URL}}"), ok(200)),
            item("e", "GET", json!(""), ok(200)),
            item(
                "f",
                "DELETE",
                json!({"raw": "{{HOST}}/a/b%20c", "host": ["{{HOST}}"], "path": ["a", "b c"]}),
                ok(204)
            ),
            item("g", "{{verb}}", json!("{{HOST}}/x"), ok(200)),
        ]),
        &[
            ("HOST", "http://127.0.0.1:9", false),
            ("BASE", "https://api.test/base/v1", false),
            ("token", "s3cret", true),
        ],
    );
    let inference = Inference::from_examples(&s, InferOptions::default());
    assert_eq!(
        keys(&inference),
        [
            "DELETE /a/b%20c",
            "GET /base/v1/users/{token}",
            "GET /v2/pets/{id}",
            "POST /pets/{petId}/toys/{guid}",
        ]
    );
    let notes = inference.notes().join("\n");
    assert!(
        notes.contains("pets::d: skipped (1 saved example(s))"),
        "{notes}"
    );
    assert!(
        notes.contains("pets::e: skipped (1 saved example(s)): it has no URL"),
        "{notes}"
    );
    assert!(notes.contains("pets::g: skipped"), "{notes}");
    assert!(!notes.contains("s3cret"));
}

#[test]
fn media_types_statuses_and_skipped_examples() {
    let s = session(
        json!([
            item(
                "login",
                "POST",
                json!("{{HOST}}/sso/v1/sdk/authenticate"),
                json!([
                    example(
                        200,
                        Some("application/json;charset=utf-8"),
                        r#"{"status":"success","n":1}"#
                    ),
                    example(
                        200,
                        Some("application/json"),
                        r#"{"status":"pending","n":null}"#
                    ),
                    example(
                        401,
                        Some("application/json"),
                        r#"{"cause":[{"code":"AUTH-1"}]}"#
                    ),
                    example(401, Some("text/html"), "<html></html>"),
                    example(302, None, ""),
                    example(500, Some("application/json"), "not json"),
                    example(200, Some("application/scim+json"), r#"{"id":"1"}"#),
                ])
            ),
            item(
                "again",
                "POST",
                json!("{{HOST}}/sso/v1/sdk/authenticate"),
                json!([example(401, Some("Application/JSON"), r#"{"cause":[]}"#),])
            ),
        ]),
        &[],
    );
    let inference = Inference::from_examples(&s, InferOptions::default());
    assert_eq!(inference.samples(), 7);
    assert_eq!(inference.notes().len(), 1, "{:?}", inference.notes());
    assert!(inference.notes()[0].contains("status 302 without a Content-Type"));
    let (index, files) = inference.render();
    assert_eq!(
        index,
        json!({
            "description": "Inferred by pmcheck schemas infer from 7 samples of pets; review before committing.",
            "statuses": {},
            "paths": {
                "POST /sso/v1/sdk/authenticate": {
                    "200": {
                        "application/json": "post-sso-v1-sdk-authenticate.200.json.json",
                        "application/scim+json": "post-sso-v1-sdk-authenticate.200.scim-json.json",
                    },
                    "401": {
                        "application/json": "post-sso-v1-sdk-authenticate.401.json",
                        "text/html": "none",
                    },
                    "500": {"application/json": "none"},
                },
            },
        })
    );
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    let ok = &files[0].1;
    assert_eq!(
        ok["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(
        ok["description"],
        "Inferred by pmcheck schemas infer from 2 samples of pets \
         (POST /sso/v1/sdk/authenticate, status 200, application/json); review before committing."
    );
    assert_eq!(ok["properties"]["n"]["type"], json!(["integer", "null"]));
    assert_eq!(ok["required"], json!(["n", "status"]));
}

#[test]
fn the_folder_checks_its_own_samples_and_nothing_else() {
    let samples = [
        r#"{"id":"123e4567-e89b-12d3-a456-426614174000","name":"Rex","tags":["a"],"at":"2024-01-01T00:00:00Z"}"#,
        r#"{"id":"00000000-0000-0000-0000-000000000000","name":null,"tags":[],"age":3}"#,
    ];
    let s = session(
        json!([item(
            "pet",
            "GET",
            json!("{{HOST}}/pets/:id"),
            json!([
                example(200, Some("application/json"), samples[0]),
                example(200, Some("application/json"), samples[1]),
                example(404, Some("text/plain"), "no such pet"),
            ])
        )]),
        &[],
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("inferred");
    let inference = Inference::from_examples(&s, InferOptions::default());
    let written = inference.write(&out, false).unwrap();
    assert_eq!(
        (written.files, written.endpoints, written.samples),
        (1, 1, 3)
    );
    // Read back without the harness's reader: the index names each file, each compiles
    // and accepts the samples it came from, and refuses a flipped type.
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let entry = &index["paths"]["GET /pets/{id}"];
    assert_eq!(entry["404"]["text/plain"], "none");
    let file = entry["200"]["application/json"].as_str().unwrap();
    assert_eq!(file, "get-pets-id.200.json");
    let text = std::fs::read_to_string(out.join(file)).unwrap();
    assert!(
        text.ends_with("}\n") && text.contains("\n  \"$schema\""),
        "{text}"
    );
    let schema: Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for body in samples {
        let v: Value = serde_json::from_str(body).unwrap();
        assert!(validator.is_valid(&v), "{body}");
    }
    let flipped = json!({"id": "x", "name": 7, "tags": []});
    let errors: Vec<String> = validator
        .iter_errors(&flipped)
        .map(|e| e.instance_path().to_string())
        .collect();
    assert_eq!(errors, ["/name"]);
    assert!(validator.is_valid(&json!({"id": "x", "name": "y", "tags": [], "extra": {}})));
    assert!(!validator.is_valid(&json!({"name": "y", "tags": []})));

    // A second write refuses the folder; --force replaces it, removing what the old
    // index named and nothing else.
    assert!(matches!(
        inference.write(&out, false),
        Err(InferError::NotEmpty(_))
    ));
    std::fs::write(out.join("README.md"), "mine").unwrap();
    std::fs::write(out.join("get-pets-id.200.json"), "{}").unwrap();
    let again = Inference::from_examples(&session(json!([]), &[]), InferOptions::default());
    again.write(&out, true).unwrap();
    let mut left: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["README.md", "index.json"]);
}

#[test]
fn rendering_is_deterministic() {
    let items = json!([
        item(
            "b",
            "GET",
            json!("{{HOST}}/b"),
            json!([example(200, Some("application/json"), r#"{"z":1,"a":2}"#)])
        ),
        item(
            "a",
            "GET",
            json!("{{HOST}}/a"),
            json!([example(200, Some("application/json"), r#"{"y":[{"q":1}]}"#)])
        ),
        item(
            "a-again",
            "GET",
            json!("{{HOST}}/a"),
            json!([example(200, Some("application/json"), r#"{"y":[]}"#)])
        ),
    ]);
    let render = |items: &Value| {
        let (index, files) =
            Inference::from_examples(&session(items.clone(), &[]), InferOptions::default())
                .render();
        serde_json::to_string_pretty(&json!([index, files])).unwrap()
    };
    let one = render(&items);
    assert_eq!(one, render(&items));
    let mut reversed = items.as_array().unwrap().clone();
    reversed.reverse();
    assert_eq!(one, render(&Value::Array(reversed)));
}
