//! Where each item of a collection file is written: serde gives no positions, so a small
//! scanner follows the `item` arrays of the JSON text (the collection's, then each folder's)
//! and notes the line on which each item object opens. One pass over bytes the parser has
//! already accepted; reports point at a request's definition with it (GitHub's `line=`).

use super::model::Item;

/// The line an item opens on, and its children when it is a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ItemLine {
    /// 1-based line of the item's `{`.
    pub line: usize,
    /// The items of its `item` array, in order.
    pub children: Vec<ItemLine>,
}

/// The items of the collection's `item` array with their lines; `None` when the text is
/// not a JSON object (it was accepted by the parser, so only a v1 document or a bug).
pub(crate) fn item_lines(text: &[u8]) -> Option<Vec<ItemLine>> {
    let mut s = Scanner {
        text,
        at: 0,
        line: 1,
    };
    s.space();
    s.object_items()
}

/// Stores each request's line from `lines` (read from the same text as `items`); a
/// mismatch in shape leaves the rest without a line.
pub(crate) fn assign(items: &mut [Item], lines: &[ItemLine]) {
    for (item, at) in items.iter_mut().zip(lines) {
        match item {
            Item::Folder(f) => assign(&mut f.items, &at.children),
            Item::Request(r) => r.line = Some(at.line),
        }
    }
}

struct Scanner<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl<'t> Scanner<'t> {
    fn peek(&self) -> Option<u8> {
        self.text.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        if b == b'\n' {
            self.line += 1;
        }
        Some(b)
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\r' | b'\n')) {
            self.bump();
        }
    }

    fn eat(&mut self, b: u8) -> Option<()> {
        self.space();
        (self.bump()? == b).then_some(())
    }

    /// An object (at `{`): skips every member but `item`, whose array it reads.
    fn object_items(&mut self) -> Option<Vec<ItemLine>> {
        self.eat(b'{')?;
        let mut items = Vec::new();
        self.space();
        if self.peek() == Some(b'}') {
            self.bump();
            return Some(items);
        }
        loop {
            self.space();
            let key = self.string()?;
            self.eat(b':')?;
            self.space();
            if key == b"item" && self.peek() == Some(b'[') && items.is_empty() {
                items = self.item_array()?;
            } else {
                self.value()?;
            }
            self.space();
            match self.bump()? {
                b',' => continue,
                b'}' => return Some(items),
                _ => return None,
            }
        }
    }

    /// An `item` array (at `[`): each object's line and children.
    fn item_array(&mut self) -> Option<Vec<ItemLine>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        self.space();
        if self.peek() == Some(b']') {
            self.bump();
            return Some(out);
        }
        loop {
            self.space();
            let line = self.line;
            let children = if self.peek() == Some(b'{') {
                self.object_items()?
            } else {
                self.value()?;
                Vec::new()
            };
            out.push(ItemLine { line, children });
            self.space();
            match self.bump()? {
                b',' => continue,
                b']' => return Some(out),
                _ => return None,
            }
        }
    }

    /// A string (at `"`), its raw bytes between the quotes.
    fn string(&mut self) -> Option<&'t [u8]> {
        if self.bump()? != b'"' {
            return None;
        }
        let start = self.at;
        loop {
            match self.bump()? {
                b'"' => {
                    let text = self.text;
                    return text.get(start..self.at - 1);
                }
                b'\\' => {
                    self.bump()?;
                }
                _ => {}
            }
        }
    }

    /// Skips any value. Nesting is bounded by the parser that accepted the text first.
    fn value(&mut self) -> Option<()> {
        self.space();
        match self.peek()? {
            b'"' => self.string().map(|_| ()),
            b'{' | b'[' => {
                let close = if self.peek() == Some(b'{') { b'}' } else { b']' };
                self.bump();
                self.space();
                if self.peek() == Some(close) {
                    self.bump();
                    return Some(());
                }
                loop {
                    if close == b'}' {
                        self.space();
                        self.string()?;
                        self.eat(b':')?;
                    }
                    self.value()?;
                    self.space();
                    match self.bump()? {
                        b',' => continue,
                        b if b == close => return Some(()),
                        _ => return None,
                    }
                }
            }
            _ => {
                let start = self.at;
                while matches!(self.peek(), Some(b) if !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n'))
                {
                    self.bump();
                }
                (self.at > start).then_some(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<ItemLine> {
        item_lines(text.as_bytes()).expect("the scanner reads the text")
    }

    fn at(line: usize, children: Vec<ItemLine>) -> ItemLine {
        ItemLine { line, children }
    }

    #[test]
    fn follows_nested_item_arrays_past_other_members() {
        let text = r#"{
  "info": {"name": "C", "item": [{"x": 1}]},
  "variable": [{"key": "item", "value": "[{\"item\": 1}]"}],
  "item": [
    {"name": "root", "request": "http://h/"},
    {
      "name": "F",
      "event": [{"listen": "test", "script": {"exec": ["{", "[", "\"}"]}}],
      "item": [
        {"name": "a", "request": {"url": "http://h/a", "body": {"raw": "item: [\n"}}},
        {"name": "G", "item": [
          {"name": "b", "request": "http://h/b"}
        ]},
        {"name": "a",
         "request": "http://h/a2"}
      ]
    }
  ],
  "auth": {"type": "noauth"}
}"#;
        assert_eq!(
            lines(text),
            vec![
                at(5, vec![]),
                at(
                    6,
                    vec![
                        at(10, vec![]),
                        at(11, vec![at(12, vec![])]),
                        at(14, vec![])
                    ]
                ),
            ]
        );
    }

    #[test]
    fn minified_text_is_all_line_one_and_odd_text_gives_up() {
        assert_eq!(
            lines(r#"{"item":[{"item":[]},{"request":"u"}],"x":[true,null,-1.5e3]}"#),
            vec![at(1, vec![]), at(1, vec![])]
        );
        assert_eq!(lines("{}"), vec![]);
        assert_eq!(item_lines(b"[1]"), None);
        assert_eq!(item_lines(br#"{"item":[{"a":}]}"#), None);
        assert_eq!(item_lines(br#"{"item":[{"a":"open"#), None);
    }

    #[test]
    fn lines_reach_the_requests_of_a_parsed_collection() {
        let text = "{\"info\":{\"name\":\"C\"},\n\"item\":[\n{\"name\":\"F\",\"item\":[\n\n{\"name\":\"r\",\"request\":\"http://h/\"}]},\n{\"name\":\"s\",\"request\":\"http://h/s\"}]}";
        let c = crate::collection::parse_collection(std::path::Path::new("t.json"), text.as_bytes())
            .expect("the collection parses");
        let mut found = Vec::new();
        fn walk(items: &[Item], found: &mut Vec<(String, Option<usize>)>) {
            for i in items {
                match i {
                    Item::Folder(f) => walk(&f.items, found),
                    Item::Request(r) => found.push((r.name.clone(), r.line)),
                }
            }
        }
        walk(&c.items, &mut found);
        assert_eq!(
            found,
            [("r".to_string(), Some(5)), ("s".to_string(), Some(6))]
        );
        // A byte-order mark and CRLF line ends count the same lines.
        let crlf = format!("\u{FEFF}{}", text.replace('\n', "\r\n"));
        let c = crate::collection::parse_collection(std::path::Path::new("t.json"), crlf.as_bytes())
            .expect("the collection parses");
        let mut again = Vec::new();
        walk(&c.items, &mut again);
        assert_eq!(again, found);
    }
}
