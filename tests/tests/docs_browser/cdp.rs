//! A minimal Chrome DevTools Protocol client for the browser test: a
//! headless Chromium on `127.0.0.1`, one WebSocket (RFC 6455, text frames
//! only), commands sent to one page session. No dependency beyond std and
//! `serde_json`.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// The first Chromium-like browser found: `$CHROMIUM` (if that file
/// exists; set to anything else, no browser), else `chromium`,
/// `chromium-browser`, `google-chrome` on `PATH` (or in `/usr/bin`).
pub fn find_browser() -> Option<String> {
    if let Ok(b) = std::env::var("CHROMIUM") {
        return Path::new(&b).is_file().then_some(b);
    }
    let path = std::env::var("PATH").unwrap_or_default();
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        for dir in path.split(':').chain(["/usr/bin"]) {
            let p = Path::new(dir).join(name);
            if p.is_file() {
                return Some(p.to_string_lossy().into_owned());
            }
        }
    }
    None
}

/// A running headless browser, killed on drop.
pub struct Browser {
    child: Child,
    ws: TcpStream,
    next_id: u64,
    session: Option<String>,
    /// Events received while waiting for replies: `(method, params)`.
    pub events: Vec<(String, Value)>,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    /// Starts `browser` headless with its profile in `profile`, and
    /// connects to its DevTools WebSocket.
    pub fn launch(browser: &str, profile: &Path) -> Browser {
        let mut child = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-default-apps",
                "--disable-extensions",
                "--window-size=1280,1600",
            ])
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {browser}: {e}"));
        let stderr = child.stderr.take().expect("piped stderr");
        let (tx, rx) = mpsc::channel();
        // Reads the DevTools address, then drains stderr so the browser never blocks.
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if !sent && let Some(at) = line.find("ws://") {
                    let _ = tx.send(line[at..].trim().to_owned());
                    sent = true;
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the browser prints its DevTools address within 60 s");
        let rest = url.strip_prefix("ws://").expect("ws URL");
        let (host, path) = rest.split_at(rest.find('/').expect("ws path"));
        let mut ws = TcpStream::connect(host).expect("connect to DevTools");
        ws.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        write!(
            ws,
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            ws.read_exact(&mut byte).expect("handshake reply");
            head.push(byte[0]);
        }
        let head = String::from_utf8_lossy(&head);
        assert!(head.starts_with("HTTP/1.1 101"), "handshake: {head}");
        Browser {
            child,
            ws,
            next_id: 0,
            session: None,
            events: Vec::new(),
        }
    }

    fn send_frame(&mut self, payload: &[u8]) {
        let mut frame = vec![0x81u8];
        let mask = [0x12u8, 0x34, 0x56, 0x78];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n < 65536 => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.ws.write_all(&frame).expect("send to DevTools");
    }

    /// The next complete text message (continuation frames joined; pings
    /// answered).
    fn read_message(&mut self) -> String {
        let mut message = Vec::new();
        loop {
            let mut h = [0u8; 2];
            self.ws.read_exact(&mut h).expect("read from DevTools");
            let (fin, opcode) = (h[0] & 0x80 != 0, h[0] & 0x0f);
            let mut len = u64::from(h[1] & 0x7f);
            if len == 126 {
                let mut b = [0u8; 2];
                self.ws.read_exact(&mut b).unwrap();
                len = u64::from(u16::from_be_bytes(b));
            } else if len == 127 {
                let mut b = [0u8; 8];
                self.ws.read_exact(&mut b).unwrap();
                len = u64::from_be_bytes(b);
            }
            let mut mask = [0u8; 4];
            if h[1] & 0x80 != 0 {
                self.ws.read_exact(&mut mask).unwrap();
            }
            let mut payload = vec![0u8; len as usize];
            self.ws.read_exact(&mut payload).unwrap();
            if h[1] & 0x80 != 0 {
                for (i, b) in payload.iter_mut().enumerate() {
                    *b ^= mask[i % 4];
                }
            }
            match opcode {
                0x9 => {
                    // Ping: answer with a pong carrying the same data.
                    let mut frame = vec![0x8a, 0x80 | payload.len() as u8, 0, 0, 0, 0];
                    frame.extend_from_slice(&payload);
                    self.ws.write_all(&frame).unwrap();
                }
                0xa => {}
                0x8 => panic!("DevTools closed the connection"),
                _ => {
                    message.extend_from_slice(&payload);
                    if fin {
                        return String::from_utf8(message).expect("UTF-8 message");
                    }
                }
            }
        }
    }

    /// Sends a command (to the page session once attached) and returns its
    /// result; an error reply fails the test.
    pub fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({ "id": id, "method": method, "params": params });
        if let Some(s) = &self.session {
            msg["sessionId"] = json!(s);
        }
        self.send_frame(msg.to_string().as_bytes());
        loop {
            let v: Value = serde_json::from_str(&self.read_message()).expect("JSON from DevTools");
            if v["id"] == json!(id) {
                assert!(v.get("error").is_none(), "{method}: {}", v["error"]);
                return v["result"].clone();
            }
            if let Some(m) = v["method"].as_str() {
                self.events.push((m.to_owned(), v["params"].clone()));
            }
        }
    }

    /// Waits until the event `method` has been received (or already was).
    pub fn wait_event(&mut self, method: &str) -> Value {
        loop {
            if let Some(i) = self.events.iter().position(|(m, _)| m == method) {
                return self.events.remove(i).1;
            }
            let v: Value = serde_json::from_str(&self.read_message()).expect("JSON from DevTools");
            if let Some(m) = v["method"].as_str() {
                self.events.push((m.to_owned(), v["params"].clone()));
            }
        }
    }

    /// Opens a page and sends every later command to it.
    pub fn open_page(&mut self) {
        let target = self.call("Target.createTarget", json!({ "url": "about:blank" }));
        let attached = self.call(
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        self.session = Some(
            attached["sessionId"]
                .as_str()
                .expect("a session id")
                .to_owned(),
        );
    }

    /// Evaluates `expression` in the page; its value as JSON. An exception
    /// fails the test.
    pub fn eval(&mut self, expression: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true, "awaitPromise": true }),
        );
        assert!(
            r.get("exceptionDetails").is_none(),
            "{expression}: {}",
            r["exceptionDetails"]
        );
        r["result"]["value"].clone()
    }
}

/// Decodes standard base64 (the screenshot's PNG).
pub fn base64_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let bytes: Vec<u8> = text.bytes().filter(|&c| c != b'=').collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= u32::from(value(c)) << (18 - 6 * i);
        }
        let [_, a, b, c] = n.to_be_bytes();
        out.extend_from_slice(&[a, b, c][..chunk.len() - 1]);
    }
    out
}
