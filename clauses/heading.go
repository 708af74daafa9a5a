package clauses

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func itoa(n int) string { return strconv.Itoa(n) }

// smallWords may stay lower case in a title.
var smallWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "by": true, "for": true,
	"from": true, "in": true, "into": true, "of": true, "on": true, "or": true, "the": true,
	"to": true, "with": true, "upon": true, "under": true, "vs": true, "v": true, "per": true,
	"its": true, "not": true, "than": true, "between": true, "this": true, "these": true,
	"such": true, "other": true, "their": true, "our": true, "your": true, "after": true,
}

// isTitleLike reports whether s reads as a title: it starts with a capital
// (or a digit or quote) and every word but the small ones is capitalised.
func isTitleLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	if unicode.IsLower(first) {
		return false
	}
	var buf [16]byte
	for rest := s; ; {
		var w string
		if w, rest = nextField(rest); w == "" {
			break
		}
		w = strings.Trim(w, "\"'“”‘’()[],;:.–—-&/")
		if w == "" {
			continue
		}
		if b, ok := lowerASCII(w, buf[:]); ok {
			if smallWords[string(b)] {
				continue
			}
		} else if len(w) <= len(buf) || !isASCII(w) {
			if smallWords[strings.ToLower(w)] {
				continue
			}
		}
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) {
			return false
		}
	}
	return true
}

// cleanHeading trims a heading's trailing punctuation and white space.
func cleanHeading(s string) string {
	s = strings.TrimSpace(s)
	s = strings.TrimRight(s, ".:;—–- ")
	return strings.TrimSpace(s)
}

// headingOf finds the heading of a labelled clause: the whole rest of a
// heading line ("1. DEFINITIONS", "## 4. Exclusivity"), or a short
// title-cased first sentence ("4.1 Exclusive Cloud Provider. The Lab
// shall …").
func headingOf(u *unit, lab *label) string {
	rest := trimSep(lab.rest[:min(len(lab.rest), 300)])
	if rest == "" {
		return ""
	}
	if u.isHeadingBlock() || lab.scheme == schPart || lab.scheme == schArticle {
		return cleanHeading(rest)
	}
	if h := lineHeading(u, lab); h != "" {
		return h
	}
	if end := sentenceEnd(rest); end > 0 {
		frag := rest[:end]
		if wordsAtMost(frag, 10) && strings.TrimSpace(frag) != "" && (isTitleLike(frag) || isCapsHeading(frag)) && !startsWithQuote(frag) {
			return cleanHeading(frag)
		}
		return ""
	}
	if wordsAtMost(rest, 10) && (isCapsHeading(rest) || isTitleLike(rest) && !startsWithQuote(rest)) {
		return cleanHeading(rest)
	}
	return ""
}

// lineHeading finds a heading that stands alone after a structural
// number, in sentence case as well as title case: the whole unit
// ("1. Defined terms and interpretation") or the first of its lines ("6.
// Suspense account" above "The Lender may …").
func lineHeading(u *unit, lab *label) string {
	if !structural(lab) {
		return ""
	}
	line := u.plain
	if u.first != "" {
		l := parseLabel(u.first)
		if l == nil {
			return ""
		}
		line = u.first
		lab = l
	}
	rest := trimSep(lab.rest)
	if line != u.plain && !wordsAtMost(rest, 6) || !wordsAtMost(rest, 8) || rest == "" {
		return ""
	}
	r, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(r) || strings.ContainsAny(rest, ".;,:") {
		return "" // a sentence ("Widgets cost 10 euro."), or a lead-in ("… subject to:")
	}
	return cleanHeading(rest)
}

// sentenceEnd returns the length of the first sentence of s when it ends
// with ". ", ": " or " – " before the end of s, else 0.
func sentenceEnd(s string) int {
	for i := 0; i+1 < len(s); i++ {
		switch s[i] {
		case '.', ':':
			if s[i+1] != ' ' {
				continue
			}
			// "U.S. Dollars", "No. 5": a dot after one letter or a short
			// abbreviation does not end a sentence.
			j := strings.LastIndexByte(s[:i], ' ') + 1
			word := s[j:i]
			if s[i] == '.' && (len(word) <= 1 || strings.Contains(word, ".") || isAbbreviation(word)) {
				continue
			}
			return i
		}
	}
	if i := strings.Index(s, " – "); i > 0 {
		return i
	}
	if i := strings.Index(s, " — "); i > 0 {
		return i
	}
	return 0
}

var abbreviations = map[string]bool{"inc": true, "no": true, "co": true, "corp": true, "ltd": true, "mr": true, "ms": true, "dr": true, "st": true, "sec": true, "art": true, "etc": true, "e.g": true, "i.e": true, "vs": true}

func startsWithQuote(s string) bool {
	return strings.HasPrefix(s, "\"") || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "'") || strings.HasPrefix(s, "‘")
}

// isAbbreviation is abbreviations[strings.ToLower(word)].
func isAbbreviation(word string) bool {
	var buf [8]byte
	if b, ok := lowerASCII(word, buf[:]); ok {
		return abbreviations[string(b)]
	}
	if isASCII(word) {
		return false // longer than any abbreviation
	}
	return abbreviations[strings.ToLower(word)]
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
