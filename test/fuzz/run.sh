#!/usr/bin/env bash
# test/fuzz/run.sh: builds and runs the pure-C fuzzers of test/fuzz/ (no server needed).
# Each type's harness test/fuzz/fuzz_<type>.c is linked with the driver (driver.c: corpus,
# deterministic mutator, counters) and every src/*_core.c, under AddressSanitizer and
# UndefinedBehaviorSanitizer with -fno-sanitize-recover=all (any report stops the run).
#
#   test/fuzz/run.sh test     the fixed-seed pass of `make test`: FUZZ_INPUTS (default
#                             100000) text and as many binary inputs per type; prints one
#                             "ok fuzz/<type>: counts" or "FAILED fuzz/<type>" line per type
#   test/fuzz/run.sh fuzz     `make fuzz`: FUZZ_SECONDS (default 10) per type with the own
#                             mutator from a fresh seed (FUZZ_SEED to repeat one), then as
#                             long with libFuzzer when clang's libFuzzer is installed;
#                             failing inputs are saved in test/fuzz/crashes/
#   test/fuzz/run.sh build    only build (test/fuzz/bin/)
#   test/fuzz/run.sh replay <type> FILE...   rerun saved inputs
# FUZZ_TYPES limits the types (default: all harnesses).
set -uo pipefail
cd "$(dirname "$0")/../.."

mode=${1:-test}
bin=test/fuzz/bin
types=${FUZZ_TYPES:-$(ls test/fuzz/fuzz_*.c | sed 's|.*/fuzz_||; s|\.c$||')}
SAN="-fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all -fno-omit-frame-pointer"
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# build <compiler> <suffix> <main source> <extra flags...>: one binary per type into $bin;
# every source is compiled once, then each harness is linked with them.
build() {
	local cc=$1 suffix=$2 main=$3; shift 3
	local f t objs=() o
	mkdir -p "$bin/obj$suffix"
	for f in src/*_core.c "$main" test/fuzz/fuzz_*.c; do
		o="$bin/obj$suffix/$(basename "$f" .c).o"
		# rebuilt when the source or any header is newer (or the flags changed)
		if [ ! -f "$o" ] || [ -n "$(find "$f" src/*.h test/fuzz/*.h test/fuzz/run.sh -newer "$o" 2>/dev/null)" ]; then
			# shellcheck disable=SC2086
			"$cc" -std=gnu99 -O1 -g -Wall -Wextra -Werror $SAN "$@" -Isrc -Itest/fuzz -c -o "$o" "$f" || return 1
		fi
		case $f in src/*|"$main") objs+=("$o") ;; esac
	done
	for t in $types; do
		# shellcheck disable=SC2086
		"$cc" $SAN "$@" -o "$bin/fuzz_$t$suffix" "$bin/obj$suffix/fuzz_$t.o" "${objs[@]}" -lm || return 1
	done
}

case "$mode" in
	build)
		build gcc "" test/fuzz/driver.c ;;
	test)
		build gcc "" test/fuzz/driver.c || { echo "FAILED fuzz build"; exit 1; }
		status=0
		for t in $types; do
			if out=$("$bin/fuzz_$t" -n "${FUZZ_INPUTS:-100000}" -s "${FUZZ_SEED:-20260601}" 2>&1); then
				# the count line becomes "ok fuzz/<type>: ..."; notes are printed as they are
				echo "$out" | grep -v "^fuzz/$t: seed "
				echo "$out" | grep "^fuzz/$t: seed " | sed 's/^/ok /'
			else
				echo "FAILED fuzz/$t"; echo "$out" | tail -40; status=1
			fi
		done
		exit $status ;;
	fuzz)
		build gcc "" test/fuzz/driver.c || exit 1
		secs=${FUZZ_SECONDS:-10}
		seed=${FUZZ_SEED:-$(date +%s)}
		status=0
		for t in $types; do
			"$bin/fuzz_$t" -t "$secs" -s "$seed" -o test/fuzz/crashes || status=1
		done
		# libFuzzer (clang, coverage-guided) when its runtime is installed
		if command -v clang >/dev/null 2>&1 && echo 'int LLVMFuzzerTestOneInput(const char *d, long n){return 0;}' \
			| clang -x c -fsanitize=fuzzer -o /dev/null - 2>/dev/null; then
			build clang _libfuzzer test/fuzz/libfuzzer.c -fsanitize=fuzzer || exit 1
			for t in $types; do
				work=$(mktemp -d)
				mkdir -p test/fuzz/crashes
				"$bin/fuzz_${t}_libfuzzer" -max_total_time="$secs" -seed="$seed" -max_len=4096 \
					-print_final_stats=1 -artifact_prefix=test/fuzz/crashes/"$t"- \
					"$work" test/fuzz/corpus/"$t" 2>"$work.log" \
					|| { status=1; tail -60 "$work.log"; }
				grep -E 'stat::number_of_executed_units|Done' "$work.log" | sed "s/^/fuzz\/$t libFuzzer: /"
				rm -rf "$work" "$work.log"
			done
		else
			echo "(clang's libFuzzer not installed: libFuzzer pass skipped)"
		fi
		exit $status ;;
	replay)
		t=$2; shift 2
		build gcc "" test/fuzz/driver.c || exit 1
		"$bin/fuzz_$t" -r "$@" ;;
	*)
		echo "usage: $0 test|fuzz|build|replay <type> FILE..." >&2; exit 2 ;;
esac
