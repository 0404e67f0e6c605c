# Sourced by scripts/test.sh and scripts/bench.sh: the system packages the
# browser and LibreOffice tests need (Debian), installed when missing.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v libreoffice >/dev/null || missing+=(libreoffice-writer)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v gzip >/dev/null || missing+=(gzip)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk fonts-wqy-zenhei)
# For openxml-audit's virtual environment (below); the build needs no Python.
python3 -c 'import ensurepip' 2>/dev/null || missing+=(python3-venv)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    { echo "could not install ${missing[*]}"; exit 1; }
fi
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"

# openxml-audit (PyPI), the Open XML SDK's validator ported to Python,
# stands in for Word in the tests; it lives in an ignored folder.
audit_venv="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/.tools/venv"
if ! "$audit_venv/bin/openxml-audit" --help >/dev/null 2>&1; then
  say "installing openxml-audit 0.8.0 into .tools/venv"
  python3 -m venv "$audit_venv" &&
    "$audit_venv/bin/pip" install -q openxml-audit==0.8.0 ||
    { echo "could not install openxml-audit"; exit 1; }
fi
export OPENXML_AUDIT="$audit_venv/bin/openxml-audit"

# easyofd (PyPI), an OFD reader written by others, renders the exported
# .ofd files to PDF for tests/ofd.rs; pdfplumber measures them. Same venv.
if ! "$audit_venv/bin/python" -c "import easyofd, pdfplumber" >/dev/null 2>&1; then
  say "installing easyofd 20260427 and pdfplumber 0.11.10 into .tools/venv"
  "$audit_venv/bin/pip" install -q easyofd==20260427 pdfplumber==0.11.10 ||
    { echo "could not install easyofd"; exit 1; }
fi
export OFD_READER_PYTHON="$audit_venv/bin/python"
