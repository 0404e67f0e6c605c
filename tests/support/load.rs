//! A first load as a user on an old office PC gets it: a server that sends
//! gzip and keeps connections open (as nginx does), and Chromium with its
//! CPU and network slowed through the DevTools protocol. Shared by the
//! real-load budget (tests/budget.rs) and the speed bench
//! (tests/bench_browser.rs), so both measure the same load.

use super::Driver;
use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The machine and link being emulated.
#[derive(Clone, Copy, Debug)]
pub struct Conditions {
    /// DevTools CPU slow-down factor.
    pub cpu: f64,
    /// Link speed, both ways, in bits per second.
    pub bits_per_second: f64,
    /// Added to every request, in ms.
    pub latency_ms: f64,
    pub width: u32,
    pub height: u32,
}

/// The old office PC of the speed target: CPU 4x slower, a 10 Mbit/s
/// intranet with 20 ms round trips, a desktop-sized window.
pub const OLD_OFFICE_PC: Conditions = Conditions {
    cpu: 4.0,
    bits_per_second: 10e6,
    latency_ms: 20.0,
    width: 1440,
    height: 900,
};

impl Conditions {
    pub fn viewport(self, width: u32, height: u32) -> Self {
        Self {
            width,
            height,
            ..self
        }
    }

    pub fn link(self, bits_per_second: f64, latency_ms: f64) -> Self {
        Self {
            bits_per_second,
            latency_ms,
            ..self
        }
    }

    pub fn describe(&self) -> String {
        format!(
            "CPU {}x, {} Mbit/s, {} ms, {}x{}",
            self.cpu,
            self.bits_per_second / 1e6,
            self.latency_ms,
            self.width,
            self.height
        )
    }
}

/// What an app is, for the measurement: where its build is and what its
/// drawn preview looks like.
#[derive(Clone, Debug)]
pub struct App {
    pub name: &'static str,
    pub root: PathBuf,
    /// An element that is there once the preview shows a page.
    pub preview: &'static str,
}

impl App {
    /// This app's release build (dist/).
    pub fn ours() -> Self {
        Self {
            name: "通知起草台",
            root: super::dist_dir(),
            preview: ".preview-pages .page",
        }
    }

    /// The JavaScript peer's `vite build` output, if `PEER_DIST` names it
    /// (or another build of this app).
    pub fn peer() -> Option<Self> {
        let root = PathBuf::from(std::env::var_os("PEER_DIST")?);
        assert!(
            root.join("index.html").is_file(),
            "PEER_DIST={} has no index.html",
            root.display()
        );
        // Another build of this app, to compare two builds side by side.
        let ours = std::fs::read_to_string(root.join("index.html"))
            .is_ok_and(|html| html.contains("通知起草台"));
        Some(Self {
            name: "peer",
            root,
            preview: if ours {
                Self::ours().preview
            } else {
                ".a4-page"
            },
        })
    }
}

/// One request of the load, from the page's Resource Timing.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Request {
    pub name: String,
    /// ms after navigation started.
    pub start: f64,
    pub end: f64,
    /// Bytes on the wire: headers and the (gzip) body.
    pub transfer: f64,
    /// The body as sent (gzip) and as decoded.
    pub encoded: f64,
    pub decoded: f64,
}

impl Request {
    /// The file's name, without the origin.
    pub fn file(&self) -> &str {
        let path = self.name.splitn(4, '/').nth(3).unwrap_or(&self.name);
        if path.is_empty() {
            "index.html"
        } else {
            path
        }
    }
}

/// One load, timed in the page.
#[derive(Clone, Debug)]
pub struct Load {
    /// ms after navigation started: the first frame with a form field in
    /// it, laid out and enabled (it can take the focus).
    pub usable: f64,
    /// The first frame with a form field of the app itself, which runs:
    /// later than `usable` where the page has a first frame of its own
    /// (`#first-frame`, this app's index.html), else the same.
    pub running: f64,
    /// The first frame with a page of the preview.
    pub preview: f64,
    /// Every request the page made (not its workers), in order.
    pub requests: Vec<Request>,
}

impl Load {
    /// Requests that had started before `at` (ms after navigation).
    pub fn started_before(&self, at: f64) -> Vec<&Request> {
        self.requests.iter().filter(|r| r.start < at).collect()
    }

    /// Requests that had started before the form was usable.
    pub fn before_usable(&self) -> Vec<&Request> {
        self.started_before(self.usable)
    }

    /// Requests that had started before the app ran.
    pub fn before_running(&self) -> Vec<&Request> {
        self.started_before(self.running)
    }

    /// Bytes on the wire of the requests started before the app ran.
    pub fn bytes_before_running(&self) -> f64 {
        self.before_running().iter().map(|r| r.transfer).sum()
    }
}

/// Serves `root` on a loopback port as nginx with the README's
/// configuration does: a file's `.gz` beside it where the build wrote one
/// (`gzip_static on`), else gzip-compressed (`gzip_comp_level 6`); with
/// keep-alive. Returns the base URL.
pub fn serve_gzip(root: PathBuf) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    // The policy's header, as the README's nginx sends it (this app's
    // build writes it to csp.txt; the peer has none).
    let policy = std::fs::read_to_string(root.join("csp.txt"))
        .map(|p| format!("Content-Security-Policy: {}\r\n", p.trim()))
        .unwrap_or_default();
    let url = format!("http://{}/", listener.local_addr().unwrap());
    let cache = Arc::new(Mutex::new(HashMap::<PathBuf, Arc<Vec<u8>>>::new()));
    // Compressed before the first request, so no load waits for gzip
    // (nginx compresses on the fly, but in microseconds, not a process).
    let mut folders = vec![root.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                folders.push(path);
            } else if compressible(&path) {
                // As nginx with gzip_static: a .gz beside the file is sent
                // as it is; without one, the file is compressed (gzip on).
                let packed = match std::fs::read(gz_beside(&path)) {
                    Ok(packed) => packed,
                    Err(_) => gzip(&std::fs::read(&path).unwrap()),
                };
                cache.lock().unwrap().insert(path, Arc::new(packed));
            }
        }
    }
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (root, cache, policy) = (root.clone(), cache.clone(), policy.clone());
            std::thread::spawn(move || {
                let _ = keep_serving(stream, &root, &cache, &policy);
            });
        }
    });
    url
}

fn gz_beside(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".gz");
    PathBuf::from(name)
}

fn compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "css" | "js" | "mjs" | "wasm" | "json" | "webmanifest" | "svg")
    )
}

fn gzip(body: &[u8]) -> Vec<u8> {
    let mut child = Command::new("gzip")
        .args(["-6", "-n", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("gzip is installed");
    let mut stdin = child.stdin.take().unwrap();
    let body = body.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&body));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success());
    out.stdout
}

fn keep_serving(
    mut stream: TcpStream,
    root: &Path,
    cache: &Mutex<HashMap<PathBuf, Arc<Vec<u8>>>>,
    policy: &str,
) -> std::io::Result<()> {
    stream.set_nodelay(true)?;
    let mut reader = BufReader::new(stream.try_clone()?);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line)? == 0 {
            return Ok(());
        }
        let mut accepts_gzip = false;
        loop {
            let mut header = String::new();
            if reader.read_line(&mut header)? <= 2 {
                break;
            }
            let lower = header.to_ascii_lowercase();
            if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
                accepts_gzip = true;
            }
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("/");
        let path = path.split('?').next().unwrap_or("/");
        let relative = match path.trim_start_matches('/') {
            "" => "index.html",
            other => other,
        };
        let file = root.join(relative);
        let safe = !relative.split('/').any(|part| part == "..");
        let body = if safe {
            std::fs::read(&file).ok()
        } else {
            None
        };
        let Some(body) = body else {
            stream.write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")?;
            continue;
        };
        let mime = match file.extension().and_then(|e| e.to_str()) {
            Some("html") => "text/html; charset=utf-8",
            Some("js" | "mjs") => "text/javascript",
            Some("wasm") => "application/wasm",
            Some("css") => "text/css",
            Some("json") => "application/json",
            Some("webmanifest") => "application/manifest+json",
            Some("png") => "image/png",
            Some("svg") => "image/svg+xml",
            _ => "application/octet-stream",
        };
        let (body, encoding) = if accepts_gzip && compressible(&file) {
            let packed = cache
                .lock()
                .unwrap()
                .entry(file.clone())
                .or_insert_with(|| Arc::new(gzip(&body)))
                .clone();
            (
                packed.to_vec(),
                "Content-Encoding: gzip\r\nVary: Accept-Encoding\r\n",
            )
        } else {
            (body, "")
        };
        // One write of head and body, without Nagle's delay, as nginx
        // (`tcp_nodelay on`, writev) sends them: a head written in pieces
        // holds the body back until the client's delayed ACK.
        let mut response = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\n{encoding}{policy}Content-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        response.extend_from_slice(&body);
        stream.write_all(&response)?;
    }
}

/// Sends one DevTools protocol command through ChromeDriver
/// (`POST /session/{id}/goog/cdp/execute`); returns its result.
pub async fn cdp(
    driver: &Driver,
    client: &fantoccini::Client,
    command: &str,
    params: serde_json::Value,
) -> serde_json::Value {
    let session = client.session_id().await.unwrap().expect("a session");
    let address = driver.url.trim_start_matches("http://").to_owned();
    let body = serde_json::json!({ "cmd": command, "params": params }).to_string();
    let request = format!(
        "POST /session/{session}/goog/cdp/execute HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let (head, body) = tokio::task::spawn_blocking(move || {
        let mut stream = TcpStream::connect(&address).unwrap();
        stream.write_all(request.as_bytes()).unwrap();
        // Read the head, then as much body as it says: ChromeDriver may
        // keep the connection open.
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap() <= 2 {
                break;
            }
            head.push_str(&line);
        }
        let lower = head.to_ascii_lowercase();
        let body = if let Some(at) = lower.find("content-length:") {
            let length: usize = lower[at + 15..]
                .lines()
                .next()
                .unwrap()
                .trim()
                .parse()
                .unwrap();
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            body
        } else {
            // Chunked.
            let mut body = Vec::new();
            loop {
                let mut size = String::new();
                reader.read_line(&mut size).unwrap();
                let size = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
                if size == 0 {
                    break;
                }
                let mut chunk = vec![0; size + 2];
                reader.read_exact(&mut chunk).unwrap();
                body.extend_from_slice(&chunk[..size]);
            }
            body
        };
        (head, String::from_utf8(body).unwrap())
    })
    .await
    .unwrap();
    let value: serde_json::Value =
        serde_json::from_str(&body).unwrap_or_else(|e| panic!("{command}: {e} in {head} {body}"));
    assert!(
        head.starts_with("HTTP/1.1 200"),
        "{command} failed: {value}"
    );
    value["value"].clone()
}

/// Watches the page from before its first script: records when a form
/// field first is in a frame, laid out and enabled (usable); the same once
/// the page's own first frame, if it has one, has given way to the app
/// (running); and when the preview first shows a page. The same rule for
/// every app.
const WATCH: &str = r#"(() => {
  const t = { usable: null, running: null, preview: null };
  Object.defineProperty(window, '__firstLoad', { value: t });
  const FIELD = 'input:not([type=hidden]):not([disabled]), textarea:not([disabled]), select:not([disabled])';
  const PREVIEW = __PREVIEW__;
  const laidOut = (css) => [...document.querySelectorAll(css)].some((e) => e.getClientRects().length > 0);
  let waiting = { usable: false, running: false, preview: false };
  const inFrame = (key, css) => {
    if (t[key] !== null || waiting[key] || !document.querySelector(css)) return;
    waiting[key] = true;
    const check = () => {
      if (laidOut(css)) { t[key] = performance.now(); } else { requestAnimationFrame(check); }
    };
    requestAnimationFrame(check);
  };
  const observer = new MutationObserver(() => {
    inFrame('usable', FIELD);
    if (!document.getElementById('first-frame')) inFrame('running', FIELD);
    inFrame('preview', PREVIEW);
    if (waiting.usable && waiting.running && waiting.preview) observer.disconnect();
  });
  observer.observe(document, { childList: true, subtree: true });
})();"#;

/// A new browser (empty profile), slowed down as `conditions` say, with
/// the HTTP cache off.
pub async fn slowed_browser(
    driver: &Driver,
    conditions: Conditions,
    preview: &str,
) -> fantoccini::Client {
    let client = super::browser(driver, &super::temp_dir("first-load")).await;
    let bytes_per_second = conditions.bits_per_second / 8.0;
    for (command, params) in [
        ("Network.enable", serde_json::json!({})),
        (
            "Network.setCacheDisabled",
            serde_json::json!({ "cacheDisabled": true }),
        ),
        (
            "Network.emulateNetworkConditions",
            serde_json::json!({
                "offline": false,
                "latency": conditions.latency_ms,
                "downloadThroughput": bytes_per_second,
                "uploadThroughput": bytes_per_second,
            }),
        ),
        (
            "Emulation.setCPUThrottlingRate",
            serde_json::json!({ "rate": conditions.cpu }),
        ),
        (
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({
                "width": conditions.width, "height": conditions.height,
                "deviceScaleFactor": 1, "mobile": false,
            }),
        ),
        (
            "Page.addScriptToEvaluateOnNewDocument",
            serde_json::json!({
                "source": WATCH.replace("__PREVIEW__", &serde_json::to_string(preview).unwrap()),
            }),
        ),
    ] {
        cdp(driver, &client, command, params).await;
    }
    client
}

/// How long a load is left alone before it is asked whether it is done.
const QUIET: Duration = Duration::from_secs(4);

/// Navigates to `url` and waits for the form and the preview; returns the
/// times and every request.
pub async fn load(client: &fantoccini::Client, url: &str) -> Load {
    client.goto(url).await.unwrap();
    // WebDriver returns at the load event, which may come before the form
    // (a wasm app's start script awaits its module) or after it (a script
    // bundle renders while it runs): a script run in the page to poll would
    // take the main thread from the one app and not the other. The times
    // are taken in the page, so nothing is asked until it has had time to
    // finish.
    tokio::time::sleep(QUIET).await;
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let seen = client
            .execute(
                "const t = window.__firstLoad; return t && t.running !== null && t.preview !== null;",
                vec![],
            )
            .await
            .unwrap();
        if seen.as_bool() == Some(true) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "{url}: no usable form and preview within 60 s"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let figures = client
        .execute(
            "const t = window.__firstLoad;
             const entry = (e, start) => ({ name: e.name, start, end: e.responseEnd,
               transfer: e.transferSize, encoded: e.encodedBodySize, decoded: e.decodedBodySize });
             const nav = performance.getEntriesByType('navigation')[0];
             return { usable: t.usable, running: t.running, preview: t.preview, requests: [entry(nav, 0)].concat(
               performance.getEntriesByType('resource').map((e) => entry(e, e.startTime))) };",
            vec![],
        )
        .await
        .unwrap();
    Load {
        usable: figures["usable"].as_f64().unwrap(),
        running: figures["running"].as_f64().unwrap(),
        preview: figures["preview"].as_f64().unwrap(),
        requests: serde_json::from_value(figures["requests"].clone()).unwrap(),
    }
}

/// A first visit: a new browser, slowed down, loads `url` once.
pub async fn first_visit(driver: &Driver, url: &str, app: &App, conditions: Conditions) -> Load {
    let client = slowed_browser(driver, conditions, app.preview).await;
    let load = load(&client, url).await;
    client.close().await.unwrap();
    load
}
