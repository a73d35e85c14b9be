#!/usr/bin/env python3
# report_parse.py: parses a follow_up_report HTML document with Python's HTML parser (not the
# regular expression of test/regress/report_check.sql) and writes, as COPY text lines, every
# element that carries data-view: its number, tag, data-* attributes as JSON and its text.
# It fails when the document is not well nested, holds a script, an event handler or a
# reference to another file.  Usage: report_parse.py REPORT.html > figures.copy
import html.parser, json, sys

VOID = {'meta', 'br', 'col', 'img', 'hr', 'link', 'input', 'line', 'circle', 'rect', 'polyline', 'path'}

class P(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.figs, self.open_fig, self.errors, self.svgs = [], [], None, [], 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ('script', 'iframe', 'object', 'embed', 'img', 'link'):
            self.errors.append('forbidden element <%s>' % tag)
        for k, v in attrs:
            if k.startswith('on') or k in ('src', 'href') or (v and 'url(' in v):
                self.errors.append('forbidden attribute %s="%s" on <%s>' % (k, v, tag))
        if tag == 'svg':
            self.svgs += 1
        if 'data-view' in a:
            fig = [tag, {k[5:]: v for k, v in attrs if k.startswith('data-')}, None if tag in VOID else '']
            self.figs.append(fig)
            if tag not in VOID:
                self.open_fig = (fig, len(self.stack))
        if tag not in VOID:
            self.stack.append(tag)
    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)
    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append('</%s> closes <%s>' % (tag, self.stack[-1] if self.stack else 'nothing'))
            return
        self.stack.pop()
        if self.open_fig and len(self.stack) == self.open_fig[1]:
            self.open_fig = None
    def handle_data(self, data):
        if self.open_fig:
            self.open_fig[0][2] += data

def esc(t):
    return t.replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')

p = P()
p.feed(open(sys.argv[1], encoding='utf-8').read())
p.close()
if p.stack:
    p.errors.append('unclosed elements: %s' % ' '.join(p.stack))
if p.errors:
    sys.exit('report_parse: ' + '; '.join(p.errors[:5]))
for i, (tag, a, text) in enumerate(p.figs, 1):
    print('\t'.join([str(i), tag, esc(json.dumps(a, ensure_ascii=False)), '\\N' if text is None else esc(text)]))
sys.stderr.write('report_parse: %d figures, %d charts\n' % (len(p.figs), p.svgs))
