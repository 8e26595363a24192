//! Postman's legacy sandbox globals (`responseBody`, `responseCode`, `tests[…]`,
//! `postman.setEnvironmentVariable`, …) and the per-run entry points of the prelude.

/// JavaScript evaluated last in the prelude closure; returns the entry points
/// `{ beginRun, beginSource, endSource, endRun }`.
pub(crate) const LEGACY_JS: &str = include_str!("legacy.js");
