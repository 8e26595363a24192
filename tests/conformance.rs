//! The conformance suite: one test per request of every collection in `collections/`,
//! against `PMCHECK_TARGET` (an origin) or, when unset, the target the collection's sidecar
//! declares: the embedded IDCS simulator.
//! Variables come from `PMCHECK_VAR_<NAME>` process variables.

fn main() -> std::process::ExitCode {
    pmcheck::Conformance::new()
        .collections(concat!(env!("CARGO_MANIFEST_DIR"), "/collections"))
        .run()
}
