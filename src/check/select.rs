//! Selecting values of a JSON body: the selectors of a sidecar's `[capture]` table
//! (`/pointer`, `..name`, `..name#N`), which the `vary` list of `[compare]` reuses.

use serde_json::Value;

/// Where a value sits in a JSON response: what `[capture]` reads and `vary` marks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaptureSource {
    /// A JSON pointer (`/SMS/enrolledDevices/0/deviceId`).
    Pointer(String),
    /// A field named `name` anywhere, depth first (`..name`); with `nth` (`..name#2`), only
    /// the `nth` (1-based) match.
    Search {
        /// Field name.
        name: String,
        /// Which match, 1-based; `None` when the selector names none (a capture takes the
        /// first match, `vary` every match).
        nth: Option<usize>,
    },
}

impl CaptureSource {
    /// Parses `/pointer`, `..name` or `..name#N`.
    pub fn parse(s: &str) -> Option<CaptureSource> {
        if let Some(rest) = s.strip_prefix("..") {
            let (name, nth) = match rest.rsplit_once('#') {
                Some((n, k)) => (n, Some(k.parse().ok().filter(|k: &usize| *k >= 1)?)),
                None => (rest, None),
            };
            return (!name.is_empty()).then(|| CaptureSource::Search {
                name: name.to_string(),
                nth,
            });
        }
        (s.is_empty() || s.starts_with('/')).then(|| CaptureSource::Pointer(s.to_string()))
    }

    /// The captured value as text (strings verbatim, other values as JSON); a search
    /// without `#N` takes the first match.
    pub fn extract(&self, body: &Value) -> Option<String> {
        let found = match self {
            CaptureSource::Pointer(p) => body.pointer(p),
            CaptureSource::Search { name, nth } => {
                let mut count = 0;
                search(body, name, nth.unwrap_or(1), &mut count)
            }
        }?;
        Some(match found {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    }

    /// Calls `f` on every value the selector names in `body`: the pointer's, the `nth`
    /// match's, or every match of a search without `#N`.
    pub fn for_each_mut(&self, body: &mut Value, f: &mut dyn FnMut(&mut Value)) {
        match self {
            CaptureSource::Pointer(p) => {
                if let Some(v) = body.pointer_mut(p) {
                    f(v);
                }
            }
            CaptureSource::Search { name, nth } => {
                let mut count = 0;
                visit(body, name, *nth, &mut count, f);
            }
        }
    }
}

fn search<'a>(v: &'a Value, name: &str, nth: usize, count: &mut usize) -> Option<&'a Value> {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if k == name {
                    *count += 1;
                    if *count == nth {
                        return Some(child);
                    }
                }
                if let Some(found) = search(child, name, nth, count) {
                    return Some(found);
                }
            }
            None
        }
        Value::Array(items) => items.iter().find_map(|i| search(i, name, nth, count)),
        _ => None,
    }
}

/// Depth first, in the order [`search`] counts: a match is visited after the matches
/// inside it, so that marking one does not hide the others.
fn visit(
    v: &mut Value,
    name: &str,
    nth: Option<usize>,
    count: &mut usize,
    f: &mut dyn FnMut(&mut Value),
) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                let matched = k == name && {
                    *count += 1;
                    nth.is_none_or(|n| n == *count)
                };
                visit(child, name, nth, count, f);
                if matched {
                    f(child);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                visit(item, name, nth, count, f);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn captures_pointer_and_search() {
        let body = json!({"requestState": "rs", "SECURITY_QUESTIONS": {"questions": [
            {"questionId": "q1", "text": "a"}, {"questionId": "q2"}]}, "n": 5});
        let get = |e: &str| CaptureSource::parse(e).unwrap().extract(&body);
        assert_eq!(get("..requestState").as_deref(), Some("rs"));
        assert_eq!(get("..questionId#2").as_deref(), Some("q2"));
        assert_eq!(
            get("/SECURITY_QUESTIONS/questions/0/questionId").as_deref(),
            Some("q1")
        );
        assert_eq!(get("/n").as_deref(), Some("5"));
        assert_eq!(get("..missing"), None);
        assert!(CaptureSource::parse("requestState").is_none());
        assert!(CaptureSource::parse("..x#0").is_none());
    }

    #[test]
    fn marks_every_match_the_nth_or_the_pointer() {
        let body = json!({"a": {"id": 1, "b": [{"id": 2}, {"id": 3}]}, "id": 4});
        let marked = |sel: &str| {
            let mut v = body.clone();
            CaptureSource::parse(sel)
                .unwrap()
                .for_each_mut(&mut v, &mut |x| *x = json!("*"));
            v
        };
        assert_eq!(
            marked("..id"),
            json!({"a": {"id": "*", "b": [{"id": "*"}, {"id": "*"}]}, "id": "*"})
        );
        // The order a capture counts in (object keys sorted).
        assert_eq!(
            CaptureSource::parse("..id#2").unwrap().extract(&body).as_deref(),
            Some("3")
        );
        assert_eq!(
            marked("..id#2"),
            json!({"a": {"id": 1, "b": [{"id": 2}, {"id": "*"}]}, "id": 4})
        );
        assert_eq!(
            marked("/a/b/1/id"),
            json!({"a": {"id": 1, "b": [{"id": 2}, {"id": "*"}]}, "id": 4})
        );
        assert_eq!(marked("/nope"), body);
    }
}
