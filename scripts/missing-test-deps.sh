#!/usr/bin/env bash
# Prints, one a line, the Debian packages the tests need that are missing:
# Dovecot with its IMAP daemon (dovecot-core alone has the dovecot binary but
# no imap process, and every test that starts Dovecot fails at set-up),
# Chromium (browser tests), OpenSSL (test certificates), Radicale (CalDAV and
# CardDAV). Prints nothing when all are there.
set -euo pipefail

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

if [ ! -x /usr/sbin/dovecot ] || ! installed dovecot-imapd; then echo dovecot-imapd; fi
[ -x /usr/bin/chromium ] || echo chromium
command -v openssl >/dev/null || echo openssl
[ -x /usr/bin/radicale ] || echo radicale
