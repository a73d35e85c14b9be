#!/usr/bin/env bash
# readme_tour: every ```sql block of README.md runs, in order, against a database with the
# sample region loaded, without an error.  Keeps the README's SQL tour true.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=pekefb_readme
psql() { "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
psql -d $db -c "CREATE EXTENSION pekefb"
psql -d $db -f test/sample/region.sql >/dev/null
blocks=$(awk '/^```sql$/ {on=1; n++; next} /^```$/ {on=0} on' README.md)
[ -n "$blocks" ] || { echo "README.md has no sql blocks"; exit 1; }
echo "$blocks" | psql -d $db >/dev/null
psql -d postgres -c "DROP DATABASE $db"
echo "README SQL tour: $(awk '/^```sql$/ {n++} END {print n}' README.md) blocks ran"
