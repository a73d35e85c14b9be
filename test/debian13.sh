#!/usr/bin/env bash
# test/debian13.sh: the "fresh Debian 13 machine" check behind `make test-debian13`.
#
# Runs the whole `make test` of this checkout in a fresh Debian 13 (trixie) chroot, where
# `make test` itself has to install PostgreSQL 17, its -server-dev package and
# gcc from Debian, exactly as on a new machine. Needs root (debootstrap, chroot, mounts).
#
#   test/debian13.sh             make test in a fresh chroot; exit status is make test's
#   test/debian13.sh CMD ...     run CMD in the checkout copy instead (e.g. "make demo")
#
# Each run starts from a pristine copy of a debootstrapped base system cached outside the
# checkout (PEKEFB_CHROOT_CACHE, default /var/cache/pekefb-debian13; built once, ~5 min), so
# a rerun only pays for the packages (downloaded .debs are cached there too), the build and
# the tests. The checkout's files (git's tracked and untracked, not ignored: no build output)
# are copied to /srv/pekefb in the chroot. Everything is mounted in a private mount
# namespace and unmounted on exit, also on failure; the chroot is deleted afterwards unless
# KEEP=1. The log of the last run is $PEKEFB_CHROOT_CACHE/last-run.log.
# MIRROR (default: the Debian mirror of this machine's apt sources) and SUITE (trixie) can
# be set.
set -euo pipefail

die() { printf 'error: %s\n' "$*" >&2; exit 2; }
say() { printf '== %s\n' "$*" >&2; }

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount); try: sudo $0"
top=$(cd "$(dirname "$0")/.." && pwd)
SUITE=${SUITE:-trixie}
CACHE=${PEKEFB_CHROOT_CACHE:-/var/cache/pekefb-debian13}
case "$CACHE" in "$top"|"$top"/*) die "the cache must be outside the checkout" ;; esac

# All mounts live in a private mount namespace: whatever happens, they vanish with it.
if [ -z "${PEKEFB_IN_NAMESPACE:-}" ]; then
	exec unshare --mount --propagation private env PEKEFB_IN_NAMESPACE=1 "$0" "$@"
fi

# mirror: the Debian archive this machine's apt uses (deb822 URIs: or one-line deb).
mirror() {
	local m
	m=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
		sed -n -e 's/^URIs: *\([^ ]*\).*/\1/p' -e 's/^deb \(\[[^]]*\] \)\{0,1\}\([^ ]*\) .*/\2/p' |
		grep -E '/debian/?$' | head -1 || true)
	echo "${m:-http://deb.debian.org/debian}"
}
MIRROR=${MIRROR:-$(mirror)}

command -v debootstrap >/dev/null || {
	say "installing debootstrap"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null || die "apt-get install debootstrap failed"
}

# ---------------------------------------------------------------- the cached base system
mkdir -p "$CACHE/apt-archives/partial"
BASE="$CACHE/base"
if [ ! -f "$CACHE/base.ok" ] || [ "$(cat "$CACHE/base.ok")" != "$SUITE $MIRROR" ]; then
	say "debootstrap $SUITE from $MIRROR into $BASE (once; a few minutes)"
	rm -rf "$BASE" "$BASE.tmp" "$CACHE/base.ok"
	debootstrap --variant=minbase "$SUITE" "$BASE.tmp" "$MIRROR" >"$CACHE/debootstrap.log" 2>&1 \
		|| { tail -20 "$CACHE/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE/debootstrap.log)"; }
	mv "$BASE.tmp" "$BASE"
	echo "$SUITE $MIRROR" > "$CACHE/base.ok"
fi

# ---------------------------------------------------------------- a fresh chroot
WORK=$(mktemp -d /var/tmp/pekefb-debian13.XXXXXX)
ROOT="$WORK/root"
MOUNTS=()

# cleanup: stop what still runs inside the chroot, unmount, and delete the chroot (never
# while anything is still mounted below it).
cleanup() {
	local pid i
	for pid in $(ls /proc | grep -E '^[0-9]+$'); do
		[ "$(readlink "/proc/$pid/root" 2>/dev/null)" = "$ROOT" ] && kill -9 "$pid" 2>/dev/null
	done
	for ((i = ${#MOUNTS[@]} - 1; i >= 0; i--)); do
		umount "${MOUNTS[$i]}" 2>/dev/null || umount -l "${MOUNTS[$i]}" 2>/dev/null || true
	done
	if grep -q " $WORK/" /proc/self/mounts; then
		echo "warning: still mounted below $WORK; left in place" >&2
	elif [ "${KEEP:-}" = 1 ]; then
		echo "kept the chroot: $ROOT" >&2
	else
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mnt() {	# mnt <mount args...> <target>: mount, and remember it for cleanup
	mount "$@"
	MOUNTS+=("${!#}")
}

say "fresh Debian $SUITE chroot in $ROOT"
cp -a "$BASE" "$ROOT"
cp -L /etc/resolv.conf "$ROOT/etc/resolv.conf"
# No service starts inside the chroot (the postgresql package's own cluster stays down).
printf '#!/bin/sh\nexit 101\n' > "$ROOT/usr/sbin/policy-rc.d"; chmod 755 "$ROOT/usr/sbin/policy-rc.d"
mnt -t proc proc "$ROOT/proc"
mnt -t sysfs sysfs "$ROOT/sys"
mnt -t tmpfs -o mode=1777 shm "$ROOT/dev/shm"
mnt -t devpts -o newinstance,ptmxmode=0666 devpts "$ROOT/dev/pts"
mnt --bind "$CACHE/apt-archives" "$ROOT/var/cache/apt/archives"

# the checkout: tracked and untracked files that git does not ignore (no build output)
mkdir -p "$ROOT/srv/pekefb"
if git -C "$top" rev-parse --git-dir >/dev/null 2>&1; then
	(cd "$top" && git ls-files -z -co --exclude-standard | tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
		tar -xf - -C "$ROOT/srv/pekefb"
else
	(cd "$top" && tar --exclude=.tmp_install --exclude=.pgcluster --exclude='*.o' --exclude='*.so' \
		--exclude='*.bc' --exclude='*.bin' --exclude=results -cf - .) | tar -xf - -C "$ROOT/srv/pekefb"
fi

if [ $# -eq 0 ]; then set -- make test; fi
say "in the chroot: apt-get install make, then: $*"
# A fresh machine has no make; everything else `make test` installs itself.
inner='set -e
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
apt-get install -y -qq --no-install-recommends make >/dev/null
cd /srv/pekefb
exec "$@"'
# In the background, so that an interrupt runs the cleanup at once (bash runs traps while it
# waits, not while a foreground command runs).
set +e
chroot "$ROOT" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
	HOME=/root LANG=C.UTF-8 TERM=dumb /bin/bash -c "$inner" inner "$@" > >(tee "$CACHE/last-run.log") 2>&1 &
wait $!
rc=$?
set -e
say "Debian $SUITE: '$*' exited with $rc (log: $CACHE/last-run.log)"
exit "$rc"
