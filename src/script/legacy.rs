//! Postman's legacy sandbox globals (`responseBody`, `responseCode`, `tests[…]`,
//! `postman.setEnvironmentVariable`, …) and the per-run entry points of the prelude.

/// JavaScript evaluated last in the prelude closure; returns the entry points
/// `{ beginRun, runSource, endSource, nextTask, endRun, describeError }`.
pub(crate) const LEGACY_JS: &str = include_str!("legacy.js");

/// JavaScript evaluated first in the prelude closure: private references to the built-ins
/// the sandbox's own code uses, taken before any script can replace them.
pub(crate) const PRIMORDIALS_JS: &str = include_str!("primordials.js");
