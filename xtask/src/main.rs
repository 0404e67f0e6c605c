//! 通知起草台's build, in Rust: `cargo xtask dist` builds the release app
//! into dist/ (static files with relative URLs), `cargo xtask single-file`
//! builds the one-file app for use from disk, `cargo xtask serve` builds and
//! serves dist/ on 127.0.0.1.
//!
//! The external tools are the ones scripts/setup.sh installs: cargo,
//! wasm-split-cli, wasm-bindgen (the version in Cargo.lock), and wasm-opt
//! (npm's binaryen 132) and terser from tools/node_modules.

mod dist;
mod serve;
mod single_file;
mod text;
mod wasm_names;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the web app is. Everything the build knows about the web crate's
/// layout is here, relative to the repository root.
mod web {
    /// The web crate's directory (its Cargo.toml, index.html, assets/, style/).
    pub const CRATE: &str = "crates/web";
    /// The page's binary and the cargo feature that splits it (src/lazy.rs).
    pub const PAGE_BIN: &str = "notice-desk";
    pub const PAGE_FEATURES: &str = "split";
    /// The export worker's binary. Its files keep fixed names: the page
    /// starts it as `./export-worker_loader.js` (src/worker.rs).
    pub const WORKER_BIN: &str = "export-worker";
    /// The page's HTML, with markers where the build writes its parts.
    pub const INDEX: &str = "index.html";
    /// The stylesheet of the first load (goes into index.html).
    pub const STYLESHEET: &str = "style/main.css";
    /// Files copied as they are, under their own names: the service worker,
    /// the manifest and icons.
    pub const ASSET_DIR: &str = "assets";
    /// The styles of everything drawn after the first frame, the preview's
    /// among them, as one stylesheet the page links once the form is on
    /// screen (src/lazy.rs): one request, there before the preview is.
    pub const LATER_STYLES: &[&str] = &["style/later.css", "style/preview.css"];
    pub const LATER_STYLESHEET: &str = "later.css";
    /// The service worker, filled in with the version and the file list.
    pub const SERVICE_WORKER: &str = "sw.js";
    /// index.html without the first frame, for returning users (sw.js).
    pub const RETURNING_PAGE: &str = "returning.html";
}

/// The build's output, relative to the repository root.
const DIST: &str = "dist";
const SINGLE_FILE: &str = "dist-single/通知起草台.html";

type Result<T> = std::result::Result<T, String>;

const USAGE: &str = "\
usage: cargo xtask <command>

  dist                     build the release app into dist/
  single-file [DIST] [OUT] inline a built dist/ into one HTML file
                           (default dist-single/通知起草台.html)
  serve [--no-build] [--port N]
                           build dist/, then serve it on 127.0.0.1:8080
                           (port also from $PORT)";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    let done = match args.first().map(String::as_str) {
        Some("dist") if args.len() == 1 => dist::build(&root).map(|_| ()),
        Some("single-file") if args.len() <= 3 => {
            let dist = args.get(1).map_or_else(|| root.join(DIST), PathBuf::from);
            let out = args
                .get(2)
                .map_or_else(|| root.join(SINGLE_FILE), PathBuf::from);
            single_file::build(&dist, &out)
        }
        Some("serve") => serve_command(&root, &args[1..]),
        _ => {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    };
    if let Err(e) = done {
        eprintln!("xtask: {e}");
        std::process::exit(1);
    }
}

fn serve_command(root: &Path, args: &[String]) -> Result<()> {
    let mut build = true;
    let mut port: u16 = match std::env::var("PORT") {
        Ok(p) => p.parse().map_err(|_| format!("PORT={p} is not a port"))?,
        Err(_) => 8080,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--no-build" => build = false,
            "--port" => {
                let p = rest.next().ok_or("--port needs a number")?;
                port = p.parse().map_err(|_| format!("--port {p} is not a port"))?;
            }
            _ => return Err(format!("unknown argument {arg}\n{USAGE}")),
        }
    }
    let dist = root.join(DIST);
    if build {
        dist::build(root)?;
    } else if !dist.join("index.html").is_file() {
        return Err(format!(
            "no build in {}: run `cargo xtask dist`",
            dist.display()
        ));
    }
    serve::serve(&dist, port)
}

/// The repository root: the xtask crate lives in its top directory.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ has a parent")
        .to_path_buf()
}

/// A build tool: from tools/node_modules (npm, scripts/setup.sh) if there,
/// else from PATH.
fn tool(root: &Path, name: &str) -> PathBuf {
    let local = root.join("tools/node_modules/.bin").join(name);
    if local.is_file() {
        local
    } else {
        PathBuf::from(name)
    }
}

/// Runs a tool quietly, showing its output only if it fails (wasm-opt warns
/// about every part's name section).
fn run(command: &mut Command) -> Result<String> {
    let program = command.get_program().to_string_lossy().into_owned();
    let out = command
        .output()
        .map_err(|e| format!("cannot run {program}: {e} (scripts/setup.sh installs it)"))?;
    if !out.status.success() {
        eprint!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        return Err(format!("{program} failed ({})", out.status));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, data: impl AsRef<[u8]>) -> Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, data).map_err(|e| format!("{}: {e}", path.display()))
}

fn copy(from: &Path, to: &Path) -> Result<()> {
    std::fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}

/// The files (not directories) in a directory, sorted by name.
fn files_in(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let name = entry.file_name().into_string();
        let name = name.map_err(|n| format!("{n:?} in {}: not UTF-8", dir.display()))?;
        if entry.path().is_file() {
            names.push(name);
        } else {
            return Err(format!("unexpected directory {}", entry.path().display()));
        }
    }
    names.sort();
    Ok(names)
}
