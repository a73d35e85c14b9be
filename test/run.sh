#!/usr/bin/env bash
# test/run.sh: the driver behind `make demo`, `make test` and `make bench`.
#
# From a fresh Debian 12 or 13 machine it installs the Debian packages it needs (the
# PostgreSQL that the release ships: 15 on Debian 12, 17 on Debian 13; PG_CONFIG=/path/to/
# pg_config picks another server), builds and installs pekefb, starts a throwaway
# cluster of that server (data under .pgcluster/ in the
# checkout, run as the `postgres` OS user when we are root, a private socket directory and a
# free port), runs the job and stops the cluster again, also when the job fails.
#
#   test/run.sh demo    load the sample region, print the dashboard and the 2025 follow-up
#                       report (Markdown; the HTML goes to demo/soite-2025-seurantaraportti.html)
#   test/run.sh test    every test; ends with "N passed, N failed", exit 1 on any failure
#   test/run.sh bench   the benchmarks of test/bench/ (slow; prints ratio tables)
#
# For development there is a private mode that needs no root and touches nothing outside
# the checkout: PostgreSQL's own tree is copied to .tmp_install/ (PostgreSQL finds its
# extensions relative to its binaries, like `make check` in core) and pekefb is installed
# there, so several checkouts can be worked on side by side:
#   test/run.sh dev-start      private install + a cluster that keeps running; prints the
#                              environment to export (PGHOST, PGPORT, PGUSER)
#   test/run.sh dev-install    rebuild and reinstall into the private tree (new sessions
#                              load the new library)
#   test/run.sh dev-regress [test ...]   pg_regress against the running dev cluster
#   test/run.sh dev-stop
set -uo pipefail

mode=${1:-test}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

say() { printf '== %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# ---------------------------------------------------------------- which PostgreSQL
# debian_pg_major: the PostgreSQL major version this Debian release ships, read from the
# dependency of its `postgresql` metapackage (15 on Debian 12, 17 on Debian 13); on a fresh
# machine without package lists, after an apt-get update.
debian_pg_major() {
	local v
	v=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1)
	if [ -z "$v" ]; then
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1
		v=$(apt-cache depends postgresql 2>/dev/null | sed -n 's/^ *Depends: postgresql-\([0-9][0-9]*\)$/\1/p' | head -1)
	fi
	[ -n "$v" ] || die "cannot tell which PostgreSQL this Debian release ships; set PG_CONFIG=/path/to/pg_config"
	echo "$v"
}

# choose_pg: sets PG_CONFIG (given, or the Debian release's own server) and PACKAGES. A
# Debian server (/usr/lib/postgresql/N) brings postgresql-N and postgresql-server-dev-N;
# any other pg_config is used as it is.
choose_pg() {
	[ -n "${PG_CONFIG:-}" ] || PG_CONFIG=/usr/lib/postgresql/$(debian_pg_major)/bin/pg_config
	local where=$PG_CONFIG
	if "$PG_CONFIG" --bindir >/dev/null 2>&1; then where=$("$PG_CONFIG" --bindir)/pg_config; fi
	PACKAGES="libpq-dev make gcc"
	if [[ $where =~ ^/usr/lib/postgresql/([0-9]+)/bin/pg_config$ ]]; then
		PACKAGES="postgresql-${BASH_REMATCH[1]} postgresql-server-dev-${BASH_REMATCH[1]} $PACKAGES"
	fi
}

# use_pg: after the packages are in, checks PG_CONFIG and sets the server's binaries (PGBIN).
use_pg() {
	"$PG_CONFIG" --bindir >/dev/null 2>&1 || die "$PG_CONFIG does not run (install the server's -dev package or set PG_CONFIG)"
	PGBIN=$("$PG_CONFIG" --bindir)
	export PG_CONFIG PGBIN
	say "PostgreSQL: $("$PG_CONFIG" --version) ($PG_CONFIG)"
}

# ---------------------------------------------------------------- packages
ensure_packages() {
	local missing=""
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		say "installing Debian packages:$missing"
		as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || die "apt-get update failed"
		# shellcheck disable=SC2086
		as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null \
			|| die "apt-get install$missing failed"
	fi
	# The Debian package starts a cluster on 5432; we never use it, and stop nothing of it.
}

# ---------------------------------------------------------------- build
PRIVATE="$top/.tmp_install"
# private_install: copies the server's tree (its bin/ + lib/ home and its share directory) into
# .tmp_install/ under the same paths, once per server, and installs pekefb there; remembers
# which pg_config it used, for dev-install and dev-regress.
private_install() {
	local bindir sharedir home
	bindir=$("$PG_CONFIG" --bindir); sharedir=$("$PG_CONFIG" --sharedir); home=${bindir%/bin}
	if [ ! -x "$PRIVATE$bindir/postgres" ]; then
		say "copying $home and $sharedir into $PRIVATE"
		mkdir -p "$PRIVATE$(dirname "$home")" "$PRIVATE$(dirname "$sharedir")"
		cp -a "$home" "$PRIVATE$(dirname "$home")/"
		[ -d "$PRIVATE$sharedir" ] || cp -a "$sharedir" "$PRIVATE$(dirname "$sharedir")/"
	fi
	make -s PG_CONFIG="$PG_CONFIG" >/dev/null || die "build failed"
	make -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$PRIVATE" >/dev/null || die "private install failed"
	echo "$PG_CONFIG" > "$PRIVATE/pg_config.used"
	PGBIN="$PRIVATE$bindir"
}

build_install() {
	say "building and installing pekefb"
	make -s PG_CONFIG="$PG_CONFIG" >/dev/null || die "build failed"
	as_root make -s PG_CONFIG="$PG_CONFIG" install >/dev/null || die "make install failed"
}

# ---------------------------------------------------------------- cluster
RUNAS=()
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); fi

free_port() {
	local p
	for p in $(seq 54329 54429); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$p" ]; then
			echo "$p"; return
		fi
	done
	die "no free port in 54329-54429"
}

start_cluster() {
	CLUSTER="$top/.pgcluster"
	# The postgres user must be able to reach the checkout; if it cannot (e.g. under /root),
	# keep the cluster in a private temporary directory instead.
	if [ ${#RUNAS[@]} -gt 0 ] && ! "${RUNAS[@]}" test -x "$top"; then
		CLUSTER=$(mktemp -d /tmp/pekefb-cluster.XXXXXX)
	fi
	rm -rf "$CLUSTER"
	mkdir -p "$CLUSTER/sock"
	[ ${#RUNAS[@]} -gt 0 ] && chown -R postgres: "$CLUSTER"
	PGPORT=$(free_port)
	say "starting a throwaway cluster in $CLUSTER on port $PGPORT"
	"${RUNAS[@]}" $PGBIN/initdb -D "$CLUSTER/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$CLUSTER/initdb.log" 2>&1 \
		|| { cat "$CLUSTER/initdb.log" >&2; die "initdb failed"; }
	cat >>"$CLUSTER/data/postgresql.conf" <<-EOF
		listen_addresses = ''
		port = $PGPORT
		unix_socket_directories = '$CLUSTER/sock'
		fsync = off
		synchronous_commit = off
		full_page_writes = off
		shared_buffers = 512MB
		work_mem = 64MB
		maintenance_work_mem = 512MB
		max_wal_size = 4GB
		max_parallel_workers_per_gather = 2
		lc_messages = 'C'
		timezone = 'Europe/Helsinki'
	EOF
	[ "${KEEP_CLUSTER:-}" = 1 ] || trap stop_cluster EXIT
	"${RUNAS[@]}" $PGBIN/pg_ctl -D "$CLUSTER/data" -l "$CLUSTER/server.log" -w -t 60 start >/dev/null \
		|| { cat "$CLUSTER/server.log" >&2; die "server did not start"; }
	export PGHOST="$CLUSTER/sock" PGPORT PGUSER=postgres PGDATABASE=postgres
}

stop_cluster() {
	if [ -n "${CLUSTER:-}" ] && [ -f "$CLUSTER/data/postmaster.pid" ]; then
		"${RUNAS[@]}" $PGBIN/pg_ctl -D "$CLUSTER/data" -m fast -w stop >/dev/null 2>&1
	fi
}

psqlq() { $PGBIN/psql -X -v ON_ERROR_STOP=1 -q "$@"; }

# ---------------------------------------------------------------- jobs
run_demo() {
	local t0=$SECONDS
	psqlq -c "DROP DATABASE IF EXISTS pekefb_demo" -c "CREATE DATABASE pekefb_demo" || die "createdb failed"
	PGDATABASE=pekefb_demo psqlq -c "CREATE EXTENSION pekefb" || die "CREATE EXTENSION failed"
	say "loading the sample region (Central Ostrobothnia)"
	PGDATABASE=pekefb_demo psqlq -f test/sample/region.sql >/dev/null || die "loading the sample region failed"
	PGDATABASE=pekefb_demo psqlq -f test/sample/loaders.sql >/dev/null || die "loading the sample files through the loaders failed"
	PGDATABASE=pekefb_demo $PGBIN/psql -X -v ON_ERROR_STOP=1 -f test/sample/dashboard.sql || die "dashboard failed"
	# the steering group's follow-up report for 2025: HTML to a file, Markdown to the terminal
	local report="$top/demo/soite-2025-seurantaraportti.html"
	mkdir -p "$top/demo"
	PGDATABASE=pekefb_demo psqlq -At -o "$report" \
		-c "SELECT region.follow_up_report('soite', '2025-01-01', '2025-12-31')" || die "follow-up report failed"
	echo
	PGDATABASE=pekefb_demo psqlq -At -c "SELECT region.follow_up_report('soite', '2025-01-01', '2025-12-31', 'fi', 'markdown')" \
		|| die "follow-up report failed"
	echo "Seurantaraportti 2025 (HTML, A4, self-contained): $report"
	say "demo finished in $((SECONDS - t0)) s"
}

PASSED=0
FAILED=0
FAILED_NAMES=()
record() {	# record <name> <exit status>
	if [ "$2" = 0 ]; then PASSED=$((PASSED + 1)); printf 'ok      %s\n' "$1"
	else FAILED=$((FAILED + 1)); FAILED_NAMES+=("$1"); printf 'FAILED  %s\n' "$1"; fi
}

run_tests() {
	# 1. pure-C unit tests (parsers, calendar, histogram maths), no server
	say "unit tests (pure C)"
	local out
	if out=$(test/unit/run.sh 2>&1); then :; fi
	echo "$out" | grep -E '^(ok|FAILED) ' || true
	PASSED=$((PASSED + $(echo "$out" | grep -c '^ok ')))
	local uf; uf=$(echo "$out" | grep -c '^FAILED ')
	FAILED=$((FAILED + uf))
	[ "$uf" = 0 ] || { FAILED_NAMES+=("unit"); echo "$out" | tail -20; }
	if ! echo "$out" | grep -q '^ok '; then record "unit tests build" 1; echo "$out" | tail -20; fi

	# 1b. the parsers fuzzed in pure C under ASan+UBSan, fixed seed (test/fuzz/), one test per type
	say "fuzzers (pure C, ASan+UBSan, fixed seed)"
	local fl fn
	out=$(test/fuzz/run.sh test 2>&1)
	while IFS= read -r fl; do
		case $fl in
			"ok fuzz/"*) fn=${fl#ok }; record "${fn%%:*}" 0; echo "        ${fl#ok fuzz/*: }" ;;
			"FAILED fuzz/"*) record "${fl#FAILED }" 1 ;;
		esac
	done <<< "$out"
	echo "$out" | grep -q '^FAILED' && echo "$out" | grep -v '^ok ' | tail -40
	echo "$out" | grep -A4 '^fuzz/[a-z]*: note:' || true
	echo "$out" | grep -q '^ok fuzz/' || { record "fuzz (build)" 1; echo "$out" | tail -20; }

	# 2. the pg_regress suite (sql/ + expected/), one test per feature
	say "regression suite (pg_regress)"
	rm -rf results regression.diffs regression.out
	make -s PG_CONFIG="$PG_CONFIG" installcheck >/tmp/pekefb-installcheck.$$ 2>&1
	local rc=$?
	local line name seen=0
	# pg_regress up to 15: "test NAME ... ok|FAILED"; from 16 on (TAP): "ok|not ok N - NAME"
	while IFS= read -r line; do
		if [[ $line =~ ^(test|\ +)?\ *([A-Za-z0-9_]+)\ +\.\.\.\ (ok|FAILED|failed) ]]; then
			name=${BASH_REMATCH[2]}; seen=$((seen + 1))
			if [ "${BASH_REMATCH[3]}" = ok ]; then record "regress/$name" 0; else record "regress/$name" 1; fi
		elif [[ $line =~ ^(not\ )?ok\ +[0-9]+\ +[-+]\ +([A-Za-z0-9_]+)\  ]]; then
			name=${BASH_REMATCH[2]}; seen=$((seen + 1))
			if [ -z "${BASH_REMATCH[1]}" ]; then record "regress/$name" 0; else record "regress/$name" 1; fi
		fi
	done < /tmp/pekefb-installcheck.$$
	# every test that pg_regress counts in its summary must have been read above
	local want
	want=$(sed -n -E 's/^[# ]*(All ([0-9]+) tests passed|[0-9]+ of ([0-9]+) tests failed).*/\2\3/p' /tmp/pekefb-installcheck.$$ | tail -1)
	[ "$seen" = "${want:-none}" ] || { record "regress ($seen tests read, pg_regress counted ${want:-none})" 1; rc=1; }
	if [ $rc != 0 ]; then
		grep -qE '\.\.\. (FAILED|failed)|^not ok ' /tmp/pekefb-installcheck.$$ || { record "regress (pg_regress itself)" 1; cat /tmp/pekefb-installcheck.$$; }
		[ -f regression.diffs ] && head -200 regression.diffs
	fi
	rm -f /tmp/pekefb-installcheck.$$

	# 3. client-side tests: each test/client/*.sh is one test (dump/restore, import, ...)
	say "client tests (test/client)"
	local t
	for t in test/client/*.sh; do
		[ -e "$t" ] || continue
		if out=$(bash "$t" 2>&1); then record "client/$(basename "$t" .sh)" 0
		else record "client/$(basename "$t" .sh)" 1; echo "$out" | tail -30; fi
	done

	# 4. the demo itself must run
	if out=$(run_demo 2>&1); then record "demo" 0; else record "demo" 1; echo "$out" | tail -30; fi

	# 5. Citus (1 coordinator + 2 workers of its own private tree), when Citus can be built
	say "Citus (test/citus/run.sh)"
	local skipped=0 crc
	out=$(env -u PGHOST -u PGPORT -u PGDATABASE test/citus/run.sh 2>&1); crc=$?
	if [ $crc = 77 ]; then skipped=1; echo "citus: skipped (no ../shared/vendor)"
	else record "citus" $crc; [ $crc = 0 ] || echo "$out" | grep -v '^ok ' | tail -40; fi

	echo
	[ ${#FAILED_NAMES[@]} -gt 0 ] && printf 'failed: %s\n' "${FAILED_NAMES[*]}"
	if [ $skipped = 0 ]; then echo "$PASSED passed, $FAILED failed"; else echo "$PASSED passed, $FAILED failed, $skipped skipped"; fi
	[ "$FAILED" = 0 ]
}

run_bench() {
	local b
	for b in test/bench/*.sh; do
		[ -e "$b" ] || continue
		# the national-scale build takes the better part of an hour: on request only
		if [ "$(basename "$b")" = scale.sh ] && [ "${SCALE:-0}" != 1 ]; then
			say "benchmark scale.sh skipped (SCALE=1 make bench runs it)"; continue
		fi
		say "benchmark $(basename "$b")"
		bash "$b" || die "benchmark $b failed"
	done
}

dev_env() {
	CLUSTER="$top/.pgcluster"
	[ -f "$PRIVATE/pg_config.used" ] || die "no private install; run test/run.sh dev-start"
	PG_CONFIG=$(cat "$PRIVATE/pg_config.used")
	PGBIN="$PRIVATE$("$PG_CONFIG" --bindir)"
	PGPORT=$(sed -n 's/^port = //p' "$CLUSTER/data/postgresql.conf" 2>/dev/null | tail -1)
	[ -n "$PGPORT" ] || die "no dev cluster; run test/run.sh dev-start"
	export PGHOST="$CLUSTER/sock" PGPORT PGUSER=postgres PGDATABASE=postgres PGBIN PG_CONFIG
}

case "$mode" in
	dev-start)
		choose_pg; ensure_packages; use_pg; private_install
		[ -f "$top/.pgcluster/data/postmaster.pid" ] && die "a dev cluster is running; test/run.sh dev-stop first"
		KEEP_CLUSTER=1 start_cluster
		echo "export PGHOST=$PGHOST PGPORT=$PGPORT PGUSER=postgres PGBIN=$PGBIN"
		exit 0 ;;
	dev-install)
		if [ -f "$PRIVATE/pg_config.used" ]; then PG_CONFIG=${PG_CONFIG:-$(cat "$PRIVATE/pg_config.used")}; fi
		choose_pg; use_pg; private_install; exit 0 ;;
	dev-stop) dev_env; stop_cluster; exit 0 ;;
	dev-regress)
		dev_env; shift
		rm -rf results regression.diffs regression.out
		if [ $# -gt 0 ]; then make -s PG_CONFIG="$PG_CONFIG" installcheck REGRESS="$*"
		else make -s PG_CONFIG="$PG_CONFIG" installcheck; fi
		rc=$?; [ -f regression.diffs ] && cat regression.diffs; exit $rc ;;
esac

choose_pg
# (the benchmarks count the loaders' instructions with Valgrind)
if [ "$mode" = bench ]; then PACKAGES="$PACKAGES valgrind"; fi
ensure_packages
use_pg
build_install
start_cluster
case "$mode" in
	demo)  run_demo ;;
	test)  run_tests ;;
	bench) run_bench ;;
	*)     die "unknown mode $mode (demo, test, bench)" ;;
esac
