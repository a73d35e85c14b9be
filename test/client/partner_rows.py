#!/usr/bin/env python3
# partner_rows: the rows one client read from a view, in one canonical text form, sorted, so
# that test/client/partner_clients.sh can compare what psql, psqlODBC (isql) and pgJDBC give
# the same login.
#   partner_rows.py KIND TYPES FILE   (python3 only, no modules beyond the standard library)
# KIND is how FILE was written: copy (psql's COPY ... TO STDOUT under TimeZone UTC, DateStyle
# ISO), jdbc (test/client/PartnerJdbc.java: COPY escaping, each value by its Java class),
# odbc (isql -b with a tab as separator: no escaping, NULL and '' both empty, booleans 1/0
# with BoolsAsChar=0), or copy-odbc (a COPY file brought to what isql can show: '' and NULL
# the same, a value that isql would cut or split fails).  TYPES is the view's column types
# (format_type), comma-separated.  The canonical form, by type:
#   double precision  the IEEE double the text reads back as (Python's repr): PostgreSQL
#                     prints the shortest exact digits, JDK 17's Double.toString sometimes
#                     more digits and in its own notation (1.0E-5), isql the driver's text;
#                     all of them read back as the same double, and nothing else is accepted
#   boolean           t / f (JDBC's Boolean, ODBC's bit 1/0)
#   timestamptz       the instant in UTC (psql's +00, Java's Instant ...Z, ODBC's session
#                     time, which the DSN sets to UTC)
#   others            the text as the server sent it (text, date in ISO, integer, bigint)
import datetime
import sys

ISQL_WIDTH = 300  # unixODBC's isql cuts every value at 300 characters


def unescape(s):
    """COPY text format: backslash escapes."""
    if '\\' not in s:
        return s
    out, i = [], 0
    table = {'t': '\t', 'n': '\n', 'r': '\r', 'b': '\b', 'f': '\f', 'v': '\v', '\\': '\\'}
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            out.append(table.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def instant(s):
    """A timestamptz in any of the three clients' forms, as a UTC ISO string."""
    t = s.replace('T', ' ')
    if t.endswith('Z'):
        t = t[:-1] + '+00:00'
    elif len(t) > 3 and t[-3] in '+-' and t[-2:].isdigit() and ':' not in t[-6:]:
        t = t + ':00'  # psql's "+00"
    d = datetime.datetime.fromisoformat(t)
    if d.tzinfo is None:
        d = d.replace(tzinfo=datetime.timezone.utc)
    return d.astimezone(datetime.timezone.utc).isoformat()


def canon(kind, typ, v):
    """One value in the canonical form (None for NULL)."""
    if kind == 'odbc':
        if v == '':
            return None
    elif v == '\\N':
        return None
    else:
        v = unescape(v)
        if kind == 'copy-odbc':
            if v == '':
                return None
            if '\t' in v or '\n' in v or '\r' in v or len(v) > ISQL_WIDTH:
                raise ValueError('value %r cannot be compared through isql' % v[:60])
    if typ == 'double precision':
        return repr(float(v))
    if typ == 'boolean':
        return {'t': 't', 'f': 'f', '1': 't', '0': 'f', 'true': 't', 'false': 'f'}[v]
    if typ == 'timestamp with time zone':
        return instant(v)
    return v


def main():
    kind, types, path = sys.argv[1], sys.argv[2].split(','), sys.argv[3]
    lines = []
    with open(path, encoding='utf-8', newline='\n') as f:
        for n, line in enumerate(f, 1):
            line = line.rstrip('\n')
            fields = line.split('\t')
            if len(fields) != len(types):
                sys.exit('%s:%d: %d fields, the view has %d columns' % (path, n, len(fields), len(types)))
            vals = [canon(kind, t, v) for t, v in zip(types, fields)]
            lines.append('\t'.join('\\N' if v is None else
                                   v.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n')
                                   for v in vals))
    lines.sort()
    sys.stdout.write(''.join(x + '\n' for x in lines))


if __name__ == '__main__':
    main()
