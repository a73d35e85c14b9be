#!/usr/bin/env bash
# upgrade: upgrading equals installing, for both halves of pekefb.
#
# The previous release (the newest frozen script in src/releases/ older than the current
# version, or the current one itself while it is the only release) is installed, a region is
# created and the sample data loaded; then the library is upgraded (ALTER EXTENSION pekefb
# UPDATE) and the region too (pekefb.upgrade_region). A second database gets a fresh install
# of the current version with the same region and data. The two must have the same schema
# (pg_dump --schema-only, ordering aside) and every view the same rows.
#
# Also: the frozen script of the current version, once released, is exactly what the build
# makes (a release is never edited afterwards), and every C symbol that any released or
# upgrade script names is still exported by the library (each release still installs).
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
old=pekefb_upgrade_old new=pekefb_upgrade_new

current=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" pekefb.control)
built=pekefb--$current.sql
[ -f "$built" ] || { echo "no built $built (run make)"; exit 1; }

# 1. A released script is frozen.
if [ -f "src/releases/pekefb--$current.sql" ]; then
	same "src/releases/pekefb--$current.sql" "$built" "frozen release $current and the build" \
		|| { echo "src/ changed after $current was released: bump the version and add an upgrade script"; exit 1; }
fi

# 2. The previous release: the newest frozen version before the current one, else the current.
prev=$({ ls src/releases/ 2>/dev/null || true; } | sed -n 's/^pekefb--\([0-9.]*\)\.sql$/\1/p' | sort -V \
	| awk -v c="$current" '$0 != c' | tail -1)
if [ -n "$prev" ]; then
	# shellcheck disable=SC2012
	[ -f "src/releases/pekefb--$prev--$current.sql" ] || [ -f "pekefb--$prev--$current.sql" ] \
		|| { echo "no upgrade script from $prev to $current (src/upgrade.sql is its hand-written part)"; exit 1; }
else
	prev=$current
fi

# 3. Every C symbol a released script names is still there: CREATE FUNCTION ... LANGUAGE C
# looks each symbol up in the library, so installing every frozen release checks them all.
fresh_db pekefb_upgrade_each
for v in $({ ls src/releases/ 2>/dev/null || true; } | sed -n 's/^pekefb--\([0-9.]*\)\.sql$/\1/p' | sort -V); do
	psql -d pekefb_upgrade_each -c "CREATE EXTENSION pekefb VERSION '$v'" -c "DROP EXTENSION pekefb" >/dev/null \
		|| { echo "release $v no longer installs against this library"; exit 1; }
done
drop_db pekefb_upgrade_each

# 4. Upgrade = fresh.
fresh_db $old $new
psql -d $old -c "CREATE EXTENSION pekefb VERSION '$prev'"
psql -d $old -f test/sample/region.sql >/dev/null
# The sample's development work needs the tables of 0.3.0: test/sample/region.sql leaves it
# out of an older region, and it is loaded once the region is upgraded.
had_development=$(psql -d $old -At -c "SELECT pg_catalog.to_regclass('region.development_items') IS NOT NULL")
psql -d $old -c "ALTER EXTENSION pekefb UPDATE" -c "SELECT pekefb.upgrade_region('region')" >/dev/null
# The sample's theme lexicon needs 0.3.0's tables: the old region gets it after the upgrade.
psql -d $old -v ON_ERROR_STOP=1 -f test/sample/themes.sql >/dev/null
[ "$had_development" = t ] || psql -d $old -v ON_ERROR_STOP=1 -f test/sample/development.sql >/dev/null
new_region $new
# Both loads stamp loaded_at with their own now(): give the two the same stamp (triggers off).
for db in $old $new; do
	psql -d $db -c "SET session_replication_role = replica" \
		-c "UPDATE region.measurements SET loaded_at = '2026-01-01 00:00+00'" \
		-c "UPDATE region.targets SET loaded_at = '2026-01-01 00:00+00'" >/dev/null
done

for db in $old $new; do
	"$PGBIN/pg_dump" -d $db --schema-only --no-owner \
		| grep -v -e '^--' -e '^$' -e '^SET ' -e "^SELECT pg_catalog.set_config" -e '^\\restrict ' -e '^\\unrestrict ' | sort > "$work/$db.schema"
	# (the sample's feedback responses get random ids, shown by feedback_comments: left out)
	relation_rows $db region v \
		| sed -E 's/^(feedback_comments \((\"[^\"]*\"|[^,]*),(\"[^\"]*\"|[^,]*)),[0-9a-f-]{36},/\1,,/' \
		| LC_ALL=C sort > "$work/$db.views"
	# the rows a region script ships (the default stage scales)
	for t in stage_scales stages; do
		psql -d $db -At -c "SELECT t::text FROM region.$t t ORDER BY t::text COLLATE \"C\""
	done > "$work/$db.shipped"
	psql -d $db -At -c "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'pekefb'" > "$work/$db.version"
done
same "$work/$old.version" "$work/$new.version" "library versions"
same "$work/$old.schema" "$work/$new.schema" "schemas (upgraded $prev vs fresh $current)"
same "$work/$old.views" "$work/$new.views" "view rows (upgraded $prev vs fresh $current)"
same "$work/$old.shipped" "$work/$new.shipped" "shipped rows (upgraded $prev vs fresh $current)"
[ "$(wc -l < "$work/$new.shipped")" -ge 18 ] || { echo "the shipped stage scales are missing"; exit 1; }
[ "$(wc -l < "$work/$new.views")" -gt 1000 ] || { echo "view snapshot suspiciously small"; exit 1; }
drop_db $old $new
echo "upgrade $prev -> $current = fresh $current: $(wc -l < "$work/$new.schema") schema lines, $(wc -l < "$work/$new.views") view rows identical"
