//! The security rules around one submission: what it carries into the flow
//! (`keepMeSignedIn`, a `trustToken`, `preferred: true`), the wrong-code limit of a flow,
//! when a pending approval started, and the preferred factor remembered when the flow
//! finishes.

use std::time::Instant;

use super::outcome::{Outcome, bare};
use super::request::Submission;
use super::{Machine, current_factor};
use crate::catalogue::AuthError;
use crate::fixture::Factor;
use crate::state::{FlowMeta, Phase, Step};

impl Machine<'_> {
    /// Answers `submission` at `step` of `flow` under the fixture's security rules.
    pub(super) fn submit(
        &self,
        step: &Step,
        flow: &FlowMeta,
        submission: &Submission<'_>,
    ) -> Outcome {
        let mut step = step.clone();
        step.kmsi |= submission.keep_me_signed_in;
        if let Some(token) = submission.trust_token {
            step.trust_token = Some(token.to_string());
        }
        let preference = preference(&step, submission);
        match self.dispatch(&step, submission) {
            Outcome::Fail(
                error @ (AuthError::InvalidPasscode
                | AuthError::WrongAnswer
                | AuthError::FidoAssertionInvalid),
                offered,
            ) => {
                let limit = self.fixture.security.max_wrong_codes;
                if limit > 0 && flow.wrong_code() >= limit {
                    flow.complete();
                    return bare(AuthError::TooManyWrongCodes);
                }
                Outcome::Fail(error, offered)
            }
            Outcome::Next {
                step: mut next,
                pending,
            } => {
                if preference.is_some() {
                    next.prefer = preference;
                }
                if pending.is_some() {
                    next.pending_since.get_or_insert_with(Instant::now);
                } else {
                    next.pending_since = None;
                }
                Outcome::Next {
                    step: next,
                    pending,
                }
            }
            Outcome::Done {
                user,
                trusted,
                kmsi,
            } => {
                if let Some((factor, device)) = preference.or(step.prefer) {
                    self.users.set_preferred(&user, factor, device);
                }
                Outcome::Done {
                    user,
                    trusted,
                    kmsi: kmsi || step.kmsi,
                }
            }
            other => other,
        }
    }
}

/// The factor (and device) a submission with `credentials.preferred: true` names: its
/// `authFactor`, else the factor challenged at `step`.
fn preference(step: &Step, submission: &Submission<'_>) -> Option<(Factor, Option<String>)> {
    if submission.creds.bool("preferred") != Some(true) {
        return None;
    }
    let factor = submission.factor.or_else(|| current_factor(step))?;
    let preferable = matches!(
        factor,
        Factor::Totp
            | Factor::Sms
            | Factor::Email
            | Factor::Push
            | Factor::SecurityQuestions
            | Factor::FidoAuthenticator
    );
    if !preferable {
        return None;
    }
    let challenged = match &step.phase {
        Phase::Challenge { device_id, .. } => device_id.clone(),
        _ => None,
    };
    let device = submission
        .creds
        .str("deviceId")
        .map(str::to_string)
        .or(challenged);
    Some((factor, device))
}
