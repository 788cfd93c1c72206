#!/usr/bin/env bash
# Unpacks Debian's Cyrus IMAP into .test-data/cyrus, where test/support/cyrus.ts
# runs it: the package conflicts with dovecot-imapd, so it is never installed,
# only downloaded with the libraries it needs that the system lacks. A no-op
# when the unpacked tree is there.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
target="$root/.test-data/cyrus"
[ -x "$target/usr/lib/cyrus/bin/master" ] && exit 0

installed() {
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# The libraries the daemons link, and one level below libclamav (linked for
# virus scanning, which the tests never use, but the loader needs it).
libraries() {
  apt-cache depends cyrus-common cyrus-imapd libclamav12 libsasl2-modules |
    awk '/ Depends: lib/ { print $2 }' | sort -u
}

# A fresh machine may have no package lists yet.
if ! apt-cache show cyrus-imapd >/dev/null 2>&1; then
  as_root=(env)
  [ "$(id -u)" -eq 0 ] || as_root=(sudo env)
  "${as_root[@]}" apt-get update -qq
fi

downloads="$(mktemp -d)"
trap 'rm -rf "$downloads"' EXIT
packages=(cyrus-common cyrus-imapd)
while read -r library; do
  installed "$library" || packages+=("$library")
done < <(libraries)
installed libsasl2-modules || packages+=(libsasl2-modules)

echo "Downloading Cyrus IMAP for the tests: ${packages[*]}"
(cd "$downloads" && apt-get download -qq "${packages[@]}" 2>/dev/null)
mkdir -p "$target"
for deb in "$downloads"/*.deb; do dpkg-deb -x "$deb" "$target"; done
# Cyrus drops to an unprivileged user when started as root: it must reach the tree.
chmod -R a+rX "$target"
