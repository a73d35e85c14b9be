#!/usr/bin/env bash
# timezone: every view of a region returns the same rows whatever the session's TimeZone
# and DateStyle (psql in Helsinki, a JDBC client in UTC, an analyst in New York), and a region
# whose time zone is set otherwise buckets its timestamps by that zone instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
db=pekefb_timezone
fresh_db $db
new_region $db

n=0
for setting in "SET TimeZone = 'Europe/Helsinki'; SET DateStyle = 'ISO, DMY';" \
               "SET TimeZone = 'UTC'; SET DateStyle = 'German';" \
               "SET TimeZone = 'America/New_York'; SET DateStyle = 'SQL, MDY';" \
               "SET TimeZone = 'Pacific/Kiritimati'; SET DateStyle = 'Postgres, DMY';"; do
	SNAP_SET=$setting relation_rows $db region v > "$work/$n"
	[ $n = 0 ] || same "$work/0" "$work/$n" "view rows under \"$setting\" and under Helsinki"
	n=$((n + 1))
done
[ "$(wc -l < "$work/0")" -gt 1000 ] || { echo "view snapshot suspiciously small"; exit 1; }

# The region's own zone decides: the same feedback moved to another zone moves the buckets.
psql -d $db -c "UPDATE region.settings SET time_zone = 'America/New_York'"
SNAP_SET="SET TimeZone = 'Europe/Helsinki';" relation_rows $db region v > "$work/ny"
if cmp -s "$work/0" "$work/ny"; then
	echo "a region time zone of America/New_York changed no view row"; exit 1
fi
SNAP_SET="SET TimeZone = 'UTC';" relation_rows $db region v > "$work/ny2"
same "$work/ny" "$work/ny2" "view rows of the New York region under Helsinki and UTC sessions"
drop_db $db
echo "timezone: $(wc -l < "$work/0") view rows identical under 4 session zones and date styles; region zone moves $(diff "$work/0" "$work/ny" | grep -c '^>') rows"
