//! What was really sent and received.

use std::borrow::Cow;
use std::time::Duration;

/// What was really sent and received for one request.
#[derive(Debug, Clone)]
pub struct Call {
    /// The request as it went out (after digest auth, with default headers and the
    /// `Cookie` header taken from the jar). With a digest retry, the second request.
    pub sent: SentRequest,
    /// The final response (after redirects when they are followed).
    pub response: Response,
    /// How long the final exchange took.
    pub timings: Timings,
}

/// The request as it went out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentRequest {
    /// Method token, as sent.
    pub method: String,
    /// Absolute URL of the first hop.
    pub url: String,
    /// Headers in wire order (repeated names are sent next to each other, at the
    /// position of the first one). Names keep the collection's spelling; `Host` and
    /// `Content-Length`, added by the HTTP layer, are not listed.
    pub headers: Vec<(String, String)>,
    /// Body bytes, if any.
    pub body: Option<Vec<u8>>,
}

/// The final response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Status code.
    pub status: u16,
    /// Canonical reason phrase of the status code (empty for unknown codes).
    pub reason: String,
    /// `HTTP/1.0`, `HTTP/1.1`, `HTTP/2` or `HTTP/3`.
    pub http_version: String,
    /// Headers in received order; names in lower case, values decoded lossily.
    pub headers: Vec<(String, String)>,
    /// Body bytes, decoded from the `Content-Encoding` (`gzip`, `deflate`, `br`) when the
    /// server compressed them; the headers still say how they came.
    pub body: Vec<u8>,
    /// Final URL, after redirects.
    pub url: String,
}

impl Response {
    /// Value of the first header called `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The body as text; invalid UTF-8 is replaced by U+FFFD.
    pub fn body_text(&self) -> Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

/// Durations of the final exchange, measured from the moment it was sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timings {
    /// Until the whole body was read.
    pub total: Duration,
    /// Until the response headers arrived.
    pub headers: Duration,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lookup_is_case_insensitive_and_first_wins() {
        let response = Response {
            status: 200,
            reason: "OK".into(),
            http_version: "HTTP/1.1".into(),
            headers: vec![
                ("set-cookie".into(), "a=1".into()),
                ("Set-Cookie".into(), "b=2".into()),
            ],
            body: vec![b'h', 0xff, b'i'],
            url: "http://x/".into(),
        };
        assert_eq!(response.header("SET-COOKIE"), Some("a=1"));
        assert_eq!(response.header("missing"), None);
        assert_eq!(response.body_text(), "h\u{fffd}i");
    }
}
