//! Fault injection: the middleware applying the `X-Pmcheck-Fault` header and fixture fault
//! rules (syntax in `fault_spec.rs`; fixture rules may limit `drop=FIELD` and
//! `retype=FIELD` to answers with a given `status`), and the connection wrapper that lets a
//! handler drop a connection without a response.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};

use axum::body::{Body, to_bytes};
use axum::extract::connect_info::Connected;
use axum::extract::{ConnectInfo, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::Response;
use axum::serve::{IncomingStream, Listener};
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

use super::app::AppState;
use super::catalogue::AuthError;
use super::fault_spec::FaultSpec;
use super::op::Op;
use super::response::{add_standard_headers, failure_response, new_ecid};

/// The request header selecting faults.
pub const FAULT_HEADER: &str = "x-pmcheck-fault";
const BODY_LIMIT: usize = 4 << 20;

/// Per-connection switch set by a handler to drop the connection.
#[derive(Debug, Default)]
pub(crate) struct ConnControl {
    kill: AtomicBool,
}

/// Connection info handed to handlers (clone of the connection's switch).
#[derive(Debug, Clone)]
pub(crate) struct ConnHandle(Arc<ConnControl>);

/// A TCP stream whose writes fail once its connection is killed, so the
/// server closes it without sending a response.
pub(crate) struct FaultStream {
    inner: TcpStream,
    control: Arc<ConnControl>,
}

fn killed() -> io::Error {
    io::Error::new(
        io::ErrorKind::ConnectionReset,
        "connection dropped by fault injection",
    )
}

impl AsyncRead for FaultStream {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.control.kill.load(Ordering::Acquire) {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for FaultStream {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.control.kill.load(Ordering::Acquire) {
            return Poll::Ready(Err(killed()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// TCP listener yielding [`FaultStream`]s.
pub(crate) struct FaultListener(pub(crate) TcpListener);

impl Listener for FaultListener {
    type Io = FaultStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        let (stream, addr) = Listener::accept(&mut self.0).await;
        let _ = stream.set_nodelay(true);
        let io = FaultStream {
            inner: stream,
            control: Arc::new(ConnControl::default()),
        };
        (io, addr)
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        self.0.local_addr()
    }
}

impl Connected<IncomingStream<'_, FaultListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, FaultListener>) -> Self {
        ConnHandle(Arc::clone(&stream.io().control))
    }
}

fn html_page(status: StatusCode) -> Response {
    let mut response = Response::new(Body::from(
        "<!DOCTYPE html>\n<html><head><title>Service notice</title></head>\
         <body><p>This page is not JSON (injected fault).</p></body></html>\n",
    ));
    *response.status_mut() = status;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html;charset=utf-8"),
    );
    add_standard_headers(&mut response, &new_ecid());
    response
}

/// Middleware applying header and fixture faults.
pub(crate) async fn apply(
    State(app): State<Arc<AppState>>,
    ConnectInfo(conn): ConnectInfo<ConnHandle>,
    request: Request,
    next: Next,
) -> Response {
    let mut spec = match request.headers().get(FAULT_HEADER).map(|v| v.to_str()) {
        None => FaultSpec::default(),
        Some(Ok(text)) => match FaultSpec::parse(text) {
            Ok(spec) => spec,
            Err(message) => return bad_fault(&message),
        },
        Some(Err(_)) => return bad_fault("the fault header is not ASCII"),
    };
    let path = request.uri().path().to_string();
    let mut drops: Vec<(Option<u16>, Edit)> = Vec::new();
    let rules: Vec<_> = app
        .fixture
        .faults
        .iter()
        .filter(|r| r.path == path)
        .collect();
    let mut request = request;
    if !rules.is_empty() {
        let needs_op = rules.iter().any(|r| r.op.is_some());
        let mut op = None;
        if needs_op {
            let (parts, body) = request.into_parts();
            let bytes = match to_bytes(body, BODY_LIMIT).await {
                Ok(b) => b,
                Err(_) => return bad_fault("the request body could not be read"),
            };
            op = serde_json::from_slice::<Value>(&bytes)
                .ok()
                .and_then(|v| v.get("op").and_then(Value::as_str).and_then(Op::parse));
            request = Request::from_parts(parts, Body::from(bytes));
        }
        for rule in rules {
            if rule.op.is_none() || rule.op == op {
                match FaultSpec::parse(&rule.fault) {
                    Ok(mut s) => {
                        drops.extend(edits(&mut s).map(|e| (rule.status, e)));
                        spec.merge(s);
                    }
                    Err(message) => return bad_fault(&message),
                }
            }
        }
    }
    drops.extend(edits(&mut spec).map(|e| (None, e)).collect::<Vec<_>>());
    if let Some(push) = spec.push.take() {
        // The authenticate handler answers the poll as the fault says.
        request.extensions_mut().insert(push);
    }
    if spec.is_empty() {
        let response = next.run(request).await;
        return drop_fields(response, &drops).await;
    }
    if let Some(delay) = spec.delay {
        tokio::time::sleep(delay).await;
    }
    if spec.reset {
        conn.0.kill.store(true, Ordering::Release);
        return Response::new(Body::empty());
    }
    let response = if spec.not_json {
        html_page(if spec.server_error {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::OK
        })
    } else if spec.server_error {
        failure_response(&AuthError::InjectedFault, &app.fixture.messages)
    } else {
        next.run(request).await
    };
    let response = drop_fields(response, &drops).await;
    if spec.truncate {
        return truncate(response).await;
    }
    response
}

/// A change to one top-level field of a JSON answer.
enum Edit {
    /// `drop=FIELD`.
    Drop(String),
    /// `retype=FIELD`.
    Retype(String),
}

/// Takes the field edits out of `spec`.
fn edits(spec: &mut FaultSpec) -> impl Iterator<Item = Edit> {
    let drops = std::mem::take(&mut spec.drop).into_iter().map(Edit::Drop);
    drops.chain(
        std::mem::take(&mut spec.retype)
            .into_iter()
            .map(Edit::Retype),
    )
}

/// Applies the field edits (those whose status filter matches) to a JSON answer.
async fn drop_fields(response: Response, drops: &[(Option<u16>, Edit)]) -> Response {
    let status = response.status().as_u16();
    let fields: Vec<&Edit> = drops
        .iter()
        .filter(|(s, _)| s.is_none_or(|s| s == status))
        .map(|(_, f)| f)
        .collect();
    if fields.is_empty() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT).await.unwrap_or_default();
    let Ok(Value::Object(mut json)) = serde_json::from_slice::<Value>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    for edit in fields {
        match edit {
            Edit::Drop(f) => {
                json.remove(f);
            }
            Edit::Retype(f) => {
                if let Some(v) = json.get_mut(f) {
                    let flipped = match &*v {
                        Value::String(s) => Value::from(s.len()),
                        other => Value::String(other.to_string()),
                    };
                    *v = flipped;
                }
            }
        }
    }
    let text = Value::Object(json).to_string();
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(text.len()));
    Response::from_parts(parts, Body::from(text))
}

/// Declares a Content-Length larger than the body actually sent; the server
/// then closes the connection when the body ends early.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = to_bytes(body, BODY_LIMIT).await.unwrap_or_default();
    let sent = bytes.slice(..bytes.len() / 2);
    let declared = bytes.len().max(1) + 64;
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(declared));
    parts
        .headers
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    Response::from_parts(parts, Body::from(sent))
}

fn bad_fault(message: &str) -> Response {
    let mut response = Response::new(Body::from(format!("invalid X-Pmcheck-Fault: {message}\n")));
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain;charset=utf-8"),
    );
    response
}
