//! Why a simulator could not be configured or started.

use std::path::PathBuf;

/// Why the simulator could not be configured or started.
#[derive(Debug, thiserror::Error)]
pub enum SimulatorError {
    /// The fixture file could not be read.
    #[error("cannot read fixture {}: {source}", path.display())]
    FixtureRead {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The fixture file (or the built-in `fixtures/tenant.json`) is not valid JSON for
    /// the fixture schema.
    #[error("invalid fixture {}:{line}:{column}: {message}", path.display())]
    FixtureParse {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was expected.
        message: String,
    },
    /// The fixture file (or the built-in one) parsed but is inconsistent (e.g. an unknown
    /// default user).
    #[error("invalid fixture {}: {message}", path.display())]
    FixtureInvalid {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// A collection given to [`crate::Fixture::learn`] is not a Postman v2.0/v2.1 collection.
    #[error("cannot learn from {collection}: {message}")]
    Learn {
        /// The collection's name as given.
        collection: String,
        /// What is wrong.
        message: String,
    },
    /// The fixture given to [`crate::Simulator::start`] (or a learned one) is inconsistent.
    #[error("invalid fixture: {0}")]
    Fixture(String),
    /// The listen address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The requested address.
        addr: std::net::SocketAddr,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The background runtime or thread could not be created.
    #[error("cannot start the simulator runtime: {0}")]
    Runtime(std::io::Error),
}
