//! The run's redactor: it knows every secret value the run has met so far, so that a
//! value still masks after its variable changed or was unset.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use super::Redactor;

/// The secrets a run has met and the redactor made for them, remade only when a new
/// value comes (a script or a capture set one).
#[derive(Debug, Default)]
pub(crate) struct RedactorCache(Mutex<Known>);

#[derive(Debug, Default)]
struct Known {
    values: HashSet<String>,
    redactor: Arc<Redactor>,
}

impl RedactorCache {
    /// A redactor for `values` and every secret met before them.
    pub(crate) fn get(&self, values: Vec<String>) -> Arc<Redactor> {
        let Ok(mut known) = self.0.lock() else {
            return Arc::new(Redactor::new(values));
        };
        let before = known.values.len();
        known
            .values
            .extend(values.into_iter().filter(|v| !v.is_empty()));
        if known.values.len() != before {
            known.redactor = Arc::new(Redactor::new(known.values.iter().cloned()));
        }
        Arc::clone(&known.redactor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_every_secret_of_the_run() {
        let cache = RedactorCache::default();
        let first = cache.get(vec!["first-secret".into()]);
        assert!(Arc::ptr_eq(&first, &cache.get(vec!["first-secret".into()])));
        let second = cache.get(vec!["second-secret".into()]);
        assert_eq!(second.text("first-secret second-secret"), "*** ***");
        assert!(Arc::ptr_eq(&second, &cache.get(Vec::new())));
    }
}
