//! Flow states and the `requestState` store.
//!
//! Every response issues a fresh opaque `requestState` that maps to an immutable
//! snapshot of the flow's step. Older states of a flow stay usable until they
//! expire (the real service's states are self-contained); once a flow completes
//! (an `authnToken` was issued) every state of that flow is rejected.

use std::collections::HashMap;
use std::hash::{BuildHasher, RandomState};
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use rand::Rng;
use serde_json::{Map, Value};

use super::fixture::{Device, Factor};
use super::op::Op;

/// Where a flow is, i.e. what the last response asked for.
#[derive(Debug, Clone)]
pub(crate) enum Phase {
    /// Flow started; user name (and password) expected.
    Init,
    /// Username-first: the password is expected.
    Password,
    /// Terms of use must be accepted.
    Tou,
    /// Enrollment menu (MFA or account recovery).
    Enroll,
    /// A device is being enrolled and its OTP code is expected.
    EnrollOtp { device: Device },
    /// An online TOTP / PUSH enrollment waits for the app; the client polls.
    EnrollPoll { device: Device, polls: u32 },
    /// Security questions offered for enrollment.
    EnrollQuestions,
    /// Second-factor challenge (OTP, security questions or pending push).
    Challenge {
        factor: Factor,
        device_id: Option<String>,
        polls: u32,
    },
    /// Backup factors listed; any of them may be submitted.
    Backup,
    /// The password has expired; a new one is expected.
    PasswordChange,
}

/// An immutable snapshot of a flow, bound to one `requestState`.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub phase: Phase,
    pub username: Option<String>,
    pub tou_accepted: bool,
    /// The enrollment menu is the account-recovery one.
    pub acc_rec_mode: bool,
    /// Account-recovery factors enrolled in this flow, with their devices.
    pub acc_rec: Vec<(Factor, Option<Device>)>,
    /// MFA devices enrolled in this flow.
    pub enrolled: Vec<Device>,
    /// Security questions enrolled in this flow.
    pub questions_enrolled: bool,
    /// This step answered the poll that saw an app approve an enrollment: a later poll
    /// (one that crossed the approval) gets the same answer again.
    pub approved_by_poll: bool,
    /// The `nextOp` offered by the response that issued this state.
    pub next_op: Vec<Op>,
    /// The next-step part of that response, re-offered with errors.
    pub offer: Map<String, Value>,
    /// `keepMeSignedIn: true` was asked for: the finished flow adds a `kmsiToken`.
    pub kmsi: bool,
    /// A factor submitted with `preferred: true` (and its device), remembered for later
    /// sign-ins once the flow finishes.
    pub prefer: Option<(Factor, Option<String>)>,
    /// The `trustToken` the first factor was submitted with.
    pub trust_token: Option<String>,
    /// Since when a push or online-TOTP approval has been pending.
    pub pending_since: Option<Instant>,
}

impl Step {
    pub(crate) fn start() -> Step {
        Step {
            phase: Phase::Init,
            username: None,
            tou_accepted: false,
            acc_rec_mode: false,
            acc_rec: Vec::new(),
            enrolled: Vec::new(),
            questions_enrolled: false,
            approved_by_poll: false,
            next_op: Vec::new(),
            offer: Map::new(),
            kmsi: false,
            prefer: None,
            trust_token: None,
            pending_since: None,
        }
    }
}

/// Shared per-flow data (not part of the snapshot).
#[derive(Debug, Default)]
pub(crate) struct FlowMeta {
    completed: AtomicBool,
    wrong_codes: AtomicU32,
}

impl FlowMeta {
    /// Counts a wrong code in this flow; returns the count so far.
    pub(crate) fn wrong_code(&self) -> u32 {
        self.wrong_codes.fetch_add(1, Ordering::AcqRel) + 1
    }

    pub(crate) fn complete(&self) {
        self.completed.store(true, Ordering::Release);
    }

    fn is_completed(&self) -> bool {
        self.completed.load(Ordering::Acquire)
    }
}

struct Entry {
    step: Arc<Step>,
    flow: Arc<FlowMeta>,
    expires: Instant,
}

#[derive(Default)]
struct Shard {
    map: HashMap<String, Entry>,
    inserts: u32,
}

/// Result of looking a `requestState` up.
pub(crate) enum Lookup {
    /// Valid: the step snapshot and its flow.
    Found(Arc<Step>, Arc<FlowMeta>),
    /// Known but past its TTL.
    Expired,
    /// Never issued, tampered with, or its flow already completed.
    Unknown,
}

const SHARDS: usize = 64;
const PURGE_EVERY: u32 = 512;

/// Sharded in-memory map of issued `requestState` values.
pub(crate) struct StateStore {
    shards: Box<[Mutex<Shard>]>,
    hasher: RandomState,
    ttl: Duration,
}

impl StateStore {
    pub(crate) fn new(ttl: Duration) -> StateStore {
        StateStore {
            shards: (0..SHARDS).map(|_| Mutex::new(Shard::default())).collect(),
            hasher: RandomState::new(),
            ttl,
        }
    }

    fn shard(&self, key: &str) -> &Mutex<Shard> {
        let index = (self.hasher.hash_one(key) as usize) % SHARDS;
        &self.shards[index]
    }

    /// Issues a fresh `requestState` bound to `step` of `flow`.
    pub(crate) fn issue(&self, step: Arc<Step>, flow: &Arc<FlowMeta>) -> String {
        let key = new_request_state();
        let now = Instant::now();
        let entry = Entry {
            step,
            flow: Arc::clone(flow),
            expires: now + self.ttl,
        };
        let mut shard = self
            .shard(&key)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        shard.inserts = shard.inserts.wrapping_add(1);
        if shard.inserts.is_multiple_of(PURGE_EVERY) {
            shard
                .map
                .retain(|_, e| e.expires > now && !e.flow.is_completed());
        }
        shard.map.insert(key.clone(), entry);
        key
    }

    /// Looks `key` up.
    pub(crate) fn lookup(&self, key: &str) -> Lookup {
        let shard = self
            .shard(key)
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match shard.map.get(key) {
            None => Lookup::Unknown,
            Some(e) if e.flow.is_completed() => Lookup::Unknown,
            Some(e) if e.expires <= Instant::now() => Lookup::Expired,
            Some(e) => Lookup::Found(Arc::clone(&e.step), Arc::clone(&e.flow)),
        }
    }
}

/// 96 random bytes in standard base64 (128 characters), containing `+` or `/`.
fn new_request_state() -> String {
    let mut rng = rand::rng();
    let mut bytes = [0u8; 96];
    loop {
        rng.fill_bytes(&mut bytes);
        let s = STANDARD.encode(bytes);
        if s.contains(['+', '/']) {
            return s;
        }
    }
}

/// Random bytes as standard base64 (trust tokens, session ids).
pub(crate) fn random_base64(len: usize) -> String {
    let mut bytes = vec![0u8; len];
    rand::rng().fill_bytes(&mut bytes);
    STANDARD.encode(bytes)
}
