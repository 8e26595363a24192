//! Sending a [`RequestSpec`](crate::request::RequestSpec) and recording what really
//! went over the wire as a [`Call`].

mod call;
mod client;
mod decode;
mod error;
mod jar;
mod jar_file;
mod redirect;
mod route;

pub use call::{Call, Response, SentRequest, Timings};
pub use client::{HttpClient, HttpConfig};
pub(crate) use jar::CookieJar;
pub use jar::JarCookie;
pub(crate) use jar_file::{JarFile, StoredCookie};
pub use error::{HttpError, SendError, SendErrorKind};

#[cfg(test)]
mod tests;
