//! Short names for what ties the page module to its JavaScript glue.
//!
//! wasm-bindgen names each imported JS function `__wbg_<name>_<16 hex
//! digits>` and each closure entry point after its symbol hash; the hex is
//! all entropy, about 4.5 KB gzip of the first load. Both files get short
//! names instead (Emscripten does the same with binaryen's
//! --minify-imports).

use crate::text::{replace_word, word_positions};
use crate::Result;

/// Renames, in the module's import and export sections and in the glue,
/// the imports from `module` (the glue) and the exported closure entry
/// points. `js` is the glue before minification.
pub fn shorten(wasm: &[u8], js: &str, module: &str) -> Result<(Vec<u8>, String)> {
    let mut names = Names {
        js,
        renames: Vec::new(),
        next: 0,
    };
    let out = rewrite_sections(wasm, |section, payload| match section {
        2 => names.imports(payload, module),
        7 => names.exports(payload),
        _ => Ok(payload.to_vec()),
    })?;
    let mut js = js.to_owned();
    for (old, new) in &names.renames {
        let found = word_positions(&js, old).len();
        // An import is called from exactly one place in the glue; a
        // closure entry point from at least one.
        if found == 0 || (new.starts_with('i') && found != 1) {
            return Err(format!("{old} occurs {found} times in the glue"));
        }
        js = replace_word(&js, old, new);
    }
    Ok((out, js))
}

/// The module without the exports `unused` picks, so that wasm-opt can
/// drop the code only they reach. leptos always links server_fn, whose
/// browser streams (wasm-streams' IntoUnderlying* classes) are exported
/// for JavaScript although an app without server functions never builds
/// one: about 1.2 KB gzip of the first load.
pub fn without_exports(wasm: &[u8], unused: impl Fn(&str) -> bool) -> Result<(Vec<u8>, usize)> {
    let mut dropped = 0;
    let out = rewrite_sections(wasm, |section, payload| {
        if section != 7 {
            return Ok(payload.to_vec());
        }
        let (count, mut at) = leb(payload, 0)?;
        let (mut kept, mut kept_count) = (Vec::new(), 0);
        for _ in 0..count {
            let (field, start) = name(payload, at)?;
            let end = leb(payload, start + 1)?.1;
            if unused(&field) {
                dropped += 1;
            } else {
                kept_count += 1;
                put_name(&mut kept, &field);
                kept.extend_from_slice(&payload[start..end]);
            }
            at = end;
        }
        let mut section = Vec::new();
        put_leb(&mut section, kept_count);
        section.extend(kept);
        Ok(section)
    })?;
    Ok((out, dropped))
}

/// The module with each section's payload replaced by what `rewrite`
/// makes of it (given the section's id and payload).
fn rewrite_sections(
    wasm: &[u8],
    mut rewrite: impl FnMut(u8, &[u8]) -> Result<Vec<u8>>,
) -> Result<Vec<u8>> {
    if wasm.len() < 8 || &wasm[..4] != b"\0asm" {
        return Err("not a WebAssembly module".into());
    }
    let mut out = wasm[..8].to_vec();
    let mut at = 8;
    while at < wasm.len() {
        let section = wasm[at];
        let (size, body) = leb(wasm, at + 1)?;
        let payload = wasm
            .get(body..body + size as usize)
            .ok_or("a section runs past the end of the module")?;
        let payload = rewrite(section, payload)?;
        out.push(section);
        put_leb(&mut out, payload.len() as u64);
        out.extend_from_slice(&payload);
        at = body + size as usize;
    }
    Ok(out)
}

struct Names<'a> {
    js: &'a str,
    renames: Vec<(String, String)>,
    next: usize,
}

impl Names<'_> {
    /// The short name for `old`: a new one the glue does not use already.
    fn short(&mut self, old: &str, prefix: char) -> String {
        if let Some((_, new)) = self.renames.iter().find(|(o, _)| o == old) {
            return new.clone();
        }
        loop {
            let candidate = format!("{prefix}{}", self.next);
            self.next += 1;
            if word_positions(self.js, &candidate).is_empty() {
                self.renames.push((old.to_owned(), candidate.clone()));
                return candidate;
            }
        }
    }

    fn imports(&mut self, payload: &[u8], module: &str) -> Result<Vec<u8>> {
        let (count, mut at) = leb(payload, 0)?;
        let mut out = Vec::new();
        put_leb(&mut out, count);
        for _ in 0..count {
            let (source, next) = name(payload, at)?;
            let (field, next) = name(payload, next)?;
            let kind_at = next;
            let start = kind_at + 1;
            let kind = *payload.get(kind_at).ok_or("truncated import")?;
            at = match kind {
                0 => leb(payload, start)?.1,      // function: type index
                1 => limits(payload, start + 1)?, // table: type, limits
                2 => limits(payload, start)?,     // memory: limits
                3 => start + 2,                   // global: type, mutability
                _ => leb(payload, start + 1)?.1,  // tag: attribute, type index
            };
            let field = if source == module {
                self.short(&field, 'i')
            } else {
                field
            };
            put_name(&mut out, &source);
            put_name(&mut out, &field);
            out.extend_from_slice(&payload[kind_at..at]);
        }
        Ok(out)
    }

    fn exports(&mut self, payload: &[u8]) -> Result<Vec<u8>> {
        let (count, mut at) = leb(payload, 0)?;
        let mut out = Vec::new();
        put_leb(&mut out, count);
        for _ in 0..count {
            let (field, start) = name(payload, at)?;
            at = leb(payload, start + 1)?.1;
            let field = if is_closure_entry(&field) {
                self.short(&field, 'x')
            } else {
                field
            };
            put_name(&mut out, &field);
            out.extend_from_slice(&payload[start..at]);
        }
        Ok(out)
    }
}

/// `wasm_bindgen__convert__closures_<word>__h<16 hex>` with an optional
/// `_<number>`: the names wasm-bindgen gives closure entry points.
fn is_closure_entry(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("wasm_bindgen__convert__closures_") else {
        return false;
    };
    if !rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
        return false;
    }
    rest.match_indices("__h").any(|(at, _)| {
        let after = &rest[at + 3..];
        after.len() >= 16
            && after[..16]
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && match &after[16..] {
                "" => true,
                tail => tail
                    .strip_prefix('_')
                    .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
            }
    })
}

fn leb(data: &[u8], mut at: usize) -> Result<(u64, usize)> {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let byte = *data.get(at).ok_or("truncated LEB128 number")?;
        at += 1;
        value |= u64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte < 0x80 {
            return Ok((value, at));
        }
        if shift > 63 {
            return Err("LEB128 number too long".into());
        }
    }
}

fn put_leb(out: &mut Vec<u8>, mut n: u64) {
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        out.push(byte | if n != 0 { 0x80 } else { 0 });
        if n == 0 {
            return;
        }
    }
}

fn name(data: &[u8], at: usize) -> Result<(String, usize)> {
    let (len, at) = leb(data, at)?;
    let end = at + len as usize;
    let bytes = data.get(at..end).ok_or("truncated name")?;
    let text = std::str::from_utf8(bytes).map_err(|_| "a name is not UTF-8")?;
    Ok((text.to_owned(), end))
}

fn put_name(out: &mut Vec<u8>, text: &str) {
    put_leb(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

fn limits(data: &[u8], at: usize) -> Result<usize> {
    let flags = *data.get(at).ok_or("truncated limits")?;
    let at = leb(data, at + 1)?.1;
    Ok(if flags & 1 != 0 { leb(data, at)?.1 } else { at })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unused_exports_are_dropped_and_the_rest_kept() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut exports = Vec::new();
        put_leb(&mut exports, 3);
        for (name, index) in [
            ("main", 0u8),
            ("intounderlyingsink_write", 1),
            ("memory", 0),
        ] {
            put_name(&mut exports, name);
            exports.extend([if name == "memory" { 2 } else { 0 }, index]);
        }
        wasm.push(7);
        put_leb(&mut wasm, exports.len() as u64);
        wasm.extend_from_slice(&exports);
        let (out, dropped) = without_exports(&wasm, |n| n.starts_with("intounderlying")).unwrap();
        assert_eq!(dropped, 1);
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("main") && text.contains("memory"));
        assert!(!text.contains("intounderlying"));
        assert_eq!(
            out[9] as usize,
            out.len() - 10,
            "the section's size is rewritten"
        );
        assert_eq!(out[10], 2, "two exports are left");
    }

    #[test]
    fn closure_entry_points_are_recognised() {
        let h = "wasm_bindgen__convert__closures_____invoke__h0123456789abcdef";
        assert!(is_closure_entry(h));
        assert!(is_closure_entry(&format!("{h}_12")));
        assert!(!is_closure_entry(&format!("{h}_")));
        assert!(!is_closure_entry(&format!("{h}x")));
        assert!(!is_closure_entry("__wbg_get_0123456789abcdef"));
    }

    #[test]
    fn a_module_and_its_glue_get_the_same_short_names() {
        // (module (import "./g_bg.js" "__wbg_log_00" (func)) (import "env" "m" (memory 1))
        //  (export "wasm_bindgen__convert__closures_____invoke__h0123456789abcdef" (func 0)))
        let closure = "wasm_bindgen__convert__closures_____invoke__h0123456789abcdef";
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut imports = Vec::new();
        put_leb(&mut imports, 2);
        put_name(&mut imports, "./g_bg.js");
        put_name(&mut imports, "__wbg_log_00");
        imports.extend([0, 0]);
        put_name(&mut imports, "env");
        put_name(&mut imports, "m");
        imports.extend([2, 0, 1]);
        let mut exports = Vec::new();
        put_leb(&mut exports, 1);
        put_name(&mut exports, closure);
        exports.extend([0, 0]);
        for (id, payload) in [(2u8, &imports), (7, &exports)] {
            wasm.push(id);
            put_leb(&mut wasm, payload.len() as u64);
            wasm.extend_from_slice(payload);
        }
        let js = format!("const i0 = 1; imports.__wbg_log_00 = f; w.{closure}(); w.{closure}();");
        let (wasm, js) = shorten(&wasm, &js, "./g_bg.js").unwrap();
        assert_eq!(js, "const i0 = 1; imports.i1 = f; w.x2(); w.x2();");
        let wasm = String::from_utf8_lossy(&wasm);
        assert!(wasm.contains("\x02i1") && wasm.contains("\x02x2") && wasm.contains("\x01m"));
        assert!(!wasm.contains("__wbg") && !wasm.contains("closures"));
    }
}
