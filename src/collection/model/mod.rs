//! Serde model of the Postman collection format v2.0.0 and v2.1.0.
//!
//! Fields that can take several shapes (request as string or object, url as string or
//! object, headers as list or string, auth parameters as v2.0 object or v2.1 array) have
//! hand-written visitors, so a wrong type is reported as "expected a URL string or object"
//! at the exact JSON path, never as serde's opaque "did not match any variant".
//! Unknown fields are ignored.

mod auth;
mod behavior;
mod body;
mod document;
mod event;
mod item;
mod key_value;
mod request;
mod response;
mod scalar;
mod variable;

pub use auth::Auth;
pub use behavior::Behavior;
pub use body::{Body, FormContent, FormPart};
pub use document::Collection;
pub use event::Event;
pub use item::{Folder, Item};
pub use key_value::KeyValue;
pub use request::Request;
pub use response::SavedResponse;
pub(crate) use scalar::{de_opt_scalar, de_opt_string};
pub use variable::VariableDef;
pub(crate) use variable::de_variables;
