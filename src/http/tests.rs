//! `HttpClient::send` against a real test server (`tests/common/mod.rs`): headers, body,
//! methods, redirects, timeouts, the body cap, cookies, digest auth and broken servers.

use std::time::{Duration, Instant};

use crate::http::{HttpClient, HttpConfig, SendError};
use crate::request::{DigestAuth, RequestSpec};
use crate::test_server::{DIGEST_REALM, RecordedRequest, TestServer};

fn client() -> HttpClient {
    HttpClient::new(&HttpConfig::default()).unwrap()
}

fn client_with(config: HttpConfig) -> HttpClient {
    HttpClient::new(&config).unwrap()
}

fn get(url: String) -> RequestSpec {
    RequestSpec {
        method: "GET".into(),
        url,
        headers: Vec::new(),
        body: None,
        follow_redirects: true,
        digest: None,
        secrets: Vec::new(),
    }
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

fn user_agent() -> String {
    format!("pmcheck/{}", env!("CARGO_PKG_VERSION"))
}

/// Headers the server saw, without the ones the HTTP layer adds itself.
fn seen_headers(request: &RecordedRequest) -> Vec<(String, String)> {
    request
        .headers
        .iter()
        .filter(|(n, _)| {
            !n.eq_ignore_ascii_case("host") && !n.eq_ignore_ascii_case("content-length")
        })
        .cloned()
        .collect()
}

fn same_headers(a: &[(String, String)], b: &[(String, String)]) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .all(|((an, av), (bn, bv))| an.eq_ignore_ascii_case(bn) && av == bv)
}

#[tokio::test]
async fn headers_go_out_in_order_with_duplicates_and_defaults() {
    let server = TestServer::start().await;
    let mut spec = get(server.url("/echo"));
    spec.headers = pairs(&[
        ("X-First", "1"),
        ("X-Dup", "a"),
        ("X-Second", "2"),
        ("X-Dup", "b"),
    ]);
    let call = client().send(&spec).await.unwrap();
    assert_eq!(call.response.status, 200);

    let ua = user_agent();
    let expected = pairs(&[
        ("X-First", "1"),
        ("X-Dup", "a"),
        ("X-Dup", "b"),
        ("X-Second", "2"),
        ("User-Agent", &ua),
        ("Accept", "*/*"),
        ("Accept-Encoding", "gzip, deflate, br"),
        ("Connection", "keep-alive"),
    ]);
    assert_eq!(call.sent.headers, expected);
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let seen = seen_headers(&requests[0]);
    assert!(same_headers(&seen, &expected), "server saw {seen:?}");
    let raw = String::from_utf8_lossy(&requests[0].raw);
    assert!(raw.starts_with("GET /echo HTTP/1.1\r\n"), "{raw}");
    assert!(raw.contains("\r\nX-Dup: a\r\nX-Dup: b\r\n"), "{raw}");

    // The spec's own defaulted headers replace the defaults.
    spec.headers = pairs(&[
        ("user-agent", "custom/1"),
        ("ACCEPT", "text/plain"),
        ("accept-encoding", "identity"),
        ("connection", "close"),
    ]);
    let call = client().send(&spec).await.unwrap();
    assert_eq!(call.sent.headers, spec.headers);
    let requests = server.requests();
    let seen = seen_headers(&requests[1]);
    assert!(same_headers(&seen, &spec.headers), "server saw {seen:?}");
}

#[tokio::test]
async fn body_bytes_are_sent_exactly() {
    let server = TestServer::start().await;
    let body: Vec<u8> = vec![0, 1, 0xff, b'\r', b'\n', b'{', 0xc3, 0x28, b'}'];
    let mut spec = get(server.url("/echo?x=1"));
    spec.method = "POST".into();
    spec.headers = pairs(&[("Content-Type", "application/octet-stream")]);
    spec.body = Some(body.clone());
    let call = client().send(&spec).await.unwrap();
    assert_eq!(call.sent.body.as_deref(), Some(body.as_slice()));
    let request = &server.requests()[0];
    assert_eq!(request.body, body);
    assert!(request.raw.ends_with(&body));
    assert_eq!(request.target, "/echo?x=1");
    assert_eq!(request.header("content-length"), Some("9"));
}

#[tokio::test]
async fn any_method_token_is_sent_and_invalid_ones_are_refused() {
    let server = TestServer::start().await;
    let mut spec = get(server.url("/echo"));
    spec.method = "PROPFIND".into();
    let call = client().send(&spec).await.unwrap();
    assert_eq!(call.sent.method, "PROPFIND");
    assert_eq!(server.requests()[0].method, "PROPFIND");
    let echoed: serde_json::Value = serde_json::from_slice(&call.response.body).unwrap();
    assert_eq!(echoed["method"], "PROPFIND");

    spec.method = "BAD METHOD".into();
    let err = client().send(&spec).await.unwrap_err();
    assert!(matches!(err, SendError::InvalidMethod { .. }), "{err:?}");
    assert_eq!(err.to_string(), "invalid http method \"BAD METHOD\"");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn invalid_urls_and_headers_are_named() {
    let server = TestServer::start().await;
    let err = client().send(&get("nope".into())).await.unwrap_err();
    assert!(matches!(err, SendError::InvalidUrl { .. }), "{err:?}");
    assert!(err.to_string().contains("invalid url \"nope\""), "{err}");

    let mut spec = get(server.url("/echo"));
    spec.headers = pairs(&[("Bad Name", "x")]);
    let err = client().send(&spec).await.unwrap_err();
    assert_eq!(err.to_string(), "invalid header name \"Bad Name\"");

    spec.headers = pairs(&[("X-Split", "a\r\nInjected: yes")]);
    let err = client().send(&spec).await.unwrap_err();
    assert!(matches!(err, SendError::InvalidHeaderValue { ref name } if name == "X-Split"));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn redirects_are_followed_or_not() {
    let server = TestServer::start().await;
    let mut spec = get(server.url("/redirect?to=/echo"));
    let call = client().send(&spec).await.unwrap();
    assert_eq!(call.response.status, 200);
    assert_eq!(call.response.url, server.url("/echo"));
    assert_eq!(call.sent.url, server.url("/redirect?to=/echo"));
    let targets: Vec<String> = server.requests().into_iter().map(|r| r.target).collect();
    assert_eq!(targets, ["/redirect?to=/echo", "/echo"]);

    spec.follow_redirects = false;
    let call = client().send(&spec).await.unwrap();
    assert_eq!(call.response.status, 302);
    assert_eq!(call.response.reason, "Found");
    assert_eq!(call.response.header("LOCATION"), Some("/echo"));
    assert_eq!(call.response.url, server.url("/redirect?to=/echo"));
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn endless_redirects_stop_with_a_clear_error() {
    let server = TestServer::start().await;
    let spec = get(server.url("/redirect-loop"));
    let err = client().send(&spec).await.unwrap_err();
    assert!(
        matches!(err, SendError::TooManyRedirects { max: 10, .. }),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("too many redirects (more than 10)"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 11);
}

#[tokio::test]
async fn timeout_is_reported_with_its_duration() {
    let server = TestServer::start().await;
    let client = client_with(HttpConfig {
        timeout: Some(Duration::from_millis(200)),
        ..HttpConfig::default()
    });
    let started = Instant::now();
    let url = server.url("/slow/3000");
    let err = client.send(&get(url.clone())).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(2500));
    assert!(matches!(err, SendError::Timeout { ms: 200, .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!("request to {url} timed out after 200 ms")
    );

    // A fast answer under the same limit is fine, and timings are filled in.
    let call = client.send(&get(server.url("/slow/10"))).await.unwrap();
    assert_eq!(call.response.status, 200);
    assert!(call.timings.headers >= Duration::from_millis(10));
    assert!(call.timings.total >= call.timings.headers);
}

#[tokio::test]
async fn body_cap_applies_to_content_length_and_streams() {
    let server = TestServer::start().await;
    let client = client_with(HttpConfig {
        max_body: 1000,
        ..HttpConfig::default()
    });

    let call = client.send(&get(server.url("/bytes/1000"))).await.unwrap();
    assert_eq!(call.response.body, vec![b'x'; 1000]);
    let url = server.url("/bytes/1001");
    let err = client.send(&get(url.clone())).await.unwrap_err();
    assert!(
        matches!(err, SendError::BodyTooLarge { limit: 1000, .. }),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        format!("response body from {url} exceeds the 1000-byte limit (--max-body)")
    );

    let call = client.send(&get(server.url("/stream/1000"))).await.unwrap();
    assert_eq!(call.response.header("content-length"), None);
    assert_eq!(call.response.body, vec![b'x'; 1000]);
    let err = client
        .send(&get(server.url("/stream/1001")))
        .await
        .unwrap_err();
    assert!(
        matches!(err, SendError::BodyTooLarge { limit: 1000, .. }),
        "{err:?}"
    );
    // A huge stream fails as soon as the cap is passed, not after reading it all.
    let huge = get(server.url("/stream/100000000000"));
    let err = tokio::time::timeout(Duration::from_secs(5), client.send(&huge))
        .await
        .expect("the cap must stop reading early")
        .unwrap_err();
    assert!(matches!(err, SendError::BodyTooLarge { .. }), "{err:?}");
}

#[tokio::test]
async fn compressed_bodies_are_decoded_under_the_cap() {
    let server = TestServer::start().await;
    let plain = b"{\"encoded\":true}".repeat(64);
    for coding in ["gzip", "deflate", "br", "identity"] {
        let call = client()
            .send(&get(server.url(&format!("/encoded/{coding}"))))
            .await
            .unwrap();
        assert_eq!(call.response.body, plain, "{coding}");
        // The headers stay as received.
        assert_eq!(call.response.header("content-encoding"), Some(coding));
    }
    let client = client_with(HttpConfig {
        max_body: 1 << 20,
        ..HttpConfig::default()
    });
    let call = client
        .send(&get(server.url("/encoded/gzip?size=1048576")))
        .await
        .unwrap();
    assert_eq!(call.response.body.len(), 1 << 20);
    // 64 MiB of zeros arrive as about 64 KiB: the decoded size is what the cap bounds.
    let err = client
        .send(&get(server.url("/encoded/gzip?size=67108864")))
        .await
        .unwrap_err();
    assert!(matches!(err, SendError::BodyTooLarge { .. }), "{err:?}");
    // A body without a coding stays as sent.
    let mut spec = get(server.url("/respond/200"));
    spec.method = "POST".into();
    spec.body = Some(b"plain".to_vec());
    assert_eq!(client.send(&spec).await.unwrap().response.body, b"plain");
}

#[tokio::test]
async fn the_jar_holds_every_hops_cookies_for_scripts() {
    let server = TestServer::start().await;
    let client = client();
    let call = client
        .send(&get(server.url("/redirect-cookie")))
        .await
        .unwrap();
    let cookies = client.jar().cookies_for(&call.response.url).unwrap();
    assert_eq!(cookies.len(), 1);
    assert_eq!((cookies[0].name.as_str(), cookies[0].value.as_str()), ("hop", "1"));
    assert_eq!(cookies[0].path, "/");
    assert_eq!(cookies[0].domain, "127.0.0.1");
    // What a script sets goes out with the next request; what it unsets does not.
    client.jar().set(&server.url("/"), "script=yes; Path=/").unwrap();
    client.send(&get(server.url("/echo"))).await.unwrap();
    let cookie = server.requests().last().unwrap().header("cookie").unwrap().to_string();
    assert!(cookie.contains("script=yes") && cookie.contains("hop=1"), "{cookie}");
    client.jar().unset(&server.url("/"), "hop").unwrap();
    client.send(&get(server.url("/echo"))).await.unwrap();
    assert_eq!(server.requests().last().unwrap().header("cookie"), Some("script=yes"));
    client.jar().clear(&server.url("/")).unwrap();
    client.send(&get(server.url("/echo"))).await.unwrap();
    assert_eq!(server.requests().last().unwrap().header("cookie"), None);
}

#[tokio::test]
async fn cookies_are_kept_for_the_run() {
    let server = TestServer::start().await;
    let client = client();
    let call = client
        .send(&get(server.url("/set-cookie?session=abc")))
        .await
        .unwrap();
    assert_eq!(
        call.response.header("set-cookie"),
        Some("session=abc; Path=/")
    );

    let call = client.send(&get(server.url("/echo"))).await.unwrap();
    assert_eq!(server.requests()[1].header("cookie"), Some("session=abc"));
    let ua = user_agent();
    assert_eq!(
        call.sent.headers,
        pairs(&[
            ("User-Agent", &ua),
            ("Accept", "*/*"),
            ("Accept-Encoding", "gzip, deflate, br"),
            ("Connection", "keep-alive"),
            ("Cookie", "session=abc")
        ])
    );

    // Set-Cookie on a redirect hop reaches the next hop and later requests.
    client
        .send(&get(server.url("/redirect-cookie")))
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!(requests[3].target, "/echo");
    let hop_cookies = requests[3].header("cookie").unwrap();
    assert!(hop_cookies.contains("hop=1"), "{hop_cookies}");
    let call = client.send(&get(server.url("/echo"))).await.unwrap();
    let cookie = server.requests()[4].header("cookie").unwrap().to_string();
    assert!(
        cookie.contains("hop=1") && cookie.contains("session=abc"),
        "{cookie}"
    );
    assert!(call.sent.headers.contains(&("Cookie".to_string(), cookie)));

    // Clones share the jar; another client has its own.
    let clone = client.clone();
    clone.send(&get(server.url("/echo"))).await.unwrap();
    assert!(server.requests()[5].header("cookie").is_some());
    let other = self::client();
    let call = other.send(&get(server.url("/echo"))).await.unwrap();
    assert!(server.requests()[6].header("cookie").is_none());
    assert!(call.sent.headers.iter().all(|(n, _)| n != "Cookie"));
}

fn digest_spec(server: &TestServer, password: &str) -> RequestSpec {
    let mut spec = get(server.url("/digest/alice/s3cret?q=1"));
    spec.digest = Some(DigestAuth {
        username: "alice".into(),
        password: password.into(),
        ..DigestAuth::default()
    });
    spec
}

#[tokio::test]
async fn digest_challenge_is_answered_once() {
    let server = TestServer::start().await;
    let call = client()
        .send(&digest_spec(&server, "s3cret"))
        .await
        .unwrap();
    assert_eq!(call.response.status, 200);
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("authorization"), None);
    let authorization = requests[1].header("authorization").unwrap();
    assert!(
        authorization.starts_with("Digest username=\"alice\""),
        "{authorization}"
    );
    assert!(authorization.contains("uri=\"/digest/alice/s3cret?q=1\""));
    assert!(
        call.sent
            .headers
            .contains(&("Authorization".to_string(), authorization.to_string()))
    );
}

#[tokio::test]
async fn digest_with_wrong_password_ends_with_the_401() {
    let server = TestServer::start().await;
    let call = client().send(&digest_spec(&server, "wrong")).await.unwrap();
    assert_eq!(call.response.status, 401);
    assert_eq!(call.response.body_text(), "unauthorized");
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests[1].header("authorization").is_some());
}

#[tokio::test]
async fn digest_retry_can_be_disabled_or_skipped() {
    let server = TestServer::start().await;
    let mut spec = digest_spec(&server, "s3cret");
    if let Some(auth) = spec.digest.as_mut() {
        auth.disable_retry = true;
    }
    let call = client().send(&spec).await.unwrap();
    assert_eq!(call.response.status, 401);
    assert_eq!(server.requests().len(), 1);

    // Realm and nonce given: the header goes out with the first request.
    if let Some(auth) = spec.digest.as_mut() {
        auth.realm = DIGEST_REALM.into();
        auth.nonce = "given-nonce".into();
    }
    spec.headers = pairs(&[("Authorization", "Bearer replaced")]);
    let call = client().send(&spec).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let authorization = requests[1].header("authorization").unwrap();
    assert!(
        authorization.contains("nonce=\"given-nonce\""),
        "{authorization}"
    );
    assert_eq!(
        call.sent
            .headers
            .iter()
            .filter(|(n, _)| n == "Authorization")
            .count(),
        1
    );
}

#[tokio::test]
async fn connection_refused_is_clear() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/echo", listener.local_addr().unwrap());
    drop(listener);
    let err = client().send(&get(url.clone())).await.unwrap_err();
    assert!(
        matches!(err, SendError::ConnectionRefused { .. }),
        "{err:?}"
    );
    assert_eq!(err.to_string(), format!("connection refused by {url}"));
}

#[tokio::test]
async fn broken_servers_give_errors_not_panics() {
    let server = TestServer::start().await;
    let client = client();
    for path in ["/reset", "/garbage"] {
        let url = server.url(path);
        let err = client.send(&get(url.clone())).await.unwrap_err();
        assert!(
            matches!(
                err,
                SendError::Protocol { .. } | SendError::ConnectionReset { .. }
            ),
            "{path}: {err:?}"
        );
        assert!(err.to_string().contains(&url), "{err}");
    }

    let call = client.send(&get(server.url("/bad-header"))).await.unwrap();
    assert_eq!(call.response.header("x-bad"), Some("caf\u{fffd}"));
    assert_eq!(call.response.body_text(), "ok");
    assert_eq!(call.response.http_version, "HTTP/1.1");
}

#[test]
fn blocking_server_serves_until_dropped() {
    let server = TestServer::start_blocking();
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let url = server.url("/status/204");
    let call = runtime.block_on(client().send(&get(url.clone()))).unwrap();
    assert_eq!(call.response.status, 204);
    assert_eq!(server.requests().len(), 1);
    drop(server);
    let err = runtime.block_on(client().send(&get(url))).unwrap_err();
    assert!(
        matches!(err, SendError::ConnectionRefused { .. }),
        "{err:?}"
    );
}
