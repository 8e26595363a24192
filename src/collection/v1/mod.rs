//! Collection format v1 (`requests`, `folders`, `order`), converted on load into the v2.1
//! JSON shape the model reads, mapping each field as Newman's converter does: folders and
//! requests in `folders_order` / `order` order, `tests` and `preRequestScript` as events,
//! `currentHelper` + `helperAttributes` as auth, `headers` strings, `dataMode` bodies and
//! `pathVariables` (see [`request`]). Saved responses are not converted.

mod js_values;
mod request;

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value, json};

use js_values::truthy;

/// True when `doc` is a v1 collection: truthy top-level `name`, `order` and `requests`,
/// the test Newman applies.
pub(crate) fn is_v1(doc: &Value) -> bool {
    ["name", "order", "requests"]
        .iter()
        .all(|k| doc.get(k).is_some_and(truthy))
}

/// The v2.1 form of the v1 collection `doc`.
pub(crate) fn convert(doc: &Value) -> Value {
    let mut out = Map::new();
    out.insert(
        "info".into(),
        json!({
            "name": doc.get("name").cloned().unwrap_or(Value::Null),
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        }),
    );
    out.insert("item".into(), Value::Array(items(doc)));
    if let Some(auth) = auth(doc).filter(|a| a["type"] != "noauth") {
        out.insert("auth".into(), auth);
    }
    put_common(doc, &mut out);
    Value::Object(out)
}

/// Scripts, variables and `protocolProfileBehavior` of a collection, folder or request.
fn put_common(entity: &Value, out: &mut Map<String, Value>) {
    if let Some(events) = events(entity) {
        out.insert("event".into(), events);
    }
    if let Some(vars) = variables(entity) {
        out.insert("variable".into(), vars);
    }
    if let Some(b) = entity.get("protocolProfileBehavior").filter(|b| b.is_object()) {
        out.insert("protocolProfileBehavior".into(), b.clone());
    }
}

/// The id of an entity as a lookup key (ids may be strings or numbers).
fn id_of(v: &Value) -> Option<String> {
    match v.get("id")? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn id_list(v: Option<&Value>) -> Vec<String> {
    let mut seen = HashSet::new();
    v.and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|id| match id {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

struct Tree<'a> {
    requests: HashMap<String, &'a Value>,
    folders: HashMap<String, &'a Value>,
}

impl Tree<'_> {
    /// A folder with its subfolders (`folders_order`) first, then its requests (`order`).
    /// `open` holds the folders being built, so a folder listed inside itself is skipped.
    fn folder(&self, folder: &Value, id: &str, open: &mut Vec<String>) -> Value {
        open.push(id.to_string());
        let mut children = Vec::new();
        for sub in id_list(folder.get("folders_order")) {
            if let Some(f) = self.folders.get(&sub).filter(|_| !open.contains(&sub)) {
                children.push(self.folder(f, &sub, open));
            }
        }
        for rid in id_list(folder.get("order")) {
            if let Some(r) = self.requests.get(&rid) {
                children.push(item(r));
            }
        }
        open.pop();
        let mut out = Map::new();
        out.insert(
            "name".into(),
            folder.get("name").cloned().unwrap_or(Value::Null),
        );
        out.insert("item".into(), Value::Array(children));
        if let Some(auth) = auth(folder) {
            out.insert("auth".into(), auth);
        }
        put_common(folder, &mut out);
        Value::Object(out)
    }
}

/// Top-level folders (those no folder lists as a subfolder) in `folders_order` order, then
/// the root requests in `order` order.
fn items(doc: &Value) -> Vec<Value> {
    let list = |k: &str| doc.get(k).and_then(Value::as_array).into_iter().flatten();
    let tree = Tree {
        requests: list("requests")
            .filter_map(|r| Some((id_of(r)?, r)))
            .collect(),
        folders: list("folders")
            .filter(|f| f.is_object())
            .filter_map(|f| Some((id_of(f)?, f)))
            .collect(),
    };
    let nested: HashSet<String> = list("folders")
        .flat_map(|f| id_list(f.get("folders_order")))
        .collect();
    let top = match doc.get("folders_order") {
        Some(order) if order.is_array() => id_list(Some(order)),
        _ => list("folders").filter_map(id_of).collect(),
    };
    let mut out: Vec<Value> = top
        .iter()
        .filter(|id| !nested.contains(*id))
        .filter_map(|id| Some(tree.folder(tree.folders.get(id)?, id, &mut Vec::new())))
        .collect();
    out.extend(
        id_list(doc.get("order"))
            .iter()
            .filter_map(|id| tree.requests.get(id))
            .map(|r| item(r)),
    );
    out
}

/// A v1 request as a v2.1 request item; an item without a name is named "".
fn item(r: &Value) -> Value {
    let mut out = Map::new();
    out.insert(
        "name".into(),
        r.get("name")
            .filter(|n| truthy(n))
            .cloned()
            .unwrap_or_else(|| "".into()),
    );
    out.insert("request".into(), request::request(r, auth(r)));
    put_common(r, &mut out);
    Value::Object(out)
}

/// Scripts: `events` as they are when there are no `tests` / `preRequestScript`;
/// otherwise those two as `test` and `prerequest` events.
fn events(entity: &Value) -> Option<Value> {
    let legacy = ["tests", "preRequestScript"]
        .iter()
        .any(|k| entity.get(k).is_some_and(truthy));
    if !legacy {
        let events = entity.get("events").and_then(Value::as_array)?;
        let events: Vec<Value> = events
            .iter()
            .map(|e| {
                let mut e = e.clone();
                if let Some(o) = e.as_object_mut().filter(|o| !o.contains_key("listen")) {
                    o.insert("listen".into(), "test".into());
                }
                e
            })
            .collect();
        return (!events.is_empty()).then_some(Value::Array(events));
    }
    let mut out = Vec::new();
    for (key, listen) in [("tests", "test"), ("preRequestScript", "prerequest")] {
        if let Some(source) = entity.get(key).filter(|s| truthy(s)) {
            out.push(json!({"listen": listen, "script": {"type": "text/javascript", "exec": source}}));
        }
    }
    Some(Value::Array(out))
}

/// `variables` (or `variable`): `key` falling back to `id`; `type: text` read as string.
fn variables(entity: &Value) -> Option<Value> {
    let source = ["variables", "variable"]
        .iter()
        .find_map(|k| entity.get(*k).filter(|v| truthy(v)))?
        .as_array()?;
    let out: Vec<Value> = source
        .iter()
        .map(|v| {
            let key = v.get("key").filter(|k| truthy(k)).or_else(|| v.get("id"));
            let mut o = Map::new();
            o.insert("key".into(), key.cloned().unwrap_or(Value::Null));
            o.insert("value".into(), v.get("value").cloned().unwrap_or(Value::Null));
            if v.get("type").is_some_and(|t| t == "secret") {
                o.insert("type".into(), "secret".into());
            }
            if v.get("disabled").is_some_and(truthy) {
                o.insert("disabled".into(), true.into());
            }
            Value::Object(o)
        })
        .collect();
    (!out.is_empty()).then_some(Value::Array(out))
}

/// v1 helper names and the v2 auth types they become.
const HELPERS: &[(&str, &str)] = &[
    ("apikeyAuth", "apikey"),
    ("basicAuth", "basic"),
    ("bearerAuth", "bearer"),
    ("digestAuth", "digest"),
    ("hawkAuth", "hawk"),
    ("oAuth1", "oauth1"),
    ("oAuth2", "oauth2"),
    ("ntlmAuth", "ntlm"),
    ("awsSigV4", "awsv4"),
];

/// v2 parameter names of the v1 helper attributes that were renamed (`(v2, v1)`); the
/// others keep their names.
fn renamed(helper: &str) -> &'static [(&'static str, &'static str)] {
    match helper {
        "basicAuth" => &[("saveHelperData", "saveToRequest")],
        "oAuth1" => &[
            ("addParamsToHeader", "header"),
            ("autoAddParam", "auto"),
            ("addEmptyParamsToSign", "includeEmpty"),
        ],
        "hawkAuth" => &[
            ("authId", "hawk_id"),
            ("authKey", "hawk_key"),
            ("saveHelperData", "saveToRequest"),
            ("extraData", "ext"),
            ("appId", "app"),
            ("delegation", "dlg"),
        ],
        _ => &[],
    }
}

/// Auth: a v2 `auth` as it is when there is no `currentHelper` / `helperAttributes`;
/// otherwise the helper and its attributes (a JSON object, or a string holding one).
fn auth(entity: &Value) -> Option<Value> {
    let legacy = entity.get("currentHelper").is_some()
        || entity.get("helperAttributes").is_some_and(truthy);
    if !legacy {
        return entity.get("auth").filter(|a| truthy(a)).cloned();
    }
    let helper = entity.get("currentHelper")?.as_str()?;
    if helper.is_empty() || helper == "normal" {
        return None;
    }
    let kind = HELPERS
        .iter()
        .find(|(v1, _)| *v1 == helper)
        .map_or(helper, |(_, v2)| *v2);
    let mut out = Map::new();
    out.insert("type".into(), kind.into());
    let attributes = match entity.get("helperAttributes") {
        Some(Value::String(s)) => Some(serde_json::from_str::<Value>(s).ok()?),
        Some(a @ Value::Object(_)) => Some(a.clone()),
        _ => None,
    };
    let known = HELPERS.iter().any(|(v1, _)| *v1 == helper);
    if let Some(Value::Object(attrs)) = attributes.filter(|_| known) {
        let params: Map<String, Value> = attrs
            .into_iter()
            .filter(|(k, _)| k != "id")
            .map(|(k, v)| {
                let name = renamed(helper)
                    .iter()
                    .find(|(_, old)| *old == k)
                    .map_or(k, |(new, _)| (*new).to_string());
                (name, v)
            })
            .collect();
        out.insert(kind.into(), Value::Object(params));
    }
    Some(Value::Object(out))
}

#[cfg(test)]
mod tests;
