//! What every stage of a run reads: the user's inputs, the run's settings, the loaded and
//! planned collections with their compiled schemas and targets, the scope a collection run starts
//! from, and which flows a shard owns. Depends on no later stage.

mod cookies;
mod options;
mod schemas;
mod setup;
mod shard;
mod stop;
mod target;

pub use cookies::load_cookie_jar;
pub(crate) use options::to_map;
pub use options::{Bail, CookieFile, RunOptions, enter_iteration, initial_scope};
pub use schemas::{SchemaSource, Schemas, SourceError, compile_schemas};
pub use setup::{
    Inputs, Session, SetupError, VAR_PREFIX, load_all, load_each, open_script_modules,
    preload_tls_roots, prepare, start_embedded,
};
pub use shard::{Shard, ShardError, flow_hash};
pub use stop::StopSignal;
pub use target::{
    CollectionTarget, Destination, EMBEDDED, TargetError, TargetRequest, resolve_targets,
};

// The settings and errors of a session, from the stages they configure.
pub use crate::check::{CompareMode, SchemaError};
pub use crate::collection::{
    AddressOverride, DataRow, FetchError, HostPattern, HostsError, LoadError, PlanError, Reroute,
    ScopeInfo, Selection, VariableDef, load_data_file, plan,
};
pub use crate::file_error::FileError;
pub use crate::http::{
    ClientIdentity, HostIdentity, HttpConfig, HttpError, Passphrase, TlsConfig, TlsError, TlsFiles,
    UrlMatchPattern,
};
pub use crate::openapi::OpenApiError;
pub use crate::request::{BuildOptions, Target};
pub use crate::script::{ScriptCaps, ScriptLimits};
