//! Decoded views of a text: the text with its JSON (and JavaScript) string escapes, its
//! XML character references or its percent-encoding undone, alone or one inside another
//! (a percent-encoded URL quoted in JSON), each byte knowing the range of the text it
//! came from. A secret found in a view is masked in that range of the text, so every way
//! of escaping or encoding it is masked without listing the ways.

/// Bytes decoded from a text, and for each the range of the text it was decoded from.
pub(super) struct View {
    /// The decoded bytes (not always UTF-8: a percent-encoding may decode to anything).
    pub bytes: Vec<u8>,
    /// For each decoded byte, the start and end of the text it came from.
    pub source: Vec<(usize, usize)>,
}

impl View {
    /// The range of the text that the decoded bytes `start..end` came from.
    pub fn source_range(&self, start: usize, end: usize) -> (usize, usize) {
        (self.source[start].0, self.source[end - 1].1)
    }
}

/// One way of undoing an encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decoder {
    /// JSON and JavaScript string escapes: `\"`, `\\`, `\/`, `\'`, `\n`…, `\uXXXX` (and
    /// surrogate pairs), `\xXX`.
    Json,
    /// XML and HTML character references: `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;`,
    /// `&#NN;`, `&#xHH;`.
    Xml,
    /// `%XX`, and `+` for a space (as forms encode).
    Form,
    /// `%XX`, `+` kept (as URLs encode).
    Percent,
}

/// The decodings looked at: each alone, and then each of these inside it (a URL in JSON
/// or XML, JSON or XML in a URL or a form).
const NESTED: [(Decoder, [Decoder; 2]); 4] = {
    use Decoder::{Form, Json, Percent, Xml};
    [
        (Json, [Form, Percent]),
        (Xml, [Form, Percent]),
        (Form, [Json, Xml]),
        (Percent, [Json, Xml]),
    ]
};

impl Decoder {
    /// Whether `bytes` hold anything this decoder would change.
    fn applies(self, bytes: &[u8]) -> bool {
        match self {
            Decoder::Json => bytes.contains(&b'\\'),
            Decoder::Xml => bytes.contains(&b'&'),
            Decoder::Form => bytes.iter().any(|&b| b == b'%' || b == b'+'),
            Decoder::Percent => bytes.contains(&b'%'),
        }
    }

    /// The unit at the start of `rest`: its decoded bytes and how many bytes it spans;
    /// `None` when it is a plain byte.
    fn unit(self, rest: &[u8]) -> Option<(Vec<u8>, usize)> {
        match self {
            Decoder::Json => json_unit(rest),
            Decoder::Xml => xml_unit(rest),
            Decoder::Form if rest[0] == b'+' => Some((vec![b' '], 1)),
            Decoder::Form | Decoder::Percent => percent_unit(rest),
        }
    }
}

/// Calls `f` with every view of `bytes` that differs from it (none when nothing in it is
/// encoded), one at a time.
pub(super) fn each_view(bytes: &[u8], mut f: impl FnMut(&View)) {
    let mut seen: Vec<u64> = Vec::new();
    let mut fresh = |v: &View| {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        v.bytes.hash(&mut h);
        let hash = h.finish();
        let new = v.bytes != bytes && !seen.contains(&hash);
        if new {
            seen.push(hash);
        }
        new
    };
    for (outer, inner) in NESTED {
        if !outer.applies(bytes) {
            continue;
        }
        let first = decode(outer, bytes, None);
        if fresh(&first) {
            f(&first);
        }
        for decoder in inner {
            if decoder.applies(&first.bytes) {
                let second = decode(decoder, &first.bytes, Some(&first));
                if fresh(&second) {
                    f(&second);
                }
            }
        }
    }
}

/// `input` decoded once more; `parent` maps `input` back to the text (none: `input` is
/// the text).
fn decode(decoder: Decoder, input: &[u8], parent: Option<&View>) -> View {
    let back = |start: usize, end: usize| match parent {
        Some(p) => p.source_range(start, end),
        None => (start, end),
    };
    let mut bytes = Vec::with_capacity(input.len());
    let mut source = Vec::with_capacity(input.len());
    let mut i = 0;
    while i < input.len() {
        match decoder.unit(&input[i..]) {
            Some((decoded, len)) => {
                let range = back(i, i + len);
                source.extend(std::iter::repeat_n(range, decoded.len()));
                bytes.extend(decoded);
                i += len;
            }
            None => {
                bytes.push(input[i]);
                source.push(back(i, i + 1));
                i += 1;
            }
        }
    }
    View { bytes, source }
}

/// The value of a hexadecimal digit.
fn hex(b: u8) -> Option<u32> {
    char::from(b).to_digit(16)
}

/// The value of `n` hexadecimal digits at the start of `bytes`.
fn hex_value(bytes: &[u8], n: usize) -> Option<u32> {
    let digits = bytes.get(..n)?;
    digits.iter().try_fold(0, |acc, &b| Some(acc * 16 + hex(b)?))
}

/// A character's UTF-8 bytes.
fn utf8(c: char) -> Vec<u8> {
    c.to_string().into_bytes()
}

fn percent_unit(rest: &[u8]) -> Option<(Vec<u8>, usize)> {
    if rest[0] != b'%' {
        return None;
    }
    let value = hex_value(rest.get(1..)?, 2)?;
    Some((vec![u8::try_from(value).ok()?], 3))
}

fn json_unit(rest: &[u8]) -> Option<(Vec<u8>, usize)> {
    if rest[0] != b'\\' {
        return None;
    }
    let simple = match *rest.get(1)? {
        b @ (b'"' | b'\\' | b'/' | b'\'') => b,
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'v' => 0x0b,
        b'x' => {
            let c = char::from_u32(hex_value(rest.get(2..)?, 2)?)?;
            return Some((utf8(c), 4));
        }
        b'u' => return unicode_escape(rest),
        _ => return None,
    };
    Some((vec![simple], 2))
}

/// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`, at the start of `rest`.
fn unicode_escape(rest: &[u8]) -> Option<(Vec<u8>, usize)> {
    let unit = hex_value(rest.get(2..)?, 4)?;
    if let Some(c) = char::from_u32(unit) {
        return Some((utf8(c), 6));
    }
    if !(0xD800..0xDC00).contains(&unit) || rest.get(6..8) != Some(b"\\u") {
        return None;
    }
    let low = hex_value(rest.get(8..)?, 4)?;
    if !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?;
    Some((utf8(c), 12))
}

/// The longest character reference looked for (`&#x10FFFF;`).
const MAX_REFERENCE: usize = 10;

fn xml_unit(rest: &[u8]) -> Option<(Vec<u8>, usize)> {
    if rest[0] != b'&' {
        return None;
    }
    let window = &rest[..rest.len().min(MAX_REFERENCE)];
    let end = window.iter().position(|&b| b == b';')?;
    let name = &rest[1..end];
    let c = match name {
        b"amp" => '&',
        b"lt" => '<',
        b"gt" => '>',
        b"quot" => '"',
        b"apos" => '\'',
        [b'#', b'x' | b'X', digits @ ..] if !digits.is_empty() => {
            char::from_u32(hex_value(digits, digits.len())?)?
        }
        [b'#', digits @ ..] if !digits.is_empty() => {
            let text = std::str::from_utf8(digits).ok()?;
            char::from_u32(text.parse().ok()?)?
        }
        _ => return None,
    };
    Some((utf8(c), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn views(bytes: &[u8]) -> Vec<View> {
        let mut out = Vec::new();
        each_view(bytes, |v| {
            out.push(View {
                bytes: v.bytes.clone(),
                source: v.source.clone(),
            })
        });
        out
    }

    fn decoded(text: &str) -> Vec<String> {
        views(text.as_bytes())
            .into_iter()
            .map(|v| String::from_utf8_lossy(&v.bytes).into_owned())
            .collect()
    }

    #[test]
    fn undoes_each_encoding_and_their_nestings() {
        assert!(decoded("plain text").is_empty());
        let all = decoded(r#"a \"b\" \u00e4\ud83d\ude00 \x41 \q"#);
        assert!(all.contains(&"a \"b\" ä😀 A \\q".to_string()), "{all:?}");
        let all = decoded("x &quot;&#39;&#xe4;&amp;lt; &bogus;");
        assert!(all.contains(&"x \"'ä&lt; &bogus;".to_string()), "{all:?}");
        let all = decoded("a+b%20c%2B%zz");
        assert!(all.contains(&"a b c+%zz".to_string()), "{all:?}");
        assert!(all.contains(&"a+b c+%zz".to_string()), "{all:?}");
        // A percent-encoded URL quoted in JSON.
        let all = decoded(r#"/echo?q=%22Sec\\ret%22"#);
        assert!(all.contains(&"/echo?q=\"Sec\\ret\"".to_string()), "{all:?}");
    }

    #[test]
    fn each_decoded_byte_knows_its_source() {
        let text = r#"x\u00e4%41"#;
        let views = views(text.as_bytes());
        let json = views.iter().find(|v| v.bytes.starts_with("xä".as_bytes())).unwrap();
        // `ä` is two bytes, both from the six of `\u00e4`.
        assert_eq!(json.source_range(1, 3), (1, 7));
        let nested = views.iter().find(|v| v.bytes == "xäA".as_bytes()).unwrap();
        assert_eq!(nested.source_range(3, 4), (7, 10));
    }
}
