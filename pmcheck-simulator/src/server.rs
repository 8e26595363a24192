//! The HTTP server: configuration, routes, start/stop.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::middleware;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tokio::sync::oneshot;

use super::app::AppState;
use super::error::SimulatorError;
use super::faults::{self, ConnHandle, FaultListener};
use super::fixture::Fixture;
use super::lockout::Lockouts;
use super::state::StateStore;
use super::user_state::UserStates;
use super::{authenticate, cors, session, token};

/// How to run a simulator.
#[derive(Debug, Clone)]
pub struct SimulatorConfig {
    /// The tenant (users, codes, fault rules).
    pub fixture: Fixture,
    /// Listen address; port 0 picks a free port. [`SimulatorConfig::new`]: `127.0.0.1:0`.
    pub listen: SocketAddr,
    /// Lifetime of every issued `requestState`. [`SimulatorConfig::new`]: 10 minutes.
    pub request_state_ttl: Duration,
}

impl SimulatorConfig {
    /// `fixture` on a free port of `127.0.0.1`, with the default `requestState` lifetime.
    pub fn new(fixture: Fixture) -> SimulatorConfig {
        SimulatorConfig {
            fixture,
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            request_state_ttl: Duration::from_secs(600),
        }
    }
}

/// A running simulator; it shuts down (gracefully) when dropped.
pub struct Simulator {
    addr: SocketAddr,
    base_url: String,
    app: Arc<AppState>,
    shutdown: Option<oneshot::Sender<()>>,
    runtime: Option<tokio::runtime::Runtime>,
}

impl std::fmt::Debug for Simulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulator")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Simulator {
    /// Starts the simulator on the current tokio runtime.
    pub async fn start(config: SimulatorConfig) -> Result<Simulator, SimulatorError> {
        config
            .fixture
            .check_references()
            .map_err(SimulatorError::Fixture)?;
        let signing_key = config
            .fixture
            .signing_key()
            .map_err(SimulatorError::Fixture)?;
        let listener =
            TcpListener::bind(config.listen)
                .await
                .map_err(|source| SimulatorError::Bind {
                    addr: config.listen,
                    source,
                })?;
        let addr = listener
            .local_addr()
            .map_err(|source| SimulatorError::Bind {
                addr: config.listen,
                source,
            })?;
        let base_url = format!("http://{addr}");
        let app = Arc::new(AppState {
            fixture: config.fixture,
            signing_key,
            store: StateStore::new(config.request_state_ttl),
            base_url: base_url.clone(),
            lockouts: Lockouts::default(),
            users: UserStates::default(),
        });
        let router = Router::new()
            .route(
                "/oauth2/v1/token",
                post(token::token_endpoint).options(cors::preflight),
            )
            .route(
                "/sso/v1/sdk/authenticate",
                get(authenticate::start)
                    .post(authenticate::step)
                    .options(cors::preflight),
            )
            .route(
                "/sso/v1/sdk/secure/session",
                post(session::secure_session).options(cors::preflight),
            )
            .route("/admin/v1/Me", get(session::me).options(cors::preflight))
            .layer(middleware::from_fn_with_state(
                Arc::clone(&app),
                faults::apply,
            ))
            .layer(middleware::from_fn_with_state(
                Arc::clone(&app),
                cors::allow_origin,
            ))
            .with_state(Arc::clone(&app));
        let (tx, rx) = oneshot::channel::<()>();
        let server = axum::serve(
            FaultListener(listener),
            router.into_make_service_with_connect_info::<ConnHandle>(),
        )
        .with_graceful_shutdown(async move {
            let _ = rx.await;
        });
        tokio::spawn(async move {
            // Accept errors are retried inside axum; the server only ends on shutdown.
            let _ = server.await;
        });
        Ok(Simulator {
            addr,
            base_url,
            app,
            shutdown: Some(tx),
            runtime: None,
        })
    }

    /// Starts the simulator on its own multi-threaded runtime, for synchronous callers.
    pub fn start_blocking(config: SimulatorConfig) -> Result<Simulator, SimulatorError> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("pmcheck-simulator")
            .enable_all()
            .build()
            .map_err(SimulatorError::Runtime)?;
        let mut simulator = runtime.block_on(Simulator::start(config))?;
        simulator.runtime = Some(runtime);
        Ok(simulator)
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The tenant being simulated.
    pub fn fixture(&self) -> &Fixture {
        &self.app.fixture
    }

    /// Forgets what sign-ins changed: wrong-password counts and lockouts, remembered
    /// preferred factors, changed passwords, trust and keep-me-signed-in tokens.
    pub fn reset_security_state(&self) {
        self.app.lockouts.reset();
        self.app.users.reset();
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
