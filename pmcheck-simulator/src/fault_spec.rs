//! The fault syntax of the `X-Pmcheck-Fault` header and of fixture fault rules:
//! comma-separated items, any of `500`, `delay=MS`, `reset`, `truncate`, `not-json`,
//! `drop=FIELD`, `retype=FIELD`, `push=deny|timeout|pending`.

use std::time::Duration;

/// How the `push=…` fault answers a push or online-TOTP poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PushFault {
    /// `push=deny`: the user denies it.
    Deny,
    /// `push=timeout`: nobody answered in time.
    Timeout,
    /// `push=pending`: not answered yet.
    Pending,
}

/// A parsed fault list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FaultSpec {
    /// `500`: answer with the injected internal error.
    pub server_error: bool,
    /// `delay=MS`: wait before answering.
    pub delay: Option<Duration>,
    /// `reset`: close the connection without an answer.
    pub reset: bool,
    /// `truncate`: send half the body under a longer `Content-Length`.
    pub truncate: bool,
    /// `not-json`: answer with an HTML page.
    pub not_json: bool,
    /// `drop=FIELD`: top-level fields removed from a JSON answer.
    pub drop: Vec<String>,
    /// `retype=FIELD`: top-level fields of a JSON answer given another JSON type (a string
    /// becomes a number, anything else its JSON text as a string).
    pub retype: Vec<String>,
    /// `push=deny|timeout|pending`: how a push or online-TOTP poll is answered.
    pub push: Option<PushFault>,
}

impl FaultSpec {
    /// Parses `500 | delay=MS | reset | truncate | not-json | drop=FIELD | retype=FIELD |
    /// push=deny|timeout|pending`, comma-separated.
    pub(crate) fn parse(text: &str) -> Result<FaultSpec, String> {
        let mut spec = FaultSpec::default();
        for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            match item {
                "500" => spec.server_error = true,
                "reset" => spec.reset = true,
                "truncate" => spec.truncate = true,
                "not-json" => spec.not_json = true,
                "push=deny" => spec.push = Some(PushFault::Deny),
                "push=timeout" => spec.push = Some(PushFault::Timeout),
                "push=pending" => spec.push = Some(PushFault::Pending),
                other => match (
                    other.strip_prefix("delay=").map(str::parse::<u64>),
                    other.strip_prefix("drop="),
                    other.strip_prefix("retype="),
                ) {
                    (Some(Ok(ms)), _, _) => spec.delay = Some(Duration::from_millis(ms)),
                    (_, Some(field), _) if !field.is_empty() => spec.drop.push(field.to_string()),
                    (_, _, Some(field)) if !field.is_empty() => {
                        spec.retype.push(field.to_string());
                    }
                    _ => {
                        return Err(format!(
                            "unknown fault `{other}`; expected 500, delay=MS, reset, truncate, not-json, drop=FIELD, retype=FIELD or push=deny|timeout|pending"
                        ));
                    }
                },
            }
        }
        Ok(spec)
    }

    /// Adds `other`'s faults (the longer delay wins; a `push=` already set stays).
    pub(crate) fn merge(&mut self, other: FaultSpec) {
        self.server_error |= other.server_error;
        self.reset |= other.reset;
        self.truncate |= other.truncate;
        self.not_json |= other.not_json;
        self.drop.extend(other.drop);
        self.retype.extend(other.retype);
        self.push = self.push.or(other.push);
        self.delay = match (self.delay, other.delay) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
    }

    /// No fault at all.
    pub(crate) fn is_empty(&self) -> bool {
        *self == FaultSpec::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_combine_and_unknown_ones_are_refused() {
        let mut spec = FaultSpec::parse(" 500, delay=20 ,drop=cause,").unwrap();
        assert!(spec.server_error && !spec.reset && !spec.truncate && !spec.not_json);
        assert_eq!(spec.delay, Some(Duration::from_millis(20)));
        assert_eq!(spec.drop, ["cause"]);
        assert_eq!(
            FaultSpec::parse("retype=expires_in").unwrap().retype,
            ["expires_in"]
        );
        assert!(FaultSpec::parse("retype=").is_err());
        spec.merge(FaultSpec::parse("delay=5,reset,truncate,not-json").unwrap());
        assert!(spec.reset && spec.truncate && spec.not_json);
        assert_eq!(
            spec.delay,
            Some(Duration::from_millis(20)),
            "the longer delay wins"
        );
        assert!(FaultSpec::parse("").unwrap().is_empty());
        assert_eq!(
            FaultSpec::parse("push=deny").unwrap().push,
            Some(PushFault::Deny)
        );
        for bad in ["explode", "delay=soon", "drop=", "501", "push=maybe"] {
            let err = FaultSpec::parse(bad).unwrap_err();
            assert!(err.starts_with("unknown fault `"), "{bad}: {err}");
        }
    }
}
