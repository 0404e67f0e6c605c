# Sourced by scripts/test.sh and scripts/bench.sh: the system packages the
# browser and LibreOffice tests need (Debian), installed when missing.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v libreoffice >/dev/null || missing+=(libreoffice-writer)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v gzip >/dev/null || missing+=(gzip)
fc-list :lang=zh 2>/dev/null | grep -q . || missing+=(fonts-noto-cjk fonts-wqy-zenhei)
if ((${#missing[@]})); then
  say "installing ${missing[*]}"
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -q &&
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    { echo "could not install ${missing[*]}"; exit 1; }
fi
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
