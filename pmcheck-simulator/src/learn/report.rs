//! What learning took from where, and what it could not use.

use std::collections::BTreeMap;
use std::fmt;

use crate::fixture::IdentityProvider;

/// What [`crate::Fixture::learn`] learned from which examples.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LearnReport {
    /// Collections read.
    pub collections: usize,
    /// Saved examples met.
    pub examples: usize,
    /// Saved examples of the IDCS endpoints (authenticate, token, session).
    pub idcs_examples: usize,
    /// The message text learned per `messages` key.
    pub messages: BTreeMap<String, Learned>,
    /// The identity providers learned (`IDP.configuredIDPs`), in first-seen order.
    pub identity_providers: Vec<IdentityProvider>,
    /// The MFA enrollment menu learned (factor names in order).
    pub enrollment_factors: Option<Learned>,
    /// The account-recovery enrollment menu learned (factor names in order).
    pub recovery_factors: Option<Learned>,
    /// `mfaSettings.enrollmentRequired` values of the recorded enrollment menus:
    /// (`true` count, `false` count).
    pub enrollment_required: (usize, usize),
    /// Where the recordings disagreed (the most frequent value was kept).
    pub conflicts: Vec<Conflict>,
    /// Recorded values that taught nothing, with why.
    pub skipped: Vec<Skipped>,
}

/// A learned value and the examples it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    /// The value (a message text with `{name}` placeholders, or a comma-separated menu).
    pub value: String,
    /// How many examples showed it.
    pub count: usize,
    /// The first example showing it.
    pub source: String,
}

/// Two different recorded values for one thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// What: a `messages` key, `enrollment_factors`, `recovery_factors` or an idpId.
    pub what: String,
    /// The value kept (the most frequent, the first seen on a tie).
    pub kept: Learned,
    /// A value not kept.
    pub other: Learned,
}

/// A recorded value learning could not use.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// The code (or the field) recorded.
    pub what: String,
    /// The example.
    pub source: String,
    /// Why it was not learned.
    pub reason: String,
}

impl fmt::Display for LearnReport {
    /// A summary: counts, the codes learned, conflicts and what was skipped.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "learned from {} collection(s): {} saved example(s), {} of IDCS endpoints",
            self.collections, self.examples, self.idcs_examples
        )?;
        let keys: Vec<String> = self
            .messages
            .iter()
            .map(|(key, l)| format!("{key} ({}x)", l.count))
            .collect();
        writeln!(f, "  messages: {} [{}]", keys.len(), keys.join(", "))?;
        let idps: Vec<&str> = self
            .identity_providers
            .iter()
            .map(|p| p.name.as_str())
            .collect();
        writeln!(
            f,
            "  identity providers: {} [{}]",
            idps.len(),
            idps.join(", ")
        )?;
        for (label, menu) in [
            ("enrollment menu", &self.enrollment_factors),
            ("recovery menu", &self.recovery_factors),
        ] {
            match menu {
                Some(l) => writeln!(f, "  {label}: {} ({}x)", l.value, l.count)?,
                None => writeln!(f, "  {label}: not recorded (kept)")?,
            }
        }
        let (required, optional) = self.enrollment_required;
        writeln!(
            f,
            "  mfaSettings.enrollmentRequired: true {required}x, false {optional}x (decided per user)"
        )?;
        for c in &self.conflicts {
            writeln!(
                f,
                "  conflict {}: kept {:?} ({}x, {}), not {:?} ({}x, {})",
                c.what,
                c.kept.value,
                c.kept.count,
                c.kept.source,
                c.other.value,
                c.other.count,
                c.other.source
            )?;
        }
        for s in &self.skipped {
            writeln!(f, "  not learned {} ({}): {}", s.what, s.source, s.reason)?;
        }
        Ok(())
    }
}
