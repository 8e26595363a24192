//! Which statuses a request may answer with.

use std::fmt;

/// A status code or class: `401`, `4xx`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum StatusPattern {
    /// One status code.
    Code(u16),
    /// A class: `2` for `2xx`.
    Class(u8),
}

impl StatusPattern {
    /// Parses `401`, `4xx` or `4XX`.
    pub fn parse(s: &str) -> Option<StatusPattern> {
        let s = s.trim();
        if let Some(d) = s.strip_suffix("xx").or_else(|| s.strip_suffix("XX")) {
            let d: u8 = d.parse().ok()?;
            return (1..=5).contains(&d).then_some(StatusPattern::Class(d));
        }
        let code: u16 = s.parse().ok()?;
        (100..=599)
            .contains(&code)
            .then_some(StatusPattern::Code(code))
    }

    /// True if `status` matches.
    pub fn matches(self, status: u16) -> bool {
        match self {
            StatusPattern::Code(c) => c == status,
            StatusPattern::Class(d) => status / 100 == u16::from(d),
        }
    }
}

impl fmt::Display for StatusPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StatusPattern::Code(c) => write!(f, "{c}"),
            StatusPattern::Class(d) => write!(f, "{d}xx"),
        }
    }
}

/// Where an expectation came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExpectationSource {
    /// A sidecar rule.
    Sidecar,
    /// The codes of the request's saved examples.
    Examples,
    /// Nothing said: anything but 5xx.
    Default,
}

/// The statuses a request may answer with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expectation {
    /// Allowed statuses (empty with [`ExpectationSource::Default`]: anything but 5xx).
    pub allowed: Vec<StatusPattern>,
    /// Where they came from.
    pub source: ExpectationSource,
}

impl Expectation {
    /// From a sidecar's list if given, else from the saved examples' codes, else "not 5xx".
    pub fn derive(
        sidecar: Option<&[StatusPattern]>,
        example_codes: impl Iterator<Item = u16>,
    ) -> Self {
        if let Some(list) = sidecar {
            return Expectation {
                allowed: list.to_vec(),
                source: ExpectationSource::Sidecar,
            };
        }
        let mut codes: Vec<StatusPattern> = example_codes.map(StatusPattern::Code).collect();
        codes.sort();
        codes.dedup();
        if codes.is_empty() {
            Expectation {
                allowed: Vec::new(),
                source: ExpectationSource::Default,
            }
        } else {
            Expectation {
                allowed: codes,
                source: ExpectationSource::Examples,
            }
        }
    }

    /// True if `status` is allowed.
    pub fn allows(&self, status: u16) -> bool {
        match self.source {
            ExpectationSource::Default => status < 500,
            _ => self.allowed.iter().any(|p| p.matches(status)),
        }
    }
}

impl ExpectationSource {
    /// The source's name in reports: `sidecar`, `examples` or `default`.
    pub fn name(self) -> &'static str {
        match self {
            ExpectationSource::Sidecar => "sidecar",
            ExpectationSource::Examples => "examples",
            ExpectationSource::Default => "default",
        }
    }
}

/// Writes allowed statuses and their source: `200 or 401 (saved examples)`.
pub(super) fn write_allowed(
    f: &mut fmt::Formatter<'_>,
    allowed: &[StatusPattern],
    source: ExpectationSource,
) -> fmt::Result {
    if source == ExpectationSource::Default {
        return f.write_str("any status but 5xx");
    }
    let list: Vec<String> = allowed.iter().map(ToString::to_string).collect();
    write!(f, "{}", list.join(" or "))?;
    match source {
        ExpectationSource::Sidecar => f.write_str(" (sidecar)"),
        ExpectationSource::Examples => f.write_str(" (saved examples)"),
        ExpectationSource::Default => Ok(()),
    }
}

impl fmt::Display for Expectation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_allowed(f, &self.allowed, self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_and_derivation() {
        assert_eq!(StatusPattern::parse("4xx"), Some(StatusPattern::Class(4)));
        assert_eq!(StatusPattern::parse("401"), Some(StatusPattern::Code(401)));
        assert_eq!(StatusPattern::parse("9xx"), None);
        assert_eq!(StatusPattern::parse("42"), None);
        let e = Expectation::derive(None, [401, 200, 200].into_iter());
        assert_eq!(
            e.allowed,
            vec![StatusPattern::Code(200), StatusPattern::Code(401)]
        );
        assert!(e.allows(401) && !e.allows(400));
        assert_eq!(e.to_string(), "200 or 401 (saved examples)");
        let d = Expectation::derive(None, std::iter::empty());
        assert!(d.allows(404) && !d.allows(503));
        let s = Expectation::derive(Some(&[StatusPattern::Class(4)]), [200].into_iter());
        assert!(s.allows(422) && !s.allows(200));
    }
}
