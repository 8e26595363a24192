//! The forms of a secret looked for as they are: the value itself, its base64, and, for a
//! secret holding `%`, the `url` crate's query encoding (every other encoding is undone by
//! a decoded view before looking, see `views`).

use base64::Engine;
use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};

/// The characters the `url` crate percent-encodes in a query (of a special scheme). It
/// leaves `%` as it is, so such a secret followed by hex digits (`<%` as `%3C%` before
/// `00`) does not decode back to itself: that form is looked for as it is.
const URL_QUERY: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'\'')
    .add(b'<')
    .add(b'>');

/// Secrets at least this long (in bytes) are also masked in base64.
pub(super) const MIN_BASE64_SECRET: usize = 6;

/// `value` and, when long enough, the base64 characters that only it determines at each
/// of the three byte alignments (so that it is masked inside a longer base64 text, such as
/// `Basic` credentials), in the standard and the URL-safe alphabet.
pub(super) fn forms(value: &str, out: &mut Vec<String>) {
    out.push(value.to_string());
    if value.contains('%') {
        let query = utf8_percent_encode(value, URL_QUERY).to_string();
        if query != value {
            out.push(query);
        }
    }
    let len = value.len();
    if len < MIN_BASE64_SECRET {
        return;
    }
    for align in 0..3 {
        let mut bytes = vec![0u8; align];
        bytes.extend_from_slice(value.as_bytes());
        let text = base64::engine::general_purpose::STANDARD_NO_PAD.encode(&bytes);
        // Character i holds bits 6i..6i+6 of the bytes; the secret's are 8·align.. .
        let first = (8 * align).div_ceil(6);
        let end = (8 * (align + len)) / 6;
        let Some(part) = text.get(first..end) else {
            continue;
        };
        let url_safe = part.replace('+', "-").replace('/', "_");
        if url_safe != part {
            out.push(url_safe);
        }
        out.push(part.to_string());
    }
}
