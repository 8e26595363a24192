//! The text of a loaded file: UTF-8 with or without a byte order mark, or UTF-16 (little
//! or big endian, told by its byte order mark or by the NUL bytes of its first character),
//! as Newman reads them. Lines are kept as they are, so error positions stay right.

use std::borrow::Cow;

/// The file's text as UTF-8 bytes, without a byte order mark. UTF-8 input is borrowed
/// (invalid sequences are left for the JSON reader to report); UTF-16 is transcoded,
/// unpaired surrogates becoming U+FFFD.
pub(crate) fn utf8(bytes: &[u8]) -> Cow<'_, [u8]> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return Cow::Borrowed(rest);
    }
    match utf16_order(bytes) {
        Some((little, skip)) => Cow::Owned(transcode(&bytes[skip..], little).into_bytes()),
        None => Cow::Borrowed(bytes),
    }
}

/// `Some((little_endian, bytes_to_skip))` when `bytes` are UTF-16.
fn utf16_order(bytes: &[u8]) -> Option<(bool, usize)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some((true, 2)),
        [0xFE, 0xFF, ..] => Some((false, 2)),
        // JSON and CSV start with an ASCII character: in UTF-16 one of its two bytes is NUL.
        [a, 0, ..] if *a != 0 => Some((true, 0)),
        [0, b, ..] if *b != 0 => Some((false, 0)),
        _ => None,
    }
}

fn transcode(bytes: &[u8], little: bool) -> String {
    let units = bytes.chunks(2).map(|pair| match (pair, little) {
        ([lo, hi], true) => u16::from_le_bytes([*lo, *hi]),
        ([hi, lo], false) => u16::from_be_bytes([*hi, *lo]),
        // An odd last byte cannot be a character.
        _ => 0xFFFD,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// The 1-based character column of the character that ends at 1-based byte column
/// `column` of line `line` of `text` (serde_json counts bytes; editors count characters).
pub(crate) fn char_column(text: &[u8], line: usize, column: usize) -> usize {
    let Some(start) = line_start(text, line) else {
        return column;
    };
    let end = (start + column).min(text.len());
    // Count the bytes that begin a character (every byte but UTF-8 continuation bytes).
    let chars = text[start..end].iter().filter(|b| (**b & 0xC0) != 0x80);
    chars.count().max(1)
}

/// The byte offset of the start of 1-based line `line`.
fn line_start(text: &[u8], line: usize) -> Option<usize> {
    if line <= 1 {
        return Some(0);
    }
    text.iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .nth(line - 2)
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(text: &str, little: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend_from_slice(if little { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for unit in text.encode_utf16() {
            out.extend_from_slice(&if little {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(&*utf8(b"\xEF\xBB\xBF{}"), b"{}");
        assert!(matches!(utf8(b"{}"), Cow::Borrowed(_)));
    }

    #[test]
    fn utf16_with_and_without_bom_in_both_orders() {
        let text = "{\"a\": \"é😀\"}\n";
        for little in [true, false] {
            for bom in [true, false] {
                assert_eq!(
                    &*utf8(&utf16(text, little, bom)),
                    text.as_bytes(),
                    "{little} {bom}"
                );
            }
        }
    }

    #[test]
    fn broken_utf16_becomes_replacement_characters() {
        let mut bytes = utf16("{}", true, true);
        bytes.extend_from_slice(&[0x00, 0xD8]); // an unpaired high surrogate
        bytes.push(b'x'); // an odd last byte
        assert_eq!(String::from_utf8_lossy(&utf8(&bytes)), "{}\u{FFFD}\u{FFFD}");
    }

    #[test]
    fn columns_count_characters() {
        let text = "ab\n\"é😀\" x".as_bytes();
        // `x` is byte 10 of line 2 and character 6; the emoji ends at byte 7.
        assert_eq!(char_column(text, 2, 10), 6);
        assert_eq!(char_column(text, 2, 7), 3);
        assert_eq!(char_column(text, 1, 2), 2);
        assert_eq!(char_column(text, 7, 3), 3);
    }
}
