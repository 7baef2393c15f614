//! The retry policy: the decision table against an independent oracle, the
//! delays' bounds, the retry budget (one thread and many), and the loops
//! (blocking and async). Inputs come from fixed-seed generators.
#![cfg(feature = "macros")]

use errors_catalog::Retry;
use errors_catalog::retry::{
    self, CallError, Classify, GiveUpReason, JitterSource, RetryBudget, RetryDecision, RetryPolicy,
    SplitMix64, Undecodable,
};
use errors_catalog::wire::{DecodeError, ErrorResponse, Known, RetryAfter, UnknownError};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

#[errors_catalog::catalog(spec = "tests/retry.yaml")]
pub enum RetryError {}

/// xorshift64*: the generator of the test inputs (not the jitter source).
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn millis(&mut self, max: u64) -> Duration {
        Duration::from_millis(self.below(max + 1))
    }
}

/// The settings of a policy, kept by the test (the oracle does not ask the
/// policy).
#[derive(Debug, Clone, Copy)]
struct Params {
    max_attempts: u32,
    base: Duration,
    poll: Duration,
    cap: Duration,
    jitter: bool,
    seed: u64,
}

impl Params {
    fn random(g: &mut Gen) -> Self {
        Params {
            max_attempts: 1 + g.below(6) as u32,
            base: g.millis(500),
            poll: g.millis(5_000),
            cap: g.millis(30_000),
            jitter: g.below(2) == 0,
            seed: g.next(),
        }
    }

    fn policy(&self) -> RetryPolicy {
        RetryPolicy::builder()
            .max_attempts(self.max_attempts)
            .base_delay(self.base)
            .poll_delay(self.poll)
            .max_delay(self.cap)
            .jitter(self.jitter)
            .jitter_source(Arc::new(SplitMix64::new(self.seed)))
            .build()
    }
}

/// The oracle's own SplitMix64 (Vigna's splitmix64.c), and its own mapping
/// of a random word to `[0, max]` in nanoseconds.
struct OracleRng(u64);

impl OracleRng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn up_to(&mut self, max_ns: u128) -> u128 {
        (self.next() as u128 * (max_ns + 1)) >> 64
    }
}

/// The issue's rules, written as a table of what each class allows.
fn oracle(
    p: &Params,
    rng: &mut OracleRng,
    class: Retry,
    idempotent: bool,
    attempt: u32,
    hint: Option<Duration>,
) -> RetryDecision {
    enum Rule {
        Surface,
        IfIdempotent,
        Backoff,
        Poll,
        RefreshOnce,
    }
    let rule = match class {
        Retry::Never | Retry::QuotaExhausted => Rule::Surface,
        Retry::Transient => Rule::IfIdempotent,
        Retry::Throttled => Rule::Backoff,
        Retry::AfterStateChange => Rule::Poll,
        Retry::AfterRefresh => Rule::RefreshOnce,
        _ => Rule::Surface,
    };
    let base = match rule {
        Rule::Surface => return RetryDecision::GiveUp(GiveUpReason::NotRetryable(class)),
        Rule::IfIdempotent if !idempotent => {
            return RetryDecision::GiveUp(GiveUpReason::NotIdempotent);
        }
        Rule::IfIdempotent | Rule::Backoff => p.base,
        Rule::Poll => p.poll,
        Rule::RefreshOnce => Duration::ZERO,
    };
    if attempt >= p.max_attempts {
        return RetryDecision::GiveUp(GiveUpReason::AttemptsExhausted { attempts: attempt });
    }
    if let Rule::RefreshOnce = rule {
        return RetryDecision::GiveUp(GiveUpReason::NeedsRefresh);
    }
    let cap = p.cap.as_nanos();
    let ceiling = if attempt >= 64 {
        cap
    } else {
        (base.as_nanos() * (1u128 << attempt)).min(cap)
    };
    let ns = match (hint, p.jitter) {
        (None, false) => ceiling,
        (None, true) => rng.up_to(ceiling),
        (Some(h), false) => h.as_nanos().min(cap),
        (Some(h), true) => h.as_nanos().min(cap) + rng.up_to(ceiling),
    };
    RetryDecision::RetryAfter(Duration::from_nanos(ns as u64))
}

fn known_of(class: Retry) -> RetryError {
    RetryError::ALL
        .iter()
        .find(|e| e.retry() == class)
        .cloned()
        .unwrap_or_else(|| panic!("tests/retry.yaml has no {class} code"))
}

fn response(
    error: Known<RetryError>,
    status: u16,
    hint: Option<RetryAfter>,
) -> ErrorResponse<RetryError> {
    ErrorResponse {
        error,
        status,
        request_id: Some("req".into()),
        server_message: None,
        retry_after: hint,
    }
}

/// The errors of one class: a known code, an unknown code that inherited
/// the class, the same through `CallError`, and an undecodable body whose
/// status gives the class (where a status does).
fn errors_of(class: Retry, hint: Option<RetryAfter>) -> Vec<Box<dyn Classify>> {
    let known = known_of(class);
    let status = known.http_status();
    let unknown = Known::Unknown(UnknownError {
        code: "Brand.New".into(),
        message: String::new(),
        retry: class,
    });
    let mut out: Vec<Box<dyn Classify>> = vec![
        Box::new(response(Known::Known(known), status, hint)),
        Box::new(response(unknown, 400, hint)),
        Box::new(CallError::Response(Box::new(response(
            Known::Known(known),
            status,
            hint,
        )))),
    ];
    let status = match class {
        Retry::Throttled => Some(429),
        Retry::Transient => Some(503),
        Retry::Never => Some(404),
        _ => None,
    };
    if let Some(status) = status {
        let u = Undecodable {
            status,
            error: DecodeError::NotJson {
                reason: "html".into(),
            },
            retry_after: hint,
        };
        out.push(Box::new(CallError::<RetryError>::Undecodable(u.clone())));
        out.push(Box::new(u));
    }
    out
}

#[test]
fn decision_table_matches_the_oracle() {
    let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000);
    let mut g = Gen(0x5EED_0014);
    let mut covered = std::collections::BTreeSet::new();
    let mut decisions = 0usize;
    for _ in 0..300 {
        let p = Params::random(&mut g);
        let policy = p.policy();
        let mut rng = OracleRng(p.seed);
        for &class in Retry::ALL {
            for idempotent in [false, true] {
                // No hint, a delay (below or above the cap), a date ahead,
                // a date passed.
                let d = g.millis(40_000);
                let hints = [
                    (0, None, None),
                    (1, Some(RetryAfter::Delay(d)), Some(d)),
                    (2, Some(RetryAfter::At(now + d)), Some(d)),
                    (3, Some(RetryAfter::At(now - d)), Some(Duration::ZERO)),
                ];
                for (kind, hint, resolved) in hints {
                    for error in errors_of(class, hint) {
                        for attempt in 1..=p.max_attempts {
                            let got = policy.decide_at(attempt, &*error, idempotent, now);
                            let want = oracle(&p, &mut rng, class, idempotent, attempt, resolved);
                            assert_eq!(
                                got, want,
                                "{p:?} class {class} idempotent {idempotent} hint {hint:?} attempt {attempt}"
                            );
                            covered.insert((class, idempotent, kind, attempt));
                            decisions += 1;
                        }
                    }
                }
            }
        }
    }
    eprintln!("{decisions} decisions checked against the oracle");
    // Every class x idempotent x hint kind x attempt 1..=6 was decided.
    assert_eq!(
        covered.len(),
        Retry::ALL.len() * 2 * 4 * 6,
        "{decisions} decisions"
    );
}

#[test]
fn decisions_follow_the_class_of_decoded_bodies() {
    // Through the real decoder: known codes, an unknown code of a known
    // family, an unknown code classified by its status, a proxy page.
    let policy = RetryPolicy::builder().jitter(false).build();
    let cases: [(u16, &[u8], bool, Retry); 6] = [
        (
            404,
            br#"{"Code": "OrderNotFound", "Message": "m", "RequestId": "r"}"#,
            true,
            Retry::Never,
        ),
        (
            429,
            br#"{"Code": "Throttling.Brand.New", "Message": "m"}"#,
            false,
            Retry::Throttled,
        ),
        (
            400,
            br#"{"Code": "Throttling.Api", "Message": "m"}"#,
            false,
            Retry::Throttled,
        ),
        (
            500,
            br#"{"Code": "NotInTheCatalog", "Message": "m"}"#,
            true,
            Retry::Transient,
        ),
        (502, b"<html>Bad Gateway</html>", true, Retry::Transient),
        (200, br#"[1, 2]"#, true, Retry::Never),
    ];
    for (status, body, idempotent, class) in cases {
        let err = retry::check_response::<RetryError, _>(status, &[("Retry-After", "3")], body)
            .expect_err("an error");
        assert_eq!(
            err.retry_class(),
            class,
            "{}",
            String::from_utf8_lossy(body)
        );
        assert_eq!(
            err.retry_hint(),
            Some(RetryAfter::Delay(Duration::from_secs(3)))
        );
        let want = match class {
            Retry::Never => RetryDecision::GiveUp(GiveUpReason::NotRetryable(Retry::Never)),
            _ => RetryDecision::RetryAfter(Duration::from_secs(3)),
        };
        assert_eq!(policy.decide(1, &err, idempotent), want);
    }
    assert_eq!(
        retry::check_response::<RetryError, _>(200, &[("x", "y")], br#"{"RequestId": "ok"}"#).ok(),
        Some(Some("ok".into()))
    );
}

#[test]
fn delays_stay_within_their_bounds() {
    let mut g = Gen(0xB0_0D5);
    for round in 0..200 {
        let mut p = Params::random(&mut g);
        p.jitter = true;
        // Half the policies draw real randomness.
        let policy = if round % 2 == 0 {
            p.policy()
        } else {
            RetryPolicy::builder()
                .max_attempts(p.max_attempts)
                .base_delay(p.base)
                .poll_delay(p.poll)
                .max_delay(p.cap)
                .build()
        };
        for attempt in 1..p.max_attempts {
            for (class, base) in [
                (Retry::Throttled, p.base),
                (Retry::Transient, p.base),
                (Retry::AfterStateChange, p.poll),
            ] {
                let ceiling = base
                    .checked_mul(1 << attempt)
                    .map_or(p.cap, |d| d.min(p.cap));
                assert_eq!(policy.backoff_ceiling(base, attempt), ceiling);
                for _ in 0..20 {
                    let RetryDecision::RetryAfter(d) = policy.decide(attempt, &class, true) else {
                        panic!("{class} is retried");
                    };
                    assert!(
                        d <= ceiling,
                        "{d:?} > {ceiling:?} ({p:?}, attempt {attempt})"
                    );
                    let h = g.millis(40_000);
                    let e = response(
                        Known::Known(known_of(class)),
                        429,
                        Some(RetryAfter::Delay(h)),
                    );
                    let RetryDecision::RetryAfter(d) = policy.decide(attempt, &e, true) else {
                        panic!("{class} is retried");
                    };
                    assert!(
                        d >= h.min(p.cap),
                        "{d:?} waits less than the capped hint {h:?}"
                    );
                    assert!(
                        d <= h + p.cap,
                        "{d:?} exceeds the hint {h:?} by more than {:?}",
                        p.cap
                    );
                    assert!(d <= h.min(p.cap) + ceiling, "{d:?}");
                }
            }
        }
    }
}

#[test]
fn full_jitter_spreads_over_the_whole_range() {
    for seed in 0..5u64 {
        let policy = RetryPolicy::builder()
            .max_attempts(10)
            .base_delay(Duration::from_millis(100))
            .jitter_source(Arc::new(SplitMix64::new(seed)))
            .build();
        let ceiling = Duration::from_millis(800);
        let draws: Vec<Duration> = (0..2_000)
            .map(|_| match policy.decide(3, &Retry::Throttled, false) {
                RetryDecision::RetryAfter(d) => d,
                other => panic!("{other:?}"),
            })
            .collect();
        let min = draws.iter().min().copied().unwrap_or_default();
        let max = draws.iter().max().copied().unwrap_or_default();
        let mean = draws.iter().sum::<Duration>() / draws.len() as u32;
        assert!(
            min < ceiling / 50 && max > ceiling * 49 / 50,
            "{min:?} {max:?}"
        );
        assert!(
            mean > ceiling * 45 / 100 && mean < ceiling * 55 / 100,
            "{mean:?}"
        );
    }
    // Two entropy-seeded policies do not draw the same sequence.
    let a = RetryPolicy::default();
    let b = RetryPolicy::default();
    let seq = |p: &RetryPolicy| -> Vec<RetryDecision> {
        (0..8)
            .map(|_| p.decide(2, &Retry::Throttled, true))
            .collect()
    };
    assert_ne!(seq(&a), seq(&b));
}

/// Always fails with `class` (no hint); counts attempts.
fn failing(class: Retry, calls: &AtomicU32) -> impl FnMut() -> Result<(), Retry> + '_ {
    move || {
        calls.fetch_add(1, Ordering::Relaxed);
        Err(class)
    }
}

fn budgeted(capacity: u32, cost: u32, attempts: u32) -> (RetryPolicy, Arc<RetryBudget>) {
    let budget = Arc::new(RetryBudget::new(capacity, cost));
    let policy = RetryPolicy::builder()
        .max_attempts(attempts)
        .budget(Some(budget.clone()))
        .jitter_source(Arc::new(SplitMix64::new(7)))
        .build();
    (policy, budget)
}

#[test]
fn a_burst_of_failures_empties_the_budget_and_successes_refill_it() {
    let mut g = Gen(0xB0D6E7);
    for _ in 0..50 {
        let cost = 1 + g.below(10) as u32;
        let capacity = cost * g.below(20) as u32 + g.below(cost as u64) as u32;
        let attempts = 2 + g.below(4) as u32;
        let (policy, budget) = budgeted(capacity, cost, attempts);
        let retries_allowed = capacity / cost;
        let mut retries = 0;
        let mut exhausted_calls = 0;
        for _ in 0..(retries_allowed + 3) {
            let calls = AtomicU32::new(0);
            let out = retry::retry_with(
                &policy,
                true,
                |_| false,
                |_| (),
                failing(Retry::Throttled, &calls),
            );
            assert_eq!(out.attempts, calls.load(Ordering::Relaxed));
            retries += out.attempts - 1;
            match out.gave_up {
                Some(GiveUpReason::AttemptsExhausted { attempts: a }) => assert_eq!(a, attempts),
                Some(GiveUpReason::BudgetExhausted) => exhausted_calls += 1,
                other => panic!("{other:?}"),
            }
        }
        // Exactly the retries the bucket paid for, then fail-fast calls.
        assert_eq!(retries, retries_allowed, "capacity {capacity} cost {cost}");
        assert_eq!(budget.available(), capacity - retries_allowed * cost);
        assert!(exhausted_calls >= 3);
        // Successes without retries refill one token each (up to the capacity).
        let empty = budget.available();
        let successes = g.below(3 * cost as u64 + 1) as u32;
        for _ in 0..successes {
            let out = retry::retry(&policy, true, || Ok::<_, Retry>(()));
            assert_eq!(out.attempts, 1);
        }
        assert_eq!(budget.available(), (empty + successes).min(capacity));
        // A success after retries gives back what its retries took.
        budget.refund(capacity);
        let mut left = 2;
        let before = budget.available();
        let out = retry::retry_with(
            &policy,
            true,
            |_| false,
            |_| (),
            || {
                left -= 1;
                if left > 0 {
                    Err(Retry::Transient)
                } else {
                    Ok(())
                }
            },
        );
        if capacity >= cost {
            assert_eq!((out.attempts, out.gave_up), (2, None));
        }
        assert_eq!(budget.available(), before);
    }
}

#[test]
fn the_budget_is_shared_by_threads_without_overspending() {
    let (policy, budget) = budgeted(100, 5, 4);
    let retries = AtomicU32::new(0);
    let attempts = AtomicU32::new(0);
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..20 {
                    let calls = AtomicU32::new(0);
                    let out = retry::retry_with(
                        &policy.clone(),
                        false,
                        |_| false,
                        |_| {
                            retries.fetch_add(1, Ordering::Relaxed);
                        },
                        failing(Retry::Throttled, &calls),
                    );
                    attempts.fetch_add(out.attempts, Ordering::Relaxed);
                }
            });
        }
    });
    assert_eq!(retries.load(Ordering::Relaxed), 100 / 5);
    assert_eq!(attempts.load(Ordering::Relaxed), 8 * 20 + 20);
    assert_eq!(budget.available(), 0);
    // Concurrent successes refill it, never beyond the capacity.
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..30 {
                    assert_eq!(
                        retry::retry(&policy, true, || Ok::<_, Retry>(())).attempts,
                        1
                    );
                }
            });
        }
    });
    assert_eq!(budget.available(), 100);
    // Acquire and refund racing: every token taken is given back.
    std::thread::scope(|s| {
        for _ in 0..8 {
            s.spawn(|| {
                for _ in 0..1_000 {
                    if let Some(cost) = budget.try_acquire() {
                        budget.refund(cost);
                    }
                }
            });
        }
    });
    assert_eq!(budget.available(), 100);
}

#[test]
fn the_loop_retries_what_the_class_allows() {
    let policy = RetryPolicy::builder()
        .max_attempts(4)
        .jitter_source(Arc::new(SplitMix64::new(1)))
        .build();
    for &class in Retry::ALL {
        for idempotent in [false, true] {
            let calls = AtomicU32::new(0);
            let mut slept = Duration::ZERO;
            let out = retry::retry_with(
                &policy,
                idempotent,
                |_| false,
                |d| slept += d,
                failing(class, &calls),
            );
            let want = match class {
                Retry::Throttled | Retry::AfterStateChange => {
                    (4, Some(GiveUpReason::AttemptsExhausted { attempts: 4 }))
                }
                Retry::Transient if idempotent => {
                    (4, Some(GiveUpReason::AttemptsExhausted { attempts: 4 }))
                }
                Retry::Transient => (1, Some(GiveUpReason::NotIdempotent)),
                Retry::AfterRefresh => (1, Some(GiveUpReason::NeedsRefresh)),
                _ => (1, Some(GiveUpReason::NotRetryable(class))),
            };
            assert_eq!(
                (out.attempts, out.gave_up),
                want,
                "{class} idempotent {idempotent}"
            );
            assert_eq!(out.result, Err(class));
            assert_eq!(out.waited, slept);
        }
    }
}

#[test]
fn after_refresh_retries_once_after_the_hook() {
    let (policy, budget) = budgeted(50, 5, 5);
    // The hook refreshes: the second attempt succeeds, no token is spent.
    let mut hooks = 0;
    let mut answers = vec![Ok(7), Err(Retry::AfterRefresh)];
    let out = retry::retry_with(
        &policy,
        false,
        |e: &Retry| {
            assert_eq!(*e, Retry::AfterRefresh);
            hooks += 1;
            true
        },
        |_| panic!("no wait before a refreshed retry"),
        || answers.pop().unwrap_or(Err(Retry::Never)),
    );
    assert_eq!(
        (out.result, out.attempts, out.gave_up, hooks),
        (Ok(7), 2, None, 1)
    );
    assert_eq!(budget.available(), 50);
    // Refreshed, and refused again: no second refresh.
    let mut hooks = 0;
    let calls = AtomicU32::new(0);
    let out = retry::retry_with(
        &policy,
        true,
        |_| {
            hooks += 1;
            true
        },
        |_| (),
        failing(Retry::AfterRefresh, &calls),
    );
    assert_eq!(
        (out.attempts, out.gave_up, hooks),
        (2, Some(GiveUpReason::NeedsRefresh), 1)
    );
    // The hook fails: the error is surfaced.
    let calls = AtomicU32::new(0);
    let out = retry::retry_with(
        &policy,
        true,
        |_| false,
        |_| (),
        failing(Retry::AfterRefresh, &calls),
    );
    assert_eq!(
        (out.attempts, out.gave_up),
        (1, Some(GiveUpReason::NeedsRefresh))
    );
    // A throttle, then a refresh, then success.
    let mut answers = vec![Ok(1), Err(Retry::AfterRefresh), Err(Retry::Throttled)];
    let out = retry::retry_with(
        &policy,
        false,
        |_| true,
        |_| (),
        || answers.pop().unwrap_or(Err(Retry::Never)),
    );
    assert_eq!((out.result, out.attempts), (Ok(1), 3));
    // One attempt allowed: no refresh either.
    let one = RetryPolicy::no_retry();
    let out = retry::retry_with(
        &one,
        true,
        |_| panic!("no refresh"),
        |_| (),
        || Err::<(), _>(Retry::AfterRefresh),
    );
    assert_eq!(
        out.gave_up,
        Some(GiveUpReason::AttemptsExhausted { attempts: 1 })
    );
}

#[test]
fn policies_are_send_and_sync() {
    fn check<T: Send + Sync + Clone>() {}
    check::<RetryPolicy>();
    fn check_budget<T: Send + Sync>() {}
    check_budget::<RetryBudget>();
    check_budget::<SplitMix64>();
    let s = SplitMix64::new(3);
    let seq: Vec<u64> = (0..4).map(|_| s.next_u64()).collect();
    let t = SplitMix64::new(3);
    assert_eq!(seq, (0..4).map(|_| t.next_u64()).collect::<Vec<_>>());
}

#[test]
fn a_shared_splitmix64_gives_each_thread_distinct_values_of_one_sequence() {
    let shared = SplitMix64::new(0xC0FFEE);
    let mut drawn: Vec<u64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..8)
            .map(|_| s.spawn(|| (0..1_000).map(|_| shared.next_u64()).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("thread"))
            .collect()
    });
    let mut oracle = OracleRng(0xC0FFEE);
    let mut want: Vec<u64> = (0..8_000).map(|_| oracle.next()).collect();
    drawn.sort_unstable();
    want.sort_unstable();
    assert_eq!(drawn, want);
}

#[cfg(feature = "async")]
mod asynchronous {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Wake, Waker};

    /// A minimal executor: polls on the current thread until ready.
    fn block_on<F: Future>(f: F) -> F::Output {
        struct Unpark(std::thread::Thread);
        impl Wake for Unpark {
            fn wake(self: Arc<Self>) {
                self.0.unpark();
            }
        }
        let waker = Waker::from(Arc::new(Unpark(std::thread::current())));
        let mut cx = Context::from_waker(&waker);
        let mut f = pin!(f);
        loop {
            if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
                return v;
            }
            std::thread::park();
        }
    }

    /// A sleep that yields once (pending, then ready), as a timer would.
    struct YieldOnce(bool);
    impl Future for YieldOnce {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.0 {
                Poll::Ready(())
            } else {
                self.0 = true;
                cx.waker().wake_by_ref();
                Poll::Pending
            }
        }
    }

    #[test]
    fn the_async_loop_decides_like_the_blocking_one() {
        let mut g = Gen(0xA5);
        for _ in 0..100 {
            let p = Params::random(&mut g);
            let script: Vec<Result<u8, Retry>> = (0..8)
                .map(|i| {
                    if g.below(4) == 0 {
                        Ok(i)
                    } else {
                        Err(Retry::ALL[g.below(Retry::ALL.len() as u64) as usize])
                    }
                })
                .collect();
            let idempotent = g.below(2) == 0;
            let refresh_ok = g.below(2) == 0;
            let (blocking, async_) = (p.policy(), p.policy());
            let mut slept_sync = Vec::new();
            let mut it = script.clone().into_iter();
            let a = retry::retry_with(
                &blocking,
                idempotent,
                |_| refresh_ok,
                |d| slept_sync.push(d),
                || it.next().unwrap_or(Err(Retry::Never)),
            );
            let mut slept_async = Vec::new();
            let mut it = script.into_iter();
            let b = block_on(retry::retry_async_with(
                &async_,
                idempotent,
                |_| std::future::ready(refresh_ok),
                |d| {
                    slept_async.push(d);
                    YieldOnce(false)
                },
                || std::future::ready(it.next().unwrap_or(Err(Retry::Never))),
            ));
            assert_eq!(
                (a.result, a.attempts, a.gave_up, a.waited),
                (b.result, b.attempts, b.gave_up, b.waited)
            );
            assert_eq!(slept_sync, slept_async);
        }
        let policy = RetryPolicy::builder()
            .base_delay(Duration::from_millis(1))
            .build();
        let mut answers = vec![Ok("done"), Err(Retry::Throttled)];
        let out = block_on(retry::retry_async(
            &policy,
            false,
            |_| YieldOnce(false),
            || std::future::ready(answers.pop().unwrap_or(Err(Retry::Never))),
        ));
        assert_eq!((out.result, out.attempts), (Ok("done"), 2));
    }
}
