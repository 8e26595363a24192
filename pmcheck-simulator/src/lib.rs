//! Embedded IDCS tenant simulator: OAuth token endpoint, the authentication API
//! state machine, the session endpoint, `/admin/v1/Me` and fault injection.
//! See `docs/simulator.md`.

mod authenticate;
mod errors;
mod faults;
mod fixture;
mod op;
mod server;
mod state;
mod token;

pub use errors::SimulatorError;
pub use faults::FAULT_HEADER;
pub use fixture::{
    Answer, Device, EnvVar, Factor, FaultRule, Fixture, MfaPolicy, OtpCodes, Question,
    SecQuesSettings, User,
};
pub use op::Op;
pub use server::{Simulator, SimulatorConfig};
