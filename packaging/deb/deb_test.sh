#!/usr/bin/env bash
# `make deb-test`: the distributions' own checks on dist/mgdesk_<version>_amd64.deb, then a real
# install, use from /usr/bin with a clean environment, and a purge that must leave nothing.
# Needs root (CI runs as root); installs its tools with apt-get.
set -euo pipefail
cd "$(dirname "$0")/../.."
deb=$(ls dist/mgdesk_*_amd64.deb)
sudo=""; [[ $(id -u) -eq 0 ]] || sudo=sudo
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends lintian desktop-file-utils appstream man-db >/dev/null
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
x=build/deb/check; rm -rf "$x"; mkdir -p "$x"; dpkg-deb -x "$deb" "$x"

echo "== lintian"; lintian --fail-on error "$deb" | tee "$work/lintian" || { echo "lintian failed"; exit 1; }
echo "== desktop-file-validate"; desktop-file-validate "$x"/usr/share/applications/*.desktop
echo "== appstreamcli validate --no-net"; appstreamcli validate --no-net --explain "$x"/usr/share/metainfo/*.metainfo.xml

echo "== install"
$sudo dpkg-query -W mgdesk >/dev/null 2>&1 && $sudo apt-get purge -y -qq mgdesk >/dev/null
find / -xdev \( -path /proc -o -path /sys -o -path /tmp -o -path /work -o -path /var/cache -o -path /var/lib/apt -o -path /var/log \) -prune -o -print 2>/dev/null | sort >"$work/before"
$sudo apt-get install -y -qq "./$deb" >/dev/null
dpkg -L mgdesk | grep -c . | xargs echo "files installed:"
home="$work/home"; data="$work/data"; mkdir -p "$home" "$data"
echo keep >"$data/user-note.txt"
run() { env -i HOME="$home" MGDESK_DATA_DIR="$data" QT_QPA_PLATFORM=offscreen "$@"; }
echo "== self-test from /usr/bin"; run /usr/bin/mgdesk self-test | tail -1 | grep -q "all checks passed"
echo "== handout"; run /usr/bin/mgdesk handout --name Test --age 40 --sex female -o "$work/h.pdf"
head -c5 "$work/h.pdf" | grep -q '%PDF-'
echo "== window"; run /usr/bin/mgdesk-gui --quit-after-paint 2>/dev/null
echo "== man -l"; MANWIDTH=80 man -l /usr/share/man/man1/mgdesk.1.gz 2>&1 >/dev/null | (! grep .)
MANWIDTH=80 man -l /usr/share/man/man1/mgdesk.1.gz | grep -q "mgdesk handout"
echo "== bash completion"; bash -c 'source /usr/share/bash-completion/completions/mgdesk; COMP_WORDS=(mgdesk ha); COMP_CWORD=1; _mgdesk; [[ ${COMPREPLY[*]} == handout ]]'

echo "== purge"
$sudo apt-get purge -y -qq mgdesk >/dev/null
find / -xdev \( -path /proc -o -path /sys -o -path /tmp -o -path /work -o -path /var/cache -o -path /var/lib/apt -o -path /var/log \) -prune -o -print 2>/dev/null | sort >"$work/after"
# New files that another package owns came with a dependency apt installed (and keeps); the rest
# would be mgdesk's leftovers.
left=$(comm -13 "$work/before" "$work/after" | { grep -v -e '^/var/lib/dpkg/' -e '^/root/' -e '^/etc/ld.so.cache' || true; } |
    while read -r path; do dpkg-query -S "$path" >/dev/null 2>&1 || echo "$path"; done)
if [[ -n $left ]]; then echo "purge left behind:"; echo "$left"; exit 1; fi
[[ -f $data/user-note.txt ]] || { echo "purge touched the user's data folder"; exit 1; }
comm -13 "$work/before" "$work/after" | wc -l | xargs echo "new files after install and purge, all owned by dependencies:"
echo "deb test passed: nothing left after purge, the data folder kept"
