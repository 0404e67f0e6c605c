#!/usr/bin/env python3
"""Trunk post-build hook: splits the page module and finishes dist/ for
offline and intranet use.

- the page's WebAssembly is cut by wasm-split into the first-load module and
  one module per lazily loaded part (crates/web/src/lazy.rs), then bound by
  wasm-bindgen and optimised by wasm-opt, replacing Trunk's unsplit output;
- sw.js gets the build's version and the list of files to keep offline;
- index.html gets a Content-Security-Policy meta tag that allows only the
  app's own origin, with the SHA-256 of each inline script Trunk writes.
"""
import base64
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

# Everything the page may do, and nothing else. 'wasm-unsafe-eval' lets
# WebAssembly compile; blob: workers serve the single-file build.
CSP = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)


# The features wasm32-unknown-unknown enables in rustc 1.8x-1.9x; wasm-opt
# must accept them and may use no others (Chromium 100+ has all of these).
WASM_FEATURES = [
    "--enable-bulk-memory", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
]


def run(*args):
    # Quiet unless it fails: wasm-opt warns about every part's name section.
    done = subprocess.run(args, capture_output=True, text=True)
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        sys.exit("post-build: %s failed (exit %d)" % (args[0], done.returncode))


def terser(source):
    """terser from tools/ (npm, scripts/setup.sh), or from PATH."""
    local = os.path.join(source, "tools", "node_modules", ".bin", "terser")
    return local if os.path.exists(local) else "terser"


def split_page_module(dist):
    """Replaces Trunk's page module (built with the `split` feature and
    --emit-relocs, see crates/web/build.rs) by the split one."""
    glue = [n for n in os.listdir(dist) if re.fullmatch(r"notice-desk-[0-9a-f]+\.js", n)]
    if len(glue) != 1:
        sys.exit("post-build: expected one notice-desk-*.js in %s, found %s" % (dist, glue))
    name = glue[0][: -len(".js")]
    profile = os.environ.get("TRUNK_PROFILE", "release")
    source = os.environ.get("TRUNK_SOURCE_DIR", os.getcwd())
    target = os.environ.get("CARGO_TARGET_DIR", os.path.join(source, "target"))
    raw = os.path.join(target, "wasm32-unknown-unknown", profile, "notice-desk.wasm")
    with tempfile.TemporaryDirectory() as tmp:
        split, bound = os.path.join(tmp, "split"), os.path.join(tmp, "bound")
        run("wasm-split-cli", "--target", "web", "--out-name", name, raw, split)
        run("wasm-bindgen", "--target", "web", "--keep-lld-exports", "--no-typescript",
            "--out-dir", bound, "--out-name", name, os.path.join(split, name + ".wasm"))
        for part in os.listdir(split):
            if part != name + ".wasm":
                shutil.copy(os.path.join(split, part), bound)
        for part in os.listdir(bound):
            path = os.path.join(bound, part)
            if part.endswith(".wasm") and profile == "release":
                run("wasm-opt", "-Oz", *WASM_FEATURES, path, "-o", path)
        if profile == "release":
            shorten_glue_names(os.path.join(bound, name + "_bg.wasm"),
                               os.path.join(bound, name + ".js"), "./%s_bg.js" % name)
        for part in os.listdir(bound):
            path = os.path.join(bound, part)
            if part.endswith(".js") and profile == "release":
                # The glue and the split loader are in the first load:
                # minified, they weigh about 3.5 KB gzip less.
                run(terser(source), path, "--module", "--compress", "--mangle", "-o", path)
            shutil.copy(path, os.path.join(dist, part))


def leb128(n):
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def read_leb128(data, at):
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, at


def read_name(data, at):
    length, at = read_leb128(data, at)
    return data[at:at + length].decode(), at + length


def skip_limits(data, at):
    flags = data[at]
    at = read_leb128(data, at + 1)[1]
    return read_leb128(data, at)[1] if flags & 1 else at


def shorten_glue_names(wasm_path, js_path, module):
    """Gives the names that tie the page module to its JavaScript glue short
    ones, in both files. wasm-bindgen names each imported JS function
    `__wbg_<name>_<16 hex digits>` and each closure entry point after its
    symbol hash; the hex is all entropy, about 4.5 KB gzip of the first load.
    (Emscripten does the same with binaryen's --minify-imports.)"""
    with open(wasm_path, "rb") as f:
        data = f.read()
    with open(js_path, encoding="utf-8") as f:
        js = f.read()
    renames = {}
    numbers = itertools.count()

    def short(prefix):
        # A name the glue does not use already.
        while True:
            candidate = "%s%d" % (prefix, next(numbers))
            if not re.search(r"(?<![\w$])%s(?![\w$])" % candidate, js):
                return candidate

    def rename_imports(payload):
        count, at = read_leb128(payload, 0)
        out = bytearray(leb128(count))
        for _ in range(count):
            source, at = read_name(payload, at)
            field, at = read_name(payload, at)
            kind, start = payload[at], at + 1
            if kind == 0:
                at = read_leb128(payload, start)[1]
            elif kind == 1:
                at = skip_limits(payload, start + 1)
            elif kind == 2:
                at = skip_limits(payload, start)
            elif kind == 3:
                at = start + 2
            else:
                at = read_leb128(payload, start + 1)[1]
            if source == module:
                renames[field] = short("i")
                field = renames[field]
            for text in (source, field):
                out += leb128(len(text.encode())) + text.encode()
            out += payload[start - 1:at]
        return bytes(out)

    def rename_exports(payload):
        count, at = read_leb128(payload, 0)
        out = bytearray(leb128(count))
        for _ in range(count):
            field, at = read_name(payload, at)
            start = at
            at = read_leb128(payload, at + 1)[1]
            if re.fullmatch(r"wasm_bindgen__convert__closures_\w*__h[0-9a-f]{16}(_\d+)?", field):
                renames[field] = short("x")
                field = renames[field]
            out += leb128(len(field.encode())) + field.encode() + payload[start:at]
        return bytes(out)

    out, at = bytearray(data[:8]), 8
    while at < len(data):
        section = data[at]
        size, body = read_leb128(data, at + 1)
        payload = data[body:body + size]
        if section == 2:
            payload = rename_imports(payload)
        elif section == 7:
            payload = rename_exports(payload)
        out += bytes([section]) + leb128(len(payload)) + payload
        at = body + size
    for old, new in renames.items():
        pattern = r"(?<![\w$])%s(?![\w$])" % re.escape(old)
        found = len(re.findall(pattern, js))
        if found == 0 or (new.startswith("i") and found != 1):
            sys.exit("post-build: %s occurs %d times in %s" % (old, found, js_path))
        js = re.sub(pattern, new, js)
    with open(wasm_path, "wb") as f:
        f.write(out)
    with open(js_path, "w", encoding="utf-8") as f:
        f.write(js)


def refresh_integrity(html, dist):
    """Trunk's integrity attributes, for the files as they are now."""
    def fix(match):
        tag = match.group(0)
        href = re.search(r'href="\./([^"]+)"', tag)
        if not href or not os.path.isfile(os.path.join(dist, href.group(1))):
            return tag
        with open(os.path.join(dist, href.group(1)), "rb") as f:
            digest = base64.b64encode(hashlib.sha384(f.read()).digest()).decode()
        return re.sub(r'integrity="sha384-[^"]*"', 'integrity="sha384-%s"' % digest, tag)
    return re.sub(r"<link [^>]*integrity=\"[^\"]*\"[^>]*>", fix, html)


def inline_script_hashes(html):
    hashes = []
    for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append("'sha256-%s'" % base64.b64encode(digest).decode())
    return hashes


def main(dist):
    index_path = os.path.join(dist, "index.html")
    split_page_module(dist)
    with open(index_path, encoding="utf-8") as f:
        html = f.read()
    html = refresh_integrity(html, dist)
    csp = CSP.format(hashes=" ".join(inline_script_hashes(html)))
    meta = '<meta http-equiv="Content-Security-Policy" content="%s">' % csp
    html = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?', "", html)
    html = html.replace('<meta charset="utf-8">', '<meta charset="utf-8">\n  ' + meta, 1)
    with open(index_path, "w", encoding="utf-8") as f:
        f.write(html)
    with open(os.path.join(dist, "csp.txt"), "w", encoding="utf-8") as f:
        f.write(csp + "\n")

    assets = sorted(
        name for name in os.listdir(dist)
        if os.path.isfile(os.path.join(dist, name)) and name not in ("sw.js", "csp.txt")
    )
    version = hashlib.sha256()
    for name in assets:
        with open(os.path.join(dist, name), "rb") as f:
            version.update(name.encode() + b"\0" + f.read())
    sw_path = os.path.join(dist, "sw.js")
    with open(sw_path, encoding="utf-8") as f:
        sw = f.read()
    sw = sw.replace("__VERSION__", version.hexdigest()[:16])
    sw = sw.replace("__ASSETS__", json.dumps(["./"] + ["./" + a for a in assets if a != "index.html"]))
    with open(sw_path, "w", encoding="utf-8") as f:
        f.write(sw)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else os.environ["TRUNK_STAGING_DIR"])
