//! Account lockout: wrong passwords counted per user in the running simulator (never in
//! the fixture), the lockout they cause and its expiry.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use super::fixture::Security;

/// One user's record.
#[derive(Debug, Default)]
struct Record {
    /// Wrong passwords since the last successful sign-in.
    failures: u32,
    /// When the account was locked.
    locked_at: Option<Instant>,
}

/// Wrong-password counters and lockouts, by user name.
#[derive(Debug, Default)]
pub(crate) struct Lockouts {
    users: Mutex<HashMap<String, Record>>,
}

impl Lockouts {
    fn users(&self) -> std::sync::MutexGuard<'_, HashMap<String, Record>> {
        self.users
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Whether `username` is locked out now (an expired lockout is lifted).
    pub(crate) fn is_locked(&self, username: &str, rules: &Security) -> bool {
        let mut users = self.users();
        let Some(record) = users.get_mut(username) else {
            return false;
        };
        match record.locked_at {
            None => false,
            Some(at)
                if rules.lockout_secs > 0
                    && at.elapsed() >= Duration::from_secs(rules.lockout_secs) =>
            {
                *record = Record::default();
                false
            }
            Some(_) => true,
        }
    }

    /// Counts a wrong password for `username`; true if the account is now locked.
    pub(crate) fn wrong_password(&self, username: &str, rules: &Security) -> bool {
        if rules.max_failed_logins == 0 {
            return false;
        }
        let mut users = self.users();
        let record = users.entry(username.to_string()).or_default();
        record.failures += 1;
        if record.failures >= rules.max_failed_logins {
            record.locked_at = Some(Instant::now());
        }
        record.locked_at.is_some()
    }

    /// A successful password: the count starts again.
    pub(crate) fn signed_in(&self, username: &str) {
        self.users().remove(username);
    }

    /// Forgets every count and lockout.
    pub(crate) fn reset(&self) {
        self.users().clear();
    }
}
