//! How a push notification or an online-TOTP enrollment is answered when the client
//! polls: approved at the `approval_poll`-th poll (the user's, else the fixture's;
//! default 1), denied, or never (timing out), as the user's `push` behaviour or the
//! request's `push=…` fault says.

use std::time::Duration;

use super::Machine;
use crate::fault_spec::PushFault;
use crate::fixture::{PushBehaviour, User};
use crate::state::Step;

/// The answer to one poll.
pub(super) enum Approval {
    /// The user approved: the flow goes on.
    Approved,
    /// Not answered yet.
    Pending,
    /// The user denied.
    Denied,
    /// Nobody answered in time.
    TimedOut,
}

impl Machine<'_> {
    /// The answer to the `polls`-th poll of `user` at `step`.
    pub(super) fn approval(&self, step: &Step, user: &User, polls: u32) -> Approval {
        match self.push_fault {
            Some(PushFault::Deny) => return Approval::Denied,
            Some(PushFault::Timeout) => return Approval::TimedOut,
            Some(PushFault::Pending) => return Approval::Pending,
            None => {}
        }
        let due = user.approval_poll.unwrap_or(self.fixture.approval_poll);
        match user.push {
            PushBehaviour::Approve if polls >= due => Approval::Approved,
            PushBehaviour::Deny if polls >= due => Approval::Denied,
            PushBehaviour::Timeout => {
                let limit = Duration::from_secs(self.fixture.security.push_timeout_secs);
                if step.pending_since.is_some_and(|t| t.elapsed() >= limit) {
                    Approval::TimedOut
                } else {
                    Approval::Pending
                }
            }
            PushBehaviour::Approve | PushBehaviour::Deny => Approval::Pending,
        }
    }
}
