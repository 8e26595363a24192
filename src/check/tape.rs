//! A JSON body as a flat tape of 12-byte slots over its own text, which the schema validator
//! reads in place: strings without escapes and numbers point into the body, containers
//! record their member count, where they end on the tape and their span in the body. A body
//! costs about three times its size this way, where a `serde_json::Value` of small objects
//! costs fifteen or more.
//!
//! [`Tape::parse`] expects a body that already parsed as JSON (with serde's limits, its
//! nesting depth among them); it gives `None` for anything else.

use std::borrow::Cow;

/// Deepest nesting parsed (serde_json's own limit).
const MAX_DEPTH: usize = 128;

/// What a slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Null,
    False,
    True,
    /// `a`, `b`: start and length of the literal in the text.
    Number,
    /// `a`, `b`: start and length in the text of a string without escapes, quotes excluded.
    Str,
    /// `a`, `b`: start and length in [`Tape::unescaped`] of a decoded string.
    Escaped,
    /// `a`: elements; `b`: the slot after the array's last; the next slot is its span.
    Array,
    /// `a`: members; `b`: the slot after its last; the next slot is its span; then each
    /// member as a key slot and its value.
    Object,
    /// `a`, `b`: start and end in the text of the container of the slot before.
    Span,
    /// The key of a member a later same-named member of its object hides (serde_json keeps
    /// the last); `a`, `b` as for [`Kind::Str`] or [`Kind::Escaped`].
    Shadowed,
}

/// One value, or part of one.
#[derive(Debug, Clone, Copy)]
pub(super) struct Slot {
    pub kind: Kind,
    pub a: u32,
    pub b: u32,
}

/// A parsed JSON body.
#[derive(Debug)]
pub struct Tape<'a> {
    text: &'a str,
    slots: Vec<Slot>,
    unescaped: String,
}

impl<'a> Tape<'a> {
    /// The tape of `body`, which must be JSON that serde_json accepts; `None` otherwise, or
    /// for a body of 4 GiB or more.
    pub fn parse(body: &'a [u8]) -> Option<Tape<'a>> {
        let text = std::str::from_utf8(body).ok()?;
        u32::try_from(text.len()).ok()?;
        let mut p = Parser {
            bytes: text.as_bytes(),
            pos: 0,
            tape: Tape {
                text,
                slots: Vec::new(),
                unescaped: String::new(),
            },
        };
        p.space();
        p.value(0)?;
        p.space();
        (p.pos == p.bytes.len()).then_some(p.tape)
    }

    pub(super) fn slot(&self, i: u32) -> Slot {
        self.slots.get(i as usize).copied().unwrap_or(Slot {
            kind: Kind::Null,
            a: 0,
            b: 0,
        })
    }

    /// The slot after the value at `i`.
    pub(super) fn after(&self, i: u32) -> u32 {
        let s = self.slot(i);
        match s.kind {
            Kind::Array | Kind::Object => s.b,
            _ => i + 1,
        }
    }

    /// The text of `len` bytes from `start`.
    pub(super) fn text(&self, start: u32, len: u32) -> &'a str {
        let (start, len) = (start as usize, len as usize);
        self.text.get(start..start + len).unwrap_or_default()
    }

    /// The string at slot `i` (a key or a value), decoded.
    pub(super) fn string(&self, i: u32) -> Option<&str> {
        let s = self.slot(i);
        match s.kind {
            Kind::Str => Some(self.text(s.a, s.b)),
            Kind::Escaped => self
                .unescaped
                .get(s.a as usize..(s.a + s.b) as usize),
            _ => None,
        }
    }

    /// The body text of the container at slot `i`.
    pub(super) fn span(&self, i: u32) -> &'a str {
        let s = self.slot(i + 1);
        self.text(s.a, s.b.saturating_sub(s.a))
    }

    /// The members of the object at `i`: each key's slot and its value's.
    pub(super) fn members(&self, i: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let mut at = i + 2;
        (0..self.slot(i).a).map(move |_| {
            while self.slot(at).kind == Kind::Shadowed {
                at = self.after(at + 1);
            }
            let key = at;
            at = self.after(key + 1);
            (key, key + 1)
        })
    }

    /// The elements of the array at `i`.
    pub(super) fn elements(&self, i: u32) -> impl Iterator<Item = u32> + '_ {
        let mut at = i + 2;
        (0..self.slot(i).a).map(move |_| {
            let element = at;
            at = self.after(element);
            element
        })
    }

    /// The slot of the value at the JSON pointer `pointer` (`""` is the root).
    pub fn find(&self, pointer: &str) -> Option<u32> {
        let mut at = 0;
        for token in pointer.split('/').skip(1) {
            let token = token.replace("~1", "/").replace("~0", "~");
            at = match self.slot(at).kind {
                Kind::Object => self
                    .members(at)
                    .filter(|&(k, _)| self.string(k) == Some(token.as_str()))
                    .last()?
                    .1,
                Kind::Array => self.elements(at).nth(token.parse().ok()?)?,
                _ => return None,
            };
        }
        Some(at)
    }

    /// The compact JSON text of the value at `i`, cut to `max` characters (then `…`).
    pub fn excerpt(&self, i: u32, max: usize) -> String {
        let s = self.slot(i);
        let text: Cow<'_, str> = match s.kind {
            Kind::Null => "null".into(),
            Kind::False => "false".into(),
            Kind::True => "true".into(),
            Kind::Number => self.text(s.a, s.b).into(),
            Kind::Str => format!("\"{}\"", self.text(s.a, s.b)).into(),
            Kind::Escaped => {
                serde_json::to_string(self.string(i).unwrap_or_default())
                    .unwrap_or_default()
                    .into()
            }
            Kind::Array | Kind::Object => compact(self.span(i), max + 1).into(),
            Kind::Span | Kind::Shadowed => "".into(),
        };
        super::violations::cut(&text, max)
    }
}

/// At most `max` characters of the JSON text `json`, without the whitespace between tokens.
fn compact(json: &str, max: usize) -> String {
    let mut out = String::new();
    let (mut in_string, mut escaped, mut n) = (false, false, 0);
    for c in json.chars() {
        if n == max {
            break;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if c.is_ascii_whitespace() {
            continue;
        }
        out.push(c);
        n += 1;
    }
    out
}

/// Keys of an object compared one with another below this many; hashed from there.
const HASHED_KEYS: usize = 16;

/// A recursive descent over text serde_json already accepted.
struct Parser<'a> {
    bytes: &'a [u8],
    pos: usize,
    tape: Tape<'a>,
}

impl<'a> Parser<'a> {
    fn space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.pos) {
            self.pos += 1;
        }
    }

    fn push(&mut self, kind: Kind, a: usize, b: usize) -> Option<u32> {
        let at = u32::try_from(self.tape.slots.len()).ok()?;
        self.tape.slots.push(Slot {
            kind,
            a: u32::try_from(a).ok()?,
            b: u32::try_from(b).ok()?,
        });
        Some(at)
    }

    fn literal(&mut self, word: &[u8], kind: Kind) -> Option<()> {
        if !self.bytes.get(self.pos..)?.starts_with(word) {
            return None;
        }
        self.pos += word.len();
        self.push(kind, 0, 0).map(drop)
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        match self.bytes.get(self.pos)? {
            b'n' => self.literal(b"null", Kind::Null),
            b't' => self.literal(b"true", Kind::True),
            b'f' => self.literal(b"false", Kind::False),
            b'"' => self.string(),
            b'[' | b'{' if depth < MAX_DEPTH => self.container(depth),
            b'-' | b'0'..=b'9' => {
                let start = self.pos;
                while let Some(b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E') =
                    self.bytes.get(self.pos)
                {
                    self.pos += 1;
                }
                self.push(Kind::Number, start, self.pos - start).map(drop)
            }
            _ => None,
        }
    }

    fn string(&mut self) -> Option<()> {
        let open = self.pos;
        let mut at = open + 1;
        let mut escapes = false;
        loop {
            match self.bytes.get(at)? {
                b'"' => break,
                b'\\' => {
                    escapes = true;
                    at += 2;
                }
                _ => at += 1,
            }
        }
        self.pos = at + 1;
        if !escapes {
            return self.push(Kind::Str, open + 1, at - open - 1).map(drop);
        }
        let quoted = self.tape.text.get(open..=at)?;
        let decoded: String = serde_json::from_str(quoted).ok()?;
        let start = self.tape.unescaped.len();
        self.tape.unescaped.push_str(&decoded);
        self.push(Kind::Escaped, start, decoded.len()).map(drop)
    }

    /// The key slots among `keys` (one object's, in order) that a later same-named key
    /// hides.
    fn shadowed(&self, keys: &[usize]) -> Vec<usize> {
        let name = |k: usize| u32::try_from(k).ok().and_then(|k| self.tape.string(k));
        if keys.len() < HASHED_KEYS {
            return keys
                .iter()
                .enumerate()
                .filter(|&(n, &k)| keys[n + 1..].iter().any(|&later| name(later) == name(k)))
                .map(|(_, &k)| k)
                .collect();
        }
        let mut last = std::collections::HashMap::new();
        let mut hidden = Vec::new();
        for &k in keys {
            if let Some(earlier) = last.insert(name(k), k) {
                hidden.push(earlier);
            }
        }
        hidden
    }

    fn container(&mut self, depth: usize) -> Option<()> {
        let start = self.pos;
        let (kind, close) = match self.bytes.get(start)? {
            b'[' => (Kind::Array, b']'),
            _ => (Kind::Object, b'}'),
        };
        let head = self.push(kind, 0, 0)?;
        let span = self.push(Kind::Span, start, start)?;
        self.pos += 1;
        self.space();
        let mut count = 0usize;
        let mut keys = Vec::new();
        if self.bytes.get(self.pos) == Some(&close) {
            self.pos += 1;
        } else {
            loop {
                if kind == Kind::Object {
                    if self.bytes.get(self.pos) != Some(&b'"') {
                        return None;
                    }
                    keys.push(self.tape.slots.len());
                    self.string()?;
                    self.space();
                    if self.bytes.get(self.pos) != Some(&b':') {
                        return None;
                    }
                    self.pos += 1;
                    self.space();
                }
                self.value(depth + 1)?;
                count += 1;
                self.space();
                match self.bytes.get(self.pos)? {
                    b',' => {
                        self.pos += 1;
                        self.space();
                    }
                    &b if b == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        let shadowed = self.shadowed(&keys);
        for &key in &shadowed {
            self.tape.slots.get_mut(key)?.kind = Kind::Shadowed;
        }
        let end = u32::try_from(self.tape.slots.len()).ok()?;
        let count = u32::try_from(count - shadowed.len()).ok()?;
        let stop = u32::try_from(self.pos).ok()?;
        let head = self.tape.slots.get_mut(head as usize)?;
        head.a = count;
        head.b = end;
        self.tape.slots.get_mut(span as usize)?.b = stop;
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_values_by_pointer_and_quotes_them_compactly() {
        let body = br#" {"a": [1, {"b~/c": "x\"y"}, "plain"], "n": -1.5e3, "a": [true]} "#;
        let tape = Tape::parse(body).unwrap();
        let at = |p: &str| tape.excerpt(tape.find(p).unwrap(), 80);
        // The last of two same-named members, as serde_json keeps it.
        assert_eq!(at("/a"), "[true]");
        assert_eq!(at("/n"), "-1.5e3");
        assert_eq!(at(""), r#"{"a":[1,{"b~/c":"x\"y"},"plain"],"n":-1.5e3,"a":[true]}"#);
        assert_eq!(tape.excerpt(tape.find("").unwrap(), 5), "{\"a\":…");
        assert!(tape.find("/b").is_none());
        let root = tape.find("").unwrap();
        assert_eq!(tape.members(root).count(), 2);
        assert!(Tape::parse(b"[1,]").is_none());
        assert!(Tape::parse(b"[1] x").is_none());
    }
}
