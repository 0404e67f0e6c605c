//! What the end-to-end and rendering tests share: a static server for the
//! release build, a ChromeDriver session, and LibreOffice.
#![allow(dead_code)]

pub mod any_notice;
pub mod audit;
pub mod awkward;
pub mod corpus;
pub mod load;
pub mod notices;
pub mod ofd;
pub mod random;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The repository (this crate is its `tests/` folder).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the repository")
        .to_path_buf()
}

/// The release build made by `cargo xtask dist` (scripts/test.sh).
pub fn dist_dir() -> PathBuf {
    let dist = std::env::var_os("NOTICE_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| project_root().join("dist"));
    assert!(
        dist.join("index.html").is_file(),
        "no release build in {}: run scripts/test.sh (or cargo xtask dist)",
        dist.display()
    );
    dist
}

/// A fresh, empty temporary directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("notice-desk-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Serves `root` over HTTP on a loopback port; returns the base URL.
pub fn serve_static(root: PathBuf) -> String {
    serve_controlled(root).url
}

/// A static server whose requests are logged and which can be cut off, as
/// a network can.
pub struct StaticServer {
    pub url: String,
    /// Every path requested, in order.
    pub log: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
    online: std::sync::Arc<std::sync::atomic::AtomicBool>,
    held: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl StaticServer {
    /// From now on every connection is dropped unanswered.
    pub fn cut_off(&self) {
        self.online
            .store(false, std::sync::atomic::Ordering::SeqCst);
    }

    /// From now on the page's module (`*_bg.wasm`) is answered only once
    /// [`Self::release_module`] is called, as on a slow link.
    pub fn hold_module(&self) {
        self.held.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn release_module(&self) {
        self.held.store(false, std::sync::atomic::Ordering::SeqCst);
    }
}

pub fn serve_controlled(root: PathBuf) -> StaticServer {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = listener.local_addr().unwrap();
    let log = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let online = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let held = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (server_log, server_online, server_held) = (log.clone(), online.clone(), held.clone());
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            if !server_online.load(std::sync::atomic::Ordering::SeqCst) {
                drop(stream);
                continue;
            }
            let root = root.clone();
            let log = server_log.clone();
            let held = server_held.clone();
            std::thread::spawn(move || {
                let _ = respond(stream, &root, &log, &held);
            });
        }
    });
    StaticServer {
        url: format!("http://{address}"),
        log,
        online,
        held,
    }
}

fn respond(
    mut stream: TcpStream,
    root: &Path,
    log: &std::sync::Mutex<Vec<String>>,
    held: &std::sync::atomic::AtomicBool,
) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? <= 2 {
            break;
        }
    }
    let path = request_line.split_whitespace().nth(1).unwrap_or("/");
    let path = path.split('?').next().unwrap_or("/");
    log.lock().unwrap().push(path.to_owned());
    while path.ends_with("_bg.wasm") && held.load(std::sync::atomic::Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let relative = if path == "/" {
        "index.html"
    } else {
        path.trim_start_matches('/')
    };
    let file = root.join(relative);
    let safe = !relative.split('/').any(|part| part == "..");
    match std::fs::read(&file) {
        Ok(body) if safe => {
            let mime = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript",
                Some("wasm") => "application/wasm",
                Some("css") => "text/css",
                Some("json") | Some("webmanifest") => "application/json",
                Some("png") => "image/png",
                Some("svg") => "image/svg+xml",
                _ => "application/octet-stream",
            };
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {mime}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            )?;
            stream.write_all(&body)
        }
        _ => stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"),
    }
}

/// A running ChromeDriver, stopped on drop.
pub struct Driver {
    child: Child,
    pub url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn start_chromedriver() -> Driver {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let binary = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
    let child = Command::new(&binary)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {binary} ({e}): run scripts/test.sh"));
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    }
}

/// Headless Chromium that downloads into `downloads` without asking.
pub async fn browser(driver: &Driver, downloads: &Path) -> fantoccini::Client {
    let capabilities = serde_json::json!({
        "goog:chromeOptions": {
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000"
            ],
            "prefs": {
                "download.default_directory": downloads.to_str().unwrap(),
                "download.prompt_for_download": false
            }
        }
    });
    let serde_json::Value::Object(capabilities) = capabilities else {
        unreachable!()
    };
    fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .expect("a ChromeDriver session")
}

/// Waits for one finished file with the given extension in `dir`.
pub fn wait_for_file(dir: &Path, extension: &str, timeout: Duration) -> PathBuf {
    let deadline = Instant::now() + timeout;
    loop {
        let found = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().and_then(|e| e.to_str()) == Some(extension));
        if let Some(path) = found {
            return path;
        }
        assert!(
            Instant::now() < deadline,
            "no .{extension} file appeared in {}",
            dir.display()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Converts a .docx to PDF with LibreOffice, as a user's office suite would
/// open it; returns the PDF's path.
pub fn libreoffice_pdf(docx: &Path) -> PathBuf {
    let out = temp_dir(&format!(
        "pdf-{}",
        docx.file_stem().unwrap().to_string_lossy().len()
    ));
    let profile = temp_dir("lo-profile");
    convert_to_pdf(docx, &profile, &out)
}

/// A monospaced CJK font: every CJK character one em, every Latin letter,
/// digit and mark half an em, as in the GB2312 fonts the file names.
pub fn standard_metrics_font() -> &'static str {
    let fonts = Command::new("fc-list")
        .arg(":")
        .arg("family")
        .output()
        .unwrap()
        .stdout;
    let fonts = String::from_utf8_lossy(&fonts);
    ["Noto Sans Mono CJK SC", "WenQuanYi Zen Hei Mono"]
        .into_iter()
        .find(|f| fonts.contains(f))
        .expect("a monospaced CJK font (fonts-noto-cjk or fonts-wqy-zenhei)")
}

/// Runs LibreOffice with the given user profile; returns the PDF's path.
fn convert_to_pdf(docx: &Path, profile: &Path, out: &Path) -> PathBuf {
    let status = Command::new("libreoffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(out)
        .arg(docx)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("LibreOffice is installed (scripts/test.sh installs it)");
    assert!(status.success(), "LibreOffice failed on {}", docx.display());
    let pdf = out.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(
        pdf.is_file(),
        "LibreOffice wrote no PDF for {}",
        docx.display()
    );
    pdf
}

/// The text of a PDF, page by page (pdftotext, from poppler-utils).
pub fn pdf_text(pdf: &Path) -> String {
    let output = Command::new("pdftotext")
        .args(["-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext is installed");
    assert!(output.status.success());
    String::from_utf8(output.stdout).unwrap()
}

/// Reads one part of a zip package.
pub fn zip_part(file: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Driving the app as a user does, through WebDriver.
pub mod ui {
    use fantoccini::{Client, Locator};
    use std::time::{Duration, Instant};

    /// Opens the app with empty storage and waits for the editor.
    pub async fn open_fresh(client: &Client, base: &str) {
        client.goto(base).await.unwrap();
        client
            .execute("localStorage.clear(); location.reload();", vec![])
            .await
            .unwrap();
        wait_for(client, "#step-1").await;
    }

    /// Waits for an element of the app itself: index.html's first frame
    /// has elements of the same ids until the app has taken its place.
    pub async fn wait_for(client: &Client, css: &str) {
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css("body:not(:has(#first-frame))"))
            .await
            .unwrap_or_else(|_| panic!("the app never took the first frame's place"));
        client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|_| panic!("{css} never appeared"));
    }

    pub async fn click(client: &Client, css: &str) {
        wait_for(client, css).await;
        client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap_or_else(|e| panic!("cannot click {css}: {e}"));
    }

    /// Opens the draft library (a part loaded on first use).
    pub async fn open_library(client: &Client) {
        click(client, "#open-library").await;
        wait_for(client, "#library-heading").await;
    }

    /// Types into a field, key by key.
    pub async fn type_into(client: &Client, css: &str, text: &str) {
        wait_for(client, css).await;
        client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("cannot type into {css}: {e}"));
    }

    /// Empties a field (as select-all and delete would), then types.
    pub async fn replace(client: &Client, css: &str, text: &str) {
        wait_for(client, css).await;
        client
            .execute(
                "const e = document.querySelector(arguments[0]); e.value = '';
                 e.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![css.into()],
            )
            .await
            .unwrap();
        type_into(client, css, text).await;
    }

    /// Leaves a field, so its change event fires (as Tab would).
    pub async fn leave(client: &Client, css: &str) {
        wait_for(client, css).await;
        client
            .execute(
                "const e = document.querySelector(arguments[0]);
                 e.dispatchEvent(new Event('change', { bubbles: true })); e.blur();",
                vec![css.into()],
            )
            .await
            .unwrap();
    }

    /// Sets a date input as its picker does (typing order depends on locale).
    pub async fn pick_date(client: &Client, css: &str, iso: &str) {
        wait_for(client, css).await;
        client
            .execute(
                "const d = document.querySelector(arguments[0]); d.value = arguments[1];
                 d.dispatchEvent(new Event('input', { bubbles: true }));",
                vec![css.into(), iso.into()],
            )
            .await
            .unwrap();
    }

    pub async fn select(client: &Client, css: &str, value: &str) {
        wait_for(client, css).await;
        client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .select_by_value(value)
            .await
            .unwrap();
    }

    /// Picks files in a file input, as the file dialog does.
    pub async fn choose_files(client: &Client, css: &str, paths: &[&std::path::Path]) {
        let list: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        wait_for(client, css).await;
        client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .send_keys(&list.join("\n"))
            .await
            .unwrap_or_else(|e| panic!("cannot choose files in {css}: {e}"));
    }

    /// Pastes text into a field through a real paste event, as Ctrl+V does.
    pub async fn paste(client: &Client, css: &str, text: &str) {
        wait_for(client, css).await;
        client
            .execute(
                "const e = document.querySelector(arguments[0]); e.focus();
                 const data = new DataTransfer(); data.setData('text/plain', arguments[1]);
                 e.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));",
                vec![css.into(), text.into()],
            )
            .await
            .unwrap();
    }

    /// A field's value, once its step (loaded on first use) is shown.
    pub async fn value(client: &Client, css: &str) -> String {
        wait_for(client, css).await;
        client
            .find(Locator::Css(css))
            .await
            .unwrap()
            .prop("value")
            .await
            .unwrap()
            .unwrap_or_default()
    }

    pub async fn wait_for_text(client: &Client, css: &str, expected: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = match client.find(Locator::Css(css)).await {
                Ok(element) => element.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "{css} shows {text:?}, not {expected:?}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits until the service worker holds the app and controls the page.
    pub async fn wait_for_service_worker(client: &Client) {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = client
                .execute("return !!navigator.serviceWorker.controller", vec![])
                .await
                .unwrap();
            if ready == serde_json::json!(true) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the service worker never took control"
            );
            tokio::time::sleep(Duration::from_millis(300)).await;
            client.refresh().await.unwrap();
            wait_for(client, "#step-1").await;
        }
    }

    /// Reloads the app (already open) with `notice` as the only and
    /// current draft, stored as the library keeps it.
    pub async fn open_as_current_draft(client: &Client, notice: &notice_core::Notice) {
        let draft = notice_core::draft::DraftEnvelope::new(notice.clone(), "2021-09-06T08:00:00Z")
            .to_json();
        client
            .execute(
                "localStorage.clear();
                 localStorage.setItem('notice-desk/draft/opened', arguments[0]);
                 localStorage.setItem('notice-desk/current', 'opened');
                 location.reload();",
                vec![draft.into()],
            )
            .await
            .unwrap();
        wait_for(client, "#step-1").await;
    }

    /// The open draft as stored in localStorage (the app's draft file
    /// format), once the app says it is saved.
    pub async fn stored_draft(client: &Client) -> String {
        wait_for_saved(client).await;
        client
            .execute(
                "return localStorage.getItem('notice-desk/draft/' + localStorage.getItem('notice-desk/current'));",
                vec![],
            )
            .await
            .unwrap()
            .as_str()
            .expect("a stored draft")
            .to_owned()
    }

    /// Waits until pending edits are written (the save is debounced).
    pub async fn wait_for_saved(client: &Client) {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let text = client
                .find(Locator::Css("#save-status"))
                .await
                .unwrap()
                .text()
                .await
                .unwrap_or_default();
            if text == "已保存" {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the draft is never saved: {text}"
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

/// Converts a .docx to PDF with LibreOffice as [`libreoffice_pdf`] does,
/// with fonts replaced first (LibreOffice's replacement table, "always"):
/// `(font named in the file, font used)`. Lets a test give the file's
/// fonts the metrics of fonts that are not installed.
pub fn libreoffice_pdf_with_fonts(docx: &Path, replacements: &[(&str, &str)]) -> PathBuf {
    let out = temp_dir(&format!(
        "pdf-fonts-{}",
        docx.file_stem().unwrap().to_string_lossy().len()
    ));
    let profile = font_replacement_profile("lo-profile-fonts", replacements);
    convert_to_pdf(docx, &profile, &out)
}

/// A fresh LibreOffice user profile whose font replacement table (used
/// "always") maps each `(font named in the file, font used)`.
fn font_replacement_profile(name: &str, replacements: &[(&str, &str)]) -> PathBuf {
    let profile = temp_dir(name);
    let pairs: String = replacements
        .iter()
        .enumerate()
        .map(|(i, (from, to))| {
            format!(
                concat!(
                    r#"<node oor:name="_{i}" oor:op="replace">"#,
                    r#"<prop oor:name="Always" oor:op="fuse"><value>true</value></prop>"#,
                    r#"<prop oor:name="OnScreenOnly" oor:op="fuse"><value>false</value></prop>"#,
                    r#"<prop oor:name="ReplaceFont" oor:op="fuse"><value>{from}</value></prop>"#,
                    r#"<prop oor:name="SubstituteFont" oor:op="fuse"><value>{to}</value></prop>"#,
                    "</node>"
                ),
                i = i,
                from = from,
                to = to
            )
        })
        .collect();
    std::fs::create_dir_all(profile.join("user")).unwrap();
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        format!(
            concat!(
                r#"<?xml version="1.0" encoding="UTF-8"?>"#,
                r#"<oor:items xmlns:oor="http://openoffice.org/2001/registry" "#,
                r#"xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
                r#"<item oor:path="/org.openoffice.Office.Common/Font/Substitution">"#,
                r#"<prop oor:name="Replacement" oor:op="fuse"><value>true</value></prop></item>"#,
                r#"<item oor:path="/org.openoffice.Office.Common/Font/Substitution/FontPairs">{}</item>"#,
                "</oor:items>"
            ),
            pairs
        ),
    )
    .unwrap();
    profile
}

/// Converts many .docx files to PDF in one LibreOffice run (one start-up
/// for all), into `out`, with fonts replaced as in
/// [`libreoffice_pdf_with_fonts`] (none when `replacements` is empty);
/// returns each file's PDF path, in order. Files a run left without a PDF
/// (LibreOffice sometimes ends a long batch early, and says nothing) are
/// converted again in a second run.
pub fn libreoffice_pdfs(
    docxs: &[PathBuf],
    out: &Path,
    replacements: &[(&str, &str)],
) -> Vec<PathBuf> {
    let profile = font_replacement_profile("lo-profile-batch", replacements);
    let pdf_of = |docx: &PathBuf| out.join(docx.with_extension("pdf").file_name().unwrap());
    for _ in 0..2 {
        let missing: Vec<&PathBuf> = docxs.iter().filter(|d| !pdf_of(d).is_file()).collect();
        if missing.is_empty() {
            break;
        }
        let status = Command::new("libreoffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(out)
            .args(missing)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("LibreOffice is installed (scripts/test.sh installs it)");
        assert!(status.success(), "LibreOffice failed");
    }
    docxs.iter().map(pdf_of).collect()
}

/// A PDF's page count (pdfinfo, from poppler-utils); none when the file is
/// missing or unreadable.
pub fn pdf_pages(pdf: &Path) -> Option<u32> {
    let output = Command::new("pdfinfo").arg(pdf).output().ok()?;
    if !output.status.success() {
        return None;
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}
