//! `cargo xtask dist`: the release app in dist/.
//!
//! - the page's WebAssembly (built with the split feature) is cut by
//!   wasm-split into the first-load module and the lazily loaded part
//!   (crates/web/src/lazy.rs), bound by wasm-bindgen, optimised by wasm-opt, its
//!   glue names shortened and its JavaScript minified by terser;
//! - the export worker is bound for `importScripts` and optimised;
//! - index.html gets the preloads, the first frame (the form as a new user
//!   first sees it, drawn before the module has arrived) and the scripts
//!   that hand it over to the app; the start script puts in force a
//!   Content-Security-Policy that allows only the app's own origin
//!   (dist/csp.txt has the same policy for a server's header);
//! - sw.js gets the build's version and the list of files to keep offline.

use crate::text::{csp_sha256, json_string, json_strings, minify_css, short_hash, sri_sha384};
use crate::{copy, files_in, read, read_text, run, tool, web, write, Result, DIST};
use std::path::{Path, PathBuf};
use std::process::Command;

const TARGET: &str = "wasm32-unknown-unknown";

/// Everything the page may do, and nothing else. 'wasm-unsafe-eval' lets
/// WebAssembly compile; blob: workers serve the single-file build. The
/// page's scripts' hashes go in the server's header, which is in force
/// before they run; the policy the start script sets has none.
fn csp(script_hashes: Option<&str>, style_hash: &str) -> String {
    let script = script_hashes.map(|h| format!(" {h}")).unwrap_or_default();
    format!(
        "default-src 'self'; \
         script-src 'self' 'wasm-unsafe-eval'{script}; \
         style-src 'self' {style_hash}; img-src 'self' data: blob:; font-src 'self'; \
         connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'none'"
    )
}

/// The features wasm32-unknown-unknown enables in rustc 1.8x-1.9x; wasm-opt
/// must accept them and may use no others (Chromium 100+ has all of these).
const WASM_FEATURES: &[&str] = &[
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// Lets wasm-opt fold added constants into load and store offsets (about
/// 0.6 KB gzip of the first load). It assumes no address below 1,024 is used,
/// which holds for rustc's wasm32 layout: the stack comes first and grows
/// down from 1 MiB towards 0, the data lies above it, so only a stack within
/// 1 KiB of overflowing would reach that low.
const LOW_MEMORY_UNUSED: &str = "--low-memory-unused";

/// The binaryen release wasm-opt must be: Debian's wasm-opt 108 writes
/// modules that Chromium refuses ("WebAssembly.Table.set(): Argument 1 is
/// invalid").
const WASM_OPT_VERSION: &str = "version 132";

/// Builds dist/ and returns its path.
pub fn build(root: &Path) -> Result<PathBuf> {
    let web = root.join(web::CRATE);
    // Cargo reads a relative CARGO_TARGET_DIR from where it was started.
    let here = std::env::current_dir().map_err(|e| format!("the current directory: {e}"))?;
    let target_dir = std::env::var_os("CARGO_TARGET_DIR")
        .map(|t| here.join(t))
        .unwrap_or_else(|| root.join("target"));
    let wasm_opt = tool(root, "wasm-opt");
    let version = run(Command::new(&wasm_opt).arg("--version"))?;
    if !version.contains(WASM_OPT_VERSION) {
        return Err(format!(
            "{} is {}, not binaryen {WASM_OPT_VERSION} (scripts/setup.sh installs it)",
            wasm_opt.display(),
            version.trim()
        ));
    }

    cargo_build(&web, &target_dir, web::PAGE_BIN, Some(web::PAGE_FEATURES))?;
    cargo_build(&web, &target_dir, web::WORKER_BIN, None)?;
    let built = target_dir.join(TARGET).join("release");

    let work = target_dir.join("xtask-dist");
    let dist = root.join(DIST);
    for dir in [&work, &dist] {
        if dir.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }

    eprintln!("xtask: splitting, binding and optimising the page module");
    let page = page_module(root, &built, &work, &dist, &wasm_opt)?;
    eprintln!("xtask: binding and optimising the export worker");
    worker_module(&built, &work, &dist, &wasm_opt)?;

    for name in files_in(&web.join(web::ASSET_DIR))? {
        copy(&web.join(web::ASSET_DIR).join(&name), &dist.join(&name))?;
    }
    let mut later = String::new();
    for file in web::LATER_STYLES {
        later.push_str(&minify_css(&read_text(&web.join(file))?));
    }
    write(&dist.join(web::LATER_STYLESHEET), later)?;
    let css = minify_css(&read_text(&web.join(web::STYLESHEET))?);
    if css.contains("</") {
        return Err(format!(
            "{}: \"</\" cannot go in a <style>",
            web::STYLESHEET
        ));
    }
    let first_frame = FirstFrame {
        html: notice_web::first_frame::html(),
        script: minify_script(root, &work, notice_web::first_frame::SCRIPT)?,
    };
    let index = index_html(&web, &dist, &page, &css, &first_frame)?;
    write(&dist.join("index.html"), index.html)?;
    write(&dist.join(web::RETURNING_PAGE), index.returning)?;
    write(&dist.join("csp.txt"), format!("{}\n", index.csp))?;
    service_worker(&dist)?;
    precompress(&dist)?;
    std::fs::remove_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;

    let total: u64 = files_in(&dist)?
        .iter()
        .filter(|n| !n.ends_with(".gz"))
        .filter_map(|n| std::fs::metadata(dist.join(n)).ok())
        .map(|m| m.len())
        .sum();
    eprintln!(
        "xtask: wrote {} ({:.1} MB)",
        dist.display(),
        total as f64 / 1024.0 / 1024.0
    );
    Ok(dist)
}

fn cargo_build(web: &Path, target_dir: &Path, bin: &str, features: Option<&str>) -> Result<()> {
    eprintln!("xtask: cargo build --release --bin {bin}");
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut command = Command::new(cargo);
    command
        .current_dir(web)
        .args(["build", "--release", "--target", TARGET, "--bin", bin])
        .arg("--target-dir")
        .arg(target_dir);
    if let Some(features) = features {
        command.args(["--features", features]);
    }
    let status = command
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !status.success() {
        return Err(format!("cargo build of {bin} failed ({status})"));
    }
    Ok(())
}

/// The page's files in dist/.
struct Page {
    /// The glue, `notice-desk-<hash>.js`; the module is `<same>_bg.wasm`.
    name: String,
}

/// Splits, binds, optimises and minifies the page module into dist/.
fn page_module(
    root: &Path,
    built: &Path,
    work: &Path,
    dist: &Path,
    wasm_opt: &Path,
) -> Result<Page> {
    let built_path = built.join(format!("{}.wasm", web::PAGE_BIN));
    let (raw, dropped) = crate::wasm_names::without_bindings(&read(&built_path)?, "IntoUnderlying")
        .map_err(|e| format!("{}: {e}", built_path.display()))?;
    if dropped == 0 {
        return Err(format!(
            "{}: no wasm-streams exports to drop; has leptos stopped linking them?",
            built_path.display()
        ));
    }
    // The name changes with the code, for HTTP caches; the lazily loaded
    // part keeps wasm-split's fixed name (the service worker versions it).
    let name = format!("{}-{}", web::PAGE_BIN, short_hash(&raw, 16));
    let raw_path = work.join("page.wasm");
    write(&raw_path, raw)?;
    let (split, bound) = (work.join("split"), work.join("bound"));
    // For profiling: function names in the wasm (a larger download).
    let keep_names = std::env::var_os("NOTICE_KEEP_NAMES").is_some();
    run(Command::new("wasm-split-cli")
        .args(["--target", "web", "--out-name", &name])
        .arg(&raw_path)
        .arg(&split))?;
    run(Command::new("wasm-bindgen")
        .args(["--target", "web", "--keep-lld-exports", "--no-typescript"])
        .args(keep_names.then_some("--keep-debug"))
        .arg("--out-dir")
        .arg(&bound)
        .args(["--out-name", &name])
        .arg(split.join(format!("{name}.wasm"))))?;
    for part in files_in(&split)? {
        if part != format!("{name}.wasm") {
            copy(&split.join(&part), &bound.join(&part))?;
        }
    }
    for part in files_in(&bound)? {
        if part.ends_with(".wasm") {
            let path = bound.join(&part);
            if let Some(low) = crate::wasm_names::lowest_data_address(&read(&path)?)
                .map_err(|e| format!("{}: {e}", path.display()))?
                .filter(|&a| a < 1024)
            {
                return Err(format!(
                    "{}: data at address {low}, below 1,024: {LOW_MEMORY_UNUSED} would break it",
                    path.display()
                ));
            }
            run(Command::new(wasm_opt)
                .arg("-Oz")
                .args(keep_names.then_some("-g"))
                .args(WASM_FEATURES)
                .arg(LOW_MEMORY_UNUSED)
                .arg(&path)
                .arg("-o")
                .arg(&path))?;
        }
    }
    let (wasm_path, js_path) = (
        bound.join(format!("{name}_bg.wasm")),
        bound.join(format!("{name}.js")),
    );
    let js = read_text(&js_path)?;
    if js.contains("IntoUnderlying") {
        return Err(format!(
            "{}: glue for wasm-streams is back",
            js_path.display()
        ));
    }
    let (wasm, js) =
        crate::wasm_names::shorten(&read(&wasm_path)?, &js, &format!("./{name}_bg.js"))
            .map_err(|e| format!("{}: {e}", wasm_path.display()))?;
    write(&wasm_path, wasm)?;
    // The split loader goes into the glue: one script in the first load,
    // one request (and, on repeat visits, one service-worker fetch) fewer.
    let loader_path = bound.join("__wasm_split.js");
    let js = crate::single_file::merge_split_loader(&js, &read_text(&loader_path)?)
        .map_err(|e| format!("{}: {e}", loader_path.display()))?;
    std::fs::remove_file(&loader_path).map_err(|e| format!("{}: {e}", loader_path.display()))?;
    write(&js_path, js)?;
    let terser = tool(root, "terser");
    for part in files_in(&bound)? {
        let path = bound.join(&part);
        if part.ends_with(".js") {
            // The glue is in the first load: minified, it weighs about
            // 3.5 KB gzip less.
            run(Command::new(&terser)
                .arg(&path)
                .args(["--module", "--compress", "--mangle", "-o"])
                .arg(&path))?;
        }
        copy(&path, &dist.join(&part))?;
    }
    Ok(Page { name })
}

/// The export worker: bound for `importScripts` (a classic worker, which
/// every browser the app supports can start), optimised, and started by a
/// loader the page names (crates/web/src/worker.rs).
fn worker_module(built: &Path, work: &Path, dist: &Path, wasm_opt: &Path) -> Result<()> {
    let name = web::WORKER_BIN;
    let out = work.join("worker");
    run(Command::new("wasm-bindgen")
        .args([
            "--target",
            "no-modules",
            "--no-typescript",
            "--out-name",
            name,
        ])
        .arg("--out-dir")
        .arg(&out)
        .arg(built.join(format!("{name}.wasm"))))?;
    copy(
        &out.join(format!("{name}.js")),
        &dist.join(format!("{name}.js")),
    )?;
    run(Command::new(wasm_opt)
        .arg(format!(
            "--output={}",
            dist.join(format!("{name}_bg.wasm")).display()
        ))
        .arg("-Oz")
        .arg(out.join(format!("{name}_bg.wasm"))))?;
    write(
        &dist.join(format!("{name}_loader.js")),
        format!(r#"importScripts("./{name}.js");wasm_bindgen("./{name}_bg.wasm");"#),
    )
}

struct Index {
    html: String,
    csp: String,
    /// The same page without the first frame, which a returning user's
    /// service worker serves them (crates/web/assets/sw.js).
    returning: String,
}

/// The first frame's markup and the classic script that keeps what the
/// user does to it until the app takes over (crates/web/src/first_frame.rs).
struct FirstFrame {
    html: String,
    script: String,
}

/// A classic script, minified by terser.
fn minify_script(root: &Path, work: &Path, script: &str) -> Result<String> {
    let path = work.join("script.js");
    write(&path, script)?;
    run(Command::new(tool(root, "terser"))
        .arg(&path)
        .args(["--compress", "--mangle", "-o"])
        .arg(&path))?;
    Ok(read_text(&path)?.trim_end().to_owned())
}

/// index.html from its template: right after the charset, the preloads of
/// the glue and the page module, then the first load's styles, the first
/// frame's script and the start script where the template marks it, and
/// the first frame in the body. The styles are in the page, not a file of
/// their own: a request fewer on every visit.
///
/// The start script puts the Content-Security-Policy in force (a meta
/// element it appends, before the app runs) rather than the markup holding
/// it: Chromium's preload scanner holds back the preloads of a document
/// whose markup has a CSP meta element until the parser reaches it, which
/// started the page module's download about 50 ms later on a first visit
/// and 15 ms later on a repeat visit (CPU 4x, 10 Mbit/s). The policy from
/// the server's header (README) is in force from the first byte.
fn index_html(
    web: &Path,
    dist: &Path,
    page: &Page,
    css: &str,
    first_frame: &FirstFrame,
) -> Result<Index> {
    let template_path = web.join(web::INDEX);
    let template = read_text(&template_path)?;
    let name = &page.name;
    let integrity = |file: &str| -> Result<String> { Ok(sri_sha384(&read(&dist.join(file))?)) };
    let glue = format!("{name}.js");
    let wasm = format!("{name}_bg.wasm");
    let preloads = [
        format!(
            r#"<link rel="modulepreload" href="./{glue}" crossorigin="anonymous" integrity="{}">"#,
            integrity(&glue)?
        ),
        format!(
            r#"<link rel="preload" href="./{wasm}" as="fetch" type="application/wasm" crossorigin="anonymous" integrity="{}">"#,
            integrity(&wasm)?
        ),
    ];
    let style_hash = csp_sha256(css);
    let own_policy = csp(None, &style_hash);
    if own_policy.contains("</") {
        return Err("the policy cannot go in a <script>".into());
    }
    // The page module starts the app in place of the first frame;
    // `window.wasmBindings.exportDocx` is the app's export for other
    // scripts (README). The import is hoisted: the policy is in force
    // before `init` runs the module. first-frame.js compiles the module
    // (from the preload) before this script runs; this script is `async`,
    // and first-frame.js waits for the parse before it starts the app.
    let start = format!(
        "import init, * as bindings from \"./{glue}\";\n\
         document.head.append(Object.assign(document.createElement(\"meta\"), \
         {{ httpEquiv: \"Content-Security-Policy\", content: {} }}));\n\
         try {{ await init({{ module_or_path: (await firstFrame.compiled()) ?? \"./{wasm}\" }}); }} \
         catch (error) {{ firstFrame.failed(); throw error; }}\n\
         firstFrame.handOver(bindings.start);\n\
         window.wasmBindings = bindings;\n",
        json_string(&own_policy)
    );
    let csp = csp(
        Some(&format!(
            "{} {}",
            csp_sha256(&first_frame.script),
            csp_sha256(&start)
        )),
        &style_hash,
    );
    for (what, text) in [
        ("script", &first_frame.script),
        ("frame", &first_frame.html),
    ] {
        if text.contains("</script") || text.contains("<script") {
            return Err(format!(
                "the first frame's {what} cannot hold a script element"
            ));
        }
    }
    let page_with = |frame: String| {
        fill(
            &template,
            &template_path,
            &[
                ("preloads", preloads.join("\n  ")),
                (
                    "start",
                    format!(
                        "<style>{css}</style>\n  <script>{}</script>\n  <script type=\"module\" async>{start}</script>",
                        first_frame.script
                    ),
                ),
                ("first-frame", frame),
            ],
        )
    };
    Ok(Index {
        html: page_with(format!(
            "<div id=\"{}\">{}</div>",
            notice_web::first_frame::ID,
            first_frame.html
        ))?,
        returning: page_with(String::new())?,
        csp,
    })
}

/// The template with each `<!-- build:NAME -->` marker replaced.
fn fill(template: &str, path: &Path, parts: &[(&str, String)]) -> Result<String> {
    let mut html = template.to_owned();
    for (marker, with) in parts {
        let marker = format!("<!-- build:{marker} -->");
        if html.matches(&marker).count() != 1 {
            return Err(format!("{}: expected one {marker}", path.display()));
        }
        html = html.replace(&marker, with);
    }
    if let Some(at) = html.find("<!-- build:") {
        let end = html[at..].find("-->").map_or(html.len(), |e| at + e + 3);
        return Err(format!(
            "{}: unknown marker {}",
            path.display(),
            &html[at..end]
        ));
    }
    Ok(html)
}

/// Writes `<file>.gz` beside every file a server sends compressed, packed
/// by zopfli: nginx with `gzip_static on` sends these as they are (README),
/// about 5% fewer bytes than gzip -9 and 20% fewer than nginx's own level 1.
fn precompress(dist: &Path) -> Result<()> {
    for name in files_in(dist)? {
        let compressible = [
            ".html",
            ".css",
            ".js",
            ".wasm",
            ".webmanifest",
            ".svg",
            ".txt",
        ]
        .iter()
        .any(|ext| name.ends_with(ext));
        let path = dist.join(&name);
        let data = read(&path)?;
        if !compressible || data.len() < 512 {
            continue;
        }
        let mut packed = Vec::new();
        zopfli::compress(
            zopfli::Options::default(),
            zopfli::Format::Gzip,
            data.as_slice(),
            &mut packed,
        )
        .map_err(|e| format!("{}: {e}", path.display()))?;
        write(&dist.join(format!("{name}.gz")), packed)?;
    }
    Ok(())
}

/// Fills in the service worker's version (a digest of every other file, so
/// any change makes a new service worker) and the files it keeps offline.
fn service_worker(dist: &Path) -> Result<()> {
    let sw_name = web::SERVICE_WORKER;
    let assets: Vec<String> = files_in(dist)?
        .into_iter()
        .filter(|n| n != sw_name && n != "csp.txt")
        .collect();
    let mut all = Vec::new();
    for name in &assets {
        all.extend_from_slice(name.as_bytes());
        all.push(0);
        all.extend_from_slice(&read(&dist.join(name))?);
    }
    let mut offline = vec!["./".to_owned()];
    offline.extend(
        assets
            .iter()
            .filter(|n| *n != "index.html")
            .map(|n| format!("./{n}")),
    );
    let path = dist.join(sw_name);
    let sw = read_text(&path)?;
    if !sw.contains("__VERSION__") || !sw.contains("__ASSETS__") {
        return Err(format!(
            "{}: no __VERSION__ or __ASSETS__ to fill in",
            path.display()
        ));
    }
    let sw = sw
        .replace("__VERSION__", &short_hash(&all, 16))
        .replace("__ASSETS__", &json_strings(&offline));
    write(&path, sw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_filled_once_each() {
        let path = Path::new("index.html");
        let parts = [("a", "A".to_owned())];
        assert_eq!(fill("x<!-- build:a -->y", path, &parts).unwrap(), "xAy");
        assert!(fill("x", path, &parts).is_err());
        assert!(fill("<!-- build:a --><!-- build:a -->", path, &parts).is_err());
        assert!(fill("<!-- build:a --><!-- build:b -->", path, &parts).is_err());
    }

    /// The page sets its policy from its start script, before the module
    /// starts; the markup has no CSP meta element (it would hold back the
    /// preloads); the header's policy is the same plus the scripts' hashes.
    /// The first frame is in the body, its script in the head before it,
    /// and the start script hands it over once the module is ready.
    #[test]
    fn the_start_script_sets_the_policy_and_the_markup_has_none() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let dist = std::env::temp_dir().join(format!("xtask-index-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        let name = "notice-desk-0123456789abcdef";
        std::fs::write(dist.join(format!("{name}.js")), "export default 1;").unwrap();
        std::fs::write(dist.join(format!("{name}_bg.wasm")), b"\0asm").unwrap();
        let css = "body{margin:0}";
        let page = Page { name: name.into() };
        let first_frame = FirstFrame {
            html: r#"<form><input id="doc-number"></form>"#.into(),
            script: "window.firstFrame={};".into(),
        };
        let index = index_html(&root.join(web::CRATE), &dist, &page, css, &first_frame).unwrap();
        std::fs::remove_dir_all(&dist).unwrap();

        assert!(
            !index.html.to_ascii_lowercase().contains("http-equiv"),
            "{}",
            index.html
        );
        let (before_style, _) = index.html.split_once("<style>").unwrap();
        assert!(before_style.contains(r#"rel="preload""#));
        assert!(before_style.contains(r#"rel="modulepreload""#));
        let start = index
            .html
            .split_once(r#"<script type="module" async>"#)
            .and_then(|(_, rest)| rest.split_once("</script>"))
            .unwrap()
            .0;
        let own = csp(None, &csp_sha256(css));
        let set_at = start
            .find(&json_string(&own))
            .expect("the script sets the policy");
        assert!(set_at < start.find("await init(").unwrap());
        assert!(start.contains("\"Content-Security-Policy\""));
        let hashes = format!("{} {}", csp_sha256(&first_frame.script), csp_sha256(start));
        assert_eq!(index.csp, csp(Some(&hashes), &csp_sha256(css)));
        assert!(index.csp.contains(&csp_sha256(start)) && !own.contains(&csp_sha256(start)));

        let (head, body) = index.html.split_once("<body>").unwrap();
        assert!(head.contains(&format!("<script>{}</script>", first_frame.script)));
        assert!(body.contains(&format!(
            r#"<div id="first-frame">{}</div>"#,
            first_frame.html
        )));
        let handed_over = start.find("firstFrame.handOver(bindings.start)").unwrap();
        assert!(start.find("await init(").unwrap() < handed_over);

        // A returning user's page is the same page without the frame, and
        // their service worker knows it by that name.
        let frame = format!(r#"<div id="first-frame">{}</div>"#, first_frame.html);
        assert_eq!(index.returning, index.html.replace(&frame, ""));
        assert!(!index.returning.contains(r#"id="first-frame""#));
        let sw = read_text(
            &root
                .join(web::CRATE)
                .join(web::ASSET_DIR)
                .join(web::SERVICE_WORKER),
        )
        .unwrap();
        assert!(
            sw.contains(&format!("\"./{}\"", web::RETURNING_PAGE)),
            "{sw}"
        );
    }
}
