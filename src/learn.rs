//! `pmcheck serve --learn`: the embedded simulator's fixture learns its tenant profile
//! from collection files with saved examples, read by the collection loader (so a
//! malformed file is reported with its line, column and JSON path).

use std::path::PathBuf;

use pmcheck_simulator::{Fixture, LearnReport, SimulatorError};

use crate::collection::{LoadError, collection_files, load_collection};

/// Why a fixture could not learn from the files given.
#[derive(Debug, thiserror::Error)]
pub enum LearnError {
    /// A collection file could not be read or parsed.
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The simulator refused a collection, or the learned fixture is inconsistent.
    #[error(transparent)]
    Simulator(#[from] SimulatorError),
}

/// Makes `fixture` learn from the collections at `paths` (files, or folders of
/// `*.postman_collection.json` files), each named in the report by its `info.name`.
pub fn learn(fixture: &mut Fixture, paths: &[PathBuf]) -> Result<LearnReport, LearnError> {
    let mut collections = Vec::new();
    for path in collection_files(paths)? {
        let collection = load_collection(&path)?;
        let name = if collection.info.name.is_empty() {
            path.display().to_string()
        } else {
            collection.info.name.clone()
        };
        // The loader keeps the text it parsed (the v2.1 form of a v1 collection).
        let document = collection
            .source
            .as_deref()
            .and_then(|text| serde_json::from_slice(text).ok())
            .unwrap_or(serde_json::Value::Null);
        collections.push((name, document));
    }
    Ok(fixture.learn(&collections)?)
}
