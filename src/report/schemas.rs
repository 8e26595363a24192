//! `--record-schemas DIR`: a schema folder inferred from the responses of a run (status,
//! Content-Type, body of each case), written when the run finishes.
//!
//! It reads only the redacted results, so no secret value reaches a schema file.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::Reporter;
use crate::infer::{
    Endpoint, InferError, InferOptions, Inference, Sample, Undetermined, Written, endpoint,
};
use crate::run::{CaseResult, RunEvent, RunSummary};
use crate::session::{Session, initial_scope};

/// Which step a case ran: its collection file, folders, name and duplicate number.
type StepKey = (PathBuf, Vec<String>, String, Option<usize>);

/// Records the responses of a run and writes the schema folder they give.
#[derive(Debug)]
pub struct SchemaRecorder {
    dir: PathBuf,
    force: bool,
    inference: Inference,
    /// Each step's endpoint, from the variables known before the run.
    endpoints: HashMap<StepKey, Result<Endpoint, Undetermined>>,
    written: Option<Written>,
}

impl SchemaRecorder {
    /// A recorder for `session`'s run that writes `dir` at the end; fails now when `dir`
    /// holds files already and `force` is false (so a run is not wasted).
    pub fn new(
        session: &Session,
        dir: &Path,
        force: bool,
        options: InferOptions,
    ) -> Result<SchemaRecorder, InferError> {
        crate::infer::check_output(dir, force)?;
        let mut endpoints = HashMap::new();
        for (c, collection) in session.plan.collections.iter().enumerate() {
            let scope = initial_scope(collection, &session.options, session.target(c));
            for step in &collection.steps {
                let key = (
                    collection.path.clone(),
                    step.folders.clone(),
                    step.name.clone(),
                    step.duplicate,
                );
                let e = endpoint(step, &scope, &session.options.secret_names);
                endpoints.insert(key, e);
            }
        }
        Ok(SchemaRecorder {
            dir: dir.to_path_buf(),
            force,
            inference: Inference::new(options, "pmcheck run --record-schemas"),
            endpoints,
            written: None,
        })
    }

    /// What was skipped, and why.
    pub fn notes(&self) -> &[String] {
        self.inference.notes()
    }

    /// What [`Reporter::finish`] wrote.
    pub fn written(&self) -> Option<&Written> {
        self.written.as_ref()
    }

    fn record(&mut self, result: &CaseResult) {
        let Some(call) = &result.call else {
            return;
        };
        let what = result.name.to_string();
        if result.body_truncated {
            self.inference.note(format!(
                "{what}: skipped: its body was cut to the report's excerpt"
            ));
            return;
        }
        let key = (
            result.file.clone(),
            result.name.folders.clone(),
            result.name.request.clone(),
            result.name.duplicate,
        );
        let sent = Endpoint::sent(&call.sent.method, &call.sent.url);
        let endpoint = match (self.endpoints.get(&key), sent) {
            (Some(Ok(template)), Some(sent)) if template.matches(&sent) => template.clone(),
            (Some(Ok(template)), Some(sent)) => {
                self.inference.note(format!(
                    "{what}: sent {sent}, not an instance of {template}: recorded as sent"
                ));
                sent
            }
            (_, Some(sent)) => sent,
            (_, None) => {
                self.inference.note(format!(
                    "{what}: skipped: its URL {:?} has no path",
                    call.sent.url
                ));
                return;
            }
        };
        let response = &call.response;
        let collection = result.name.collection.clone();
        self.inference.add(
            &endpoint,
            Sample {
                collection: &collection,
                what: &what,
                status: response.status,
                content_type: response.header("content-type"),
                body: &response.body,
            },
        );
    }
}

impl Reporter for SchemaRecorder {
    fn event(&mut self, event: &RunEvent) {
        if let RunEvent::CaseFinished(result) = event {
            self.record(result);
        }
    }

    fn finish(&mut self, _summary: &RunSummary) -> std::io::Result<()> {
        let written = self
            .inference
            .write(&self.dir, self.force)
            .map_err(std::io::Error::other)?;
        self.written = Some(written);
        Ok(())
    }
}
