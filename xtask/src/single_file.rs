//! `cargo xtask single-file`: one .html with the page, the styles, both
//! WebAssembly modules and the export worker inlined, for users who are
//! handed the tool on a USB stick and open it from disk (file://), where
//! nothing can be fetched by path.

use crate::text::{base64, csp_sha256, json_string};
use crate::{files_in, read, read_text, web, write, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// Writes `out` from a release build in `dist` (`cargo xtask dist`).
pub fn build(dist: &Path, out: &Path) -> Result<()> {
    let names = files_in(dist)?;
    // The page's glue is the one `<bin>-<hash>.js`; the styles are the
    // first load's, in index.html, then every stylesheet (preview.css).
    let glue_prefix = format!("{}-", web::PAGE_BIN);
    let glue_names: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with(&glue_prefix) && n.ends_with(".js"))
        .collect();
    let [glue_name] = glue_names[..] else {
        return Err(format!(
            "expected one {glue_prefix}*.js in {}, found {glue_names:?} (run `cargo xtask dist`)",
            dist.display()
        ));
    };
    let stem = glue_name.trim_end_matches(".js");
    let index = read_text(&dist.join("index.html"))?;
    let first_load_css = index
        .split_once("<style>")
        .and_then(|(_, rest)| rest.split_once("</style>"))
        .map(|(css, _)| css.to_owned())
        .ok_or_else(|| format!("no <style> in {}", dist.join("index.html").display()))?;
    let mut css = vec![first_load_css];
    for name in names.iter().filter(|n| n.ends_with(".css")) {
        css.push(read_text(&dist.join(name))?);
    }
    let css = css.join("\n");
    let glue = read_text(&dist.join(glue_name))?;
    let wasm = base64(&read(&dist.join(format!("{stem}_bg.wasm")))?);
    let worker = web::WORKER_BIN;
    let worker_glue = read_text(&dist.join(format!("{worker}.js")))?;
    let worker_wasm = base64(&read(&dist.join(format!("{worker}_bg.wasm")))?);

    // The worker, as one script: its glue, then its module from base64.
    let worker_source = format!(
        "{worker_glue}\nwasm_bindgen({{ module_or_path: Uint8Array.from(atob(\"{worker_wasm}\"), c => c.charCodeAt(0)) }});\n"
    );
    // The glue's default export starts the module; minified, it has a
    // short name.
    let mut exported = exported_names(&glue);
    let init = exported
        .remove("default")
        .unwrap_or_else(|| "__wbg_init".into());
    // The module starts the app only when told (there is no first frame
    // to hand over here).
    let start = exported.remove("start").unwrap_or_else(|| "start".into());
    let glue = inline_split_parts(dist, &glue)?;
    let script = [
        glue,
        // The worker runs from a blob: URL, since file:// pages cannot load
        // one by path.
        "window.NOTICE_DESK_WORKER_URL = URL.createObjectURL(new Blob([document.getElementById('export-worker').textContent], { type: 'text/javascript' }));".into(),
        format!("await {init}({{ module_or_path: Uint8Array.from(atob(\"{wasm}\"), c => c.charCodeAt(0)) }});\n{start}();"),
        "window.wasmBindings = { exportDocx };".into(),
    ]
    .join("\n")
    .replace("</script", "<\\/script");
    let worker_tag_body = worker_source.replace("</script", "<\\/script");

    let csp = format!(
        "default-src 'none'; script-src 'wasm-unsafe-eval' {}; style-src {}; \
         img-src data: blob:; worker-src blob:; connect-src 'none'; object-src 'none'; \
         base-uri 'none'; form-action 'none'",
        csp_sha256(&script),
        csp_sha256(&css)
    );
    let html = format!(
        r#"<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>通知起草台</title>
<style>{css}</style>
<script type="text/plain" id="export-worker">{worker_tag_body}</script>
<script type="module">{script}</script>
</head>
<body>
<noscript>通知起草台需要启用 JavaScript 和 WebAssembly。</noscript>
</body>
</html>
"#
    );
    write(out, &html)?;
    println!(
        "{}: {:.1} MB",
        out.display(),
        html.len() as f64 / 1024.0 / 1024.0
    );
    Ok(())
}

/// The wasm-split loader merged into the page's glue, so that the first
/// load is one script, not two: the loader becomes a function in the
/// glue's module, reaching the glue's initSync under a name of its own.
pub fn merge_split_loader(glue: &str, loader: &str) -> Result<String> {
    let changed = || "the wasm-split loader changed shape; update merge_split_loader".to_owned();
    let init_sync = [
        Lit("import"),
        Sp,
        Lit("{"),
        Sp,
        Lit("initSync"),
        Opt(&[Sp1, Lit("as"), Sp1, Word]),
        Sp,
        Lit("}"),
        Sp,
        Lit("from"),
        Sp,
        Lit("\""),
        Until('"'),
        Lit("\""),
        Opt(&[Lit(";")]),
        Opt(&[Lit("\n")]),
    ];
    let found = find_all(loader, &init_sync);
    let Some(import) = found.first() else {
        return Err(changed());
    };
    // Captured: the alias, if any, then the path.
    let alias = (import.captures.len() == 2).then(|| import.captures[0].clone());
    let loader = remove(loader, &found);
    let local_init_sync = exported_names(glue)
        .remove("initSync")
        .unwrap_or_else(|| "initSync".into());
    // The loader's own names may hide the glue's, so the glue's initSync
    // reaches it under a name of its own, called only later, once the
    // glue below has defined it.
    let loader = format!(
        "const {} = __splitInitSync;\n{loader}",
        alias.as_deref().unwrap_or("initSync")
    );
    let export_const = [Lit("export"), Sp1, Lit("const"), Sp1, Word, Sp, Lit("=")];
    let names: Vec<String> = find_all(&loader, &export_const)
        .iter()
        .map(|m| m.captures[0].clone())
        .collect();
    let export_kw = [Lit("export"), Sp1, Lit("const"), Sp1];
    let loader = replace(&loader, &find_all(&loader, &export_kw), |_| "const ".into());
    let split_import = [
        Lit("import"),
        Sp,
        Lit("*"),
        Sp,
        Lit("as"),
        Sp1,
        Word,
        Sp1,
        Lit("from"),
        Sp,
        Lit("\"./__wasm_split.js\""),
        Opt(&[Lit(";")]),
        Opt(&[Lit("\n")]),
    ];
    let uses = find_all(glue, &split_import);
    if names.is_empty() || uses.is_empty() || loader.contains("import ") {
        return Err(changed());
    }
    let glue = remove(glue, &uses);
    Ok([
        format!("const __splitInitSync = (...a) => {local_init_sync}(...a);"),
        format!(
            "const __split = (() => {{\n{loader}\nreturn {{ {} }};\n}})();",
            names.join(", ")
        ),
        uses.iter()
            .map(|u| format!("const {} = __split;\n", u.captures[0]))
            .collect(),
        glue,
    ]
    .join("\n"))
}

/// The lazily loaded parts (wasm-split) inlined in the glue: each is read
/// from base64 instead of fetched.
fn inline_split_parts(dist: &Path, glue: &str) -> Result<String> {
    let fetch = [
        Lit("fetch(new URL(\"./"),
        Until('"'),
        Lit("\","),
        Sp,
        Lit("import.meta.url))"),
    ];
    let fetches: Vec<Match> = find_all(glue, &fetch)
        .into_iter()
        .filter(|m| m.captures[0].ends_with(".wasm"))
        .collect();
    if fetches.is_empty() {
        return Err(
            "no lazily loaded part is fetched by the glue; update inline_split_parts".into(),
        );
    }
    let mut parts = BTreeMap::new();
    for m in &fetches {
        let file = &m.captures[0];
        let name = file.trim_end_matches(".wasm");
        parts.insert(name.to_owned(), base64(&read(&dist.join(file))?));
    }
    let glue = replace(glue, &fetches, |m| {
        format!(
            "Promise.resolve(new Response(Uint8Array.from(atob(__splitParts[\"{}\"]), c => c.charCodeAt(0)), \
             {{ headers: {{ \"Content-Type\": \"application/wasm\" }} }}))",
            m.captures[0].trim_end_matches(".wasm")
        )
    });
    let parts_json: Vec<String> = parts
        .iter()
        .map(|(name, data)| format!("{}: \"{data}\"", json_string(name)))
        .collect();
    Ok(format!(
        "const __splitParts = {{{}}};\n{glue}",
        parts_json.join(", ")
    ))
}

/// Exported name -> local name, from `export { a as b, c }` lists (the
/// release build's scripts are minified, so local names are short).
fn exported_names(script: &str) -> BTreeMap<String, String> {
    let mut names = BTreeMap::new();
    for m in find_all(script, &[Lit("export"), Sp, Lit("{"), Until('}'), Lit("}")]) {
        for item in m.captures[0].split(',') {
            let item = item.trim();
            let (local, exported) = item.split_once(" as ").unwrap_or((item, item));
            names.insert(exported.trim().to_owned(), local.trim().to_owned());
        }
    }
    names
}

/// A pattern for the few shapes of (minified) JavaScript above: a sequence
/// matched left to right, without backtracking into the elements.
#[derive(Clone, Copy)]
enum Pat<'a> {
    /// This text.
    Lit(&'a str),
    /// Any white space, or none.
    Sp,
    /// Some white space.
    Sp1,
    /// An identifier, captured.
    Word,
    /// Everything up to this character, captured.
    Until(char),
    /// The sequence, or nothing.
    Opt(&'a [Pat<'a>]),
}
use Pat::*;

struct Match {
    start: usize,
    end: usize,
    captures: Vec<String>,
}

fn match_at(
    text: &str,
    mut at: usize,
    pattern: &[Pat],
    captures: &mut Vec<String>,
) -> Option<usize> {
    let run = |at: usize, ok: &dyn Fn(char) -> bool| {
        at + text[at..]
            .char_indices()
            .find(|&(_, c)| !ok(c))
            .map_or(text.len() - at, |(i, _)| i)
    };
    for element in pattern {
        at = match *element {
            Lit(s) => {
                if !text[at..].starts_with(s) {
                    return None;
                }
                at + s.len()
            }
            Sp => run(at, &char::is_whitespace),
            Sp1 => Some(run(at, &char::is_whitespace)).filter(|&e| e > at)?,
            Word => {
                let end = Some(run(at, &crate::text::is_ident_char)).filter(|&e| e > at)?;
                captures.push(text[at..end].to_owned());
                end
            }
            Until(c) => {
                let end = run(at, &|x| x != c);
                captures.push(text[at..end].to_owned());
                end
            }
            Opt(inner) => {
                let mut more = Vec::new();
                match match_at(text, at, inner, &mut more) {
                    Some(end) => {
                        captures.extend(more);
                        end
                    }
                    None => at,
                }
            }
        };
    }
    Some(at)
}

/// Every non-overlapping match, left to right.
fn find_all(text: &str, pattern: &[Pat]) -> Vec<Match> {
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let mut captures = Vec::new();
        match match_at(text, at, pattern, &mut captures) {
            Some(end) if end > at => {
                found.push(Match {
                    start: at,
                    end,
                    captures,
                });
                at = end;
            }
            _ => at += text[at..].chars().next().map_or(1, char::len_utf8),
        }
    }
    found
}

fn replace(text: &str, found: &[Match], with: impl Fn(&Match) -> String) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in found {
        out.push_str(&text[last..m.start]);
        out.push_str(&with(m));
        last = m.end;
    }
    out.push_str(&text[last..]);
    out
}

fn remove(text: &str, found: &[Match]) -> String {
    replace(text, found, |_| String::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_minified_and_plain_scripts() {
        let names = exported_names("export{a as default,b as initSync,c};");
        assert_eq!(names["default"], "a");
        assert_eq!(names["initSync"], "b");
        assert_eq!(names["c"], "c");
        let pattern = [
            Lit("import"),
            Sp,
            Lit("{"),
            Sp,
            Lit("initSync"),
            Opt(&[Sp1, Lit("as"), Sp1, Word]),
            Sp,
            Lit("}"),
        ];
        let found = find_all("x;import{initSync as e}from\"./a.js\";", &pattern);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].captures, ["e"]);
        let found = find_all("import { initSync } from \"./a.js\";", &pattern);
        assert_eq!((found.len(), found[0].captures.len()), (1, 0));
        assert!(find_all("import{initSyncX}", &pattern).is_empty());
    }

    #[test]
    fn the_minified_split_loader_is_merged_into_the_glue() {
        // The shape terser gives wasm-split-cli 0.2.4's loader.
        let loader = "import{initSync as t}from\"./notice-desk-0.js\";let a;\
             export const __wasm_split_load_later=(()=>{const t=fetch(new URL(\"./split_later.wasm\",import.meta.url));return t})();";
        let glue = "import*as n from\"./__wasm_split.js\";function F(){}export{F as initSync,z as default};";
        let out = merge_split_loader(glue, loader).unwrap();
        assert!(out.starts_with("const __splitInitSync = (...a) => F(...a);"));
        assert!(out.contains("const t = __splitInitSync;\nlet a;const __wasm_split_load_later="));
        assert!(out.contains("return { __wasm_split_load_later };"));
        assert!(out.contains("const n = __split;\n\nfunction F(){}"));
        assert!(!out.contains("import*") && !out.contains("export const"));
        assert!(merge_split_loader("function F(){}", loader).is_err());
        // And the shape wasm-split-cli writes it, before terser.
        let loader = "import { initSync } from \"./nd.js\";\n\
             export const __wasm_split_load_later = 1;";
        let glue = "import * as import1 from \"./__wasm_split.js\"\nfunction initSync(){}";
        let out = merge_split_loader(glue, loader).unwrap();
        assert!(
            out.contains("const initSync = __splitInitSync;\nconst __wasm_split_load_later = 1;")
        );
        assert!(out.contains("const import1 = __split;"));
    }

    #[test]
    fn the_lazily_loaded_parts_are_inlined() {
        let dist = std::env::temp_dir().join(format!("xtask-single-{}", std::process::id()));
        std::fs::create_dir_all(&dist).unwrap();
        std::fs::write(dist.join("split_later.wasm"), b"\0asm").unwrap();
        let glue = "const t=fetch(new URL(\"./split_later.wasm\",import.meta.url));";
        let out = inline_split_parts(&dist, glue).unwrap();
        std::fs::remove_dir_all(&dist).unwrap();
        assert!(out.starts_with("const __splitParts = {\"split_later\": \"AGFzbQ==\"};\n"));
        assert!(out.contains("atob(__splitParts[\"split_later\"])"));
        assert!(!out.contains("import.meta.url"));
    }
}
