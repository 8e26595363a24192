//! Parsing `WWW-Authenticate` header values into `Digest` challenges.

/// One `Digest` challenge from a `WWW-Authenticate` header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DigestChallenge {
    /// `realm` parameter (empty if absent).
    pub realm: String,
    /// `nonce` parameter (empty if absent).
    pub nonce: String,
    /// `opaque` parameter, if present.
    pub opaque: Option<String>,
    /// `algorithm` parameter exactly as sent, if present.
    pub algorithm: Option<String>,
    /// The qop values offered (`qop="auth,auth-int"` gives two entries); empty if absent.
    pub qop: Vec<String>,
}

/// Parses every `Digest` challenge in a `WWW-Authenticate` header value.
///
/// The value may hold several challenges of any scheme (`Basic realm="x", Digest …`);
/// only the `Digest` ones are returned, in order. Parameter names are
/// case-insensitive and values may be tokens or quoted strings.
pub fn parse_digest_challenges(header_value: &str) -> Vec<DigestChallenge> {
    // Each challenge: (scheme, params).
    let mut challenges: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for piece in split_outside_quotes(header_value) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        let first_break = piece.find(|c: char| c == '=' || c.is_ascii_whitespace());
        let starts_challenge = match first_break {
            None => true,
            Some(at) => !piece[at..].trim_start().starts_with('='),
        };
        let param_text = if starts_challenge {
            let (scheme, rest) = match first_break {
                None => (piece, ""),
                Some(at) => (&piece[..at], piece[at..].trim_start()),
            };
            challenges.push((scheme.to_string(), Vec::new()));
            rest
        } else {
            piece
        };
        if param_text.is_empty() {
            continue;
        }
        if let (Some(current), Some((name, value))) =
            (challenges.last_mut(), parse_param(param_text))
        {
            current.1.push((name, value));
        }
    }

    challenges
        .into_iter()
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("Digest"))
        .map(|(_, params)| {
            let mut challenge = DigestChallenge::default();
            for (name, value) in params {
                match name.to_ascii_lowercase().as_str() {
                    "realm" => challenge.realm = value,
                    "nonce" => challenge.nonce = value,
                    "opaque" => challenge.opaque = Some(value),
                    "algorithm" => challenge.algorithm = Some(value),
                    "qop" => {
                        challenge.qop = value
                            .split(',')
                            .map(str::trim)
                            .filter(|q| !q.is_empty())
                            .map(str::to_string)
                            .collect();
                    }
                    _ => {}
                }
            }
            challenge
        })
        .collect()
}

/// Splits on commas that are not inside a quoted string.
fn split_outside_quotes(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut in_quotes = false;
    let mut escaped = false;
    for (index, c) in text.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' if in_quotes => escaped = true,
            '"' => in_quotes = !in_quotes,
            ',' if !in_quotes => {
                pieces.push(&text[start..index]);
                start = index + 1;
            }
            _ => {}
        }
    }
    pieces.push(&text[start..]);
    pieces
}

/// Parses `name=value` or `name="quoted \" value"`.
fn parse_param(text: &str) -> Option<(String, String)> {
    let (name, value) = text.split_once('=')?;
    let name = name.trim();
    if name.is_empty() {
        return None;
    }
    let value = value.trim();
    let value = match value.strip_prefix('"') {
        Some(quoted) => {
            let mut out = String::new();
            let mut chars = quoted.chars();
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(next) = chars.next() {
                            out.push(next);
                        }
                    }
                    '"' => break,
                    _ => out.push(c),
                }
            }
            out
        }
        None => value.to_string(),
    };
    Some((name.to_string(), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc2617_challenge() {
        let challenges = parse_digest_challenges(
            "Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\", \
             nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", \
             opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
        );
        assert_eq!(
            challenges,
            vec![DigestChallenge {
                realm: "testrealm@host.com".into(),
                nonce: "dcd98b7102dd2f0e8b11d0f600bfb0c093".into(),
                opaque: Some("5ccc069c403ebaf9f0171e9517f40e41".into()),
                algorithm: None,
                qop: vec!["auth".into(), "auth-int".into()],
            }]
        );
    }

    #[test]
    fn parses_several_challenges_and_skips_other_schemes() {
        let challenges = parse_digest_challenges(
            "Basic realm=\"a, b\", DIGEST REALM=\"r\\\"x\", NONCE=n1, algorithm=SHA-256, \
             Digest realm=\"r\", nonce=\"n2\", algorithm=MD5, Bearer",
        );
        assert_eq!(challenges.len(), 2);
        assert_eq!(challenges[0].realm, "r\"x");
        assert_eq!(challenges[0].nonce, "n1");
        assert_eq!(challenges[0].algorithm.as_deref(), Some("SHA-256"));
        assert!(challenges[0].qop.is_empty());
        assert_eq!(challenges[1].nonce, "n2");
        assert_eq!(challenges[1].algorithm.as_deref(), Some("MD5"));
    }

    #[test]
    fn garbage_challenge_does_not_panic() {
        for text in [
            "",
            ",,,",
            "Digest",
            "Digest =",
            "\"",
            "Digest realm=\"unterminated",
            "é=ü, Dîgest x",
        ] {
            let _ = parse_digest_challenges(text);
        }
        assert_eq!(parse_digest_challenges("Digest").len(), 1);
    }
}
