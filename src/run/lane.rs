//! Where a flow's steps run and how their requests go out: the thread's HTTP client and
//! script sandbox ([`Lane`]), and the [`Sender`] a case sends through, which owns the
//! waiting strategy (`--busy-poll`) and the work left from the previous case (judging and
//! reporting it), done before the request's clocks start. The case logic only calls
//! [`Sender::send`].

use std::cell::RefCell;
use std::task::Poll;
use std::time::{Duration, Instant};

use super::busy::BusyPoll;
use super::outcome::CaseError;
use super::scripts::Scripts;
use super::stop::RunStop;
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
    /// A sender on this lane that does `idle` before its request goes out, and sends
    /// nothing once `stop` says the run is stopping.
    pub fn sender<'a>(&self, idle: Option<&'a mut dyn FnMut()>, stop: &'a RunStop) -> Sender<'a>
    where
        's: 'a,
    {
        Sender {
            client: self.client,
            busy: self.busy,
            idle,
            stop,
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
    /// The run's deadline and stop signal.
    stop: &'a RunStop,
}

/// A request that got no answer: why, and the time spent on it.
pub(crate) struct Unsent {
    /// Why: the exchange failed, or the run stopped.
    pub error: CaseError,
    /// From when it was sent (or refused to be) to the failure.
    pub elapsed: Duration,
}

impl<'a> Sender<'a> {
    /// The run's deadline and stop signal.
    pub fn stop(&self) -> &'a RunStop {
        self.stop
    }

    /// Sends `spec` to `url`, after the idle work if any: a request's timeout and its
    /// response time start when it is sent, so judging the previous case (seconds for a
    /// large body checked against a schema) never counts against it. With busy polling,
    /// the wait for the answer checks for it in a loop, within the limit, before sleeping.
    ///
    /// Once the run is stopping nothing is sent; the run's deadline cuts the exchange
    /// (whose own timeout may come first).
    pub async fn send(&mut self, spec: &RequestSpec, url: url::Url) -> Result<Call, Unsent> {
        if let Some(idle) = self.idle.take() {
            idle();
        }
        let started = Instant::now();
        let unsent = |error| Unsent {
            error,
            elapsed: started.elapsed(),
        };
        if let Some(why) = self.stop.reason() {
            self.stop.note(why);
            return Err(unsent(CaseError::Stopped(why)));
        }
        let exchange = self.exchange(spec, url);
        let sent = match self.stop.deadline() {
            Some(deadline) => match tokio::time::timeout_at(deadline.into(), exchange).await {
                Ok(sent) => sent,
                Err(_) => {
                    let why = self.stop.note(self.stop.timed_out());
                    return Err(unsent(CaseError::Stopped(why)));
                }
            },
            None => exchange.await,
        };
        sent.map_err(|e| unsent(CaseError::Send(e)))
    }

    /// Sends and waits for the answer, checking for it in a loop first with busy polling.
    async fn exchange(&self, spec: &RequestSpec, url: url::Url) -> Result<Call, SendError> {
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

/// `work` (fetching a token: a request of its own), cut at the run's deadline.
pub(crate) async fn bounded<T>(
    stop: &RunStop,
    work: impl Future<Output = Result<T, CaseError>>,
) -> Result<T, CaseError> {
    let Some(deadline) = stop.deadline() else {
        return work.await;
    };
    match tokio::time::timeout_at(deadline.into(), work).await {
        Ok(done) => done,
        Err(_) => Err(CaseError::Stopped(stop.note(stop.timed_out()))),
    }
}
