use serde_json::{Value, json};

use super::*;

fn v1(extra: Value) -> Value {
    let mut doc = json!({"id": "c", "name": "Old", "order": [], "requests": []});
    if let (Some(d), Some(e)) = (doc.as_object_mut(), extra.as_object()) {
        d.extend(e.clone());
    }
    doc
}

#[test]
fn v1_is_told_by_truthy_name_order_and_requests() {
    assert!(is_v1(&v1(json!({}))));
    assert!(!is_v1(&json!({"name": "", "order": [], "requests": []})));
    assert!(!is_v1(&json!({"name": "x", "requests": []})));
    assert!(!is_v1(&json!({"info": {}, "item": []})));
}

#[test]
fn info_names_the_collection_as_v2_1() {
    let c = convert(&v1(json!({})));
    assert_eq!(c["info"]["name"], "Old");
    assert!(c["info"]["schema"].as_str().unwrap().contains("v2.1.0"));
    assert_eq!(c["item"], json!([]));
}

#[test]
fn folders_and_requests_follow_their_orders() {
    let c = convert(&v1(json!({
        "order": ["r3", "missing", "r3"],
        "folders_order": ["f2", "f1"],
        "folders": [
            {"id": "f1", "name": "F1", "order": ["r1"], "folders_order": ["f3"]},
            {"id": "f2", "name": "F2", "order": ["r2"]},
            {"id": "f3", "name": "F3", "order": [], "folders_order": ["f3"]}
        ],
        "requests": [
            {"id": "r1", "name": "R1", "url": "http://h/1"},
            {"id": "r2", "name": "R2", "url": "http://h/2"},
            {"id": "r3", "url": "http://h/3"}
        ]
    })));
    let names: Vec<&str> = c["item"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["name"].as_str().unwrap())
        .collect();
    // f3 is nested in f1 (and its listing of itself is dropped); r3 has no name.
    assert_eq!(names, ["F2", "F1", ""]);
    assert_eq!(c["item"][1]["item"][0]["name"], "F3");
    assert_eq!(c["item"][1]["item"][0]["item"], json!([]));
    assert_eq!(c["item"][1]["item"][1]["name"], "R1");
    assert_eq!(c["item"][2]["request"]["url"], "http://h/3");
}

#[test]
fn without_folders_order_folders_keep_their_list_order() {
    let c = convert(&v1(json!({
        "folders": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}, null]
    })));
    assert_eq!(c["item"][0]["name"], "A");
    assert_eq!(c["item"][1]["name"], "B");
    assert_eq!(c["item"].as_array().unwrap().len(), 2);
}

#[test]
fn tests_and_pre_request_scripts_become_events() {
    let e = events(&json!({"tests": "a\nb", "preRequestScript": "p"})).unwrap();
    assert_eq!(e[0]["listen"], "test");
    assert_eq!(e[0]["script"]["exec"], "a\nb");
    assert_eq!(e[1]["listen"], "prerequest");
    let e = events(&json!({"events": [{"script": {"exec": ["x"]}}]})).unwrap();
    assert_eq!(e[0]["listen"], "test");
    assert!(events(&json!({"tests": ""})).is_none());
    assert!(events(&json!({})).is_none());
}

#[test]
fn variables_fall_back_to_id() {
    let v = variables(&json!({"variables": [{"id": "k", "value": 1, "type": "text"},
                                            {"key": "s", "value": "x", "type": "secret", "disabled": true}]}))
    .unwrap();
    assert_eq!(
        v,
        json!([{"key": "k", "value": 1},
               {"key": "s", "value": "x", "type": "secret", "disabled": true}])
    );
}

#[test]
fn helper_attributes_become_auth() {
    let a = auth(&json!({"currentHelper": "basicAuth",
        "helperAttributes": {"id": "basic", "username": "u", "password": "p", "saveToRequest": true}}))
    .unwrap();
    assert_eq!(
        a,
        json!({"type": "basic", "basic": {"username": "u", "password": "p", "saveHelperData": true}})
    );
    let a = auth(&json!({"currentHelper": "oAuth1",
        "helperAttributes": "{\"consumerKey\": \"k\", \"header\": true, \"auto\": false}"}))
    .unwrap();
    assert_eq!(
        a,
        json!({"type": "oauth1", "oauth1": {"consumerKey": "k", "addParamsToHeader": true, "autoAddParam": false}})
    );
    let a = auth(&json!({"currentHelper": "hawkAuth", "helperAttributes": {"hawk_id": "i", "hawk_key": "k"}}));
    assert_eq!(
        a.unwrap()["hawk"],
        json!({"authId": "i", "authKey": "k"})
    );
    assert!(auth(&json!({"currentHelper": "normal", "helperAttributes": {}})).is_none());
    assert!(auth(&json!({"currentHelper": null})).is_none());
    assert!(auth(&json!({"currentHelper": "digestAuth", "helperAttributes": "{bad"})).is_none());
    // A v2 auth without helper fields is kept as it is.
    let v2 = json!({"type": "bearer", "bearer": [{"key": "token", "value": "t"}]});
    assert_eq!(auth(&json!({"auth": v2.clone()})), Some(v2));
}

#[test]
fn collection_auth_scripts_and_variables() {
    let c = convert(&v1(json!({
        "auth": {"type": "noauth"},
        "events": [{"listen": "prerequest", "script": {"exec": "x"}}],
        "variables": [{"key": "a", "value": "1"}]
    })));
    assert!(c.get("auth").is_none());
    assert_eq!(c["event"][0]["listen"], "prerequest");
    assert_eq!(c["variable"][0]["key"], "a");
}
