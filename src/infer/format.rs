//! The string formats inference recognises, each checked strictly (a format is only
//! written when every sample has it, so a checker that validates formats accepts them).

/// A JSON Schema `format` of strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// RFC 3339 date and time (`2024-02-29T12:30:00Z`).
    DateTime,
    /// RFC 4122 textual UUID (`123e4567-e89b-12d3-a456-426614174000`).
    Uuid,
    /// An e-mail address (`name@example.com`).
    Email,
    /// An absolute URI with a scheme and a host (`https://example.com/a`).
    Uri,
}

impl Format {
    /// Every format, in the order a string is tested (the first that matches all samples
    /// is written).
    pub const ALL: [Format; 4] = [Format::DateTime, Format::Uuid, Format::Email, Format::Uri];

    /// The keyword's value.
    pub fn name(self) -> &'static str {
        match self {
            Format::DateTime => "date-time",
            Format::Uuid => "uuid",
            Format::Email => "email",
            Format::Uri => "uri",
        }
    }

    /// True when `s` has this format.
    pub fn matches(self, s: &str) -> bool {
        match self {
            Format::DateTime => is_date_time(s),
            Format::Uuid => is_uuid(s),
            Format::Email => is_email(s),
            Format::Uri => is_uri(s),
        }
    }
}

/// `n` ASCII digits at `b[at..]`, as a number.
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let part = b.get(at..at + n)?;
    part.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// RFC 3339 `date-time`: `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`.
fn is_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(year), Some(month), Some(day)) = (digits(b, 0, 4), digits(b, 5, 2), digits(b, 8, 2))
    else {
        return false;
    };
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b't'))
    {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    let (Some(hour), Some(minute), Some(second)) =
        (digits(b, 11, 2), digits(b, 14, 2), digits(b, 17, 2))
    else {
        return false;
    };
    if b.get(13) != Some(&b':') || b.get(16) != Some(&b':') {
        return false;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return false;
    }
    let mut i = 19;
    if b.get(i) == Some(&b'.') {
        let start = i + 1;
        i = start;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        if i == start {
            return false;
        }
    }
    match b.get(i) {
        Some(b'Z' | b'z') => i + 1 == b.len(),
        Some(b'+' | b'-') => {
            let (Some(h), Some(m)) = (digits(b, i + 1, 2), digits(b, i + 4, 2)) else {
                return false;
            };
            b.get(i + 3) == Some(&b':') && h <= 23 && m <= 59 && i + 6 == b.len()
        }
        _ => false,
    }
}

/// `8-4-4-4-12` hexadecimal digits.
fn is_uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// A dot-atom local part, `@`, and a domain of at least two LDH labels.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    const LOCAL: &[u8] = b"!#$%&'*+/=?^_`{|}~-";
    let local_ok = !local.is_empty()
        && local.len() <= 64
        && local.split('.').all(|atom| {
            !atom.is_empty()
                && atom
                    .bytes()
                    .all(|c| c.is_ascii_alphanumeric() || LOCAL.contains(&c))
        });
    local_ok && is_domain(domain)
}

/// Two or more labels of letters, digits and inner hyphens; the last is not all digits.
fn is_domain(d: &str) -> bool {
    let labels: Vec<&str> = d.split('.').collect();
    labels.len() >= 2
        && d.len() <= 253
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-')
        })
        && labels
            .last()
            .is_some_and(|l| !l.bytes().all(|c| c.is_ascii_digit()))
}

/// `scheme://authority…`: an absolute URI with a host, no spaces or controls.
fn is_uri(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme
        .bytes()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    scheme_ok
        && s.bytes().all(|c| c.is_ascii_graphic())
        && url::Url::parse(s).is_ok_and(|u| u.host_str().is_some_and(|h| !h.is_empty()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_format_accepts_and_refuses() {
        let cases: [(Format, &[&str], &[&str]); 4] = [
            (
                Format::DateTime,
                &[
                    "2024-02-29T12:30:00Z",
                    "1999-12-31t23:59:60.5-08:00",
                    "2020-01-01T00:00:00.000+00:00",
                ],
                &[
                    "2023-02-29T00:00:00Z",
                    "2024-01-01 00:00:00Z",
                    "2024-01-01T00:00:00",
                    "2024-01-01",
                    "2024-01-01T24:00:00Z",
                    "2024-01-01T00:00:00.Z",
                ],
            ),
            (
                Format::Uuid,
                &[
                    "123e4567-e89b-12d3-a456-426614174000",
                    "ABCDEF00-0000-0000-0000-000000000000",
                ],
                &[
                    "123e4567e89b12d3a456426614174000",
                    "123e4567-e89b-12d3-a456-42661417400g",
                    "015e1f00000000000000000000000000",
                ],
            ),
            (
                Format::Email,
                &[
                    "alice.nomfa@example.com",
                    "a+b@x.io",
                    "o'neil@sub.example.co.uk",
                ],
                &[
                    "155XXXXX555",
                    "@example.com",
                    "a@b",
                    "a..b@example.com",
                    "a b@example.com",
                    "a@-x.com",
                    "a@1.2.3.4",
                ],
            ),
            (
                Format::Uri,
                &[
                    "https://app.example.com/callback",
                    "http://127.0.0.1:8080/admin/v1/Users/1",
                ],
                &[
                    "mailto:a@b.com",
                    "/sso/v1",
                    "https://",
                    "https://a b.com",
                    "otpauth:totp",
                ],
            ),
        ];
        for (format, good, bad) in cases {
            for s in good {
                assert!(format.matches(s), "{} refused {s:?}", format.name());
            }
            for s in bad {
                assert!(!format.matches(s), "{} accepted {s:?}", format.name());
            }
        }
    }
}
