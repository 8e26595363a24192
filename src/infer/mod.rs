//! Schemas from what you have: a schema folder (an `index.json` and one JSON Schema per
//! endpoint × status × media type) inferred from the collections' saved examples
//! (`pmcheck schemas infer`) or from the responses of a run (`pmcheck run
//! --record-schemas`, through `report::SchemaRecorder`), for the user to review and
//! commit, and a later run to check against with `--schemas`.
//!
//! `endpoint` names a request (method and path template), `shape` merges the bodies of one
//! endpoint, status and media type into a schema (`format` recognises string formats),
//! `write` lays the folder out.

mod endpoint;
mod format;
mod shape;
mod write;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

pub(crate) use endpoint::{Endpoint, Undetermined, endpoint};
pub use write::Written;
pub(crate) use write::check_output;

use crate::check::{essence, is_json};
use crate::collection::PlannedCollection;
use crate::session::{Session, initial_scope};
use shape::Shape;

/// How schemas are inferred.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InferOptions {
    /// Write `enum` for small closed sets of strings (at most 5 distinct values, each seen
    /// at least twice, none under a secret-bearing name or masked). Off by default.
    pub enums: bool,
}

/// Why a schema folder could not be written.
#[derive(Debug, thiserror::Error)]
pub enum InferError {
    /// The output folder holds files already (and `--force` was not given).
    #[error(
        "{} is not empty: choose another folder, or pass --force to write over it",
        .0.display()
    )]
    NotEmpty(PathBuf),
    /// A file or folder could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The error.
        source: std::io::Error,
    },
}

/// The samples of one endpoint, status and media type.
#[derive(Debug, Default)]
struct Cell {
    samples: usize,
    /// Some sample's body was not JSON (or the media type is not JSON): any body.
    any_body: bool,
    shape: Shape,
    collections: BTreeSet<String>,
}

/// Samples by status, then media type.
type Statuses = BTreeMap<u16, BTreeMap<String, Cell>>;

/// Samples gathered so far, by endpoint, status and media type, and what was skipped.
#[derive(Debug)]
pub struct Inference {
    options: InferOptions,
    /// The command the folder's descriptions name.
    origin: &'static str,
    endpoints: BTreeMap<String, (Endpoint, Statuses)>,
    samples: usize,
    collections: BTreeSet<String>,
    notes: Vec<String>,
}

/// One response to learn from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sample<'a> {
    /// The collection it belongs to (its name).
    pub collection: &'a str,
    /// What it is, for notes (`collection::folder::request: example "OK"`).
    pub what: &'a str,
    /// Status code.
    pub status: u16,
    /// The `Content-Type` header, if any.
    pub content_type: Option<&'a str>,
    /// The body.
    pub body: &'a [u8],
}

impl Inference {
    /// An empty inference whose files say they were written by `origin`.
    pub(crate) fn new(options: InferOptions, origin: &'static str) -> Self {
        Inference {
            options,
            origin,
            endpoints: BTreeMap::new(),
            samples: 0,
            collections: BTreeSet::new(),
            notes: Vec::new(),
        }
    }

    /// Infers from the saved examples of every step of `session`'s plan (each example with
    /// a status and a `Content-Type`); paths are rendered with the variables known before
    /// a run (collection, folder, environment, globals).
    pub fn from_examples(session: &Session, options: InferOptions) -> Inference {
        let mut inference = Inference::new(options, "pmcheck schemas infer");
        for (c, collection) in session.plan.collections.iter().enumerate() {
            inference.add_collection_examples(c, collection, session);
        }
        inference
    }

    fn add_collection_examples(
        &mut self,
        c: usize,
        collection: &PlannedCollection,
        session: &Session,
    ) {
        let scope = initial_scope(collection, &session.options, session.target(c));
        for step in &collection.steps {
            if step.examples.is_empty() {
                continue;
            }
            let endpoint = match endpoint(step, &scope, &session.options.secret_names) {
                Ok(e) => e,
                Err(Undetermined(why)) => {
                    self.note(format!(
                        "{}: skipped ({} saved example(s)): {why}",
                        step.id,
                        step.examples.len()
                    ));
                    continue;
                }
            };
            for example in step.examples.iter() {
                let what = format!("{}: example {:?}", step.id, example.name);
                let Some(status) = example.code else {
                    self.note(format!("{what}: skipped: it has no status code"));
                    continue;
                };
                let content_type = example
                    .headers
                    .iter()
                    .filter(|h| !h.disabled)
                    .find(|h| {
                        h.key
                            .as_deref()
                            .is_some_and(|k| k.trim().eq_ignore_ascii_case("content-type"))
                    })
                    .and_then(|h| h.value.as_deref());
                self.add(
                    &endpoint,
                    Sample {
                        collection: &collection.name,
                        what: &what,
                        status,
                        content_type,
                        body: example.body.as_deref().unwrap_or("").as_bytes(),
                    },
                );
            }
        }
    }

    /// Adds one sample of `endpoint`. Without a `Content-Type` it is skipped (and noted);
    /// a body that is not JSON, or a media type that is not JSON, makes the cell accept
    /// any body.
    pub(crate) fn add(&mut self, endpoint: &Endpoint, sample: Sample<'_>) {
        let media = sample.content_type.map(essence).unwrap_or_default();
        if media.is_empty() {
            self.note(format!(
                "{}: skipped: status {} without a Content-Type",
                sample.what, sample.status
            ));
            return;
        }
        let key = endpoint.to_string();
        let (_, statuses) = self
            .endpoints
            .entry(key)
            .or_insert_with(|| (endpoint.clone(), Statuses::new()));
        let json_media = is_json(&media);
        let cell = statuses
            .entry(sample.status)
            .or_default()
            .entry(media)
            .or_default();
        let parsed = json_media
            .then(|| serde_json::from_slice::<serde_json::Value>(sample.body).ok())
            .flatten();
        match parsed {
            Some(value) => cell.shape.add(&value),
            None => cell.any_body = true,
        }
        cell.samples += 1;
        cell.collections.insert(sample.collection.to_string());
        self.samples += 1;
        self.collections.insert(sample.collection.to_string());
    }

    /// Notes a sample or request that was skipped, and why.
    pub(crate) fn note(&mut self, note: String) {
        self.notes.push(note);
    }

    /// What was skipped, and why, in order.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }

    /// Samples used.
    pub fn samples(&self) -> usize {
        self.samples
    }

    /// Endpoints seen.
    pub fn endpoints(&self) -> usize {
        self.endpoints.len()
    }
}

#[cfg(test)]
mod tests;
