//! What a run leaves behind for the exports: the globals, environment and collection
//! variables as they stand after it, and its cookie jar; secrets already masked.
//!
//! The drivers hand over each piece of the run's work with the scope it started from and
//! the scope it ended with, in document order; what a piece changed (set, changed or
//! unset) is applied, in that order, over what came before. With `--jobs 1` a collection
//! runs as one piece, so its state is exactly the one scope Postman's run leaves. With
//! `--jobs N`, each iteration's setup and then each of its flows, in document order.

use crate::http::StoredCookie;
use crate::redact::{MASK, Redactor, is_sensitive_name};
use crate::session::{Session, to_map};
use crate::vars::{Scope, VarMap};

/// The variables and cookies after a run (masked where secret), for
/// `--export-environment`, `--export-globals`, `--export-collection` and
/// `--export-cookie-jar`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FinalState {
    /// Globals after the run; `None` when nothing ran.
    pub(crate) globals: Option<VarMap>,
    /// The environment after the run; `None` when nothing ran.
    pub(crate) environment: Option<VarMap>,
    /// Each collection's variables after the run, in plan order; `None` for one that did
    /// not run.
    pub(crate) collections: Vec<Option<VarMap>>,
    /// The jar's unexpired cookies.
    pub(crate) cookies: Vec<StoredCookie>,
}

impl FinalState {
    /// Applies what one piece of work of collection `c` changed, from `before` to
    /// `after`.
    pub(crate) fn record(&mut self, c: usize, before: &Scope, after: &Scope) {
        apply(&mut self.globals, &before.globals, &after.globals);
        apply(
            &mut self.environment,
            &before.environment,
            &after.environment,
        );
        if self.collections.len() <= c {
            self.collections.resize(c + 1, None);
        }
        apply(
            &mut self.collections[c],
            &before.collection,
            &after.collection,
        );
    }

    /// Gives what did not run (nothing ran, or a collection was left out) the variables
    /// it would have started with.
    pub(crate) fn fill_unrun(&mut self, session: &Session) {
        let options = &session.options;
        self.globals
            .get_or_insert_with(|| to_map(&options.globals, &options.global_overrides));
        self.environment
            .get_or_insert_with(|| to_map(&options.environment, &options.env_overrides));
        let collections = &session.plan.collections;
        if self.collections.len() < collections.len() {
            self.collections.resize(collections.len(), None);
        }
        for (state, collection) in self.collections.iter_mut().zip(collections) {
            state.get_or_insert_with(|| to_map(&collection.variables, &[]));
        }
    }

    /// Masks what is secret: a variable marked secret, named by `--secret` (`names`), of a
    /// sensitive name, or whose value holds a secret the run's `redactor` knows, is marked
    /// secret and its value replaced by the mask; cookies whose value is such a secret are
    /// masked too.
    pub(crate) fn seal(&mut self, redactor: &Redactor, names: &[String]) {
        let maps = [&mut self.globals, &mut self.environment]
            .into_iter()
            .chain(self.collections.iter_mut())
            .flatten();
        for map in maps {
            let sealed = map
                .iter()
                .map(|(name, variable)| {
                    let mut variable = variable.clone();
                    let secret = variable.secret
                        || names.iter().any(|n| n == name)
                        || (is_sensitive_name(name) && !variable.value.is_empty())
                        || redactor.text(&variable.value) != variable.value;
                    if secret {
                        variable.secret = true;
                        variable.value = MASK.to_string();
                        variable.json = None;
                    }
                    (name.to_string(), variable)
                })
                .collect();
            *map = sealed;
        }
        for cookie in &mut self.cookies {
            if redactor.text(&cookie.value) != cookie.value {
                cookie.value = MASK.to_string();
            }
        }
    }
}

/// `after` over `acc` where `acc` is still `before` (the usual case, and exact), else
/// `before`'s changes to `after` over `acc`.
fn apply(acc: &mut Option<VarMap>, before: &VarMap, after: &VarMap) {
    let Some(map) = acc else {
        *acc = Some(after.clone());
        return;
    };
    if map == before {
        map.clone_from(after);
        return;
    }
    for (name, variable) in after.iter() {
        if before.get(name) != Some(variable) {
            map.insert(name, variable.clone());
        }
    }
    for (name, _) in before.iter() {
        if !after.contains(name) {
            map.remove(name);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(pairs: &[(&str, &str)]) -> VarMap {
        let mut m = VarMap::new();
        for (k, v) in pairs {
            m.set(*k, *v, false);
        }
        m
    }

    fn pairs(m: &Option<VarMap>) -> Vec<(String, String)> {
        m.iter()
            .flat_map(VarMap::iter)
            .map(|(k, v)| (k.to_string(), v.value.clone()))
            .collect()
    }

    #[test]
    fn pieces_apply_their_changes_in_order() {
        let start = Scope {
            environment: map(&[("a", "1"), ("b", "2")]),
            ..Scope::default()
        };
        let setup = Scope {
            environment: map(&[("a", "1"), ("b", "2"), ("token", "t")]),
            ..Scope::default()
        };
        // Two flows from the setup's state: one changes `a`, the other unsets `b` and adds `c`.
        let first = Scope {
            environment: map(&[("a", "x"), ("b", "2"), ("token", "t")]),
            ..Scope::default()
        };
        let second = Scope {
            environment: map(&[("a", "1"), ("token", "t"), ("c", "3")]),
            ..Scope::default()
        };
        let mut state = FinalState::default();
        state.record(0, &start, &setup);
        state.record(0, &setup, &first);
        state.record(0, &setup, &second);
        assert_eq!(
            pairs(&state.environment),
            [("a", "x"), ("token", "t"), ("c", "3")].map(|(k, v)| (k.to_string(), v.to_string()))
        );
        assert_eq!(state.collections.len(), 1);
    }

    #[test]
    fn sealing_masks_every_kind_of_secret() {
        let mut env = map(&[
            ("plain", "hello"),
            ("apiToken", "tok-123"),
            ("named", "n-1"),
        ]);
        env.set("marked", "m-1", true);
        env.set("url", "https://u:hunter2@h.test/", false);
        env.set("known", "Bearer run-secret", false);
        let mut state = FinalState {
            environment: Some(env),
            ..FinalState::default()
        };
        state.seal(
            &Redactor::new(["run-secret".to_string()]),
            &["named".to_string()],
        );
        let env = state.environment.as_ref().unwrap();
        assert_eq!(
            env.get("plain").map(|v| (v.value.as_str(), v.secret)),
            Some(("hello", false))
        );
        for name in ["apiToken", "named", "marked", "url", "known"] {
            let v = env.get(name).unwrap();
            assert!(v.secret && v.value == MASK, "{name}: {v:?}");
        }
    }
}
