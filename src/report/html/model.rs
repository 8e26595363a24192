//! What the HTML report keeps of a run until it is written: each request with its
//! iterations (each rendered to HTML in the spool as it finishes, so no result is held),
//! the folders with their tallies, and the collections' headers.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::report::spool::Segment;
use crate::run::{CaseResult, CollectionHeader, Verdict};

/// A request of a collection, whichever iteration ran it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct StepKey {
    file: PathBuf,
    collection: String,
    folders: Vec<String>,
    request: String,
    duplicate: Option<usize>,
}

/// A collection (no folders) or a folder of one, by its path.
type FolderKey = (PathBuf, Vec<String>);

/// One request and what each iteration made of it.
#[derive(Debug)]
pub(super) struct Step {
    /// The folders above the request: indexes into [`Model::folders`], the collection
    /// first, its own folder last.
    pub folders: Vec<usize>,
    /// The request's name as its test name shows it (` #2` on a duplicate).
    pub request: String,
    /// Its iterations, in the order they finished.
    pub iterations: Vec<Iteration>,
}

impl Step {
    /// The verdict that sums up the iterations: an error, else a failure, else a pass,
    /// else a skip, else not run.
    pub fn verdict(&self) -> Verdict {
        const ORDER: [Verdict; 5] = [
            Verdict::Error,
            Verdict::Failed,
            Verdict::Passed,
            Verdict::Skipped,
            Verdict::NotRun,
        ];
        ORDER
            .into_iter()
            .find(|v| self.iterations.iter().any(|i| i.verdict == *v))
            .unwrap_or(Verdict::NotRun)
    }
}

/// One iteration of a request.
#[derive(Debug)]
pub(super) struct Iteration {
    /// 1-based.
    pub number: usize,
    /// How it ended.
    pub verdict: Verdict,
    /// Its first problem in one line (`status: expected 2xx, got 500`), or why it was
    /// skipped or not run.
    pub reason: Option<String>,
    /// Where its checks, exchange and script output are, as HTML, in the spool.
    pub html: Segment,
}

/// Cases counted by verdict.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub errors: usize,
    pub skipped: usize,
    pub not_run: usize,
}

impl Tally {
    fn add(&mut self, verdict: Verdict) {
        *match verdict {
            Verdict::Passed => &mut self.passed,
            Verdict::Failed => &mut self.failed,
            Verdict::Error => &mut self.errors,
            Verdict::Skipped => &mut self.skipped,
            Verdict::NotRun => &mut self.not_run,
        } += 1;
    }

    /// Every case counted.
    pub fn total(&self) -> usize {
        self.passed + self.failed + self.errors + self.skipped + self.not_run
    }
}

/// A collection or folder: where it is and the cases in it and below it.
#[derive(Debug)]
pub(super) struct Folder {
    /// The collection's name, then the folders', outermost first.
    pub path: Vec<String>,
    /// Every case of the folder and of its subfolders.
    pub tally: Tally,
}

/// The run as the page shows it.
#[derive(Debug, Default)]
pub(super) struct Model {
    /// Requests in the order they first finished (document order).
    pub steps: Vec<Step>,
    steps_by_key: HashMap<StepKey, usize>,
    /// Collections and folders in the order they were first met; a folder comes after
    /// the collection and folders that hold it.
    pub folders: Vec<Folder>,
    folders_by_key: HashMap<FolderKey, usize>,
    /// Each collection's target and schema source.
    pub collections: Vec<CollectionHeader>,
}

impl Model {
    /// Adds a finished case, rendered as `html`.
    pub fn add(&mut self, case: &CaseResult, reason: Option<String>, html: Segment) {
        let n = &case.name;
        let key = StepKey {
            file: case.file.clone(),
            collection: n.collection.clone(),
            folders: n.folders.clone(),
            request: n.request.clone(),
            duplicate: n.duplicate,
        };
        let folders: Vec<usize> = (0..=n.folders.len())
            .map(|depth| self.folder(case, depth))
            .collect();
        for &f in &folders {
            self.folders[f].tally.add(case.verdict);
        }
        let index = match self.steps_by_key.get(&key) {
            Some(&i) => i,
            None => {
                self.steps.push(Step {
                    folders,
                    request: match n.duplicate {
                        Some(d) => format!("{} #{d}", n.shown),
                        None => n.shown.clone(),
                    },
                    iterations: Vec::new(),
                });
                self.steps_by_key.insert(key, self.steps.len() - 1);
                self.steps.len() - 1
            }
        };
        self.steps[index].iterations.push(Iteration {
            number: n.iteration,
            verdict: case.verdict,
            reason,
            html,
        });
    }

    /// The index of the folder of `case` at `depth` (0: its collection), added if new.
    fn folder(&mut self, case: &CaseResult, depth: usize) -> usize {
        let path: Vec<String> = std::iter::once(&case.name.collection)
            .chain(&case.name.folders[..depth])
            .cloned()
            .collect();
        let key = (case.file.clone(), path);
        if let Some(&i) = self.folders_by_key.get(&key) {
            return i;
        }
        self.folders.push(Folder {
            path: key.1.clone(),
            tally: Tally::default(),
        });
        self.folders_by_key.insert(key, self.folders.len() - 1);
        self.folders.len() - 1
    }
}
