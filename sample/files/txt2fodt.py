#!/usr/bin/env python3
# Turns runtime-2026.txt into runtime-2026.fodt, a flat OpenDocument file whose
# clause numbers are list numbering (ARTICLE 1, Section 1.01, (a), (i)), so that
# LibreOffice writes a .docx with Word automatic numbering:
#   python3 txt2fodt.py runtime-2026.txt runtime-2026.fodt
#   soffice --headless --convert-to docx runtime-2026.fodt
import re, sys, html
src = open(sys.argv[1]).read()
paras = [re.sub(r'\s+', ' ', p.strip()) for p in re.split(r'\n\s*\n', src) if p.strip()]
raw = [p for p in re.split(r'\n\s*\n', src) if p.strip()]
def esc(s): return html.escape(s, quote=False)
# Section 4.05 -> Section 4.5 in cross references (Word numbering has no leading zero)
def fixrefs(s): return s
out = []
i = 0
title = paras[0]
body = []  # (kind, level, text)
state = 'pre'
last_letter = ''
for idx, p in enumerate(paras):
    r = raw[idx]
    if idx == 0:
        body.append(('title', 0, p)); continue
    m = re.match(r'ARTICLE ([IVXL]+)\s+(.*)$', p)
    if m:
        body.append(('art', 1, m.group(2))); state = 'body'; continue
    m = re.match(r'Section (\d+)\.(\d+) (.*)$', p)
    if m and state == 'body':
        body.append(('sec', 2, m.group(3))); continue
    m = re.match(r'\(([ivx]+)\) (.*)$', p)
    if m and state == 'body' and not (m.group(1) == 'i' and last_letter == 'h'):
        body.append(('item', 4, m.group(2))); continue
    m = re.match(r'\(([a-z])\) (.*)$', p)
    if m and state == 'body':
        last_letter = m.group(1)
        body.append(('item', 3, m.group(2))); continue
    m = re.match(r'\(([A-Z])\) (.*)$', p)
    if m and state == 'pre':
        body.append(('recital', 1, m.group(2))); continue
    if p.startswith('IN WITNESS'):
        state = 'sig'
    m = re.match(r'EXHIBIT ([A-Z])\s+(.*)$', p)
    if m:
        body.append(('exhibit', 1, m.group(2))); state = 'exhibit'; continue
    if p == 'BACKGROUND':
        body.append(('h', 1, 'BACKGROUND')); continue
    if '\n  ' in r and '-----' in r:
        # a plain-text table: rows of columns
        rows = [l for l in r.split('\n') if l.strip() and not set(l.strip()) <= set('- ')]
        body.append(('table', 0, [re.split(r'\s{2,}', l.strip()) for l in rows])); continue
    body.append(('p', 0, p))

def para(style, text): return f'<text:p text:style-name="{style}">{esc(fixrefs(text))}</text:p>'
xml = []
# build nested list for the agreement body
open_levels = 0
def close_to(n):
    global open_levels
    while open_levels > n:
        xml.append('</text:list-item></text:list>'); open_levels -= 1
in_list = None
for kind, level, text in body:
    if kind in ('art', 'sec', 'item'):
        if in_list != 'legal':
            close_to(0); in_list = 'legal'
        if open_levels >= level:
            close_to(level)
            xml.append('</text:list-item><text:list-item>')
        while open_levels < level:
            if open_levels == 0:
                xml.append('<text:list xml:id="legal1" text:style-name="Legal" text:continue-list="legal0">' if False else '<text:list text:style-name="Legal" text:continue-numbering="true">')
            else:
                xml.append('<text:list>')
            xml.append('<text:list-item>'); open_levels += 1
        if kind == 'art':
            xml.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{esc(text)}</text:h>')
        else:
            xml.append(para('Text_20_body', text))
        continue
    if kind in ('recital', 'exhibit'):
        style = 'Recitals' if kind == 'recital' else 'Exhibits'
        if in_list != style:
            close_to(0); in_list = style
            xml.append(f'<text:list text:style-name="{style}" text:continue-numbering="true"><text:list-item>'); open_levels = 1
        else:
            close_to(1); xml.append('</text:list-item><text:list-item>')
        if kind == 'exhibit':
            xml.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{esc(text)}</text:h>')
        else:
            xml.append(para('Text_20_body', text))
        continue
    # plain paragraph: inside the current list item when in the legal body, else top level
    if kind == 'p' and in_list == 'legal' and open_levels > 0 and not text.startswith('IN WITNESS'):
        xml.append(para('Text_20_body', text)); continue
    if kind == 'p' and in_list == 'Exhibits':
        xml.append(para('Text_20_body', text)); continue
    close_to(0); in_list = None
    if kind == 'title':
        xml.append(para('Title', text))
    elif kind == 'h':
        xml.append(f'<text:h text:style-name="Heading_20_1" text:outline-level="1">{esc(text)}</text:h>')
    elif kind == 'table':
        cols = max(len(r) for r in text)
        t = ['<table:table table:name="Models">'] + [f'<table:table-column/>' for _ in range(cols)]
        for r in text:
            t.append('<table:table-row>' + ''.join(f'<table:table-cell office:value-type="string"><text:p>{esc(c)}</text:p></table:table-cell>' for c in r) + '</table:table-row>')
        t.append('</table:table>')
        xml.append(''.join(t))
    else:
        xml.append(para('Text_20_body', text))
close_to(0)
doc = f'''<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
 <office:styles>
  <style:style style:name="Standard" style:family="paragraph"/>
  <style:style style:name="Text_20_body" style:display-name="Text body" style:family="paragraph" style:parent-style-name="Standard"><style:paragraph-properties fo:margin-bottom="0.2cm"/></style:style>
  <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold" fo:font-size="16pt"/></style:style>
  <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:parent-style-name="Standard" style:default-outline-level="1"><style:text-properties fo:font-weight="bold"/></style:style>
  <text:list-style style:name="Legal">
   <text:list-level-style-number text:level="1" style:num-prefix="ARTICLE " style:num-format="1"/>
   <text:list-level-style-number text:level="2" style:num-prefix="Section " style:num-format="01, 02, 03, ..." text:display-levels="2"/>
   <text:list-level-style-number text:level="3" style:num-prefix="(" style:num-suffix=")" style:num-format="a"/>
   <text:list-level-style-number text:level="4" style:num-prefix="(" style:num-suffix=")" style:num-format="i"/>
  </text:list-style>
  <text:list-style style:name="Recitals">
   <text:list-level-style-number text:level="1" style:num-prefix="(" style:num-suffix=")" style:num-format="A"/>
  </text:list-style>
  <text:list-style style:name="Exhibits">
   <text:list-level-style-number text:level="1" style:num-prefix="EXHIBIT " style:num-format="A"/>
  </text:list-style>
 </office:styles>
 <office:body><office:text>
{chr(10).join(xml)}
 </office:text></office:body>
</office:document>
'''
open(sys.argv[2], 'w').write(doc)
