//! End to end: the retry loop against an HTTP server on 127.0.0.1, started
//! by the test (std `TcpListener`, every wait bounded), that answers from a
//! script: 429 with `Retry-After: 1` then 200, a proxy's 503 page, a client
//! error, Alibaba's `x-ratelimit-user-api-timeleft`.
#![cfg(feature = "macros")]

use errors_catalog::Retry;
use errors_catalog::retry::{self, CallError, GiveUpReason, RetryPolicy};
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

#[errors_catalog::catalog(spec = "tests/retry.yaml")]
pub enum RetryError {}

/// The server's longest life, and the client's longest wait for a reply.
const DEADLINE: Duration = Duration::from_secs(10);
const IO_TIMEOUT: Duration = Duration::from_secs(5);

/// One scripted reply: status, extra headers, body.
type Reply = (u16, Vec<(&'static str, String)>, String);

/// A server answering the replies in order, one connection each; returns
/// its address and a handle yielding when each request arrived.
fn serve(replies: Vec<Reply>) -> (SocketAddr, thread::JoinHandle<Vec<Instant>>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
    let addr = listener.local_addr().expect("local address");
    listener
        .set_nonblocking(true)
        .expect("non-blocking listener");
    let handle = thread::spawn(move || {
        let start = Instant::now();
        let mut arrivals = Vec::new();
        let mut replies = replies.into_iter();
        while start.elapsed() < DEADLINE {
            let mut stream = match listener.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => {
                    thread::sleep(Duration::from_millis(2));
                    continue;
                }
                Err(e) => panic!("accept: {e}"),
            };
            let Some((status, headers, body)) = replies.next() else {
                break;
            };
            stream.set_nonblocking(false).expect("blocking stream");
            stream.set_read_timeout(Some(IO_TIMEOUT)).expect("timeout");
            let mut request = Vec::new();
            let mut buf = [0u8; 1024];
            while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                match stream.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => request.extend_from_slice(&buf[..n]),
                }
            }
            arrivals.push(Instant::now());
            let mut head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
                body.len()
            );
            for (name, value) in headers {
                head.push_str(&format!("{name}: {value}\r\n"));
            }
            head.push_str("\r\n");
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body.as_bytes());
            if replies.len() == 0 {
                break;
            }
        }
        arrivals
    });
    (addr, handle)
}

/// A GET with a minimal HTTP/1.1 client; the reply as the retry loop sees it.
fn get(addr: SocketAddr) -> Result<Option<String>, CallError<RetryError>> {
    let mut stream = TcpStream::connect_timeout(&addr, IO_TIMEOUT)?;
    stream.set_read_timeout(Some(IO_TIMEOUT))?;
    stream.set_write_timeout(Some(IO_TIMEOUT))?;
    stream.write_all(
        b"GET /?Action=DescribeOrder HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n",
    )?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let bad = |what: &str| io::Error::new(io::ErrorKind::InvalidData, what.to_owned());
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| bad("no end of headers"))?;
    let head = std::str::from_utf8(&raw[..split]).map_err(|_| bad("head not UTF-8"))?;
    let body = &raw[split + 4..];
    let mut lines = head.split("\r\n");
    let status: u16 = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| bad("status line"))?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    retry::check_response::<RetryError, _>(status, &headers, body)
}

fn alibaba(code: &str) -> String {
    format!(r#"{{"RequestId": "r-1", "Code": "{code}", "Message": "scripted"}}"#)
}

fn ok() -> Reply {
    (200, vec![], r#"{"RequestId": "ok-1"}"#.to_owned())
}

#[test]
fn throttled_with_retry_after_is_retried_after_the_hint() {
    let (addr, server) = serve(vec![
        (
            429,
            vec![("Retry-After", "1".into())],
            alibaba("Throttling.User"),
        ),
        ok(),
    ]);
    // The defaults: full jitter, base 100 ms. A non-idempotent call: a
    // throttled request was not executed, so it is retried all the same.
    let policy = RetryPolicy::default();
    let start = Instant::now();
    let out = retry::retry(&policy, false, || get(addr));
    let elapsed = start.elapsed();
    let arrivals = server.join().expect("server thread");
    assert_eq!(
        out.result.as_ref().ok(),
        Some(&Some("ok-1".to_owned())),
        "{:?}",
        out.result
    );
    assert_eq!((out.attempts, out.gave_up), (2, None));
    assert_eq!(arrivals.len(), 2);
    // The wait: the hint, plus at most the first backoff ceiling (2 x base).
    let ceiling = policy.backoff_ceiling(policy.base_delay(), 1);
    assert!(
        out.waited >= Duration::from_secs(1) && out.waited <= Duration::from_secs(1) + ceiling,
        "waited {:?}",
        out.waited
    );
    let gap = arrivals[1] - arrivals[0];
    assert!(
        gap >= Duration::from_secs(1),
        "the retry came {gap:?} after the first request"
    );
    assert!(
        elapsed >= out.waited && elapsed < out.waited + Duration::from_secs(3),
        "{elapsed:?}"
    );
    println!(
        "429 Retry-After: 1 -> waited {:?}, retry {gap:?} later, 2 attempts in {elapsed:?}",
        out.waited
    );
}

#[test]
fn the_alibaba_timeleft_header_is_a_hint_too() {
    let (addr, server) = serve(vec![
        (
            429,
            vec![("x-ratelimit-user-api-timeleft", "300".into())],
            alibaba("Throttling.Api"),
        ),
        ok(),
    ]);
    let policy = RetryPolicy::builder().jitter(false).build();
    let out = retry::retry(&policy, false, || get(addr));
    let arrivals = server.join().expect("server thread");
    assert_eq!(out.attempts, 2);
    assert_eq!(out.waited, Duration::from_millis(300));
    assert!(arrivals[1] - arrivals[0] >= Duration::from_millis(300));
}

#[test]
fn a_proxy_page_is_retried_only_when_idempotent_and_a_client_error_never() {
    let policy = RetryPolicy::builder()
        .base_delay(Duration::from_millis(5))
        .build();
    let page = || {
        (
            503,
            vec![],
            "<html>503 Service Unavailable</html>".to_owned(),
        )
    };
    for idempotent in [true, false] {
        let (addr, server) = serve(vec![page(), ok()]);
        let out = retry::retry(&policy, idempotent, || get(addr));
        let arrivals = if idempotent {
            server.join().expect("server thread")
        } else {
            // The server waits for a second request that must not come:
            // connect once more to release it.
            let _ = get(addr);
            server.join().expect("server thread")
        };
        if idempotent {
            assert_eq!((out.attempts, out.gave_up), (2, None));
            assert!(out.result.is_ok());
        } else {
            assert_eq!(
                (out.attempts, out.gave_up),
                (1, Some(GiveUpReason::NotIdempotent))
            );
            assert!(matches!(out.result, Err(CallError::Undecodable(ref u)) if u.status == 503));
        }
        assert_eq!(arrivals.len(), 2);
    }
    let (addr, server) = serve(vec![(404, vec![], alibaba("OrderNotFound")), ok()]);
    let out = retry::retry(&policy, true, || get(addr));
    let _ = get(addr);
    server.join().expect("server thread");
    assert_eq!(
        (out.attempts, out.gave_up),
        (1, Some(GiveUpReason::NotRetryable(Retry::Never)))
    );
    let Err(CallError::Response(r)) = &out.result else {
        panic!("{:?}", out.result)
    };
    assert_eq!(r.code(), "OrderNotFound");
    assert_eq!(r.request_id.as_deref(), Some("r-1"));
}

#[test]
fn a_refused_connection_is_transient() {
    // A port nobody listens on: bind one, then close it.
    let addr = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port");
    let policy = RetryPolicy::builder()
        .base_delay(Duration::from_millis(1))
        .build();
    let out = retry::retry(&policy, true, || get(addr));
    assert!(
        matches!(out.result, Err(CallError::Transport(_))),
        "{:?}",
        out.result
    );
    assert_eq!(out.attempts, policy.max_attempts());
    let out = retry::retry(&policy, false, || get(addr));
    assert_eq!(
        (out.attempts, out.gave_up),
        (1, Some(GiveUpReason::NotIdempotent))
    );
}
