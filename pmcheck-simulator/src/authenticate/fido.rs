//! FIDO security keys and passkeys (`FIDO_AUTHENTICATOR`): the challenge offered to a user
//! with a FIDO device and the simulated verification of its assertion (the `signature`
//! credential must equal the fixture's `security.fido_assertion`).

use serde_json::{Value, json};

use super::Machine;
use super::outcome::{Outcome, fail};
use super::request::Credentials;
use crate::catalogue::AuthError;
use crate::fixture::{Factor, User};
use crate::state::random_base64;

/// The credentials a FIDO assertion submits.
const ASSERTION: [&str; 5] = [
    "credentialId",
    "clientDataJSON",
    "authenticatorData",
    "signature",
    "userHandle",
];

impl Machine<'_> {
    /// The `FIDO_AUTHENTICATOR` object of a challenge: the credentials to send, a fresh
    /// `fidoChallenge` (base64url), the user's credential ids, the relying party and the
    /// WebAuthn options.
    pub(super) fn fido_offer(&self, user: &User) -> Value {
        let challenge: String = random_base64(32)
            .chars()
            .filter(|c| *c != '=')
            .map(|c| match c {
                '+' => '-',
                '/' => '_',
                other => other,
            })
            .collect();
        let ids: Vec<&str> = user
            .devices_for(Factor::FidoAuthenticator)
            .map(|d| d.device_id.as_str())
            .collect();
        json!({
            "credentials": ASSERTION,
            "fidoChallenge": challenge,
            "fidoCredentialIds": ids,
            "rpId": format!("{}.identity.simulator", self.fixture.tenant),
            "userVerification": "preferred",
            "timeout": 60000,
        })
    }

    /// Verifies a FIDO assertion: `credentialId` (if given) names one of the user's FIDO
    /// devices and `signature` is the fixture's `security.fido_assertion`.
    pub(super) fn fido_verify(
        &self,
        step: &crate::state::Step,
        user: &User,
        creds: Credentials<'_>,
        trusted: bool,
    ) -> Outcome {
        let known = creds.str("credentialId").is_none_or(|id| {
            user.devices_for(Factor::FidoAuthenticator)
                .any(|d| d.device_id == id)
        });
        if !known {
            return fail(AuthError::UnknownDevice(Factor::FidoAuthenticator), step);
        }
        if creds.str("signature") == Some(self.fixture.security.fido_assertion.as_str()) {
            self.done_with(user, Factor::FidoAuthenticator, trusted)
        } else {
            fail(AuthError::FidoAssertionInvalid, step)
        }
    }
}
