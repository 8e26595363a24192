//! The operations of a document as plain data: method, path template, base paths, and per
//! documented status the media types (with where their schema is) and required headers.

use serde_json::Value;

use super::error::OpenApiError;
use super::load::Documents;
use super::refs::Location;
use super::servers::base_paths;
use crate::check::StatusKey;

/// The HTTP methods a path item may document.
pub(crate) const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// One documented operation.
#[derive(Debug, Clone)]
pub(crate) struct Operation {
    /// Upper-case method: `GET`.
    pub method: String,
    /// The path template as documented: `/pet/{petId}`.
    pub path: String,
    /// The base paths of the servers that apply (the operation's, else the path item's,
    /// else the document's; `""` for `/`).
    pub base_paths: Vec<String>,
    /// The documented responses, in document order.
    pub responses: Vec<ResponseDoc>,
}

impl Operation {
    /// `GET /pet/{petId}`.
    pub fn name(&self) -> String {
        format!("{} {}", self.method, self.path)
    }
}

/// One documented response of an operation.
#[derive(Debug, Clone)]
pub(crate) struct ResponseDoc {
    /// The key as written: `200`, `4XX`, `default`.
    pub key: String,
    /// The key parsed.
    pub status: StatusKey,
    /// Where the key is (its `responses` entry), for errors.
    pub at: Location,
    /// Each media type (or range) documented, with where its schema is (`None`: any body).
    pub media: Vec<(String, Option<Location>)>,
    /// Headers the response must carry.
    pub required_headers: Vec<String>,
}

/// Every operation of the document's `paths` (3.1's `webhooks` are requests the API
/// sends, not answers to the collection's).
pub(crate) fn collect(docs: &Documents) -> Result<Vec<Operation>, OpenApiError> {
    let root = Location {
        doc: 0,
        pointer: String::new(),
    };
    let top = docs.get(&root).unwrap_or(&Value::Null);
    let top_bases = base_paths(top.get("servers")).unwrap_or_else(|| vec![String::new()]);
    let paths_at = root.child("paths");
    let paths = match docs.get(&paths_at) {
        None => return Ok(Vec::new()),
        Some(Value::Object(paths)) => paths,
        Some(_) => return Err(not_object(docs, &paths_at)),
    };
    let mut out = Vec::new();
    for path in paths.keys() {
        if !path.starts_with('/') {
            return Err(docs.error(
                paths_at.doc,
                &paths_at.child(path).pointer,
                format!("path {path:?} does not start with /"),
            ));
        }
        let (item_at, item) = docs.deref(paths_at.child(path))?;
        let Value::Object(item) = item else {
            return Err(not_object(docs, &item_at));
        };
        let item_bases = base_paths(item.get("servers"));
        for method in METHODS {
            let Some(op) = item.get(method) else {
                continue;
            };
            let op_at = item_at.child(method);
            if !op.is_object() {
                return Err(not_object(docs, &op_at));
            }
            let bases = base_paths(op.get("servers"))
                .or_else(|| item_bases.clone())
                .unwrap_or_else(|| top_bases.clone());
            out.push(Operation {
                method: method.to_ascii_uppercase(),
                path: path.clone(),
                base_paths: bases,
                responses: responses(docs, &op_at.child("responses"))?,
            });
        }
    }
    Ok(out)
}

fn not_object(docs: &Documents, at: &Location) -> OpenApiError {
    docs.error(at.doc, &at.pointer, "expected an object".into())
}

/// The responses object at `at` (absent: none documented).
fn responses(docs: &Documents, at: &Location) -> Result<Vec<ResponseDoc>, OpenApiError> {
    let map = match docs.get(at) {
        None => return Ok(Vec::new()),
        Some(Value::Object(map)) => map,
        Some(_) => return Err(not_object(docs, at)),
    };
    let mut out = Vec::new();
    for key in map.keys() {
        if key.starts_with("x-") {
            continue;
        }
        let key_at = at.child(key);
        let Some(status) = StatusKey::parse(key) else {
            return Err(docs.error(
                key_at.doc,
                &key_at.pointer,
                format!("response key {key:?} is not a status (200), a range (4XX) or \"default\""),
            ));
        };
        let (response_at, response) = docs.deref(key_at.clone())?;
        let mut media = Vec::new();
        match response.get("content") {
            None => {}
            Some(Value::Object(content)) => {
                for (range, entry) in content {
                    let schema_at = response_at.child("content").child(range).child("schema");
                    media.push((
                        range.clone(),
                        entry.get("schema").is_some().then_some(schema_at),
                    ));
                }
            }
            Some(_) => return Err(not_object(docs, &response_at.child("content"))),
        }
        let mut required_headers = Vec::new();
        if let Some(Value::Object(headers)) = response.get("headers") {
            for name in headers.keys() {
                // The spec: a `Content-Type` entry is ignored (the media types say it).
                if name.eq_ignore_ascii_case("content-type") {
                    continue;
                }
                let (_, header) = docs.deref(response_at.child("headers").child(name))?;
                if header.get("required") == Some(&Value::Bool(true)) {
                    required_headers.push(name.clone());
                }
            }
        }
        out.push(ResponseDoc {
            key: key.clone(),
            status,
            at: key_at,
            media,
            required_headers,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> (tempfile::TempDir, Documents) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("d.yaml"), text).unwrap();
        std::fs::write(
            dir.path().join("items.yaml"),
            "get:\n  servers: [{url: /other}]\n  responses:\n    '200': {description: ok}\n",
        )
        .unwrap();
        let docs = Documents::load(&dir.path().join("d.yaml")).unwrap();
        (dir, docs)
    }

    #[test]
    fn operations_servers_responses_and_headers() {
        let (_dir, docs) = load(
            "openapi: 3.0.3\nservers: [{url: 'https://x.example/api/v3'}]\npaths:\n  /pet/{petId}:\n    servers: [{url: /v2}]\n    get:\n      responses:\n        200:\n          description: ok\n          headers:\n            X-Rate: {required: true, schema: {type: integer}}\n            X-Opt: {$ref: '#/components/headers/Opt'}\n            Content-Type: {required: true}\n          content:\n            application/json: {schema: {$ref: '#/components/schemas/Pet'}}\n            text/plain: {}\n        4XX: {$ref: '#/components/responses/Err'}\n    delete:\n      servers: [{url: /v1}]\n      responses: {default: {description: d}}\n  /items: {$ref: 'items.yaml'}\n  /store:\n    post: {}\ncomponents:\n  headers:\n    Opt: {required: false}\n    Req: {required: true}\n  responses:\n    Err:\n      description: bad\n      headers: {X-Err: {$ref: '#/components/headers/Req'}}\n      content: {'*/*': {schema: {type: object}}}\n  schemas:\n    Pet: {type: object}\n",
        );
        let ops = collect(&docs).unwrap();
        let names: Vec<String> = ops.iter().map(Operation::name).collect();
        assert_eq!(
            names,
            // The keys in order (serde_json's maps are sorted).
            [
                "GET /items",
                "GET /pet/{petId}",
                "DELETE /pet/{petId}",
                "POST /store"
            ]
        );
        assert_eq!(ops[0].base_paths, ["/other"]);
        assert_eq!(ops[1].base_paths, ["/v2"]);
        assert_eq!(ops[2].base_paths, ["/v1"]);
        assert_eq!(ops[3].base_paths, ["/api/v3"]);
        assert!(ops[3].responses.is_empty());
        let ok = &ops[1].responses[0];
        assert_eq!(ok.key, "200");
        assert_eq!(ok.required_headers, ["X-Rate"]);
        assert_eq!(ok.media.len(), 2);
        assert_eq!(
            ok.media[0].1.as_ref().map(|l| l.pointer.as_str()),
            Some("/paths/~1pet~1{petId}/get/responses/200/content/application~1json/schema")
        );
        assert!(ok.media[1].1.is_none());
        let err = &ops[1].responses[1];
        assert_eq!(err.key, "4XX");
        assert_eq!(
            err.media[0].1.as_ref().map(|l| l.pointer.as_str()),
            Some("/components/responses/Err/content/*~1*/schema")
        );
        assert_eq!(err.required_headers, ["X-Err"]);
    }

    #[test]
    fn bad_keys_and_dangling_refs_are_errors() {
        let (_dir, docs) =
            load("openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        '2xy': {}\n");
        let e = collect(&docs).unwrap_err().to_string();
        assert!(
            e.contains("d.yaml:6:9: at /paths/~1a/get/responses/2xy:"),
            "{e}"
        );
        let (_dir, docs) = load(
            "openapi: 3.0.0\npaths:\n  /a:\n    get:\n      responses:\n        '200': {$ref: '#/nope'}\n",
        );
        let e = collect(&docs).unwrap_err().to_string();
        assert!(e.contains("nothing there"), "{e}");
    }
}
