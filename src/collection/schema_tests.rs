//! Every IDCS schema accepts its positive examples and rejects each negative one with the
//! expected keyword (file names: `NAME.KEYWORD.json`); Oracle's recorded example responses
//! validate against the schema of their status.

use std::path::Path;

use std::sync::Arc;

use crate::check::{BodyVerdict, CompiledSchema, SchemaSet};

const AUTHN: &str = "/sso/v1/sdk/authenticate";

/// The schema a JSON answer with `status` to the authenticate endpoint is judged by.
fn for_json(set: &SchemaSet, status: u16) -> Option<&Arc<CompiledSchema>> {
    let (_, doc) = set.lookup("POST", AUTHN).responses?.for_status(status)?;
    match doc.body(Some("application/json")) {
        BodyVerdict::Json(s) => Some(s),
        _ => None,
    }
}

fn examples(class: &str, kind: &str) -> Vec<(String, serde_json::Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/schema-examples")
        .join(class)
        .join(kind);
    let mut out: Vec<(String, serde_json::Value)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                serde_json::from_slice(&std::fs::read(&p).unwrap()).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn positive_and_negative_examples() {
    let set = SchemaSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/idcs")).unwrap();
    for (class, status) in [
        ("2xx", 200),
        ("400", 400),
        ("401", 401),
        ("422", 422),
        ("500", 500),
    ] {
        let schema = for_json(&set, status).unwrap();
        let valid = examples(class, "valid");
        assert!(!valid.is_empty());
        for (name, body) in valid {
            let (v, _) = schema.validate(&body, 10);
            assert!(v.is_empty(), "{class}/{name}: {v:?}");
        }
        let invalid = examples(class, "invalid");
        assert!(invalid.len() >= 2, "{class}");
        for (name, body) in invalid {
            let keyword = name
                .trim_end_matches(".json")
                .rsplit('.')
                .next()
                .unwrap()
                .to_string();
            let (v, total) = schema.validate(&body, 10);
            assert!(total > 0, "{class}/{name} should be rejected");
            assert!(
                v.iter().any(|v| v.keyword == keyword),
                "{class}/{name}: {v:?}"
            );
        }
    }
}

#[test]
fn builtin_set_equals_the_schema_folder() {
    let builtin = SchemaSet::builtin_idcs().unwrap();
    let folder =
        SchemaSet::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/idcs")).unwrap();
    for status in [200, 201, 400, 401, 404, 422, 500, 503] {
        assert_eq!(
            for_json(&builtin, status).map(|s| s.name.clone()),
            for_json(&folder, status).map(|s| s.name.clone()),
            "{status}"
        );
    }
}

#[test]
#[cfg_attr(not(shared_reference), ignore = "needs ../shared/reference, which is not present")]
fn oracle_recorded_examples_validate() {
    let root = crate::test_server::shared_reference("idcs");
    let set = SchemaSet::builtin_idcs().unwrap();
    let mut checked = 0;
    for file in ["Oracle_Identity_Cloud_Service_Authentication_API.postman_collection.json"] {
        let c = crate::collection::load_collection(&root.join(file)).unwrap();
        let p = crate::collection::plan(
            vec![crate::collection::LoadedCollection {
                path: file.into(),
                collection: c,
                sidecar: None,
            }],
            &Default::default(),
        )
        .unwrap();
        for step in p.steps() {
            for ex in step.examples.iter() {
                let (Some(code), Some(body)) = (ex.code, ex.body.as_deref()) else {
                    continue;
                };
                let Some(schema) = for_json(&set, code) else {
                    continue;
                };
                let value: serde_json::Value = serde_json::from_str(body).unwrap();
                let (v, _) = schema.validate(&value, 5);
                assert!(v.is_empty(), "{} / {}: {v:?}", step.id, ex.name);
                checked += 1;
            }
        }
    }
    assert_eq!(
        checked, 176,
        "every recorded example of the main collection"
    );
}
