//! No secret reaches any output: one test per channel a secret could leak through, each a
//! run of a small collection against a server on 127.0.0.1 with every reporter on (cli,
//! JUnit, JSON, GitHub), whose outputs must not hold the secret in any form (plain,
//! percent-encoded both ways, JSON-, chai- and XML-escaped, base64).

mod common;
#[path = "secrets/harness.rs"]
mod harness;
#[path = "secrets/messages.rs"]
mod messages;
#[path = "secrets/requests.rs"]
mod requests;
