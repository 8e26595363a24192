//! Where a flow's steps run and how their requests go out: the thread's HTTP client and
//! script sandbox ([`Lane`]), and the [`Sender`] a case sends through, which owns the
//! waiting strategy (`--busy-poll`) and the work left from the previous case (judging and
//! reporting it), done before the request's clocks start. The case logic only calls
//! [`Sender::send`].

use std::cell::RefCell;
use std::task::Poll;
use std::time::Instant;

use super::busy::BusyPoll;
use super::scripts::Scripts;
use crate::http::{Call, HttpClient, SendError};
use crate::request::RequestSpec;

/// What the thread that runs a sequence of steps provides to them.
#[derive(Clone, Copy)]
pub(crate) struct Lane<'s> {
    /// The client of the thread that runs the steps.
    pub client: &'s HttpClient,
    /// The script engine, shared by the flows of the thread that runs them.
    pub scripts: &'s RefCell<Scripts>,
    /// How waits for answers check for them before sleeping (sequential runs only).
    pub busy: Option<&'s BusyPoll>,
}

impl<'s> Lane<'s> {
    /// A sender on this lane that does `idle` before its request goes out.
    pub fn sender<'a>(&self, idle: Option<&'a mut dyn FnMut()>) -> Sender<'a>
    where
        's: 'a,
    {
        Sender {
            client: self.client,
            busy: self.busy,
            idle,
        }
    }
}

/// How one case sends its request and waits for the answer.
pub(crate) struct Sender<'a> {
    client: &'a HttpClient,
    busy: Option<&'a BusyPoll>,
    /// Work left from the previous case (judging and reporting it); done before the
    /// request is sent.
    idle: Option<&'a mut dyn FnMut()>,
}

impl Sender<'_> {
    /// Sends `spec` to `url`, after the idle work if any: a request's timeout and its
    /// response time start when it is sent, so judging the previous case (seconds for a
    /// large body checked against a schema) never counts against it. With busy polling,
    /// the wait for the answer checks for it in a loop, within the limit, before sleeping.
    pub async fn send(&mut self, spec: &RequestSpec, url: url::Url) -> Result<Call, SendError> {
        if let Some(idle) = self.idle.take() {
            idle();
        }
        let busy = self.busy;
        let mut sending = std::pin::pin!(self.client.send_to(spec, url));
        let started = Instant::now();
        if let Some(limit) = busy.and_then(BusyPoll::budget) {
            loop {
                if let Poll::Ready(sent) = poll_once(sending.as_mut()).await {
                    if let Some(busy) = busy {
                        busy.answered(started.elapsed());
                    }
                    return sent;
                }
                if started.elapsed() >= limit {
                    break;
                }
                // Back after the I/O driver has been checked for events, without sleeping.
                tokio::task::yield_now().await;
            }
        }
        let sent = sending.await;
        if let Some(busy) = busy {
            busy.answered(started.elapsed());
        }
        sent
    }
}

/// Polls `future` once.
async fn poll_once<F: Future>(mut future: std::pin::Pin<&mut F>) -> Poll<F::Output> {
    std::future::poll_fn(|cx| Poll::Ready(future.as_mut().poll(cx))).await
}
