//! Sending a [`RequestSpec`](crate::request::RequestSpec) and recording what really
//! went over the wire as a [`Call`].

mod call;
mod client;
mod decode;
mod error;
mod jar;
mod jar_file;
mod pkcs12;
mod redirect;
mod route;
mod tls;
mod tls_files;
mod url_match;

pub use call::{Call, Response, SentRequest, Timings};
pub use client::{HttpClient, HttpConfig};
pub(crate) use jar::CookieJar;
pub use jar::JarCookie;
pub(crate) use jar_file::{JarFile, StoredCookie};
pub use error::{HttpError, SendError, SendErrorKind};
#[cfg(test)]
pub(crate) use tls::install_provider;
pub use tls::{ClientIdentity, HostIdentity, TlsConfig};
pub use tls_files::{Passphrase, TlsError, TlsFiles};
pub use url_match::UrlMatchPattern;

#[cfg(test)]
mod tests;
