//! Postman format in, plain data out: loading collections, environments and data files,
//! and planning the steps of a run.

mod csv_rows;
mod environment;
mod fetch;
mod hosts;
mod item_lines;
mod load;
mod model;
mod plan;
mod sidecar;
mod sidecar_compare;
mod sidecar_tls;
mod text;
mod url;
mod v1;

pub use environment::{DataRow, ScopeInfo, load_data_file, load_variable_file};
pub use fetch::FetchError;
pub(crate) use fetch::{input_name, is_url};
pub use hosts::{AddressOverride, HostPattern, HostsError, Reroute};
// Parsing text without a file: for the corpus tests and the hot-path benchmarks.
#[cfg(any(test, feature = "internals"))]
pub use load::parse_collection;
pub use load::{LoadError, LoadedCollection, collection_files, load_collection};
pub(crate) use load::{parse_text, read};
pub(crate) use text::utf8;
pub use model::{Auth, Body, FormContent, FormPart, KeyValue, VariableDef};
pub use plan::{Plan, PlanError, PlannedCollection, Selection, Step, plan};
pub(crate) use plan::display_name;
pub use sidecar::{SchemaOverride, Sidecar};
pub use url::{RawUrl, parse_url};

#[cfg(test)]
mod reference_tests;
// The schemas against the collections' saved examples (here: collection uses check).
#[cfg(test)]
mod schema_tests;
