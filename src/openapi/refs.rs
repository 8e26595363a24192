//! `$ref`s between the objects of loaded documents: where a reference points (a document
//! and a JSON pointer), and the object at the end of a chain of references.

use serde_json::Value;

use super::error::OpenApiError;
use super::load::{Documents, segments};

/// A node of a loaded document.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Location {
    /// Index of the document in [`Documents`].
    pub doc: usize,
    /// JSON pointer within it (`""`: the whole document).
    pub pointer: String,
}

impl Location {
    /// A child of this node.
    pub fn child(&self, key: &str) -> Location {
        Location {
            doc: self.doc,
            pointer: format!("{}/{}", self.pointer, super::load::escape(key)),
        }
    }

    /// This node as a URI: the document's, with the pointer as fragment (percent-encoded
    /// where a URI needs it).
    pub fn uri(&self, docs: &Documents) -> String {
        let pointer = percent_encoding::utf8_percent_encode(&self.pointer, FRAGMENT);
        format!("{}#{pointer}", docs.doc(self.doc).url)
    }
}

/// What a URI fragment may not hold as is (RFC 3986), encoded.
const FRAGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'[')
    .add(b'\\')
    .add(b']')
    .add(b'^')
    .add(b'`')
    .add(b'{')
    .add(b'|')
    .add(b'}');

/// Longest chain of references followed before giving up (a cycle).
const MAX_CHAIN: usize = 64;

impl Documents {
    /// The node at `at`, if there is one.
    pub fn get(&self, at: &Location) -> Option<&Value> {
        let mut node = &self.doc(at.doc).value;
        for s in segments(&at.pointer) {
            node = match node {
                Value::Object(map) => map.get(&s)?,
                Value::Array(items) => items.get(s.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }

    /// Where `reference` (a `$ref` found at `from`) points.
    pub fn target(&self, from: &Location, reference: &str) -> Result<Location, OpenApiError> {
        let url = self.join(from.doc, reference, &from.pointer)?;
        let fragment = url.fragment().unwrap_or("");
        let pointer = percent_encoding::percent_decode_str(fragment)
            .decode_utf8()
            .map_err(|e| self.error(from.doc, &from.pointer, format!("$ref {reference:?}: {e}")))?
            .into_owned();
        if !pointer.is_empty() && !pointer.starts_with('/') {
            return Err(self.error(
                from.doc,
                &from.pointer,
                format!("$ref {reference:?}: the fragment is not a JSON pointer"),
            ));
        }
        let mut file = url.clone();
        file.set_fragment(None);
        let doc = self.index_of(&file).ok_or_else(|| {
            self.error(
                from.doc,
                &from.pointer,
                format!("$ref {reference:?}: not loaded"),
            )
        })?;
        let target = Location { doc, pointer };
        if self.get(&target).is_none() {
            return Err(self.error(
                from.doc,
                &from.pointer,
                format!("$ref {reference:?}: nothing there"),
            ));
        }
        Ok(target)
    }

    /// The object at `at`, following `$ref`s (of responses, headers, path items: objects
    /// that are not schemas) to the end of their chain.
    pub fn deref(&self, at: Location) -> Result<(Location, &Value), OpenApiError> {
        let mut at = at;
        for _ in 0..MAX_CHAIN {
            let node = self.get(&at).ok_or_else(|| {
                self.error(at.doc, &at.pointer, "nothing at this location".into())
            })?;
            match node.get("$ref").and_then(Value::as_str) {
                Some(reference) => at = self.target(&at, reference)?,
                None => return Ok((at, node)),
            }
        }
        Err(self.error(at.doc, &at.pointer, "a cycle of $refs".into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_resolve_within_and_across_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("root.yaml"),
            "r: {$ref: '#/components/responses/E'}\ncomponents:\n  responses:\n    E: {$ref: 'common.yaml#/Err'}\nloop: {$ref: '#/loop'}\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("common.yaml"), "Err: {description: bad}\n").unwrap();
        let docs = Documents::load(&dir.path().join("root.yaml")).unwrap();
        let root = Location {
            doc: 0,
            pointer: String::new(),
        };
        let (at, value) = docs.deref(root.child("r")).unwrap();
        assert_eq!(value["description"], "bad");
        assert_eq!((at.doc, at.pointer.as_str()), (1, "/Err"));
        assert!(
            at.uri(&docs).ends_with("/common.yaml#/Err"),
            "{}",
            at.uri(&docs)
        );
        let e = docs.deref(root.child("loop")).unwrap_err();
        assert!(e.to_string().contains("a cycle of $refs"), "{e}");
        let e = docs.target(&root, "#/components/nothing").unwrap_err();
        assert!(e.to_string().contains("nothing there"), "{e}");
    }

    #[test]
    fn pointer_fragments_are_percent_decoded() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("d.json"),
            r##"{"paths": {"/a/{id}": {"x": 1}}, "r": {"$ref": "#/paths/~1a~1%7Bid%7D"}}"##,
        )
        .unwrap();
        let docs = Documents::load(&dir.path().join("d.json")).unwrap();
        let at = Location {
            doc: 0,
            pointer: "/r".into(),
        };
        let (to, v) = docs.deref(at).unwrap();
        assert_eq!(v["x"], 1);
        assert_eq!(to.pointer, "/paths/~1a~1{id}");
        assert!(to.uri(&docs).ends_with("d.json#/paths/~1a~1%7Bid%7D"));
    }
}
