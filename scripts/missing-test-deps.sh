#!/usr/bin/env bash
# Prints, one a line, the Debian packages the tests need that are missing:
# Dovecot with its IMAP daemon (dovecot-core alone has the dovecot binary but
# no imap process, and every test that starts Dovecot fails at set-up),
# Dovecot's LMTP daemon and Postfix (sending tests deliver through a real
# MTA), Chromium (browser tests), OpenSSL (test certificates), dnsmasq (the
# DNS server sender authentication tests query; dnsmasq-base has the binary
# and no system service), Radicale (CalDAV and CardDAV). Prints nothing when
# all are there.
set -euo pipefail

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

if [ ! -x /usr/sbin/dovecot ] || ! installed dovecot-imapd; then echo dovecot-imapd; fi
installed dovecot-lmtpd || echo dovecot-lmtpd
[ -x /usr/sbin/postfix ] || echo postfix
[ -x /usr/bin/chromium ] || echo chromium
command -v openssl >/dev/null || echo openssl
if [ ! -x /usr/sbin/dnsmasq ] || ! installed dnsmasq-base; then echo dnsmasq-base; fi
[ -x /usr/bin/radicale ] || echo radicale
