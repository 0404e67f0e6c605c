#!/usr/bin/env python3
"""Trunk post-build hook: splits the page module and finishes dist/ for
offline and intranet use.

- the page's WebAssembly is cut by wasm-split into the first-load module and
  one module per lazily loaded part (src/ui/lazy.rs), then bound by
  wasm-bindgen and optimised by wasm-opt, replacing Trunk's unsplit output;
- sw.js gets the build's version and the list of files to keep offline;
- index.html gets a Content-Security-Policy meta tag that allows only the
  app's own origin, with the SHA-256 of each inline script Trunk writes.
"""
import base64
import hashlib
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


def split_page_module(dist):
    """Replaces Trunk's page module (built with the `split` feature and
    --emit-relocs, see .cargo/config.toml) by the split one."""
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
            shutil.copy(path, os.path.join(dist, part))


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
