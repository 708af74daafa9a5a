package report

import (
	"io"
	"strconv"
	"unicode/utf8"
)

// writeDiffJSON writes d exactly as encoding/json would with two-space
// indentation and HTML escaping off (report.JSON), without reflection or
// a second indenting pass: a diff of a long agreement is mostly edit
// texts, and this is several times faster. TestDiffJSONWriter holds the
// two byte for byte equal.
func writeDiffJSON(w io.Writer, d *Diff) error {
	b := make([]byte, 0, 1<<16)
	b = append(b, "{\n  \"schema\": "...)
	b = appendJSONString(b, d.Schema)
	b = append(b, ",\n  \"old\": "...)
	b = appendJSONString(b, d.Old)
	b = append(b, ",\n  \"new\": "...)
	b = appendJSONString(b, d.New)
	b = append(b, ",\n  \"summary\": "...)
	b = appendCounts(b, d.Summary, "  ")
	b = append(b, ",\n  \"ignored\": "...)
	b = appendCounts(b, d.Ignored, "  ")
	b = append(b, ",\n  \"changes\": "...)
	if len(d.Changes) == 0 {
		b = append(b, "[]"...)
	} else {
		b = append(b, '[')
		for k, c := range d.Changes {
			if k > 0 {
				b = append(b, ',')
			}
			b = append(b, "\n    {\n      \"id\": "...)
			b = appendJSONString(b, c.ID)
			b = append(b, ",\n      \"kind\": "...)
			b = appendJSONString(b, c.Kind)
			b = append(b, ",\n      \"old\": "...)
			b = appendDiffClause(b, c.Old, "      ")
			b = append(b, ",\n      \"new\": "...)
			b = appendDiffClause(b, c.New, "      ")
			if len(c.Parts) > 0 {
				b = append(b, ",\n      \"parts\": ["...)
				for k, p := range c.Parts {
					if k > 0 {
						b = append(b, ',')
					}
					b = append(b, "\n        "...)
					b = appendDiffClause(b, &p, "        ")
				}
				b = append(b, "\n      ]"...)
			}
			b = append(b, ",\n      \"similarity\": "...)
			b = strconv.AppendFloat(b, c.Similarity, 'f', -1, 64)
			b = append(b, ",\n      \"pass\": "...)
			b = appendJSONString(b, c.Pass)
			b = append(b, ",\n      \"edits\": "...)
			if len(c.Edits) == 0 {
				b = append(b, "[]"...)
			} else {
				b = append(b, '[')
				for k, e := range c.Edits {
					if k > 0 {
						b = append(b, ',')
					}
					b = append(b, "\n        {\n          \"op\": "...)
					b = appendJSONString(b, e.Op)
					b = append(b, ",\n          \"text\": "...)
					b = appendJSONString(b, e.Text)
					if e.Ignored != "" {
						b = append(b, ",\n          \"ignored\": "...)
						b = appendJSONString(b, e.Ignored)
					}
					b = append(b, "\n        }"...)
				}
				b = append(b, "\n      ]"...)
			}
			b = append(b, ",\n      \"notes\": "...)
			if len(c.Notes) == 0 {
				b = append(b, "[]"...)
			} else {
				b = append(b, '[')
				for k, n := range c.Notes {
					if k > 0 {
						b = append(b, ',')
					}
					b = append(b, "\n        {\n          \"kind\": "...)
					b = appendJSONString(b, n.Kind)
					b = append(b, ",\n          \"old\": "...)
					b = appendJSONString(b, n.Old)
					b = append(b, ",\n          \"new\": "...)
					b = appendJSONString(b, n.New)
					b = append(b, ",\n          \"text\": "...)
					b = appendJSONString(b, n.Text)
					b = append(b, "\n        }"...)
				}
				b = append(b, "\n      ]"...)
			}
			b = append(b, "\n    }"...)
			if len(b) > 1<<20 {
				if _, err := w.Write(b); err != nil {
					return err
				}
				b = b[:0]
			}
		}
		b = append(b, "\n  ]"...)
	}
	b = append(b, "\n}\n"...)
	_, err := w.Write(b)
	return err
}

func appendDiffClause(b []byte, c *DiffClause, indent string) []byte {
	if c == nil {
		return append(b, "null"...)
	}
	b = append(b, "{\n"...)
	b = append(b, indent...)
	b = append(b, "  \"id\": "...)
	b = appendJSONString(b, c.ID)
	b = append(b, ",\n"...)
	b = append(b, indent...)
	b = append(b, "  \"number\": "...)
	b = appendJSONString(b, c.Number)
	b = append(b, ",\n"...)
	b = append(b, indent...)
	b = append(b, "  \"heading\": "...)
	b = appendJSONString(b, c.Heading)
	b = append(b, '\n')
	b = append(b, indent...)
	return append(b, '}')
}

func appendCounts(b []byte, cs Counts, indent string) []byte {
	if len(cs) == 0 {
		return append(b, "{}"...)
	}
	b = append(b, '{')
	for k, c := range cs {
		if k > 0 {
			b = append(b, ',')
		}
		b = append(b, '\n')
		b = append(b, indent...)
		b = append(b, "  "...)
		b = appendJSONString(b, c.Name)
		b = append(b, ": "...)
		b = strconv.AppendInt(b, int64(c.N), 10)
	}
	b = append(b, '\n')
	b = append(b, indent...)
	return append(b, '}')
}

// appendJSONString quotes s as encoding/json does with HTML escaping off:
// quotes, backslashes and control characters escaped (\b \f \n \r \t
// short), invalid UTF-8 as \ufffd, and U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
