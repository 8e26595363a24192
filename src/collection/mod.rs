//! Postman format in, plain data out: loading collections, environments and data files,
//! and planning the steps of a run.

mod environment;
mod load;
mod model;
mod plan;
mod sidecar;
mod url;

pub use environment::{DataRow, VariableFile, load_data_file, load_variable_file};
pub use load::{
    COLLECTION_SUFFIX, LoadError, LoadedCollection, collection_files, load_collection,
    parse_collection,
};
pub use model::{
    Auth, Behavior, Body, Collection, Event, Folder, FormContent, FormPart, FormatVersion, Info,
    Item, KeyValue, Request, RequestItem, SavedResponse, VariableDef,
};
pub use plan::{Flow, Plan, PlanError, PlannedCollection, Selection, Step, plan};
pub use sidecar::{
    CaptureSource, Rule, SchemaOverride, Sidecar, SidecarError, StepConfig, TokenRequest,
};
pub use url::{RawUrl, parse_url};

#[cfg(test)]
mod reference_tests;
