# test/citus/cluster.bash: a throwaway Citus cluster for the Citus test and benchmark
# (sourced, not run).  One coordinator and two workers of a private PostgreSQL 15 tree
# (.tmp_install/ of the checkout, as test/run.sh dev-start makes it) with pekefb and Citus
# installed there, run as the `postgres` OS user when we are root, each on a private socket
# directory and a free TCP port on localhost (the nodes reach each other over TCP, trust
# authentication on localhost only).  Eight shards per distributed table (Citus' default is
# 32): four per worker is plenty for two workers on a small machine.
#
#   citus_prepare        build Citus from ../shared/vendor when it is not installed, install
#                        pekefb into the private tree and copy Citus' files there;
#                        returns 77 when Citus is neither installed nor buildable
#   citus_start          initdb + start the three nodes, create database $CITUS_DB on each,
#                        CREATE EXTENSION citus, register the workers; exports
#                        PGHOST/PGPORT/PGUSER/PGDATABASE of the coordinator, PGBIN, and
#                        CITUS_PORTS (coordinator worker1 worker2)
#   citus_regions CASES RESPONSES LAYOUT_FILE
#                        the README's recipe on the running cluster: CREATE EXTENSION pekefb,
#                        the sample region `region`, a copy of it in region `single` (plain
#                        tables: the single-node reference), distribute_region('region')
#                        (its rows into LAYOUT_FILE), then CASES cases and RESPONSES feedback
#                        responses generated into `single` and copied into `region`
#   citus_stop           stop the nodes (installed as an EXIT trap by citus_start) and remove
#                        their data unless CITUS_KEEP=1
CITUS_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
CITUS_SHARED=${PEKEFB_SHARED:-$CITUS_TOP/../shared}
CITUS_PRIVATE="$CITUS_TOP/.tmp_install"
CITUS_DB=${CITUS_DB:-pekefb}
SYS_PG_CONFIG=/usr/lib/postgresql/15/bin/pg_config
PGBIN="$CITUS_PRIVATE/usr/lib/postgresql/15/bin"

c_say() { printf '== citus: %s\n' "$*" >&2; }
c_die() { printf 'citus: error: %s\n' "$*" >&2; exit 2; }
c_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

C_RUNAS=()
if [ "$(id -u)" = 0 ]; then C_RUNAS=(runuser -u postgres --); fi

# Is Citus installed into the system PostgreSQL 15 (whose files we copy)?
citus_installed() {
	[ -f "$($SYS_PG_CONFIG --pkglibdir)/citus.so" ] && [ -f "$($SYS_PG_CONFIG --sharedir)/extension/citus.control" ]
}

citus_prepare() {
	if ! citus_installed; then
		[ -f "$CITUS_SHARED/vendor/citus-13.2.2.tar.gz" ] || return 77
		c_say "building Citus 13.2.2 with $CITUS_SHARED/tools/build-citus.sh (once; 2-7 min)"
		c_root "$CITUS_SHARED/tools/build-citus.sh" >&2 || c_die "building Citus failed"
	fi
	"$CITUS_TOP/test/run.sh" dev-install || c_die "private install of pekefb failed"
	# Citus' files, from the system tree into the private one (PostgreSQL finds its
	# extensions relative to its binaries).
	# A changed file is replaced by a rename, never rewritten in place: a running server of
	# the tree (another test's) keeps its mapped citus.so.
	local lib share f
	lib=$($SYS_PG_CONFIG --pkglibdir); share=$($SYS_PG_CONFIG --sharedir)
	mkdir -p "$CITUS_PRIVATE$lib/citus_decoders"
	for f in "$lib"/citus*.so "$lib"/citus_decoders/*.so "$share"/extension/citus*; do
		[ -f "$f" ] || continue
		cmp -s "$f" "$CITUS_PRIVATE$f" && continue
		cp -p "$f" "$CITUS_PRIVATE$f.tmp" && mv -f "$CITUS_PRIVATE$f.tmp" "$CITUS_PRIVATE$f" || return 2
	done
	return 0
}

# A free TCP port above $1 that no unix socket in /tmp claims either, outside test/run.sh's
# range.  Another test may take it before our server binds it: citus_start then tries the
# next one.
c_free_port() {
	local p
	for p in $(seq $(($1 + 1)) 55600); do
		if ! (exec 3<>/dev/tcp/127.0.0.1/$p) 2>/dev/null && [ ! -e "/tmp/.s.PGSQL.$p" ]; then
			echo "$p"; return
		fi
	done
	c_die "no free port in 55401-55600"
}

c_psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

citus_start() {
	CITUS_DIR=$(mktemp -d /tmp/pekefb-citus.XXXXXX)
	chmod 755 "$CITUS_DIR"
	CITUS_PORTS=()
	local i name port=55400 try
	trap citus_stop EXIT
	for i in 0 1 2; do
		name=node$i
		mkdir -p "$CITUS_DIR/$name/sock"
		[ ${#C_RUNAS[@]} -gt 0 ] && chown -R postgres: "$CITUS_DIR/$name"
		"${C_RUNAS[@]}" "$PGBIN/initdb" -D "$CITUS_DIR/$name/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
			>"$CITUS_DIR/$name/initdb.log" 2>&1 || { cat "$CITUS_DIR/$name/initdb.log" >&2; c_die "initdb failed"; }
		# initdb -A trust trusts local and localhost (127.0.0.1/32, ::1/128) connections only.
		cat >>"$CITUS_DIR/$name/data/postgresql.conf" <<-EOF
			shared_preload_libraries = 'citus'
			listen_addresses = '127.0.0.1'
			unix_socket_directories = '$CITUS_DIR/$name/sock'
			citus.node_conninfo = 'sslmode=disable'
			citus.shard_count = 8
			fsync = off
			synchronous_commit = off
			full_page_writes = off
			shared_buffers = 256MB
			work_mem = 64MB
			maintenance_work_mem = 256MB
			max_wal_size = 4GB
			max_parallel_workers_per_gather = 0
			lc_messages = 'C'
			timezone = 'Europe/Helsinki'
		EOF
		for try in 1 2 3 4 5; do
			port=$(c_free_port "$port")
			echo "port = $port" >>"$CITUS_DIR/$name/data/postgresql.conf"
			"${C_RUNAS[@]}" "$PGBIN/pg_ctl" -D "$CITUS_DIR/$name/data" -l "$CITUS_DIR/$name/server.log" -w -t 60 start >/dev/null \
				&& break
			grep -q 'Address already in use' "$CITUS_DIR/$name/server.log" && [ $try -lt 5 ] \
				|| { cat "$CITUS_DIR/$name/server.log" >&2; c_die "node $name did not start"; }
		done
		CITUS_PORTS+=("$port")
		c_psql -h "$CITUS_DIR/$name/sock" -p "$port" -U postgres -d postgres \
			-c "CREATE DATABASE $CITUS_DB" >/dev/null || c_die "createdb on $name failed"
		c_psql -h "$CITUS_DIR/$name/sock" -p "$port" -U postgres -d "$CITUS_DB" \
			-c "SET client_min_messages = warning" -c "CREATE EXTENSION citus" || c_die "CREATE EXTENSION citus on $name failed"
	done
	export PGHOST="$CITUS_DIR/node0/sock" PGPORT=${CITUS_PORTS[0]} PGUSER=postgres PGDATABASE=$CITUS_DB PGBIN
	c_psql -At >/dev/null <<-EOF || c_die "registering the nodes failed"
		SELECT pg_catalog.citus_set_coordinator_host('127.0.0.1', ${CITUS_PORTS[0]});
		SELECT pg_catalog.citus_add_node('127.0.0.1', ${CITUS_PORTS[1]});
		SELECT pg_catalog.citus_add_node('127.0.0.1', ${CITUS_PORTS[2]});
	EOF
	c_say "coordinator on port ${CITUS_PORTS[0]}, workers on ${CITUS_PORTS[1]} and ${CITUS_PORTS[2]} ($CITUS_DIR)"
}

citus_stop() {
	[ -n "${CITUS_DIR:-}" ] || return 0
	local i
	for i in 0 1 2; do
		[ -f "$CITUS_DIR/node$i/data/postmaster.pid" ] \
			&& "${C_RUNAS[@]}" "$PGBIN/pg_ctl" -D "$CITUS_DIR/node$i/data" -m fast -w stop >/dev/null 2>&1
	done
	[ "${CITUS_KEEP:-}" = 1 ] || rm -rf "$CITUS_DIR"
}

# Citus warns, while a region is created, that its views and functions stay on the
# coordinator ("will be created only locally"): they do, by design.
c_q() { PGOPTIONS='-c client_min_messages=error' c_psql -At "$@"; }

citus_regions() {
	local t0=$SECONDS
	c_say "CREATE EXTENSION pekefb, the sample region"
	c_q -c "CREATE EXTENSION pekefb" || return 1
	c_q -f "$CITUS_TOP/test/sample/region.sql" >/dev/null || return 1
	c_q >/dev/null <<-'SQL' || return 1
		SELECT pekefb.create_region('single', s.area_code, o.name_fi, o.name_sv, s.name, s.time_zone, s.calendar,
		                            s.extra_closing_days, s.roll_forward, s.min_group_size)
		FROM region.settings s JOIN region.organizations o ON o.code = s.area_code;
		-- every table's rows as they are (as a data-only restore does: triggers and foreign
		-- keys off, generated columns computed again), settings excepted
		SET session_replication_role = replica;
		DO $copy$
		DECLARE
		    t record;
		    cols text;
		BEGIN
		    FOR t IN SELECT c.relname FROM pg_class c
		             WHERE c.relnamespace = 'region'::regnamespace AND c.relkind = 'r' AND c.relname <> 'settings'
		    LOOP
		        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
		        FROM pg_attribute a
		        WHERE a.attrelid = format('region.%I', t.relname)::regclass AND a.attnum > 0
		          AND NOT a.attisdropped AND a.attgenerated = '';
		        EXECUTE format('DELETE FROM single.%I', t.relname);
		        EXECUTE format('INSERT INTO single.%I (%s) OVERRIDING SYSTEM VALUE SELECT %s FROM region.%I',
		                       t.relname, cols, cols, t.relname);
		    END LOOP;
		END
		$copy$;
		RESET session_replication_role;
	SQL
	c_say "distribute_region('region') ($((SECONDS - t0)) s)"
	c_q -c "SELECT * FROM pekefb.distribute_region('region')" >"$3" || return 1
	c_say "generating $1 cases and $2 feedback responses, copied into the distributed region ($((SECONDS - t0)) s)"
	c_q -v schema=single -v cases="$1" -v responses="$2" -f "$CITUS_TOP/test/citus/generate.sql" >/dev/null || return 1
	c_q >/dev/null <<-'SQL' || return 1
		DO $copy$
		DECLARE
		    t record;
		    cols text;
		BEGIN
		    FOR t IN VALUES ('cases', 'case_id'), ('feedback_responses', 'response_id') LOOP
		        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO cols
		        FROM pg_attribute a
		        WHERE a.attrelid = format('single.%I', t.column1)::regclass AND a.attnum > 0
		          AND NOT a.attisdropped AND a.attgenerated = '' AND a.attidentity = '';
		        EXECUTE format('INSERT INTO region.%I (%s) SELECT %s FROM single.%I WHERE %I LIKE %L',
		                       t.column1, cols, cols, t.column1, t.column2, 'gen-%');
		    END LOOP;
		END
		$copy$;
		ANALYZE region.cases;
		ANALYZE region.feedback_responses;
	SQL
	c_say "regions ready ($((SECONDS - t0)) s)"
}
