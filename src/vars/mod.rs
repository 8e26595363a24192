//! Variables of a run: layered scopes with Postman precedence, `{{name}}` templates and
//! Postman's dynamic variables.

mod dynamic;
mod scope;
mod template;

pub use dynamic::DynamicVars;
pub use scope::{Layer, Scope, VarMap, Variable};
pub(crate) use template::references;
pub use template::{DEFAULT_MAX_EXPANSION, ExpansionError, Resolver};
// The parsed form of a template: for the hot-path benchmarks.
#[cfg(feature = "internals")]
pub use template::Template;
