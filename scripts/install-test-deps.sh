#!/usr/bin/env bash
# Installs the real servers and browser the tests talk to, from Debian's
# packages, when they are missing: Dovecot (IMAP, LMTP), Postfix (submission),
# Chromium (browser tests), OpenSSL (test certificates), dnsmasq (DNS for
# sender authentication), Radicale (CalDAV and CardDAV); and Cyrus IMAP,
# unpacked beside the repository rather than installed (fetch-cyrus.sh). A
# no-op when everything is present.
set -euo pipefail

mapfile -t missing < <(bash "$(dirname "$0")/missing-test-deps.sh")
if [ ${#missing[@]} -eq 0 ]; then
  bash "$(dirname "$0")/fetch-cyrus.sh"
  exit 0
fi

# `env` after sudo: sudo drops variables such as DEBIAN_FRONTEND from the caller.
as_root=(env)
[ "$(id -u)" -eq 0 ] || as_root=(sudo env)

echo "Installing test dependencies: ${missing[*]}"
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "${missing[@]}" >/dev/null

# The package may start a system-wide Dovecot; tests run their own private
# instances, so stop only the system one (its pid file), never theirs.
if [[ " ${missing[*]} " == *" dovecot-imapd "* ]]; then
  "${as_root[@]}" service dovecot stop >/dev/null 2>&1 || true
  if [ -s /run/dovecot/master.pid ]; then
    "${as_root[@]}" kill "$(cat /run/dovecot/master.pid)" 2>/dev/null || true
  fi
fi

# Likewise a system Postfix: tests start private instances with their own
# configuration folder, and stop only the default instance here.
if [[ " ${missing[*]} " == *" postfix "* ]]; then
  "${as_root[@]}" service postfix stop >/dev/null 2>&1 || true
  "${as_root[@]}" postfix stop >/dev/null 2>&1 || true
fi

# dnsmasq-base runs no service; a full dnsmasq installed earlier might: stop
# the system one so it does not answer in the tests' place.
if [[ " ${missing[*]} " == *" dnsmasq-base "* ]]; then
  "${as_root[@]}" service dnsmasq stop >/dev/null 2>&1 || true
fi

# Tests run their own Radicale on a free port; a system-wide one is not needed.
if [[ " ${missing[*]} " == *" radicale "* ]]; then
  "${as_root[@]}" service radicale stop >/dev/null 2>&1 || true
fi

bash "$(dirname "$0")/fetch-cyrus.sh"
