//! Rewrites of the page module around wasm-split and wasm-bindgen: the
//! bindings it does not use dropped, a check of its memory layout, and
//! short names for what ties it to its JavaScript glue.
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

/// The module without the exports `unused` picks, so that nothing roots
/// the code only they reach (see [`without_bindings`]).
fn without_exports(wasm: &[u8], unused: impl Fn(&str) -> bool) -> Result<(Vec<u8>, usize)> {
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

/// The linked module (before wasm-split and wasm-bindgen) without the
/// `#[wasm_bindgen]` exports whose names contain `item` (any case) and
/// without wasm-bindgen's descriptions of them, so that wasm-bindgen makes
/// no glue for them and wasm-split places none of their code, nor the
/// functions their vtables name, in any module. leptos always links
/// server_fn, whose browser streams (wasm-streams' IntoUnderlying*
/// classes) are exported for JavaScript although an app without server
/// functions never builds one: 4.4 KB gzip of the first load. Returns
/// how many exports were dropped.
pub fn without_bindings(wasm: &[u8], item: &str) -> Result<(Vec<u8>, usize)> {
    let lower = item.to_ascii_lowercase();
    let (wasm, dropped) =
        without_exports(wasm, |export| export.to_ascii_lowercase().contains(&lower))?;
    let mut described = 0;
    let out = rewrite_sections(&wasm, |section, payload| {
        if section != 0 || name(payload, 0)?.0 != "__wasm_bindgen_unstable" {
            return Ok(payload.to_vec());
        }
        // After the section's name: pairs of (version, program), each a
        // 4-byte little-endian length and its bytes (wasm-bindgen's
        // extract_programs), one pair per #[wasm_bindgen] item.
        let start = name(payload, 0)?.1;
        let (mut out, mut at) = (payload[..start].to_vec(), start);
        while at < payload.len() {
            let pair_start = at;
            for _ in 0..2 {
                let len = payload
                    .get(at..at + 4)
                    .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                    .ok_or("truncated wasm-bindgen section")?;
                at += 4 + len;
                if at > payload.len() {
                    return Err("truncated wasm-bindgen section".into());
                }
            }
            let pair = &payload[pair_start..at];
            if pair.windows(item.len()).any(|w| w == item.as_bytes()) {
                described += 1;
            } else {
                out.extend_from_slice(pair);
            }
        }
        Ok(out)
    })?;
    if (dropped == 0) != (described == 0) {
        return Err(format!(
            "{dropped} exports but {described} wasm-bindgen descriptions name {item}"
        ));
    }
    Ok((out, dropped))
}

/// The lowest address an active data segment writes to (`None` without
/// any): what `--low-memory-unused` (dist.rs) relies on is checked with it.
pub fn lowest_data_address(wasm: &[u8]) -> Result<Option<u64>> {
    let mut lowest: Option<u64> = None;
    rewrite_sections(wasm, |section, payload| {
        if section == 11 {
            let (count, mut at) = leb(payload, 0)?;
            for _ in 0..count {
                let (flags, next) = leb(payload, at)?;
                at = match flags {
                    // Passive: written only by memory.init, where the code says.
                    1 => next,
                    0 | 2 => {
                        let at = if flags == 2 {
                            leb(payload, next)?.1
                        } else {
                            next
                        };
                        // The offset: i32.const n, end (what rustc writes); a
                        // negative n, read unsigned, comes out small.
                        if payload.get(at) != Some(&0x41) {
                            return Err("a data segment's offset is not a constant".into());
                        }
                        let (offset, end) = leb(payload, at + 1)?;
                        if payload.get(end) != Some(&0x0b) {
                            return Err("a data segment's offset is not a constant".into());
                        }
                        lowest = Some(lowest.map_or(offset, |l| l.min(offset)));
                        end + 1
                    }
                    _ => return Err(format!("unknown data segment kind {flags}")),
                };
                let (len, bytes) = leb(payload, at)?;
                at = bytes + len as usize;
            }
        }
        Ok(payload.to_vec())
    })?;
    Ok(lowest)
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
    fn bindings_are_dropped_with_their_descriptions() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut exports = Vec::new();
        put_leb(&mut exports, 3);
        for (name, index) in [
            ("main", 0u8),
            ("intounderlyingsink_write_0a1b", 1),
            ("__wbindgen_describe_intounderlyingsink_write_0a1b", 2),
        ] {
            put_name(&mut exports, name);
            exports.extend([0, index]);
        }
        wasm.push(7);
        put_leb(&mut wasm, exports.len() as u64);
        wasm.extend_from_slice(&exports);
        let mut custom = Vec::new();
        put_name(&mut custom, "__wasm_bindgen_unstable");
        for program in ["struct IntoUnderlyingSink", "fn export_docx"] {
            for part in [r#"{"schema_version":"0.2"}"#, program] {
                custom.extend((part.len() as u32).to_le_bytes());
                custom.extend(part.as_bytes());
            }
        }
        wasm.push(0);
        put_leb(&mut wasm, custom.len() as u64);
        wasm.extend_from_slice(&custom);

        let (out, dropped) = without_bindings(&wasm, "IntoUnderlying").unwrap();
        assert_eq!(dropped, 2);
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("main") && text.contains("fn export_docx"));
        assert!(!text.to_lowercase().contains("intounderlying"), "{text}");
        // A description without its export is refused: wasm-bindgen would
        // fail on it.
        let (described_only, _) = without_exports(&wasm, |e| e.contains("intounderlying")).unwrap();
        assert!(without_bindings(&described_only, "IntoUnderlying").is_err());
        assert_eq!(without_bindings(&out, "IntoUnderlying").unwrap().1, 0);
    }

    #[test]
    fn the_lowest_data_address_is_found() {
        let mut wasm = b"\0asm\x01\0\0\0".to_vec();
        let mut data = Vec::new();
        put_leb(&mut data, 3);
        for (kind, offset) in [(0u8, 1_048_584u64), (1, 0), (0, 1_048_576)] {
            data.push(kind);
            if kind != 1 {
                data.push(0x41);
                put_leb(&mut data, offset);
                data.push(0x0b);
            }
            data.extend([2, b'h', b'i']);
        }
        wasm.push(11);
        put_leb(&mut wasm, data.len() as u64);
        wasm.extend_from_slice(&data);
        assert_eq!(lowest_data_address(&wasm).unwrap(), Some(1_048_576));
        assert_eq!(lowest_data_address(b"\0asm\x01\0\0\0").unwrap(), None);
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
