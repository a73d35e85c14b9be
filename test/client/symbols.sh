#!/usr/bin/env bash
# symbols: the built library exports only its fmgr entry points, so that helper names such
# as skip_spaces or num_parse cannot clash with another loaded library's.  Allowed in the
# dynamic symbol table: Pg_magic_func, _PG_init, pg_finfo_X and X for each pg_finfo_X.
# Needs no server; reads pekefb.so of the checkout (built by make).
set -euo pipefail
cd "$(dirname "$0")/../.."
lib=pekefb.so
[ -f "$lib" ] || { echo "$lib not built"; exit 1; }
syms=$(nm -D --defined-only "$lib" | awk 'NF >= 3 { print $3 }' | sort -u)
infos=$(printf '%s\n' "$syms" | sed -n 's/^pg_finfo_//p')
bad=$(printf '%s\n' "$syms" | grep -v -x -F -e Pg_magic_func -e _PG_init \
	-e "$(printf '%s\n' "$infos" | sed 's/^/pg_finfo_/')" -e "$infos" || true)
n=$(printf '%s\n' "$infos" | grep -c .)
if [ -n "$bad" ]; then
	echo "pekefb.so exports symbols that are not fmgr entry points:"
	printf '  %s\n' $bad | head -40
	exit 1
fi
[ "$n" -gt 50 ] || { echo "only $n fmgr entry points exported: is the library complete?"; exit 1; }
# Every entry point the install script names must still be exported.
missing=$(grep -ho "'MODULE_PATHNAME', '[A-Za-z0-9_]*'" src/*.sql | sed "s/.*, '//; s/'$//" | sort -u \
	| grep -v -x -F -e "$infos" || true)
[ -z "$missing" ] || { echo "entry points named in src/*.sql but not exported: $missing"; exit 1; }
echo "symbols: $n fmgr entry points exported, nothing else"
