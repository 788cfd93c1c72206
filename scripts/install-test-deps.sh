#!/usr/bin/env bash
# Installs the real servers and browser the tests talk to, from Debian's
# packages, when they are missing: Dovecot (IMAP), Chromium (browser tests),
# OpenSSL (test certificates). A no-op when everything is present.
set -euo pipefail

missing=()
[ -x /usr/sbin/dovecot ] || missing+=(dovecot-imapd)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v openssl >/dev/null || missing+=(openssl)
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
echo "Installing test dependencies: ${missing[*]}"
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null
# The package starts a system-wide Dovecot; tests run their own private instances.
if [ -x /usr/sbin/dovecot ]; then
  "${sudo[@]}" service dovecot stop >/dev/null 2>&1 || "${sudo[@]}" pkill -x dovecot || true
fi
