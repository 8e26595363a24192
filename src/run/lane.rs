//! Where a flow's steps run and how their requests go out: the thread's HTTP client and
//! script sandbox ([`Lane`]), and the [`Sender`] a case sends through, which owns the
//! waiting strategy (`--busy-poll`) and the work done while the target answers (judging
//! and reporting the previous case). The case logic only calls [`Sender::send`].

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
    /// A sender on this lane that does `idle` once the request is on its way.
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
    /// Work to do while the target answers (reporting the previous case); run once the
    /// request is on its way.
    idle: Option<&'a mut dyn FnMut()>,
}

impl Sender<'_> {
    /// Sends `spec` to `url`; with idle work, does it once the request has been handed to
    /// the connection and the connection has had its turn to write it (the task steps
    /// aside once, behind the connection's task, without a trip to the I/O driver). With
    /// busy polling, the wait for the answer checks for it in a loop, within the limit,
    /// before sleeping.
    pub async fn send(&mut self, spec: &RequestSpec, url: url::Url) -> Result<Call, SendError> {
        let busy = self.busy;
        let mut sending = std::pin::pin!(self.client.send_to(spec, url));
        if let Some(idle) = self.idle.take() {
            if let Poll::Ready(sent) = poll_once(sending.as_mut()).await {
                idle();
                return sent;
            }
            step_aside().await;
            idle();
        }
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

/// Lets the runtime's other ready tasks (the connection's) run once, without asking the
/// I/O driver for events.
async fn step_aside() {
    let mut stepped = false;
    std::future::poll_fn(|cx| {
        if stepped {
            return Poll::Ready(());
        }
        stepped = true;
        cx.waker().wake_by_ref();
        Poll::Pending
    })
    .await
}
