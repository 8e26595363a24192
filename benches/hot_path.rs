//! The hot path, each next to its baseline measured in the same run (`cargo bench --features
//! internals`):
//!
//! - loading and planning the 1.1 MB Oracle IDCS collection, next to `serde_json` parsing
//!   the same bytes into a `Value` (skipped with a message when the reference file is
//!   missing: set `PMCHECK_ORACLE_COLLECTION` to its path);
//! - template rendering against a layered scope;
//! - 100,000 variables set then read, and a 1 MB URL parsed and rendered (hashed lookup
//!   and linear parsing: quadratic before, these took seconds to minutes);
//! - schema lookup and validation with the built-in IDCS schemas;
//! - a typical test script in a reused flow context, next to the same runtime evaluating
//!   an equivalent plain JavaScript snippet;
//! - a new flow context whose first script loads lodash, next to one whose script does
//!   nothing (what loading a library on first use costs).

use std::path::{Path, PathBuf};

use divan::{Bencher, black_box};
use pmcheck::check::{BodyVerdict, CompiledSchema, SchemaSet};
use pmcheck::collection::{LoadedCollection, Selection, parse_collection, parse_url, plan};
use pmcheck::script::{
    FlowContext, Sandbox, ScriptEvent, ScriptHost, ScriptInfo, ScriptKind, ScriptLimits,
    ScriptOutcome, ScriptRequest, ScriptResponse,
};
use pmcheck::vars::{DynamicVars, Resolver, Scope, Template, VarMap};

fn main() {
    divan::main();
}

/// Where the Oracle collection is: `PMCHECK_ORACLE_COLLECTION`, else the shared reference
/// folder next to the repository.
fn oracle_path() -> PathBuf {
    std::env::var_os("PMCHECK_ORACLE_COLLECTION")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join(
                "../shared/reference/idcs/Oracle_Identity_Cloud_Service_Authentication_API.postman_collection.json",
            )
        })
}

/// The collection's bytes, or `None` (with a message) when the file is missing.
fn oracle_bytes() -> Option<(PathBuf, Vec<u8>)> {
    let path = oracle_path();
    match std::fs::read(&path) {
        Ok(bytes) => Some((path, bytes)),
        Err(e) => {
            eprintln!(
                "skipping the Oracle collection benchmarks: cannot read {}: {e}",
                path.display()
            );
            None
        }
    }
}

mod oracle {
    use super::*;

    /// pmcheck: parse into the typed model (with error paths) and plan every step.
    #[divan::bench]
    fn load_and_plan(bencher: Bencher) {
        let Some((path, bytes)) = oracle_bytes() else {
            return;
        };
        bencher
            .counter(divan::counter::BytesCount::of_slice(&bytes))
            .bench(|| {
                let collection = parse_collection(&path, black_box(&bytes));
                let Ok(collection) = collection else {
                    panic!("the Oracle collection did not load");
                };
                plan(
                    vec![LoadedCollection {
                        path: path.clone(),
                        collection,
                        sidecar: None,
                    }],
                    &Selection::default(),
                )
            });
    }

    /// Baseline: `serde_json` alone, into an untyped `Value`.
    #[divan::bench]
    fn serde_json_value(bencher: Bencher) {
        let Some((_, bytes)) = oracle_bytes() else {
            return;
        };
        bencher
            .counter(divan::counter::BytesCount::of_slice(&bytes))
            .bench(|| serde_json::from_slice::<serde_json::Value>(black_box(&bytes)));
    }
}

mod template {
    use super::*;

    fn scope() -> Scope {
        let mut scope = Scope::default();
        scope.globals.set("tenant", "idcs-0123456789abcdef", false);
        scope.environment.set(
            "baseUrl",
            "https://{{tenant}}.identity.oraclecloud.com",
            false,
        );
        scope
            .environment
            .set("client_id", "0123456789abcdef0123", false);
        scope.local.set("requestState", "Qk9HVVMtU1RBVEU=", false);
        scope
    }

    const URL: &str = "{{baseUrl}}/sso/v1/sdk/authenticate?client={{client_id}}&state={{requestState}}&missing={{nope}}";

    /// Rendering a pre-parsed template (nested reference included).
    #[divan::bench]
    fn render_parsed(bencher: Bencher) {
        let scope = scope();
        let folders = [VarMap::new()];
        let template = Template::parse(URL);
        let mut dynamic = DynamicVars::new(Some(1));
        bencher.bench_local(|| {
            let mut r = Resolver::new(&scope, &folders, &mut dynamic);
            r.render(black_box(&template))
        });
    }

    /// Parsing and rendering a string each time.
    #[divan::bench]
    fn parse_and_render(bencher: Bencher) {
        let scope = scope();
        let folders = [VarMap::new()];
        let mut dynamic = DynamicVars::new(Some(1));
        bencher.bench_local(|| {
            let mut r = Resolver::new(&scope, &folders, &mut dynamic);
            r.render_str(black_box(URL))
        });
    }
}

mod scale {
    use super::*;

    /// How many variables the large scope holds.
    const VARIABLES: usize = 100_000;

    /// 100,000 variables set into one map, then each read back.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn variables_1e5_set_then_get(bencher: Bencher) {
        let names: Vec<String> = (0..VARIABLES).map(|i| format!("var{i}")).collect();
        bencher.bench_local(|| {
            let mut map = VarMap::new();
            for name in &names {
                map.set(name.as_str(), "value", false);
            }
            names.iter().filter(|name| map.get(name).is_some()).count()
        });
    }

    /// A URL of 1 MB: `{{host}}`, segments that each hold a reference and a `{{` that
    /// closes nothing, and 16 KiB of `{{` at the end (what made parsing quadratic).
    fn url_1mb() -> String {
        let mut url = String::from("https://{{host}}");
        while url.len() < (1 << 20) - (16 << 10) {
            url.push_str("/{{seg}}-{{x");
        }
        while url.len() < 1 << 20 {
            url.push_str("{{");
        }
        url
    }

    /// Splitting the 1 MB URL into Postman's parts.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn url_1mb_parse(bencher: Bencher) {
        let url = url_1mb();
        bencher.bench_local(|| parse_url(black_box(&url)));
    }

    /// Rendering the 1 MB URL against a scope.
    #[divan::bench(sample_count = 5, sample_size = 1)]
    fn url_1mb_render(bencher: Bencher) {
        let url = url_1mb();
        let mut scope = Scope::default();
        scope.environment.set("host", "example.test", false);
        scope.environment.set("seg", "s", false);
        let mut dynamic = DynamicVars::new(Some(1));
        bencher.bench_local(|| {
            let mut r = Resolver::new(&scope, &[], &mut dynamic);
            r.render_str(black_box(&url))
        });
    }
}

mod schema {
    use super::*;

    const NEXT_STEP: &str = r#"{"status":"success","requestState":"Qk9HVVMtU1RBVEU=",
        "nextOp":["credSubmit","getBackupFactors"],"nextAuthFactors":["TOTP"],
        "TOTP":{"credentials":["otpCode"],"enrolledDevices":[{"deviceId":"dev-1","displayName":"Test phone"}]},
        "mfaSettings":{"enrollmentRequired":false},"trustedDeviceSettings":{"trustDurationInDays":15}}"#;
    const FAILED: &str = r#"{"status":"failed","cause":[{"code":"AUTH-1120","message":"The requestState is invalid or has expired."}]}"#;
    const AUTHN: &str = "/sso/v1/sdk/authenticate";

    /// Selection as a case does it: endpoint, status, media type.
    fn select(set: &SchemaSet, status: u16) -> Option<&std::sync::Arc<CompiledSchema>> {
        let (_, doc) = set
            .lookup("POST", black_box(AUTHN))
            .responses?
            .for_status(status)?;
        match doc.body(Some(black_box("application/json;charset=UTF-8"))) {
            BodyVerdict::Json(s) => Some(s),
            _ => None,
        }
    }

    /// Choosing the schema of a 401 JSON answer (endpoint, status, media type).
    #[divan::bench]
    fn select_schema(bencher: Bencher) {
        let set = set();
        bencher.bench_local(|| select(&set, black_box(401)).is_some());
    }

    fn set() -> SchemaSet {
        match SchemaSet::builtin_idcs() {
            Ok(s) => s,
            Err(e) => panic!("built-in schemas: {e}"),
        }
    }

    /// Compiling the built-in set (done once per run).
    #[divan::bench]
    fn compile_builtin() -> SchemaSet {
        set()
    }

    /// Lookup and validation of a conforming 2xx body.
    #[divan::bench]
    fn validate_2xx(bencher: Bencher) {
        let set = set();
        let body: serde_json::Value = serde_json::from_str(NEXT_STEP).unwrap_or_default();
        bencher.bench_local(|| select(&set, 200).map(|s| s.validate(black_box(&body), 20)));
    }

    /// Parsing the body bytes, then lookup and validation of a conforming 401 body.
    #[divan::bench]
    fn parse_and_validate_401(bencher: Bencher) {
        let set = set();
        bencher.bench_local(|| {
            let body: serde_json::Value =
                serde_json::from_slice(black_box(FAILED.as_bytes())).unwrap_or_default();
            select(&set, 401).map(|s| s.validate(&body, 20))
        });
    }
}

mod script {
    use super::*;

    /// What a typical test script asserts, in the Postman API.
    const PM_SCRIPT: &str = r#"pm.test("Status code is 200", function () {
    pm.response.to.have.status(200);
});
pm.test("Body has a requestState", function () {
    pm.expect(pm.response.json().status).to.eql("success");
});"#;

    /// The same checks in plain JavaScript, as the baseline for the sandbox's overhead.
    const PLAIN_JS: &str = r#"(function () {
    var results = [];
    var response = { code: 200, body: '{"status":"success","requestState":"Qk9HVVMtU1RBVEU="}' };
    try { if (response.code !== 200) { throw new Error("expected 200"); } results.push(true); }
    catch (e) { results.push(false); }
    try { if (JSON.parse(response.body).status !== "success") { throw new Error("eql"); } results.push(true); }
    catch (e) { results.push(false); }
    return results.length;
})()"#;

    struct NoHost;

    impl ScriptHost for NoHost {
        fn send_request(
            &self,
            _: ScriptRequest,
            _: Option<std::time::Instant>,
        ) -> Result<ScriptResponse, String> {
            Err("no network in benchmarks".into())
        }

        fn cookies(&self) -> Vec<pmcheck::http::JarCookie> {
            Vec::new()
        }
    }

    /// A sandbox with the default limits.
    fn sandbox() -> Sandbox {
        match Sandbox::new(ScriptLimits::default()) {
            Ok(s) => s,
            Err(e) => panic!("sandbox: {e}"),
        }
    }

    /// A fresh flow context of `sandbox`.
    fn flow(sandbox: &Sandbox) -> FlowContext {
        match sandbox.flow() {
            Ok(f) => f,
            Err(e) => panic!("flow context: {e}"),
        }
    }

    /// Runs `source` once in `flow` as a test script on a JSON response, checking that it
    /// recorded `assertions` assertions and threw nothing.
    fn run_once(flow: &mut FlowContext, source: &str, assertions: usize) -> ScriptOutcome {
        let mut scope = Scope::default();
        let info = ScriptInfo::default();
        let response = ScriptResponse {
            code: 200,
            reason: "OK".into(),
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: br#"{"status":"success","requestState":"Qk9HVVMtU1RBVEU="}"#.to_vec(),
            time_ms: 3,
        };
        let mut request = ScriptRequest {
            method: "POST".into(),
            url: "https://tenant.example/sso/v1/sdk/authenticate".into(),
            headers: Vec::new(),
            body: None,
        };
        let outcome = flow.run(
            ScriptEvent {
                kind: ScriptKind::Test,
                sources: &[source],
                scope: &mut scope,
                folders: std::sync::Arc::default(),
                request: &mut request,
                response: Some(&response),
                info: &info,
            },
            &NoHost,
        );
        assert_eq!(outcome.assertions.len(), assertions);
        assert!(outcome.error.is_none(), "{:?}", outcome.error);
        outcome
    }

    /// Runs `source` as a test script `bencher`'s number of times in one reused flow
    /// context, checking that it recorded `assertions` assertions.
    fn bench_test_script(bencher: Bencher, source: &str, assertions: usize) {
        let sandbox = sandbox();
        let mut flow = flow(&sandbox);
        bencher.bench_local(|| run_once(&mut flow, black_box(source), assertions));
    }

    /// Runs `source` once in a fresh flow context per iteration.
    fn bench_new_flow(bencher: Bencher, source: &str) {
        let sandbox = sandbox();
        bencher.bench_local(|| {
            let mut flow = flow(&sandbox);
            run_once(&mut flow, black_box(source), 0)
        });
    }

    /// A new flow context and its first script, which loads lodash (`require('lodash')`
    /// and a call): what a flow pays for lodash, beside `new_flow_empty_script`.
    #[divan::bench]
    fn new_flow_first_require_lodash(bencher: Bencher) {
        bench_new_flow(bencher, "require('lodash').map([1, 2], String);");
    }

    /// A new flow context and a script that does nothing: the baseline of
    /// `new_flow_first_require_lodash`.
    #[divan::bench]
    fn new_flow_empty_script(bencher: Bencher) {
        bench_new_flow(bencher, "1;");
    }

    /// `FlowContext::run` of a `pm.test` script with a reused context.
    #[divan::bench]
    fn pm_test_reused_context(bencher: Bencher) {
        bench_test_script(bencher, PM_SCRIPT, 2);
    }

    /// `FlowContext::run` of a script that does nothing: what every run costs.
    #[divan::bench]
    fn empty_script_reused_context(bencher: Bencher) {
        bench_test_script(bencher, "1;", 0);
    }

    /// Baseline: the same QuickJS runtime evaluating the equivalent plain snippet in a
    /// reused context.
    #[divan::bench]
    fn plain_js_same_runtime(bencher: Bencher) {
        let runtime = match rquickjs::Runtime::new() {
            Ok(r) => r,
            Err(e) => panic!("runtime: {e}"),
        };
        let context = match rquickjs::Context::full(&runtime) {
            Ok(c) => c,
            Err(e) => panic!("context: {e}"),
        };
        bencher.bench_local(|| {
            context.with(|ctx| {
                let n: rquickjs::Result<i32> = ctx.eval(black_box(PLAIN_JS));
                assert_eq!(n.ok(), Some(2));
            })
        });
    }

    /// Creating a sandbox and a flow context (once per flow, or per trial).
    #[divan::bench]
    fn new_sandbox_and_flow() -> bool {
        Sandbox::new(ScriptLimits::default())
            .and_then(|s| s.flow().map(drop))
            .is_ok()
    }
}
