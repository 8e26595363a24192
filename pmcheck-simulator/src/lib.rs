//! A simulated Oracle Identity Cloud Service (IDCS) tenant over HTTP, for running
//! collections written for the IDCS Authentication API without a real tenant: the OAuth
//! token endpoint, the authentication API's state machine, the session endpoint,
//! `/admin/v1/Me` and fault injection, serving a tenant described by a [`Fixture`].
//! See `docs/simulator.md`.
//!
//! [`Simulator::start`] serves on the current tokio runtime, [`Simulator::start_blocking`]
//! on its own; [`Fixture::variables`] lists what a collection needs to run against it;
//! [`Fixture::learn`] makes a fixture speak like the tenant a collection's saved examples
//! were recorded on.

mod app;
mod authenticate;
mod catalogue;
mod cors;
mod error;
mod fault_spec;
mod faults;
mod fixture;
mod jwt;
mod learn;
mod lockout;
mod oauth_error;
mod op;
mod response;
mod server;
mod session;
mod state;
mod token;
mod user_state;
mod wording;

pub use error::SimulatorError;
pub use faults::FAULT_HEADER;
pub use fixture::{
    Answer, Device, EnvVar, Factor, FaultRule, Fixture, IdentityProvider, MfaPolicy, OtpCodes,
    PushBehaviour, Question, SecQuesSettings, Security, User, UserStatus,
};
pub use learn::{Conflict, LearnReport, Learned, Skipped};
pub use op::Op;
pub use server::{Simulator, SimulatorConfig};
