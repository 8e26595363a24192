use serde_json::{Value, json};

use super::*;

fn req(v: Value) -> Value {
    request(&v, None)
}

#[test]
fn url_string_stays_a_string() {
    let r = req(json!({"url": "http://h/a?x=1", "method": "POST"}));
    assert_eq!(r["url"], "http://h/a?x=1");
    assert_eq!(r["method"], "POST");
    assert!(req(json!({}))["url"].is_null());
}

#[test]
fn path_variables_and_query_params_make_a_url_object() {
    let r = req(json!({
        "url": "http://h/:id/:other?a=b",
        "pathVariableData": [{"key": "id", "value": "7", "description": "d"}],
        "pathVariables": {"id": "ignored", "other": "x"},
        "queryParams": [{"key": "a", "value": "b", "enabled": false},
                        {"key": "flag", "value": null, "equals": true},
                        {"key": "bare", "value": "", "equals": false}]
    }));
    assert_eq!(r["url"]["raw"], "http://h/:id/:other?a=b");
    assert_eq!(
        r["url"]["variable"],
        json!([{"key": "id", "value": "7"}, {"key": "other", "value": "x"}])
    );
    assert_eq!(
        r["url"]["query"],
        json!([{"key": "a", "value": "b", "disabled": true},
               {"key": "flag", "value": ""},
               {"key": "bare", "value": null}])
    );
}

#[test]
fn header_block_is_split_into_entries() {
    let r = req(json!({"headers": "Content-Type: application/json\r\nX-Long: a\r\n b\n// Off: 1\nHost:h:8080\n  indented: no\nnocolon\n"}));
    assert_eq!(
        r["header"],
        json!([
            {"key": "Content-Type", "value": "application/json"},
            {"key": "X-Long", "value": "a b"},
            {"key": "Off", "value": "1", "disabled": true},
            {"key": "Host:h", "value": "8080"},
        ])
    );
}

#[test]
fn header_data_comes_first_and_wins() {
    let r = req(json!({
        "headers": "A: from-block\nB: 2\n",
        "headerData": [{"key": "A", "value": "from-data"}, {"key": "//C", "value": "3"},
                       {"key": "D", "value": "4", "enabled": false}]
    }));
    assert_eq!(
        r["header"],
        json!([
            {"key": "A", "value": "from-data"},
            {"key": "C", "value": "3", "disabled": true},
            {"key": "D", "value": "4", "disabled": true},
            {"key": "B", "value": "2"},
        ])
    );
    let list = json!([{"key": "L", "value": "1"}]);
    assert_eq!(req(json!({"headers": list.clone()}))["header"], list);
}

#[test]
fn raw_body_from_raw_mode_data_or_string_data() {
    let r = req(json!({"dataMode": "raw", "rawModeData": "{\"a\":1}",
                       "dataOptions": {"raw": {"language": "json"}}}));
    assert_eq!(
        r["body"],
        json!({"mode": "raw", "raw": "{\"a\":1}", "options": {"raw": {"language": "json"}}})
    );
    let r = req(json!({"dataMode": "raw", "data": "text"}));
    assert_eq!(r["body"]["raw"], "text");
    let r = req(json!({"rawModeData": ["only"]}));
    assert_eq!(r["body"], json!({"mode": "raw", "raw": "only"}));
    let r = req(json!({"dataMode": "raw", "rawModeData": "x", "dataDisabled": true}));
    assert_eq!(r["body"]["disabled"], true);
}

#[test]
fn params_and_urlencoded_bodies() {
    let r = req(json!({"dataMode": "params", "data": [
        {"key": "a", "value": "1", "type": "text", "enabled": false},
        {"key": "f", "value": "path/to/file", "type": "file"},
        {"value": "no key"}
    ]}));
    assert_eq!(
        r["body"],
        json!({"mode": "formdata", "formdata": [
            {"key": "a", "value": "1", "type": "text", "disabled": true},
            {"key": "f", "src": "path/to/file", "type": "file"}
        ]})
    );
    let r = req(json!({"dataMode": "urlencoded", "data": [{"key": "k", "value": "v"}]}));
    assert_eq!(
        r["body"],
        json!({"mode": "urlencoded", "urlencoded": [{"key": "k", "value": "v"}]})
    );
    // Without a dataMode, a list of data is form data.
    let r = req(json!({"data": [{"key": "k", "value": "v"}]}));
    assert_eq!(r["body"]["mode"], "formdata");
}

#[test]
fn binary_body_and_no_body() {
    let r = req(json!({"dataMode": "binary", "rawModeData": "file.bin"}));
    assert_eq!(r["body"], json!({"mode": "file", "file": {"src": "file.bin"}}));
    assert!(req(json!({"data": [], "rawModeData": ""})).get("body").is_none());
    assert!(
        req(json!({"dataMode": null, "rawModeData": "x"}))
            .get("body")
            .is_none()
    );
    // A mode with no data still sends an empty body of that mode.
    assert_eq!(
        req(json!({"dataMode": "raw"}))["body"],
        json!({"mode": "raw", "raw": ""})
    );
}
