//! The first factor: user name and password together or username-first, checked against
//! the account's status and lockout, then what the user must do before a second factor
//! (change an expired password, accept the terms of use, enroll for account recovery or
//! MFA), and the `acceptTOU` op. A valid `trustToken` skips the second factor.

use serde_json::json;

use super::outcome::{Outcome, advance, bare, fail, missing, obj, success};
use super::request::Credentials;
use super::{Machine, done};
use crate::catalogue::AuthError;
use crate::fixture::{Factor, MfaPolicy, User, UserStatus};
use crate::op::Op;
use crate::state::{Phase, Step};

impl Machine<'_> {
    /// `credSubmit` at the start: `{username, password}`, or `{username}` alone.
    pub(super) fn first_factor(
        &self,
        step: &Step,
        factor: Option<Factor>,
        creds: Credentials<'_>,
    ) -> Outcome {
        match factor {
            None | Some(Factor::UsernamePassword | Factor::Username) => {}
            Some(other) => return fail(AuthError::FactorNotAtFirstStep(other), step),
        }
        let Some(username) = creds.str("username") else {
            return missing(step, "username,password");
        };
        let user = self.user(username);
        let user = user.as_ref();
        match creds.str("password") {
            Some(password) => self.check_password(step, user, password),
            None if factor == Some(Factor::UsernamePassword) => missing(step, "password"),
            None => {
                let mut next = step.clone();
                next.username = Some(username.to_string());
                // A preferred MFA factor is challenged directly (passwordless).
                let preferred = user
                    .filter(|u| u.mfa != MfaPolicy::Off && u.status == UserStatus::Active)
                    .filter(|u| !self.lockouts.is_locked(&u.username, &self.fixture.security))
                    .and_then(|u| u.preferred.map(|f| (u, f)));
                match preferred {
                    Some((u, f)) => self.challenge(&next, u, f, None, false),
                    None => success(advance(
                        &next,
                        Phase::Password,
                        obj(json!({
                            "nextAuthFactors": ["PASSWORD"],
                            "PASSWORD": {"credentials": ["password"]},
                        })),
                        vec![Op::CredSubmit],
                    )),
                }
            }
        }
    }

    /// `credSubmit {password}` of a username-first flow.
    pub(super) fn password(
        &self,
        step: &Step,
        user: Option<&User>,
        creds: Credentials<'_>,
    ) -> Outcome {
        let Some(password) = creds.str("password") else {
            return missing(step, "password");
        };
        let username = step.username.as_deref().unwrap_or_default();
        if creds.str("username").is_some_and(|u| u != username) {
            return fail(AuthError::WrongPassword, step);
        }
        self.check_password(step, user, password)
    }

    /// Checks `password` of `user`: a locked account is refused whatever the password; a
    /// wrong one counts towards the lockout; the right one resets the count, then the
    /// account's status decides.
    fn check_password(&self, step: &Step, user: Option<&User>, password: &str) -> Outcome {
        let Some(user) = user else {
            return fail(AuthError::WrongPassword, step);
        };
        let rules = &self.fixture.security;
        if user.status == UserStatus::Locked || self.lockouts.is_locked(&user.username, rules) {
            return fail(AuthError::AccountLocked, step);
        }
        if user.password != password {
            return if self.lockouts.wrong_password(&user.username, rules) {
                fail(AuthError::AccountLocked, step)
            } else {
                fail(AuthError::WrongPassword, step)
            };
        }
        self.lockouts.signed_in(&user.username);
        match user.status {
            UserStatus::Deactivated => fail(AuthError::AccountDeactivated, step),
            UserStatus::PasswordExpired => {
                let mut next = step.clone();
                next.username = Some(user.username.clone());
                let offer = obj(json!({
                    "nextAuthFactors": ["PASSWORD"],
                    "PASSWORD": {"credentials": ["newPassword"]},
                }));
                let next = advance(&next, Phase::PasswordChange, offer, vec![Op::CredSubmit]);
                fail(AuthError::PasswordExpired, &next)
            }
            UserStatus::Active | UserStatus::Locked => self.signed_in(step, user),
        }
    }

    /// `credSubmit {newPassword}` after the password expired: remembered for later
    /// sign-ins, then the flow goes on.
    pub(super) fn change_password(
        &self,
        step: &Step,
        user: &User,
        creds: Credentials<'_>,
    ) -> Outcome {
        let Some(new) = creds.str("newPassword").filter(|p| !p.is_empty()) else {
            return missing(step, "newPassword");
        };
        if new == user.password {
            return fail(AuthError::PasswordNotChanged, step);
        }
        self.users.set_password(&user.username, new);
        let user = self.users.effective(user);
        self.after_first_factor(step, &user)
    }

    /// The first factor of `user` is verified.
    fn signed_in(&self, step: &Step, user: &User) -> Outcome {
        let mut next = step.clone();
        next.username = Some(user.username.clone());
        self.after_first_factor(&next, user)
    }

    /// In order: terms of use, account-recovery enrollment, MFA enrollment, the preferred
    /// factor's challenge, or the finished flow.
    fn after_first_factor(&self, step: &Step, user: &User) -> Outcome {
        if user.terms_of_use_pending && !step.tou_accepted {
            let Some(statement) = self.fixture.terms_of_use.get(&self.locale) else {
                return bare(AuthError::NoTermsForLocale(self.locale.clone()));
            };
            let offer = obj(json!({
                "TOU": {"statement": statement, "credentials": ["consent"], "locale": self.locale}
            }));
            return success(advance(step, Phase::Tou, offer, vec![Op::AcceptTou]));
        }
        if user.account_recovery_required && step.acc_rec.is_empty() {
            let mut next = step.clone();
            next.acc_rec_mode = true;
            return success(self.enroll_menu(&next, user));
        }
        if needs_mfa_enrollment(step, user) {
            let mut next = step.clone();
            next.acc_rec_mode = false;
            return success(self.enroll_menu(&next, user));
        }
        let trusted = step
            .trust_token
            .as_deref()
            .is_some_and(|t| self.users.is_trusted(t, &user.username));
        match user.preferred {
            Some(f) if user.mfa != MfaPolicy::Off && !trusted => {
                self.challenge(step, user, f, None, false)
            }
            _ => done(user, false),
        }
    }

    /// `acceptTOU {consent}`.
    pub(super) fn accept_tou(&self, step: &Step, user: &User, creds: Credentials<'_>) -> Outcome {
        match creds.bool("consent") {
            None => missing(step, "consent"),
            Some(false) => bare(AuthError::TermsDeclined),
            Some(true) => {
                let mut next = step.clone();
                next.tou_accepted = true;
                self.after_first_factor(&next, user)
            }
        }
    }
}

/// MFA is on for `user` and nothing is enrolled, neither in the fixture nor in this flow.
pub(super) fn needs_mfa_enrollment(step: &Step, user: &User) -> bool {
    user.mfa != MfaPolicy::Off
        && !user.has_mfa_enrolled()
        && step.enrolled.is_empty()
        && !step.questions_enrolled
}
