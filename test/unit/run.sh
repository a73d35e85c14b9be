#!/usr/bin/env bash
# test/unit/run.sh: builds and runs the pure-C unit tests (no server needed).
# Each test/unit/test_*.c is linked with every server-independent source src/*_core.c and
# prints one "ok <check>" or "FAILED <check>" line per named check.
# UNIT_CFLAGS may add sanitizers, e.g. UNIT_CFLAGS="-fsanitize=address,undefined".
set -uo pipefail
cd "$(dirname "$0")/../.."
cores=$(ls src/*_core.c 2>/dev/null)
status=0
for t in test/unit/test_*.c; do
	[ -e "$t" ] || continue
	bin=${t%.c}.bin
	# shellcheck disable=SC2086
	if ! gcc -std=gnu99 -O2 -g -Wall -Wextra -Werror ${UNIT_CFLAGS:-} -Isrc -Itest/unit -o "$bin" "$t" $cores -lm; then
		echo "FAILED build $t"; status=1; continue
	fi
	"$bin" || status=1
done
exit $status
