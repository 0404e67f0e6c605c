#!/usr/bin/env python3
"""Builds the single-file app: one .html with the page, the styles, both
WebAssembly modules and the export worker inlined, for users who are handed
the tool on a USB stick and open it from disk (file://).

Usage: scripts/single-file.py [dist] [out.html]   (after `trunk build --release`)
"""
import base64
import glob
import hashlib
import json
import os
import re
import sys

DIST = sys.argv[1] if len(sys.argv) > 1 else "dist"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join("dist-single", "通知起草台.html")


def read(path, mode="r"):
    with open(path, mode) as f:
        return f.read()


def one(pattern):
    found = [p for p in glob.glob(os.path.join(DIST, pattern)) if "worker" not in p]
    if len(found) != 1:
        sys.exit("expected one %s in %s, found %s" % (pattern, DIST, found))
    return found[0]


def b64(path):
    return base64.b64encode(read(path, "rb")).decode()


def sha256(text):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()


# Every stylesheet Trunk wrote (main-*.css, preview-*.css), in name order.
css = "\n".join(read(p) for p in sorted(glob.glob(os.path.join(DIST, "*.css"))))
glue = read(one("notice-desk-*.js")).replace("</script", "<\\/script")
wasm = b64(one("notice-desk-*_bg.wasm"))
worker_glue = read(os.path.join(DIST, "export-worker.js"))
worker_wasm = b64(os.path.join(DIST, "export-worker_bg.wasm"))

# The worker, as one script: its glue, then its module from base64.
worker_source = (
    worker_glue
    + '\nwasm_bindgen({ module_or_path: Uint8Array.from(atob("%s"), c => c.charCodeAt(0)) });\n'
    % worker_wasm
)

def exported_names(script):
    """Exported name -> local name, from `export { a as b, c }` lists (the
    release build's scripts are minified, so local names are short)."""
    names = {}
    for body in re.findall(r"export\s*\{([^}]*)\}", script):
        for item in body.split(","):
            local, _, exported = item.strip().partition(" as ")
            names[(exported or local).strip()] = local.strip()
    return names


def inline_split_modules(glue):
    """The page module's lazily loaded parts (wasm-split, see
    scripts/post-build.py), inlined: their loader script becomes a function
    in this module, and each part is read from base64 instead of fetched."""
    loader_path = os.path.join(DIST, "__wasm_split.js")
    if not os.path.isfile(loader_path):
        return glue
    loader = read(loader_path)
    # The loader imports the glue's initSync; here both share one scope.
    init_sync = r'import\s*\{\s*initSync(?:\s+as\s+(\w+))?\s*\}\s*from\s*"[^"]+";?\n?'
    alias = re.search(init_sync, loader)
    if not alias:
        sys.exit("single-file: the wasm-split loader changed shape; update inline_split_modules")
    loader = re.sub(init_sync, "", loader)
    local_init_sync = exported_names(glue).get("initSync", "initSync")
    # The loader's own (minified) names may hide the glue's, so the glue's
    # initSync reaches it under a name of its own, called only later, once
    # the glue below has defined it.
    loader = "const %s = __splitInitSync;\n%s" % (alias.group(1) or "initSync", loader)
    names = re.findall(r"export\s+const\s+(\w+)\s*=", loader)
    loader = re.sub(r"export\s+const\s+", "const ", loader)
    parts = {}

    def from_base64(match):
        name = match.group(1)
        parts[name] = b64(os.path.join(DIST, name + ".wasm"))
        return (
            'Promise.resolve(new Response(Uint8Array.from(atob(__splitParts["%s"]), c => c.charCodeAt(0)), '
            '{ headers: { "Content-Type": "application/wasm" } }))' % name
        )

    loader = re.sub(r'fetch\(new URL\("\./([\w.-]+)\.wasm",\s*import\.meta\.url\)\)', from_base64, loader)
    if "import.meta.url" in loader or not names:
        sys.exit("single-file: the wasm-split loader changed shape; update inline_split_modules")
    split_import = r'import\s*\*\s*as\s+(\w+)\s+from\s*"\./__wasm_split\.js";?\n?'
    uses = re.findall(split_import, glue)
    glue = re.sub(split_import, "", glue)
    return "\n".join([
        "const __splitParts = %s;" % json.dumps(parts),
        "const __splitInitSync = (...a) => %s(...a);" % local_init_sync,
        "const __split = (() => {\n%s\nreturn { %s };\n})();" % (loader, ", ".join(names)),
        "".join("const %s = __split;\n" % u for u in uses),
        glue,
    ])


# The glue's default export starts the module; minified, it has a short name.
init = exported_names(glue).get("default", "__wbg_init")
glue = inline_split_modules(glue)
script = "\n".join([
    glue,
    # The worker runs from a blob: URL, since file:// pages cannot load one
    # by path.
    "window.NOTICE_DESK_WORKER_URL = URL.createObjectURL(new Blob([document.getElementById('export-worker').textContent], { type: 'text/javascript' }));",
    'await %s({ module_or_path: Uint8Array.from(atob("%s"), c => c.charCodeAt(0)) });' % (init, wasm),
    "window.wasmBindings = { exportDocx };",
])
worker_tag_body = worker_source.replace("</script", "<\\/script")

csp = (
    "default-src 'none'; script-src 'wasm-unsafe-eval' %s; style-src %s; "
    "img-src data: blob:; worker-src blob:; connect-src 'none'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'" % (sha256(script), sha256(css))
)
html = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="%s">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>通知起草台</title>
<style>%s</style>
<script type="text/plain" id="export-worker">%s</script>
<script type="module">%s</script>
</head>
<body>
<noscript>通知起草台需要启用 JavaScript 和 WebAssembly。</noscript>
</body>
</html>
""" % (csp, css, worker_tag_body, script)

os.makedirs(os.path.dirname(OUT) or ".", exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    f.write(html)
print("%s: %.1f MB" % (OUT, len(html.encode()) / 1024 / 1024))
