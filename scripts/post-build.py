#!/usr/bin/env python3
"""Trunk post-build hook: finishes dist/ for offline and intranet use.

- sw.js gets the build's version and the list of files to keep offline;
- index.html gets a Content-Security-Policy meta tag that allows only the
  app's own origin, with the SHA-256 of each inline script Trunk writes.
"""
import base64
import hashlib
import json
import os
import re
import sys

# Everything the page may do, and nothing else. 'wasm-unsafe-eval' lets
# WebAssembly compile; blob: workers serve the single-file build.
CSP = (
    "default-src 'self'; "
    "script-src 'self' 'wasm-unsafe-eval' {hashes}; "
    "style-src 'self'; img-src 'self' data: blob:; font-src 'self'; "
    "connect-src 'self'; worker-src 'self' blob:; manifest-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'none'"
)


def inline_script_hashes(html):
    hashes = []
    for body in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.append("'sha256-%s'" % base64.b64encode(digest).decode())
    return hashes


def main(dist):
    index_path = os.path.join(dist, "index.html")
    with open(index_path, encoding="utf-8") as f:
        html = f.read()
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
