#!/usr/bin/env bash
# partner_clients: a partner's login works with psql, psqlODBC (Excel, Power BI) and pgJDBC
# (Metabase, DBeaver) and each client shows it the same thing: its own data and the region's
# benchmarks, nothing the rules hide.  On the sample region, two LOGIN roles with passwords,
# made members with add_member: an NGO partner (mll-kp, level read) and a municipality
# writer (kokkola, level write; its parishes are below it).  For each, through unixODBC's
# isql with Debian's psqlODBC (the Unicode driver, a DSN in an odbc.ini of the test's own)
# and through pgJDBC (test/client/PartnerJdbc.java, run by Java's single-file launcher):
# - the rows of the views are exactly those psql's COPY gives the same login (compared in one
#   canonical text form, test/client/partner_rows.py: floats as the same double, booleans
#   t/f, timestamps as instants; JDBC runs in another time zone than psql);
# - the own-data views and the tables show only the login's organisations;
# - SET pekefb.min_group_size = 1, or the same as a connection option, changes no
#   benchmark row (a higher value does hide more: the setting reaches the views);
# - writes: another organisation's row is refused with 42501 (row-level security for the
#   writer, privilege for the reader), an UPDATE of another organisation's rows finds none,
#   the writer's own row is accepted;
# - metadata as BI tools read it: JDBC DatabaseMetaData.getColumns of every view gives only
#   standard types and a comment (REMARKS) for every column and view; ODBC SQLColumns (isql
#   "help VIEW") gives only standard types (psqlODBC leaves REMARKS empty).
# Debian packages unixodbc, odbc-postgresql, libpostgresql-jdbc-java and a JDK >= 16
# (default-jdk-headless) are installed when missing and running as root; otherwise the test
# says "skipped".  Needs PGHOST, PGPORT, PGUSER and PGBIN (test/run.sh exports them).  The
# dev clusters listen on a Unix socket only: ODBC is given the socket directory as
# Servername (psqlODBC hands it to libpq), JDBC connects over TCP to a relay that
# PartnerJdbc.java opens on 127.0.0.1 to the socket (pgJDBC has no Unix sockets); with a
# host name in PGHOST both connect over TCP directly.  Every client passes the login's
# password (test/run.sh's clusters trust local connections; with scram-sha-256 in pg_hba
# the test passes as well).  Roles are cluster-wide: named pekefb_cli_*, dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
: "${PGPORT:=5432}"
db=pekefb_partner_clients
ngo=pekefb_cli_ngo writer=pekefb_cli_writer
work=$(mktemp -d)
cleanup() {
	psql -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1 || true
	psql -d postgres -c "DROP ROLE IF EXISTS $ngo" -c "DROP ROLE IF EXISTS $writer" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT
cleanup; work=$(mktemp -d)

# ---------------------------------------------------------------- the clients
odbc_driver() { ls /usr/lib/*/odbc/psqlodbcw.so /usr/lib/odbc/psqlodbcw.so 2>/dev/null | head -1 || true; }
java_ok() {	# a JDK with the single-file launcher and Unix-domain sockets (16+)
	local v
	command -v java >/dev/null || return 1
	v=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p')
	case $v in 1.*|'') return 1 ;; esac
	[ "$v" -ge 16 ]
}
missing() {
	local m=()
	command -v isql >/dev/null || m+=(unixodbc)
	[ -n "$(odbc_driver)" ] || m+=(odbc-postgresql)
	[ -e /usr/share/java/postgresql.jar ] || m+=(libpostgresql-jdbc-java)
	java_ok || m+=(default-jdk-headless)
	echo "${m[*]}"
}
need=$(missing)
if [ -n "$need" ] && [ "$(id -u)" = 0 ]; then
	{ DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $need; } >"$work/apt.log" 2>&1 || true
	need=$(missing)
fi
if [ -n "$need" ]; then
	echo "partner_clients: skipped (Debian packages missing and not installable here: $need)"
	exit 0
fi

fail=0
ok() { echo "ok $1"; }
failed() { echo "FAILED $1${2:+: $2}"; fail=1; }

# ---------------------------------------------------------------- the region and the logins
fresh_db $db
new_region $db
psql -d $db -v ngo=$ngo -v writer=$writer >/dev/null <<-'SQL'
	CREATE ROLE :"ngo" LOGIN PASSWORD 'Ngo partner 1';
	CREATE ROLE :"writer" LOGIN PASSWORD 'Kokkola writer 1';
	SELECT region.add_member(:'ngo', 'mll-kp', 'read');
	SELECT region.add_member(:'writer', 'kokkola', 'write');
SQL
declare -A password=([$ngo]='Ngo partner 1' [$writer]='Kokkola writer 1')
# the organisations each login acts for: the membership and what is below it in the tree
declare -A orgs top=([$ngo]=mll-kp [$writer]=kokkola)
for m in "$ngo mll-kp" "$writer kokkola"; do
	set -- $m
	orgs[$1]=$(psql -d $db -At -c "SELECT string_agg(organization_code, ' ' ORDER BY organization_code COLLATE \"C\")
		FROM region.organization_tree WHERE ancestor_code OPERATOR(pg_catalog.=) '$2'")
done
[ "${orgs[$writer]}" = "karleby-fs kokkola kokkola-srk" ] || failed "the writer's organisations" "[${orgs[$writer]}]"

own_views=(indicator_status feedback_comments my_organizations data_quality theme_summary
           development_status development_summary development_rows national_comparison)
bench_views=(access_summary feedback_summary feedback_item_summary feedback_theme_summary organization_overview)
all_views=("${own_views[@]}" "${bench_views[@]}")
# every view a member may read is one of the two lists (the others are internal, _*)
listed=$(printf '%s\n' "${all_views[@]}" | LC_ALL=C sort | tr '\n' ' ')
actual=$(psql -d $db -At -c "SELECT string_agg(relname, ' ' ORDER BY relname COLLATE \"C\") || ' ' FROM pg_catalog.pg_class
	WHERE relnamespace OPERATOR(pg_catalog.=) 'region'::regnamespace AND relkind OPERATOR(pg_catalog.=) 'v'
	  AND relname NOT LIKE '\_%'")
[ "$listed" = "$actual" ] && ok "views: the test reads every view of the region" \
	|| failed "views: the test reads every view of the region" "listed [$listed], the region has [$actual]"
for v in "${all_views[@]}"; do
	psql -d $db -At -c "SELECT string_agg(pg_catalog.format_type(atttypid, atttypmod), ',' ORDER BY attnum)
		FROM pg_catalog.pg_attribute WHERE attrelid OPERATOR(pg_catalog.=) 'region.$v'::regclass
		  AND attnum OPERATOR(pg_catalog.>) 0 AND NOT attisdropped" > "$work/$v.types"
done

# the connection: the socket directory for ODBC and a relay for JDBC, or TCP to PGHOST
if [ -z "${PGHOST:-}" ] || [ "${PGHOST#/}" != "$PGHOST" ]; then
	sockdir=${PGHOST:-/var/run/postgresql}
	server=$sockdir socket="$sockdir/.s.PGSQL.$PGPORT" jdbc_host='{relay}'
else
	server=$PGHOST socket='' jdbc_host="$PGHOST:$PGPORT"
fi

# ODBC: the driver and the DSNs in files of the test's own (ODBCSYSINI, ODBCINI)
cat > "$work/odbcinst.ini" <<-EOF
	[PostgreSQL Unicode]
	Description=PostgreSQL ODBC driver (Unicode)
	Driver=$(odbc_driver)
EOF
dsn() {	# dsn NAME ROLE [extra lines]: a DSN as a DBA writes it for the partner
	cat <<-EOF
		[$1]
		Driver=PostgreSQL Unicode
		Servername=$server
		Port=$PGPORT
		Database=$db
		Username=$2
		Password=${password[$2]}
		SSLMode=prefer
		BoolsAsChar=0
		ConnSettings=SET TimeZone TO 'UTC'; SET search_path TO region
	EOF
	# (prefer: the test clusters have no TLS; a partner's DSN says verify-full, doc/partners.md.
	# UTC: psqlODBC gives timestamptz in the session's zone without the offset.)
	[ -z "${3:-}" ] || echo "$3"
	echo
}
{
	dsn ngo $ngo
	dsn writer $writer
	# the settings attack: a session that lowers the minimum by a libpq connection option
	dsn ngo_low $ngo "Pqopt=options='-c pekefb.min_group_size=1'"
	dsn writer_low $writer "Pqopt=options='-c pekefb.min_group_size=1'"
} > "$work/odbc.ini"
odbc() {	# odbc DSN OUT SQL...: the statements through isql; status 1 on any error
	printf '%s\n' "${@:3}" | ODBCSYSINI="$work" ODBCINI="$work/odbc.ini" isql -b -v -d$'\t' "$1" >"$2" 2>"$2.err" || true
	! grep -qE '^\[[0-9A-Z]{5}\]' "$2" && ! [ -s "$2.err" ]
}
odbc_dml() {	# odbc_dml DSN OUT SQL: isql's interactive mode, which prints "SQLRowCount returns N"
	printf '%s\n' "$3" | ODBCSYSINI="$work" ODBCINI="$work/odbc.ini" isql -v "$1" 2>&1 | sed -e '/^[+|]/d' -e 's/^SQL> //' >"$2" || true
}

# JDBC: PartnerJdbc.java with Debian's pgJDBC, the JVM (and so the session) in Helsinki time
jdbc() {	# jdbc ROLE URLPARAMS OUT < commands
	java -Duser.timezone=Europe/Helsinki -cp /usr/share/java/postgresql.jar test/client/PartnerJdbc.java \
		"$socket" "jdbc:postgresql://$jdbc_host/$db$2" "$1" "${password[$1]}" "$work" >"$3" 2>&1
}

# psql as the login, with its password (checked where pg_hba asks for one)
as_login() {	# as_login ROLE psql-arguments...
	PGPASSWORD=${password[$1]} psql -d $db -U "$1" "${@:2}"
}
# psql as the login (the reference): COPY, under TimeZone UTC
psql_rows() {	# psql_rows ROLE VIEW OUT
	as_login "$1" -c "SET TimeZone = 'UTC'" -c "SET DateStyle = 'ISO, YMD'" \
		-c "COPY (SELECT * FROM region.$2) TO STDOUT" > "$3"
}
rows() {	# rows KIND VIEW FILE: canonical sorted rows
	python3 test/client/partner_rows.py "$1" "$(cat "$work/$2.types")" "$3"
}

# ---------------------------------------------------------------- reads, per login
# The NGO reads every view through the three clients; the writer its own-data views and one
# benchmark view (the benchmark views are the same for every member: compared in psql).
declare -A reads=([$ngo]="${all_views[*]}" [$writer]="${own_views[*]} organization_overview")
for who in $ngo $writer; do
	short=${who#pekefb_cli_}
	read -ra views <<< "${reads[$who]}"
	# psql
	for v in "${all_views[@]}"; do psql_rows $who $v "$work/$short.$v.copy"; done
	# JDBC, one connection for every view
	for v in "${views[@]}"; do echo "dump $short.$v SELECT * FROM region.$v"; done > "$work/$short.jdbc.cmd"
	if jdbc $who '' "$work/$short.jdbc.out" < "$work/$short.jdbc.cmd"; then
		ok "$short jdbc: every view read, every column a standard Java class (no PGobject)"
	else
		failed "$short jdbc: every view read, every column a standard Java class" "$(head -5 "$work/$short.jdbc.out")"
	fi
	# ODBC, a connection per view
	odbc_errors=()
	for v in "${views[@]}"; do
		odbc $short "$work/$short.$v.odbc" "SELECT * FROM region.$v" \
			|| odbc_errors+=("$v: $(cat "$work/$short.$v.odbc" "$work/$short.$v.odbc.err" | head -3 | tr '\n' ' ')")
	done
	if [ ${#odbc_errors[@]} = 0 ]; then ok "$short odbc: every view read without a driver error"
	else failed "$short odbc: every view read without a driver error" "${odbc_errors[*]}"; fi
	# the same rows
	for v in "${views[@]}"; do
		rows copy $v "$work/$short.$v.copy" > "$work/$short.$v.c" || { failed "$short $v: psql rows"; continue; }
		n=$(wc -l < "$work/$short.$v.c")
		if rows jdbc $v "$work/$short.$v.jdbc" > "$work/$short.$v.j" 2>&1 && cmp -s "$work/$short.$v.c" "$work/$short.$v.j"; then
			ok "$short $v: jdbc rows = psql rows ($n)"
		else
			failed "$short $v: jdbc rows = psql rows ($n)" "$(diff "$work/$short.$v.c" "$work/$short.$v.j" | head -6)"
		fi
		if rows copy-odbc $v "$work/$short.$v.copy" > "$work/$short.$v.co" 2>&1 &&
		   rows odbc $v "$work/$short.$v.odbc" > "$work/$short.$v.o" 2>&1 && cmp -s "$work/$short.$v.co" "$work/$short.$v.o"; then
			ok "$short $v: odbc rows = psql rows ($n)"
		else
			failed "$short $v: odbc rows = psql rows ($n)" "$(diff "$work/$short.$v.co" "$work/$short.$v.o" | head -6)"
		fi
	done
done

for v in "${bench_views[@]}"; do
	if cmp -s "$work/ngo.$v.copy" "$work/writer.$v.copy"; then ok "$v: the same rows for both logins (psql)"
	else failed "$v: the same rows for both logins (psql)" "$(diff "$work/ngo.$v.copy" "$work/writer.$v.copy" | head -4)"; fi
done

# the rows are not empty where the login has data, and smaller than the owner's
for check in "$ngo feedback_comments" "$writer indicator_status" "$writer feedback_comments" "$writer data_quality"; do
	set -- $check; short=${1#pekefb_cli_}
	n=$(wc -l < "$work/$short.$2.c")
	all=$(psql -d $db -At -c "SELECT count(*) FROM region.$2")
	if [ "$n" -gt 0 ] && [ "$n" -lt "$all" ]; then ok "$short $2: $n of the region's $all rows"
	else failed "$short $2: some but not all rows" "$n of $all"; fi
done

# ---------------------------------------------------------------- own data only
# The row views and the tables: every organization_code is one of the login's.  The
# aggregate own-data views have rows of the organisations above (includes_sub_organizations,
# counting only what the login reads) and the region's development items (the wellbeing
# area's code): the other organisations' own rows (includes_sub_organizations false) and
# their sub-organisations are not there.
for who in $ngo $writer; do
	short=${who#pekefb_cli_}
	mine=$(printf "'%s'," ${orgs[$who]}); mine="ARRAY[${mine%,}]"
	checks=()
	for t in indicator_status feedback_comments my_organizations data_quality national_comparison \
	         measurements cases feedback_responses; do
		checks+=("other $t|SELECT count(*) FROM region.$t WHERE organization_code OPERATOR(pg_catalog.<>) ALL ($mine)")
	done
	checks+=("other theme_summary|SELECT count(*) FROM region.theme_summary WHERE organization_code OPERATOR(pg_catalog.<>) ALL ($mine)
	              AND (NOT includes_sub_organizations OR organization_code NOT IN (SELECT ancestor_code FROM region.organization_tree
	                   WHERE organization_code OPERATOR(pg_catalog.=) ANY ($mine)))")
	# an organisation above counts only the login's rows: its figures are the login's own
	checks+=("ancestor theme_summary|SELECT count(*) FROM region.theme_summary a WHERE a.organization_code OPERATOR(pg_catalog.<>) ALL ($mine)
	              AND a.responses IS DISTINCT FROM (SELECT sum(b.responses) FROM region.theme_summary b
	                  WHERE b.organization_code OPERATOR(pg_catalog.=) '${top[$who]}' AND b.includes_sub_organizations
	                    AND b.service IS NOT DISTINCT FROM a.service AND b.period_kind IS NOT DISTINCT FROM a.period_kind
	                    AND b.period_start IS NOT DISTINCT FROM a.period_start AND b.period_end IS NOT DISTINCT FROM a.period_end
	                    AND b.source IS NOT DISTINCT FROM a.source AND b.theme IS NOT DISTINCT FROM a.theme)")
	for t in development_status development_summary; do
		checks+=("other $t|SELECT count(*) FROM region.$t WHERE organization_code OPERATOR(pg_catalog.<>) ALL ($mine)
		              AND organization_code OPERATOR(pg_catalog.<>) (SELECT area_code FROM region.settings)")
	done
	for c in "${checks[@]}"; do
		q=$(tr -s '\n\t' '  ' <<< "${c#*|}")	# one line: isql and PartnerJdbc read a statement a line
		echo "dump q.${c%%|*} $q"
	done | sed -E 's/^dump q\.(other|ancestor) /dump q.\1_/' > "$work/q.cmd"
	jdbc $who '' "$work/q.out" < "$work/q.cmd" || true
	for c in "${checks[@]}"; do
		name=${c%%|*} q=$(tr -s '\n\t' '  ' <<< "${c#*|}")
		p=$(as_login $who -At -c "$q")
		odbc $short "$work/$short.q" "$q" && o=$(tr -d '\t' < "$work/$short.q") || o="error: $(head -2 "$work/$short.q")"
		j=$(cat "$work/q.${name/ /_}.jdbc" 2>/dev/null) || j="error: $(head -2 "$work/q.out")"
		case $name in
			other*) what="${name#other }: 0 rows of other organisations" ;;
			*) what="${name#ancestor }: the rows of the organisations above count only its own responses" ;;
		esac
		if [ "$p/$o/$j" = 0/0/0 ]; then ok "$short $what (psql, odbc, jdbc)"
		else failed "$short $what" "psql $p, odbc $o, jdbc $j"; fi
	done
done

# ---------------------------------------------------------------- the minimum cannot be lowered
# The benchmark views (and indicator_status, which suppresses small ratios) read by a session
# that set pekefb.min_group_size = 1: by SET in JDBC, by a connection option (libpq's
# options, PGOPTIONS) in ODBC and JDBC.  Every row stays what it was; suppressed figures exist
# (the test is not vacuous); a session that raises the minimum hides more.
for who in $ngo $writer; do
	short=${who#pekefb_cli_}
	if [ $who = $ngo ]; then low_views=("${bench_views[@]}" indicator_status); else low_views=(indicator_status organization_overview); fi
	{
		for v in "${low_views[@]}"; do echo "dump low.$v SELECT * FROM region.$v"; done
		echo "dump low.source SELECT source || ' ' || setting FROM pg_catalog.pg_settings WHERE name = 'pekefb.min_group_size'"
	} > "$work/low.cmd"
	{ echo "try set SET pekefb.min_group_size = 1"; cat "$work/low.cmd"; } | jdbc $who '' "$work/low.set.out" || true
	for v in "${low_views[@]}" source; do mv "$work/low.$v.jdbc" "$work/low.$v.set" 2>/dev/null || true; done
	jdbc $who '?options=-c%20pekefb.min_group_size%3D1' "$work/low.opt.out" < "$work/low.cmd" || true
	# (pg_settings shows the setting once the library is loaded: min_group_size() loads it)
	odbc ${short}_low "$work/low.source.odbc" "SELECT region.min_group_size()" \
		"SELECT source || ' ' || setting FROM pg_catalog.pg_settings WHERE name = 'pekefb.min_group_size'" || true
	# the lowered setting is in force in each session (SET: source session; option: client),
	# the minimum the views use stays the region's 5
	src="$(cat "$work/low.source.set" 2>/dev/null)/$(cat "$work/low.source.jdbc" 2>/dev/null)/$(tr '\n' ' ' < "$work/low.source.odbc")"
	[ "$src" = "session 1/client 1/5 client 1 " ] && grep -q '^set ok' "$work/low.set.out" \
		&& ok "$short: pekefb.min_group_size = 1 accepted by SET (jdbc) and as a connection option (jdbc, odbc)" \
		|| failed "$short: pekefb.min_group_size = 1 set in the sessions" "[$src] $(head -3 "$work/low.set.out")"
	for v in "${low_views[@]}"; do
		odbc ${short}_low "$work/low.$v.odbc" "SELECT * FROM region.$v" || true
		r=""
		rows jdbc $v "$work/low.$v.set" 2>/dev/null | cmp -s - "$work/$short.$v.c" || r+=" jdbc-SET"
		rows jdbc $v "$work/low.$v.jdbc" 2>/dev/null | cmp -s - "$work/$short.$v.c" || r+=" jdbc-options"
		rows odbc $v "$work/low.$v.odbc" 2>/dev/null | cmp -s - "$work/$short.$v.co" || r+=" odbc-options"
		if [ -z "$r" ]; then ok "$short $v: the same rows with pekefb.min_group_size = 1 (SET, connection option)"
		else failed "$short $v: the same rows with pekefb.min_group_size = 1" "differ:$r"; fi
	done
done
# the suppressed figures that must stay hidden are there (the comparison is not vacuous)
for c in "${bench_views[@]/#/$ngo }" "$writer indicator_status"; do
	set -- $c
	n=$(as_login $1 -At -c "SELECT count(*) FILTER (WHERE suppressed) FROM region.$2")
	if [ "$n" -gt 0 ]; then ok "${1#pekefb_cli_} $2: $n suppressed rows stay suppressed"
	else
		case $2 in	# the sample region has small groups in these
			access_summary|feedback_summary|feedback_item_summary) failed "${1#pekefb_cli_} $2: suppressed rows" "none" ;;
			*) echo "note: ${1#pekefb_cli_} $2 has no suppressed row" ;;
		esac
	fi
done
# a session that raises the minimum hides more (the setting does reach the views)
printf '%s\n' "try set SET pekefb.min_group_size = 1000000" \
	"dump raised SELECT count(*) FILTER (WHERE suppressed) FROM region.feedback_summary" | jdbc $ngo '' "$work/raised.out" || true
raised=$(cat "$work/raised.jdbc" 2>/dev/null || echo none)
base=$(as_login $ngo -At -c "SELECT count(*) FILTER (WHERE suppressed) FROM region.feedback_summary")
total=$(as_login $ngo -At -c "SELECT count(*) FILTER (WHERE responses OPERATOR(pg_catalog.>) 0) FROM region.feedback_summary")
if [ "$raised" = "$total" ] && [ "$raised" -gt "$base" ]; then
	ok "ngo jdbc: SET pekefb.min_group_size = 1000000 suppresses every feedback_summary group with responses ($raised, not $base)"
else failed "ngo jdbc: a raised minimum hides more" "raised $raised, default $base, groups with responses $total"; fi

# ---------------------------------------------------------------- writes
other_case="INSERT INTO region.cases (organization_code, indicator_code, case_id, started) VALUES ('kannus', 'pta-3kk', 'partner-clients-other', '2025-06-02')"
own_case() { echo "INSERT INTO region.cases (organization_code, indicator_code, case_id, started) VALUES ('$1', 'pta-3kk', 'partner-clients-$2', '2025-06-02')"; }
other_update="UPDATE region.cases SET finished = started WHERE organization_code = 'kannus'"
# JDBC: the writer in a transaction (the refused insert aborts it: rollback, then the own rows)
jdbc $writer '' "$work/w.jdbc.out" <<-EOF || true
	autocommit off
	try other_insert $other_case
	rollback
	try other_update $other_update
	try own_insert $(own_case kokkola jdbc)
	try below_insert $(own_case kokkola-srk jdbc)
	commit
EOF
jdbc $ngo '' "$work/n.jdbc.out" <<-EOF || true
	try other_insert $other_case
	try own_insert $(own_case mll-kp jdbc)
EOF
expect() {	# expect NAME FILE LINE-PATTERN
	if grep -qE "$3" "$2"; then ok "$1"; else failed "$1" "$(tr '\n' ' ' < "$2" | head -c 300)"; fi
}
expect "writer jdbc: another organisation's case refused by row-level security (42501)" "$work/w.jdbc.out" \
	'^other_insert 42501 .*row-level security'
expect "writer jdbc: an UPDATE of another organisation's cases changes none" "$work/w.jdbc.out" '^other_update ok 0$'
expect "writer jdbc: its own case accepted" "$work/w.jdbc.out" '^own_insert ok 1$'
expect "writer jdbc: a case of a parish below it accepted" "$work/w.jdbc.out" '^below_insert ok 1$'
expect "ngo jdbc (read): another organisation's case refused (42501)" "$work/n.jdbc.out" '^other_insert 42501 '
expect "ngo jdbc (read): its own case refused too (42501, level read)" "$work/n.jdbc.out" '^own_insert 42501 '
# ODBC (autocommit, as Excel's Microsoft Query)
odbc_dml writer "$work/w.odbc.1" "$other_case" || true
expect "writer odbc: another organisation's case refused by row-level security (42501)" "$work/w.odbc.1" \
	'^\[42501\].*row-level security'
odbc_dml writer "$work/w.odbc.2" "$other_update" || true
expect "writer odbc: an UPDATE of another organisation's cases changes none" "$work/w.odbc.2" '^SQLRowCount returns 0$'
odbc_dml writer "$work/w.odbc.3" "$(own_case kokkola odbc)" || true
expect "writer odbc: its own case accepted" "$work/w.odbc.3" '^SQLRowCount returns 1$'
odbc_dml ngo "$work/n.odbc.1" "$other_case" || true
expect "ngo odbc (read): another organisation's case refused (42501)" "$work/n.odbc.1" '^\[42501\]'
got=$(psql -d $db -At -c "SELECT string_agg(organization_code || '/' || case_id, ' ' ORDER BY organization_code || '/' || case_id COLLATE \"C\") FROM region.cases WHERE case_id LIKE 'partner-clients-%'")
want="kokkola-srk/partner-clients-jdbc kokkola/partner-clients-jdbc kokkola/partner-clients-odbc"
[ "$got" = "$want" ] && ok "the cases written are the writer's three, nothing else" || failed "the cases written" "[$got]"

# ---------------------------------------------------------------- metadata, as BI tools read it
std='text|bool|int4|int8|float8|numeric|date|timestamptz'
jdbc $ngo '' "$work/meta.out" <<< "meta region" || true
nviews=$(grep -c '^viewmeta ' "$work/meta.out" || true)
ncols=$(grep -c '^meta ' "$work/meta.out" || true)
want_cols=$(psql -d $db -At -c "SELECT count(*) FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) a.attrelid
	WHERE c.relnamespace OPERATOR(pg_catalog.=) 'region'::regnamespace AND c.relkind OPERATOR(pg_catalog.=) 'v'
	  AND c.relname NOT LIKE '\_%' AND a.attnum OPERATOR(pg_catalog.>) 0 AND NOT a.attisdropped")
[ "$nviews" = ${#all_views[@]} ] && [ "$ncols" = "$want_cols" ] \
	&& ok "jdbc getTables/getColumns: ${#all_views[@]} views, $ncols columns" \
	|| failed "jdbc getTables/getColumns" "$nviews views (want ${#all_views[@]}), $ncols columns (want $want_cols)"
bad=$(awk -v std="^($std)\$" '$1 == "meta" && ($4 !~ std || $5 == 1111 || $5 == 2003 || $5 == 2002)' "$work/meta.out")
[ -z "$bad" ] && ok "jdbc getColumns: only standard types" || failed "jdbc getColumns: only standard types" "$bad"
bad=$(awk '($1 == "meta" && $6 == 0) || ($1 == "viewmeta" && $3 == 0)' "$work/meta.out")
[ -z "$bad" ] && ok "jdbc getColumns/getTables: REMARKS (the comment) on every column and view" \
	|| failed "jdbc REMARKS on every column and view" "$(echo "$bad" | head -5)"
odbc_bad=() odbc_cols=0
for v in "${all_views[@]}"; do
	odbc ngo "$work/help.$v" "help $v" || odbc_bad+=("$v: error $(head -2 "$work/help.$v")")
	n=$(awk -F'\t' -v v=$v '$3 == v' "$work/help.$v" | wc -l)
	want=$(tr ',' '\n' < "$work/$v.types" | wc -l)
	[ "$n" = "$want" ] || odbc_bad+=("$v: $n columns, want $want")
	odbc_cols=$((odbc_cols + n))
	b=$(awk -F'\t' -v v=$v -v std="^($std)\$" '$3 == v && $6 !~ std {print $4 " " $6}' "$work/help.$v")
	[ -z "$b" ] || odbc_bad+=("$v: $b")
done
[ ${#odbc_bad[@]} = 0 ] && ok "odbc SQLColumns (isql help): $odbc_cols columns, only standard types" \
	|| failed "odbc SQLColumns: only standard types" "${odbc_bad[*]}"

[ $fail = 0 ] || exit 1
echo "partner_clients: psql, psqlODBC and pgJDBC agree for both logins"
