//! Learning a tenant profile from exported collections with saved examples: each cause's
//! message text (keyed as the catalogue rewords it), the identity providers offered and
//! the enrollment menus. See docs/simulator.md, "Learning a tenant profile".

mod cause;
mod example;
mod report;

pub use report::{Conflict, LearnReport, Learned, Skipped};

use std::collections::BTreeMap;

use serde_json::Value;

use self::cause::{Recognized, oauth_key, recognize, template};
use self::example::{Recorded, Walk, walk};
use crate::error::SimulatorError;
use crate::fixture::{Factor, Fixture, IdentityProvider};

/// Recorded values of one thing, counted, in first-seen order.
#[derive(Debug, Default)]
struct Tally(Vec<Learned>);

impl Tally {
    fn add(&mut self, value: String, source: &str) {
        match self.0.iter_mut().find(|l| l.value == value) {
            Some(l) => l.count += 1,
            None => self.0.push(Learned {
                value,
                count: 1,
                source: source.to_string(),
            }),
        }
    }

    /// The most frequent value (the first seen on a tie); the others become conflicts.
    fn decide(self, what: &str, conflicts: &mut Vec<Conflict>) -> Option<Learned> {
        let mut values = self.0;
        let best = (0..values.len()).rev().max_by_key(|&i| values[i].count)?;
        let kept = values.remove(best);
        conflicts.extend(values.into_iter().map(|other| Conflict {
            what: what.to_string(),
            kept: kept.clone(),
            other,
        }));
        Some(kept)
    }
}

/// What the walk over the examples gathered, before deciding.
#[derive(Default)]
struct Gathered {
    messages: BTreeMap<String, Tally>,
    enrollment: Tally,
    recovery: Tally,
    providers: Vec<IdentityProvider>,
    report: LearnReport,
}

impl Fixture {
    /// Learns from `collections` (a name for the report, the collection JSON) what their
    /// saved examples of the IDCS endpoints show the tenant decides, and makes this
    /// fixture decide the same: `messages`, `identity_providers`, `enrollment_factors`,
    /// `recovery_factors`. Anything not recorded stays as it was; on an error (a document
    /// that is not a v2 collection, a learned fixture that is inconsistent) nothing changes.
    pub fn learn(
        &mut self,
        collections: &[(String, Value)],
    ) -> Result<LearnReport, SimulatorError> {
        let mut walked = Walk::default();
        for (name, collection) in collections {
            walk(name, collection, &mut walked).map_err(|message| SimulatorError::Learn {
                collection: name.clone(),
                message,
            })?;
        }
        let mut g = Gathered::default();
        g.report.collections = collections.len();
        g.report.examples = walked.examples;
        g.report.idcs_examples = walked.recorded.len();
        for rec in &walked.recorded {
            if let Some(answer) = rec.answer.as_ref().and_then(Value::as_object) {
                self.gather_causes(rec, answer, &mut g);
                gather_menus(rec, answer, &mut g);
                gather_providers(rec, answer, &mut g);
            }
        }
        let mut learned = self.clone();
        let report = learned.decide(g)?;
        *self = learned;
        Ok(report)
    }

    /// Tallies the text of each `AUTH-…` cause (in `cause[]`, or a top-level `code` and
    /// `message`), and the token endpoint's `error_description`, under the key of the
    /// catalogue cause it is.
    fn gather_causes(
        &self,
        rec: &Recorded,
        answer: &serde_json::Map<String, Value>,
        g: &mut Gathered,
    ) {
        if rec.token
            && let (Some(error), Some(text)) = (
                answer.get("error").and_then(Value::as_str),
                answer.get("error_description").and_then(Value::as_str),
            )
        {
            match oauth_key(error, rec) {
                Ok(key) => g
                    .messages
                    .entry(key)
                    .or_default()
                    .add(text.into(), &rec.source),
                Err(why) => g.report.skipped.push(Skipped {
                    what: error.to_string(),
                    source: rec.source.clone(),
                    reason: why.to_string(),
                }),
            }
        }
        let listed = answer.get("cause").and_then(Value::as_array);
        let top = std::iter::once(answer).filter(|a| a.contains_key("code"));
        let causes = listed
            .into_iter()
            .flatten()
            .filter_map(Value::as_object)
            .chain(top);
        for c in causes {
            let (Some(code), Some(text)) = (
                c.get("code").and_then(Value::as_str),
                c.get("message").and_then(Value::as_str),
            ) else {
                continue;
            };
            if !code.starts_with("AUTH-") {
                continue;
            }
            let skip = |reason: String| Skipped {
                what: code.to_string(),
                source: rec.source.clone(),
                reason,
            };
            let (key, learned) = match recognize(code, rec, self) {
                Recognized::Cause(cause) => (cause.message_key(), template(text, &cause.params())),
                Recognized::Unknown => (code.to_string(), Ok(text.to_string())),
                Recognized::Undetermined(why) => {
                    g.report.skipped.push(skip(why.to_string()));
                    continue;
                }
            };
            match learned {
                Ok(text) => g.messages.entry(key).or_default().add(text, &rec.source),
                Err(why) => g.report.skipped.push(skip(why)),
            }
        }
    }

    /// Applies the decided values to the fixture, which must stay consistent.
    fn decide(&mut self, g: Gathered) -> Result<LearnReport, SimulatorError> {
        let Gathered {
            messages,
            enrollment,
            recovery,
            providers,
            mut report,
        } = g;
        for (key, tally) in messages {
            if let Some(kept) = tally.decide(&key, &mut report.conflicts) {
                self.messages.insert(key.clone(), kept.value.clone());
                report.messages.insert(key, kept);
            }
        }
        report.enrollment_factors = enrollment.decide("enrollment_factors", &mut report.conflicts);
        if let Some(menu) = &report.enrollment_factors {
            self.enrollment_factors = factors(&menu.value);
        }
        report.recovery_factors = recovery.decide("recovery_factors", &mut report.conflicts);
        if let Some(menu) = &report.recovery_factors {
            self.recovery_factors = factors(&menu.value);
        }
        if !providers.is_empty() {
            self.identity_providers = providers.clone();
        }
        report.identity_providers = providers;
        self.check_references().map_err(SimulatorError::Fixture)?;
        Ok(report)
    }
}

/// The factors of a tallied menu (its names were checked when gathered).
fn factors(menu: &str) -> Vec<Factor> {
    menu.split(',').filter_map(Factor::parse).collect()
}

/// Tallies the enrollment menus answered to the password: MFA (`mfaSettings`) and account
/// recovery (`accRecEnrollmentRequired: true`), keeping the factors each menu may hold.
fn gather_menus(rec: &Recorded, answer: &serde_json::Map<String, Value>, g: &mut Gathered) {
    if !rec.submits_password() || rec.op() != Some("credSubmit") {
        return;
    }
    let Some(offered) = answer.get("nextAuthFactors").and_then(Value::as_array) else {
        return;
    };
    let (tally, allowed, what) =
        if answer.get("accRecEnrollmentRequired") == Some(&Value::Bool(true)) {
            (&mut g.recovery, RECOVERY, "recovery_factors")
        } else if let Some(settings) = answer.get("mfaSettings") {
            match settings.get("enrollmentRequired").and_then(Value::as_bool) {
                Some(true) => g.report.enrollment_required.0 += 1,
                Some(false) => g.report.enrollment_required.1 += 1,
                None => {}
            }
            (&mut g.enrollment, ENROLLABLE, "enrollment_factors")
        } else {
            return;
        };
    let mut menu: Vec<&str> = Vec::new();
    for name in offered.iter().filter_map(Value::as_str) {
        match Factor::parse(name).filter(|f| allowed.contains(f)) {
            Some(f) if !menu.contains(&f.as_str()) => menu.push(f.as_str()),
            Some(_) => {}
            None => g.report.skipped.push(Skipped {
                what: what.to_string(),
                source: rec.source.clone(),
                reason: format!("{name} is not a factor the simulator enrolls in this menu"),
            }),
        }
    }
    tally.add(menu.join(","), &rec.source);
}

/// Factors the MFA enrollment menu may offer.
const ENROLLABLE: &[Factor] = &[
    Factor::Push,
    Factor::Totp,
    Factor::Sms,
    Factor::Email,
    Factor::SecurityQuestions,
];

/// Factors the account-recovery menu may offer.
const RECOVERY: &[Factor] = &[Factor::Sms, Factor::SecurityQuestions, Factor::Email];

/// Collects `IDP.configuredIDPs`, once per `idpId`; another name or type for a known id is
/// a conflict (the first seen is kept).
fn gather_providers(rec: &Recorded, answer: &serde_json::Map<String, Value>, g: &mut Gathered) {
    let listed = answer
        .get("IDP")
        .and_then(|idp| idp.get("configuredIDPs"))
        .and_then(Value::as_array);
    for idp in listed.into_iter().flatten() {
        let text = |key| idp.get(key).and_then(Value::as_str).map(str::to_string);
        let (Some(id), Some(name), Some(kind)) = (text("idpId"), text("idpName"), text("idpType"))
        else {
            g.report.skipped.push(Skipped {
                what: "IDP.configuredIDPs".into(),
                source: rec.source.clone(),
                reason: "an entry lacks idpId, idpName or idpType".into(),
            });
            continue;
        };
        let found = IdentityProvider { id, name, kind };
        match g.providers.iter().find(|p| p.id == found.id) {
            None => g.providers.push(found),
            Some(known) if *known == found => {}
            Some(known) => {
                let learned = |p: &IdentityProvider, source: &str| Learned {
                    value: format!("{} ({})", p.name, p.kind),
                    count: 1,
                    source: source.to_string(),
                };
                g.report.conflicts.push(Conflict {
                    what: format!("identity provider {}", known.id),
                    kept: learned(known, "first seen"),
                    other: learned(&found, &rec.source),
                });
            }
        }
    }
}
