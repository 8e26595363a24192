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

    /// Renders with ANSI colours when `color` is set, plain otherwise.
    pub fn render(&self, color: bool) -> String {
        let mut out = String::new();
        for (style, text) in &self.spans {
            if color && *style != Style::Plain {
                out.push_str(style.ansi());
                out.push_str(text);
                out.push_str("\x1b[0m");
            } else {
                out.push_str(text);
            }
        }
        out
    }
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
}
