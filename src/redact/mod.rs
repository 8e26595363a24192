//! Masking secrets before anything leaves the process: secret values in every form they
//! travel in (as they are, JSON-, JavaScript- and XML-escaped, percent-encoded both ways,
//! in base64, cut short by a message), credentials in URLs, sensitive headers, and
//! sensitive fields of JSON, form and multipart bodies.

mod cache;
mod fields;
mod forms;
mod mask;
mod matcher;
mod names;
mod views;

use std::sync::Arc;

use matcher::Matcher;

pub(crate) use cache::RedactorCache;
pub(crate) use fields::{masked_fields, sensitive_values};
pub use names::is_sensitive_name;

pub use mask::MASK;

/// Texts longer than this are decoded in windows of this size (and the reach of the
/// longest secret past them), so that their decoded views stay small.
const WINDOW: usize = 64 * 1024;

/// How many times longer than itself a secret may be once encoded (`A` as `%5Cu0041`).
const MAX_EXPANSION: usize = 9;

/// Masks known secret values and credential-bearing fields.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// The secrets, in groups found together (the run's, then what one result adds).
    layers: Vec<Arc<Matcher>>,
}

impl Redactor {
    /// A redactor for these secret values (empty ones are ignored).
    pub fn new(values: impl IntoIterator<Item = String>) -> Self {
        let matcher = Matcher::new(values);
        Redactor {
            layers: if matcher.is_empty() {
                Vec::new()
            } else {
                vec![Arc::new(matcher)]
            },
        }
    }

    /// This redactor and also `values`; `None` when it knows them all already.
    pub fn with(&self, values: impl IntoIterator<Item = String>) -> Option<Self> {
        let new: Vec<String> = values
            .into_iter()
            .filter(|v| !v.is_empty() && !self.layers.iter().any(|l| l.knows(v)))
            .collect();
        if new.is_empty() {
            return None;
        }
        let mut layers = self.layers.clone();
        layers.push(Arc::new(Matcher::new(new)));
        Some(Redactor { layers })
    }

    /// How far past a cut a secret that starts before it may reach, in any form.
    pub fn reach(&self) -> usize {
        let longest = self.layers.iter().map(|l| l.longest()).max().unwrap_or(0);
        longest.saturating_mul(MAX_EXPANSION)
    }

    /// The ranges of `hay` to mask, sorted and merged: each form of each secret, in `hay`
    /// and in each of its decoded views, and the passwords of URLs.
    fn ranges(&self, hay: &[u8]) -> Vec<(usize, usize)> {
        let mut ranges = Vec::new();
        let mut push = |s: usize, e: usize| ranges.push((s, e));
        url_passwords(hay, &mut push);
        for layer in &self.layers {
            layer.find(hay, &mut push);
        }
        if !self.layers.is_empty() {
            // Windows overlap by the reach, so that every secret lies wholly in one.
            let reach = self.reach();
            let step = WINDOW.max(reach);
            let mut start = 0;
            while start < hay.len() {
                let end = hay.len().min(start.saturating_add(step).saturating_add(reach));
                views::each_view(&hay[start..end], |view| {
                    let mut back = |s: usize, e: usize| {
                        let (a, b) = view.source_range(s, e);
                        push(start + a, start + b);
                    };
                    url_passwords(&view.bytes, &mut back);
                    for layer in &self.layers {
                        layer.find(&view.bytes, &mut back);
                    }
                });
                start = start.saturating_add(step);
            }
        }
        merge(ranges)
    }

    /// Replaces every occurrence of a secret value, in any of its forms.
    pub fn text(&self, s: &str) -> String {
        let ranges = self.ranges(s.as_bytes());
        if ranges.is_empty() {
            return s.to_string();
        }
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for (mut start, mut end) in ranges {
            // A range found in a decoded view may end inside a character of the text.
            while !s.is_char_boundary(start) {
                start -= 1;
            }
            while !s.is_char_boundary(end) {
                end += 1;
            }
            if start < at {
                start = at;
            }
            out.push_str(&s[at..start]);
            if end > start {
                out.push_str(MASK);
            }
            at = at.max(end);
        }
        out.push_str(&s[at..]);
        out
    }

    /// Masks secret values in bytes that are not text.
    pub fn bytes(&self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut at = 0;
        for (start, end) in self.ranges(bytes) {
            out.extend_from_slice(&bytes[at..start]);
            out.extend_from_slice(MASK.as_bytes());
            at = end;
        }
        out.extend_from_slice(&bytes[at..]);
        out
    }

    /// Masks a URL: the password of its user info, query parameters with sensitive
    /// names, and secret values anywhere.
    pub fn url(&self, url: &str) -> String {
        let mut u = url.to_string();
        if let Some(q) = u.find('?') {
            let (head, query) = u.split_at(q + 1);
            let (query, frag) = match query.find('#') {
                Some(h) => query.split_at(h),
                None => (query, ""),
            };
            let masked: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((k, v)) if is_sensitive_name(k) && !v.is_empty() => format!("{k}={MASK}"),
                    _ => p.to_string(),
                })
                .collect();
            u = format!("{head}{}{frag}", masked.join("&"));
        }
        self.text(&u)
    }

    /// Masks a header value: credentials headers keep only their scheme (`Bearer ***`).
    pub fn header(&self, name: &str, value: &str) -> String {
        let lower = name.to_ascii_lowercase();
        if names::SECRET_HEADERS.contains(&lower.as_str()) || is_sensitive_name(&lower) {
            return match value.split_once(' ') {
                Some((scheme, _)) if lower.ends_with("authorization") => format!("{scheme} {MASK}"),
                _ => MASK.to_string(),
            };
        }
        self.text(value)
    }

    /// Masks a line of pretty-printed JSON: the value of a member with a sensitive name
    /// (`"password": "p",` → `"password": "***",`), and secret values anywhere.
    pub fn json_line(&self, line: &str) -> String {
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        if let Some((key, value)) = fields::split_member(trimmed)
            && is_sensitive_name(&key)
            && !value.starts_with(['{', '['])
            && !fields::is_shape_marker(value.trim_end_matches(','))
        {
            let comma = if value.ends_with(',') { "," } else { "" };
            let quoted = &trimmed[..trimmed.len() - value.len()];
            return self.text(&format!("{indent}{quoted}\"{MASK}\"{comma}"));
        }
        self.text(line)
    }

    /// Masks the lines of a pretty-printed JSON diff: each as [`Redactor::json_line`] does,
    /// and the scalar items of a list of secrets (`refresh_tokens`, whose opening line the
    /// diff shows), as a body's are masked.
    pub fn json_lines<'a>(&self, lines: impl IntoIterator<Item = &'a mut String>) {
        // For each container open at the line: whether it is such an array.
        let mut open: Vec<bool> = Vec::new();
        for line in lines {
            let trimmed = line.trim();
            if trimmed.starts_with([']', '}']) {
                open.pop();
            }
            let opens = trimmed.trim_end_matches(',').ends_with(['[', '{']);
            let item = trimmed.trim_end_matches(',');
            let masked = if open.last() == Some(&true)
                && !opens
                && !item.starts_with([']', '}'])
                && !fields::is_shape_marker(item)
            {
                let indent = &line[..line.len() - line.trim_start().len()];
                let comma = if trimmed.ends_with(',') { "," } else { "" };
                format!("{indent}\"{MASK}\"{comma}")
            } else {
                self.json_line(line)
            };
            if opens {
                let sensitive = trimmed.ends_with('[')
                    && fields::split_member(trimmed)
                        .is_some_and(|(k, _)| names::is_secret_list_name(&k));
                open.push(sensitive);
            }
            *line = masked;
        }
    }

    /// Masks a body: fields with sensitive names (of JSON, forms and multipart bodies),
    /// and secret values anywhere.
    pub fn body(&self, body: &str) -> String {
        match fields::masked_fields(body) {
            Some(masked) => self.text(&masked),
            None => self.text(body),
        }
    }
}

/// Sorted ranges, those that overlap or touch made one.
fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// Calls `found` with the range of the password of every URL in `hay`
/// (`scheme://user:PASSWORD@host`).
fn url_passwords(hay: &[u8], found: &mut impl FnMut(usize, usize)) {
    let mut at = 0;
    while let Some(i) = hay[at..].windows(3).position(|w| w == b"://") {
        let start = at + i + 3;
        let end = hay[start..]
            .iter()
            .position(|&b| {
                matches!(b, b'/' | b'?' | b'#' | b'"' | b'\'' | b'<' | b'>' | b'`')
                    || b.is_ascii_whitespace()
            })
            .map_or(hay.len(), |e| start + e);
        let authority = &hay[start..end];
        if let Some(at_sign) = authority.iter().rposition(|&b| b == b'@')
            && let Some(colon) = authority[..at_sign].iter().position(|&b| b == b':')
            && colon + 1 < at_sign
        {
            found(start + colon + 1, start + at_sign);
        }
        at = start;
    }
}

/// A part of a case result that may quote a secret. Every type of a result implements
/// it by naming each of its fields (no `..`), so a field added later does not compile
/// until its masking is decided.
pub(crate) trait Redact {
    /// Masks every secret `r` knows in `self`.
    fn redact(&mut self, r: &Redactor);
}

impl Redact for String {
    fn redact(&mut self, r: &Redactor) {
        *self = r.text(self);
    }
}

impl<T: Redact> Redact for Option<T> {
    fn redact(&mut self, r: &Redactor) {
        if let Some(v) = self {
            v.redact(r);
        }
    }
}

impl<T: Redact> Redact for Vec<T> {
    fn redact(&mut self, r: &Redactor) {
        for v in self {
            v.redact(r);
        }
    }
}

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
