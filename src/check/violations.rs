//! Violations as reports keep them: each message quotes at most a short excerpt of the
//! offending value, and a case keeps the first few violations in pointer order while
//! counting the rest, so a huge body that violates its schema everywhere costs neither
//! memory nor report size in proportion to it.

use std::collections::{BTreeMap, HashSet};
use std::hash::{BuildHasher, RandomState};

use jsonschema::ValidationError;
use jsonschema::error::ValidationErrorKind;

/// Characters of an offending value a message quotes; a longer value is cut, ending in `…`.
pub const EXCERPT_CHARS: usize = 80;

/// Characters of a whole violation message (property lists included), cut with `…`.
pub const MESSAGE_CHARS: usize = 240;

/// Marks a cut excerpt (the redactor also masks a secret cut short before it).
const ELLIPSIS: char = '…';

/// Where the excerpt goes in a message template.
const PLACEHOLDER: &str = "\u{1}";

/// One schema violation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    /// JSON pointer of the offending node in the body, the instance path (`""` is the
    /// root).
    pub pointer: String,
    /// The schema keyword that failed (`required`, `type`, `pattern`, …).
    pub keyword: String,
    /// The validator's message, quoting at most a short excerpt of the offending value
    /// (80 characters, then `…`).
    pub message: String,
    /// JSON pointer of the failing keyword in the schema (`/properties/cause/items/required`).
    pub schema_path: String,
}

/// `text` cut to `max` characters at a character boundary, ending in `…` when cut.
pub fn cut(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some((end, _)) => format!("{}{ELLIPSIS}", &text[..end]),
    }
}

/// A writer that keeps at most `limit` bytes and fails past them, which ends the
/// serialisation of a value as soon as its excerpt is known.
struct Bounded {
    out: Vec<u8>,
    limit: usize,
}

impl std::io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let room = self.limit.saturating_sub(self.out.len());
        if room == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        let n = buf.len().min(room);
        self.out.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The compact JSON text of `value`, cut to [`EXCERPT_CHARS`] characters; it serialises no
/// more of the value than that.
pub fn excerpt(value: &serde_json::Value) -> String {
    // One more character than is shown (4 bytes at most each) tells a cut text.
    let mut out = Bounded {
        out: Vec::new(),
        limit: (EXCERPT_CHARS + 1) * 4,
    };
    // A full writer stops the serialisation: what it kept is the excerpt.
    let _ = serde_json::to_writer(&mut out, value);
    let text = String::from_utf8_lossy(&out.out);
    // The last character may be cut in two by the byte limit: it is beyond the excerpt.
    cut(&text, EXCERPT_CHARS)
}

/// The message of `error` with a placeholder where the offending value goes: the same for
/// the same finding, whatever the value.
pub fn template(error: &ValidationError<'_>) -> String {
    match error.kind() {
        // Its masked form reads the whole instance, which may be huge.
        ValidationErrorKind::AdditionalItems { limit } => {
            format!("Additional items are not allowed (more than {limit} items)")
        }
        _ => error.masked_with(PLACEHOLDER).to_string(),
    }
}

/// A message from its template, quoting `excerpt` for the offending value; the template is
/// cut to [`MESSAGE_CHARS`] characters first.
pub fn fill(template: &str, excerpt: &str) -> String {
    cut(template, MESSAGE_CHARS).replace(PLACEHOLDER, excerpt)
}

/// The violations of one body as they are found: the first `cap` in order (pointer,
/// keyword, message), and the number of distinct ones.
pub struct Findings {
    cap: usize,
    /// Kept violations by (pointer, keyword, message), each with its smallest schema path.
    kept: BTreeMap<(String, String, String), String>,
    /// Hashes of every distinct (pointer, keyword, message) found.
    seen: HashSet<u64>,
    hasher: RandomState,
}

impl Findings {
    /// Keeps at most `cap` violations.
    pub fn new(cap: usize) -> Self {
        Findings {
            cap,
            kept: BTreeMap::new(),
            seen: HashSet::new(),
            hasher: RandomState::new(),
        }
    }

    /// Adds a violation at `pointer` whose message `message` makes from its `template`, only
    /// if it may be kept.
    /// The same finding reached through two schema paths (branches of `anyOf`) is one.
    pub fn add(
        &mut self,
        pointer: String,
        keyword: &str,
        template: String,
        schema_path: String,
        message: impl FnOnce(&str) -> String,
    ) {
        let fresh = self
            .seen
            .insert(self.hasher.hash_one((&pointer, keyword, &template)));
        let full = self.kept.len() >= self.cap;
        if full
            && self
                .kept
                .last_key_value()
                .is_some_and(|((p, k, _), _)| (p.as_str(), k.as_str()) < (pointer.as_str(), keyword))
        {
            return;
        }
        let key = (pointer, keyword.to_string(), message(&template));
        match self.kept.get_mut(&key) {
            Some(path) if schema_path < *path => *path = schema_path,
            Some(_) => {}
            None if fresh => {
                self.kept.insert(key, schema_path);
                if self.kept.len() > self.cap {
                    self.kept.pop_last();
                }
            }
            None => {}
        }
    }

    /// The kept violations in order, and the number of distinct ones found.
    pub fn finish(self) -> (Vec<Violation>, usize) {
        let total = self.seen.len();
        let kept = self
            .kept
            .into_iter()
            .map(|((pointer, keyword, message), schema_path)| Violation {
                pointer,
                keyword,
                message,
                schema_path,
            })
            .collect();
        (kept, total)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_short_and_cut_at_a_char_boundary() {
        let long = serde_json::json!(["ä".repeat(500)]);
        let e = excerpt(&long);
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 1);
        assert!(e.starts_with("[\"ää") && e.ends_with("ä…"), "{e}");
        assert_eq!(excerpt(&serde_json::json!({"a": 1})), r#"{"a":1}"#);
    }

    #[test]
    fn findings_keep_the_first_in_order_and_count_the_rest() {
        let mut f = Findings::new(2);
        for p in ["/3", "/1", "/2", "/1"] {
            f.add(p.into(), "type", "x".into(), "/s".into(), |t| t.to_string());
        }
        let (kept, total) = f.finish();
        assert_eq!(total, 3);
        let pointers: Vec<&str> = kept.iter().map(|v| v.pointer.as_str()).collect();
        assert_eq!(pointers, ["/1", "/2"]);
    }
}
