//! The operations of the authentication API: the `op` of a request, the entries of a
//! response's `nextOp` and the `op` a fixture fault rule is limited to.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An operation of `POST /sso/v1/sdk/authenticate`, serialized as the API spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// Submit credentials: first factor, challenge answer, OTP of an enrollment, poll.
    #[serde(rename = "credSubmit")]
    CredSubmit,
    /// Enrollment menu, or enroll the factor given in `authFactor`.
    #[serde(rename = "enrollment")]
    Enrollment,
    /// List the user's other factors.
    #[serde(rename = "getBackupFactors")]
    GetBackupFactors,
    /// Finish the flow with an `authnToken` (e.g. skipping an optional enrollment).
    #[serde(rename = "createToken")]
    CreateToken,
    /// Finish the flow with a session (handled by `/sso/v1/sdk/secure/session`).
    #[serde(rename = "createSession")]
    CreateSession,
    /// Send the OTP code of the current step again.
    #[serde(rename = "resendCode")]
    ResendCode,
    /// Accept (or decline) the terms of use.
    #[serde(rename = "acceptTOU")]
    AcceptTou,
    /// Sign in with an external identity provider: offered when the fixture defines one,
    /// refused (the simulator federates with no provider).
    #[serde(rename = "chooseIDP")]
    ChooseIdp,
}

impl Op {
    /// Every operation, in the order an invalid `op`'s error message lists them.
    pub const ALL: [Op; 8] = [
        Op::CredSubmit,
        Op::Enrollment,
        Op::GetBackupFactors,
        Op::CreateToken,
        Op::CreateSession,
        Op::ResendCode,
        Op::AcceptTou,
        Op::ChooseIdp,
    ];

    /// The API spelling, e.g. `getBackupFactors`.
    pub fn as_str(self) -> &'static str {
        match self {
            Op::CredSubmit => "credSubmit",
            Op::Enrollment => "enrollment",
            Op::GetBackupFactors => "getBackupFactors",
            Op::CreateToken => "createToken",
            Op::CreateSession => "createSession",
            Op::ResendCode => "resendCode",
            Op::AcceptTou => "acceptTOU",
            Op::ChooseIdp => "chooseIDP",
        }
    }

    /// Parses the API spelling (case-sensitive, as the service).
    pub fn parse(name: &str) -> Option<Op> {
        Op::ALL.into_iter().find(|op| op.as_str() == name)
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_and_as_str_spell_every_op_alike() {
        for op in Op::ALL {
            assert_eq!(serde_json::to_value(op).unwrap(), op.as_str());
            let parsed: Op = serde_json::from_value(op.as_str().into()).unwrap();
            assert_eq!(parsed, op);
            assert_eq!(Op::parse(op.as_str()), Some(op));
        }
        assert_eq!(Op::parse("credsubmit"), None);
        assert_eq!(Op::parse(""), None);
    }
}
