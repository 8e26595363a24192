//! What sign-ins change about a user in the running simulator (never in the fixture):
//! the preferred factor chosen with `preferred: true`, a password changed after it
//! expired, and the trust and keep-me-signed-in tokens issued, with their expiry.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::fixture::{Factor, User, UserStatus};
use super::state::random_base64;

/// A token issued to a user, valid until `expires`.
#[derive(Debug)]
struct Issued {
    username: String,
    expires: Instant,
}

/// A user's remembered changes.
#[derive(Debug, Default)]
struct Changes {
    /// Preferred factor and (first) device.
    preferred: Option<(Factor, Option<String>)>,
    /// The password set after the old one expired.
    password: Option<String>,
}

#[derive(Debug, Default)]
struct Inner {
    users: HashMap<String, Changes>,
    trust_tokens: HashMap<String, Issued>,
    kmsi_tokens: HashMap<String, Issued>,
}

/// The remembered per-user state, behind one lock.
#[derive(Debug, Default)]
pub(crate) struct UserStates {
    inner: Mutex<Inner>,
}

fn seconds(days: u32) -> Duration {
    Duration::from_secs(u64::from(days) * 86_400)
}

impl UserStates {
    fn inner(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// `user` as the fixture has it, with the remembered changes applied: the preferred
    /// factor (its device listed first) and a changed password (no longer expired).
    pub(crate) fn effective(&self, user: &User) -> User {
        let mut user = user.clone();
        let inner = self.inner();
        let Some(changes) = inner.users.get(&user.username) else {
            return user;
        };
        if let Some((factor, device)) = &changes.preferred {
            user.preferred = Some(*factor);
            if let Some(id) = device
                && let Some(i) = user.devices.iter().position(|d| &d.device_id == id)
            {
                let d = user.devices.remove(i);
                user.devices.insert(0, d);
            }
        }
        if let Some(password) = &changes.password {
            user.password = password.clone();
            if user.status == UserStatus::PasswordExpired {
                user.status = UserStatus::Active;
            }
        }
        user
    }

    /// Remembers `factor` (on `device`) as the preferred factor of `username`.
    pub(crate) fn set_preferred(&self, username: &str, factor: Factor, device: Option<String>) {
        let mut inner = self.inner();
        inner
            .users
            .entry(username.to_string())
            .or_default()
            .preferred = Some((factor, device));
    }

    /// Remembers the new password of `username`.
    pub(crate) fn set_password(&self, username: &str, password: &str) {
        let mut inner = self.inner();
        inner
            .users
            .entry(username.to_string())
            .or_default()
            .password = Some(password.to_string());
    }

    /// A fresh `trustToken` for `username`, valid `days` days.
    pub(crate) fn issue_trust_token(&self, username: &str, days: u32) -> String {
        let token = random_base64(177);
        let issued = Issued {
            username: username.to_string(),
            expires: Instant::now() + seconds(days),
        };
        self.inner().trust_tokens.insert(token.clone(), issued);
        token
    }

    /// Whether `token` is an unexpired trust token of `username`.
    pub(crate) fn is_trusted(&self, token: &str, username: &str) -> bool {
        self.inner()
            .trust_tokens
            .get(token)
            .is_some_and(|t| t.username == username && t.expires > Instant::now())
    }

    /// A fresh `kmsiToken` for `username`, valid `days` days.
    pub(crate) fn issue_kmsi_token(&self, username: &str, days: u32) -> String {
        let token = random_base64(96);
        let issued = Issued {
            username: username.to_string(),
            expires: Instant::now() + seconds(days),
        };
        self.inner().kmsi_tokens.insert(token.clone(), issued);
        token
    }

    /// The user an unexpired `kmsiToken` was issued to.
    pub(crate) fn kmsi_user(&self, token: &str) -> Option<String> {
        self.inner()
            .kmsi_tokens
            .get(token)
            .filter(|t| t.expires > Instant::now())
            .map(|t| t.username.clone())
    }

    /// Forgets every change and token.
    pub(crate) fn reset(&self) {
        *self.inner() = Inner::default();
    }
}
