#!/usr/bin/env bash
# Debian packages the project needs at run or test time: the CJK font embedded in licence PDFs (and used by
# the dashboard's screenshots), poppler/zbar that the tests use to read the PDF and decode its QR code, and
# chromium for the dashboard's browser test (test/e2e/dashboard.e2e-spec.ts, driven by playwright-core).
# Installs only what is missing.
set -euo pipefail
PKGS=(fonts-wqy-microhei poppler-utils zbar-tools chromium)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && { echo "[infra] system packages present: ${PKGS[*]}"; exit 0; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "[infra] installing ${missing[*]}"
$SUDO apt-get update -q
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
