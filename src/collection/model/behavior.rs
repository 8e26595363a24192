//! `protocolProfileBehavior`: switches (redirects, body pruning) set per collection,
//! folder or request, each level inheriting what it leaves unset.

use serde::Deserialize;

use super::scalar::de_opt_bool_lenient;

/// `protocolProfileBehavior` switches pmcheck honours.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
#[serde(expecting = "a protocolProfileBehavior object")]
pub struct Behavior {
    /// Follow redirects (`None`: inherit, default on unless `--ignore-redirects`).
    #[serde(default, deserialize_with = "de_opt_bool_lenient")]
    pub follow_redirects: Option<bool>,
    /// Keep the body of GET/HEAD requests.
    #[serde(default, deserialize_with = "de_opt_bool_lenient")]
    pub disable_body_pruning: Option<bool>,
}

impl Behavior {
    /// `self` with unset switches taken from `parent`.
    pub fn inherit(self, parent: Behavior) -> Behavior {
        Behavior {
            follow_redirects: self.follow_redirects.or(parent.follow_redirects),
            disable_body_pruning: self.disable_body_pruning.or(parent.disable_body_pruning),
        }
    }
}
