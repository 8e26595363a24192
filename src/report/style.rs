//! Coloured text built once and rendered plain or with ANSI escapes at the edge.

/// A colour role, mapped to an ANSI code only when rendering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Default text.
    Plain,
    /// Success.
    Good,
    /// Failure.
    Bad,
    /// Warning.
    Warn,
    /// De-emphasised detail.
    Dim,
    /// Emphasis.
    Bold,
}

impl Style {
    fn ansi(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Good => "\x1b[32m",
            Style::Bad => "\x1b[31m",
            Style::Warn => "\x1b[33m",
            Style::Dim => "\x1b[2m",
            Style::Bold => "\x1b[1m",
        }
    }
}

/// A line of styled spans.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Styled {
    spans: Vec<(Style, String)>,
}

impl Styled {
    /// An empty line.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends a span.
    pub fn push(mut self, style: Style, text: impl Into<String>) -> Self {
        self.spans.push((style, text.into()));
        self
    }

    /// Appends the spans of `other`.
    pub fn append(mut self, other: Styled) -> Self {
        self.spans.extend(other.spans);
        self
    }

    /// Renders with ANSI colours when `color` is set, plain otherwise.
    pub fn render(&self, color: bool) -> String {
        self.render_with(color, false)
    }

    /// Renders with ANSI colours when `color` is set, and with ASCII in place of the
    /// report's symbols (`✓ ✗ › → …` and the console frame) when `ascii` is set
    /// (`--disable-unicode`).
    pub fn render_with(&self, color: bool, ascii: bool) -> String {
        let mut out = String::new();
        for (style, text) in &self.spans {
            let text = if ascii {
                std::borrow::Cow::Owned(to_ascii(text))
            } else {
                std::borrow::Cow::Borrowed(text.as_str())
            };
            if color && *style != Style::Plain {
                out.push_str(style.ansi());
                out.push_str(&text);
                out.push_str("\x1b[0m");
            } else {
                out.push_str(&text);
            }
        }
        out
    }
}

/// The report's symbols and their ASCII stand-ins.
const ASCII: [(char, &str); 11] = [
    ('✓', "ok"),
    ('✗', "x"),
    ('›', ">"),
    ('→', "->"),
    ('…', "..."),
    ('—', "-"),
    ('│', "|"),
    ('┌', "+"),
    ('└', "+"),
    ('↑', "^"),
    ('↓', "v"),
];

/// `text` with each of the report's symbols replaced by its ASCII stand-in.
pub fn to_ascii(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match ASCII.iter().find(|(u, _)| *u == c) {
            Some((_, a)) => out.push_str(a),
            None => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_plain_and_ansi() {
        let s = Styled::new()
            .push(Style::Good, "ok")
            .push(Style::Plain, " done");
        assert_eq!(s.render(false), "ok done");
        assert_eq!(s.render(true), "\x1b[32mok\x1b[0m done");
    }

    #[test]
    fn ascii_replaces_every_symbol() {
        let s = Styled::new()
            .push(Style::Good, "✓ a › b")
            .push(Style::Plain, " → c …");
        assert_eq!(s.render_with(false, true), "ok a > b -> c ...");
        assert_eq!(
            s.render_with(true, true),
            "\x1b[32mok a > b\x1b[0m -> c ..."
        );
        for (symbol, _) in ASCII {
            assert!(to_ascii(&symbol.to_string()).is_ascii(), "{symbol}");
        }
    }
}
