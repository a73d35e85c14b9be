#!/usr/bin/env bash
# report_render: the sample region's 2025 report for Soite rendered by headless Chromium
# (Debian's chromium, installed when missing and possible; "skipped" otherwise) at A4
# width (794 CSS pixels): the screenshot of the first page is not blank (share of inked
# pixels, read from the PNG with test/client/png_stats.py: python3 and zlib only), the
# DOM holds the charts, and no table or cell overflows (a copy of the document with a
# small script, for this test only, writes scrollWidth against clientWidth of every table
# and cell into the DOM; the report itself has no script).  It also prints the document
# to PDF (A4) and counts the pages.  UPDATE_SCREENSHOT=1 copies the PNG to doc/report.png
# (the README shows it).
set -euo pipefail
cd "$(dirname "$0")/../.."
. test/client/lib.bash
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
	if [ "$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1; then
		as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo -n "$@"; fi; }
		{ as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
		  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; } >"$work/apt.log" 2>&1 || true
		browser=$(command -v chromium || true)
	fi
	if [ -z "$browser" ]; then
		echo "report_render: skipped (Debian package chromium is not installed and could not be installed)"
		exit 0
	fi
fi
chrome() {
	timeout 180 "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
		--user-data-dir="$work/profile" --window-size=794,1123 "$@" 2>>"$work/chromium.log"
}

db=pekefb_report_render
fresh_db $db
new_region $db
psql -d $db -At -c "SELECT region.follow_up_report('soite', '2025-01-01', '2025-12-31')" > "$work/report.html"
for lang in sv en; do
	psql -d $db -At -c "SELECT region.follow_up_report('soite', '2025-01-01', '2025-12-31', '$lang')" > "$work/report.$lang.html"
done
drop_db $db

# 1. the first A4 page as a PNG: not blank
chrome --screenshot="$work/report.png" "file://$work/report.html" >/dev/null
[ -s "$work/report.png" ] || { echo "no screenshot"; tail -5 "$work/chromium.log"; exit 1; }
stats=$(python3 test/client/png_stats.py "$work/report.png")
echo "screenshot: $stats"
eval "$(echo "$stats" | tr ' ' '\n' | sed 's/^/png_/')"
[ "$png_width" = 794 ] && [ "$png_height" = 1123 ] || { echo "screenshot is ${png_width}x$png_height, not 794x1123"; exit 1; }
python3 -c "import sys; sys.exit(0 if 0.02 <= $png_ink <= 0.5 and $png_ink_rows >= 300 else 1)" \
	|| { echo "the page looks blank or black: ink $png_ink over $png_ink_rows rows"; exit 1; }

# 2. the DOM: charts present, nothing overflows (the check script is in this copy only), in
# every language (the labels' lengths differ)
dom_check() {
python3 - "$1" "$work/checked.html" <<'PY'
import sys
doc = open(sys.argv[1], encoding='utf-8').read()
assert '<script' not in doc.lower(), 'the report has a script'
check = '''<script>
window.addEventListener('load', function () {
  var out = [], over = 0, tables = document.querySelectorAll('table');
  var right = document.body.getBoundingClientRect().right;
  tables.forEach(function (t, i) {
    if (t.scrollWidth > t.clientWidth + 1 || t.getBoundingClientRect().right > right + 1) {
      over++; out.push('table ' + i + ' ' + t.className + ': ' + t.scrollWidth + ' > ' + t.clientWidth); }
  });
  document.querySelectorAll('td, th').forEach(function (c) {
    if (c.scrollWidth > c.clientWidth + 1) {
      over++; out.push('cell "' + c.textContent.slice(0, 40) + '": ' + c.scrollWidth + ' > ' + c.clientWidth); }
  });
  document.querySelectorAll('svg').forEach(function (s, i) {
    var r = s.getBoundingClientRect();
    if (r.right > right + 1) { over++; out.push('chart ' + i + ' ends at ' + r.right + ' > ' + right); }
  });
  var pre = document.createElement('pre');
  pre.id = 'render-check';
  pre.textContent = 'tables=' + tables.length + ' svgs=' + document.querySelectorAll('svg').length +
    ' marks=' + document.querySelectorAll('svg circle.point, svg rect.bar').length +
    ' overflowing=' + over + ' page_width=' + document.documentElement.scrollWidth + ' window=' + window.innerWidth +
    '\\n' + out.join('\\n');
  document.body.appendChild(pre);
});
</script>'''
open(sys.argv[2], 'w', encoding='utf-8').write(doc.replace('</body>', check + '</body>'))
PY
chrome --virtual-time-budget=10000 --dump-dom "file://$work/checked.html" > "$work/dom.html"
result=$(python3 - "$work/dom.html" <<'PY'
import html, re, sys
m = re.search(r'<pre id="render-check">(.*?)</pre>', open(sys.argv[1], encoding='utf-8').read(), re.S)
print(html.unescape(m.group(1)) if m else 'no check output')
PY
)
echo "dom ($(basename "$1")): $result" | head -12
first=$(echo "$result" | head -1)
eval "$(echo "$first" | tr ' ' '\n' | grep = | sed 's/^/dom_/')"
[ "${dom_svgs:-0}" -ge 10 ] || { echo "only ${dom_svgs:-0} charts in the DOM"; exit 1; }
[ "${dom_marks:-0}" -ge 50 ] || { echo "only ${dom_marks:-0} chart marks in the DOM"; exit 1; }
[ "${dom_tables:-0}" -ge 6 ] || { echo "only ${dom_tables:-0} tables in the DOM"; exit 1; }
[ "${dom_overflowing:-1}" = 0 ] || { echo "overflowing tables, cells or charts"; exit 1; }
[ "${dom_page_width:-0}" -le "${dom_window:-0}" ] || { echo "the page is wider than A4"; exit 1; }
}
dom_check "$work/report.html"
dom_check "$work/report.sv.html"
dom_check "$work/report.en.html"

# 3. printed to PDF on A4
chrome --no-pdf-header-footer --print-to-pdf="$work/report.pdf" "file://$work/report.html" >/dev/null
pages=$(grep -a -c '/Type /Page$\|/Type /Page[^s]' "$work/report.pdf" || true)
[ "${pages:-0}" -ge 2 ] || { echo "the PDF has ${pages:-0} pages"; exit 1; }

if [ "${UPDATE_SCREENSHOT:-}" = 1 ]; then cp "$work/report.png" doc/report.png; fi
echo "report_render: first page inked ($png_ink of the pixels, $png_ink_rows rows), $dom_svgs charts with $dom_marks marks, $dom_tables tables, none overflowing at 794 px in fi, sv and en; $pages A4 pages as PDF"
