package diff

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// Size guard for one redline: beyond these, a pair is shown as rewritten
// (everything deleted, everything inserted) instead of being diffed.
// go-diff's Myers bisection costs about tokens(old)·tokens(new) in the
// worst case (two unrelated texts); 4e7 token pairs is about a tenth of a
// second on the machines we measured.
const (
	maxDiffProduct = 40_000_000
)

// endKey is the key of the sentinel token that ends every token list.
const endKey = "\x00end"

// token is one unit of a redline: a word, a run of whitespace or one
// other character. key is what the diff compares: whitespace runs, quote
// marks and dashes of every kind compare equal, so that such noise never
// moves the alignment of real words.
type token struct {
	text string
	key  string
	// pre is Markdown emphasis written just before the token ("**",
	// "_"): kept in the text, but never compared.
	pre string
}

// Words is the redline of two texts: the edits that turn old into new.
// It is the only place go-diff is called. Invalid UTF-8 is replaced
// before diffing, so the texts must be valid for the rebuild property to
// hold (documents from clauses always are). Equal runs whose two sides
// differ only in whitespace, quote or dash style come back as a delete
// and an insert marked Ignored.
func Words(old, new string, g Granularity) []Edit {
	old = strings.ToValidUTF8(old, "\uFFFD")
	new = strings.ToValidUTF8(new, "\uFFFD")
	if old == new {
		if old == "" {
			return nil
		}
		return []Edit{{Op: Equal, Text: old}}
	}
	var ta, tb []token
	if g == ByChar {
		ta, tb = charTokens(old), charTokens(new)
	} else {
		ta, tb = wordTokens(old), wordTokens(new)
	}
	return diffTokens(ta, tb)
}

// diffTokens runs go-diff over two token sequences.
func diffTokens(ta, tb []token) []Edit {
	// Trim the common ends first: cheap, and it keeps the guard honest
	// for long clauses with one small edit.
	pre := 0
	for pre < len(ta) && pre < len(tb) && ta[pre].key == tb[pre].key {
		pre++
	}
	suf := 0
	for suf < len(ta)-pre && suf < len(tb)-pre && ta[len(ta)-1-suf].key == tb[len(tb)-1-suf].key {
		suf++
	}
	ma, mb := ta[pre:len(ta)-suf], tb[pre:len(tb)-suf]

	segs := []seg{{op: Equal, a: ta[:pre], b: tb[:pre]}}
	switch {
	case len(ma) == 0 && len(mb) == 0:
	case len(ma) == 0:
		segs = append(segs, seg{op: Insert, b: mb})
	case len(mb) == 0:
		segs = append(segs, seg{op: Delete, a: ma})
	case len(ma)*len(mb) > maxDiffProduct:
		segs = append(segs, seg{op: Delete, a: ma}, seg{op: Insert, b: mb})
	default:
		runesOf := map[string]rune{}
		ra, rb := encode(ma, runesOf), encode(mb, runesOf)
		dmp := diffmatchpatch.New()
		dmp.DiffTimeout = 0 // deterministic: never stop early
		ds := dmp.DiffMainRunes(ra, rb, false)
		ds = dmp.DiffCleanupSemantic(ds)
		i, j := 0, 0
		for _, d := range ds {
			n := utf8.RuneCountInString(d.Text)
			switch d.Type {
			case diffmatchpatch.DiffEqual:
				segs = append(segs, seg{op: Equal, a: ma[i : i+n], b: mb[j : j+n]})
				i += n
				j += n
			case diffmatchpatch.DiffDelete:
				segs = append(segs, seg{op: Delete, a: ma[i : i+n]})
				i += n
			case diffmatchpatch.DiffInsert:
				segs = append(segs, seg{op: Insert, b: mb[j : j+n]})
				j += n
			}
		}
	}
	segs = append(segs, seg{op: Equal, a: ta[len(ta)-suf:], b: tb[len(tb)-suf:]})
	slide(segs)
	var b builder
	for _, sg := range segs {
		switch sg.op {
		case Equal:
			b.equal(sg.a, sg.b)
		case Delete:
			b.add(Delete, sg.a)
		case Insert:
			b.add(Insert, sg.b)
		}
	}
	return b.edits
}

// seg is one run of a token diff: equal runs hold both sides' tokens.
type seg struct {
	op   Op
	a, b []token
}

// side returns the tokens an insert or delete holds.
func (sg *seg) tokens() *[]token {
	if sg.op == Insert {
		return &sg.b
	}
	return &sg.a
}

// slide moves each lone insert or delete between two equal runs to the
// place where it reads best. A diff may put an inserted line anywhere
// its first token repeats ("{+"+}Intellectual … " → a line that begins
// inside a quote); sliding it to start after a line break, else after a
// space, gives the redline a reader expects. Only the placement changes,
// never what is inserted or deleted.
func slide(segs []seg) {
	for k := 1; k+1 < len(segs); k++ {
		prev, cur, next := &segs[k-1], &segs[k], &segs[k+1]
		if prev.op != Equal || next.op != Equal || cur.op == Equal {
			continue
		}
		edit := cur.tokens()
		// Slide all the way left, then try every position to the right.
		for len(prev.a) > 0 && len(*edit) > 0 && prev.a[len(prev.a)-1].key == (*edit)[len(*edit)-1].key {
			shiftLeft(prev, cur, next)
		}
		best, bestScore, pos := 0, placeScore(prev, cur, next), 0
		for len(next.a) > 0 && len(*edit) > 0 && next.a[0].key == (*edit)[0].key {
			shiftRight(prev, cur, next)
			pos++
			if sc := placeScore(prev, cur, next); sc > bestScore {
				best, bestScore = pos, sc
			}
		}
		for ; pos > best; pos-- {
			shiftLeft(prev, cur, next)
		}
	}
}

// shiftLeft moves the edit one token left: the last token of the equal
// run before it joins the edit, and the edit's last token joins the equal
// run after it.
func shiftLeft(prev, cur, next *seg) {
	edit := cur.tokens()
	pa, pb := prev.a[len(prev.a)-1], prev.b[len(prev.b)-1]
	last := (*edit)[len(*edit)-1]
	prev.a, prev.b = prev.a[:len(prev.a)-1], prev.b[:len(prev.b)-1]
	moved := append([]token{pick(cur.op, pa, pb)}, (*edit)[:len(*edit)-1]...)
	*edit = moved
	// The token leaving the edit pairs with the one that left the run
	// before: their keys are equal.
	if cur.op == Insert {
		next.a, next.b = prepend(pa, next.a), prepend(last, next.b)
	} else {
		next.a, next.b = prepend(last, next.a), prepend(pb, next.b)
	}
}

// shiftRight is the mirror of shiftLeft.
func shiftRight(prev, cur, next *seg) {
	edit := cur.tokens()
	na, nb := next.a[0], next.b[0]
	first := (*edit)[0]
	next.a, next.b = next.a[1:], next.b[1:]
	*edit = append(append([]token(nil), (*edit)[1:]...), pick(cur.op, na, nb))
	if cur.op == Insert {
		prev.a, prev.b = append(clip(prev.a), na), append(clip(prev.b), first)
	} else {
		prev.a, prev.b = append(clip(prev.a), first), append(clip(prev.b), nb)
	}
}

func pick(op Op, a, b token) token {
	if op == Insert {
		return b
	}
	return a
}

func prepend(t token, ts []token) []token {
	return append([]token{t}, ts...)
}

// clip copies a slice so that appending to it never writes into the
// token array another run shares.
func clip(ts []token) []token {
	return append([]token(nil), ts...)
}

// placeScore rates where an edit sits: best when it starts at the start
// of a line and ends at the end of one, then at spaces.
func placeScore(prev, cur, next *seg) int {
	edit := *cur.tokens()
	score := 0
	switch {
	case len(prev.b) == 0 || strings.Contains(prev.b[len(prev.b)-1].text, "\n"):
		score += 4
	case prev.b[len(prev.b)-1].key == " ":
		score += 2
	}
	switch {
	case len(next.b) == 0 || strings.Contains(next.b[0].text, "\n") || strings.Contains(edit[len(edit)-1].text, "\n"):
		score += 4
	case next.b[0].key == " " || edit[len(edit)-1].key == " ":
		score += 2
	case next.b[0].key == "." || next.b[0].key == "," || next.b[0].key == ";":
		score++
	}
	return score
}

// encode maps each distinct token key to a rune, skipping the surrogate
// range, which Go strings cannot hold.
func encode(ts []token, runesOf map[string]rune) []rune {
	out := make([]rune, len(ts))
	for i, t := range ts {
		r, ok := runesOf[t.key]
		if !ok {
			r = rune(len(runesOf) + 1)
			if r >= 0xD800 {
				r += 0x800
			}
			runesOf[t.key] = r
		}
		out[i] = r
	}
	return out
}

// builder collects edits, merging neighbours of the same kind.
type builder struct {
	edits []Edit
}

func (b *builder) push(op Op, text, ignored string) {
	if text == "" {
		return
	}
	if n := len(b.edits); n > 0 && b.edits[n-1].Op == op && b.edits[n-1].Ignored == ignored {
		b.edits[n-1].Text += text
		return
	}
	b.edits = append(b.edits, Edit{Op: op, Text: text, Ignored: ignored})
}

func (b *builder) add(op Op, ts []token) {
	var sb strings.Builder
	blank, marks := true, false
	for _, t := range ts {
		sb.WriteString(t.pre)
		sb.WriteString(t.text)
		if t.key != " " && t.key != endKey {
			blank = false
		}
		marks = marks || t.pre != ""
	}
	// Only white space, and layout marks riding on it, came or went.
	ignored := ""
	switch {
	case blank && marks:
		ignored = NoiseMarkup
	case blank:
		ignored = NoiseWhitespace
	}
	b.push(op, sb.String(), ignored)
}

// equal adds two runs of tokens with equal keys. Where the texts differ
// (a line break for a space, a curly quote for a straight one) the
// difference becomes an ignored delete and insert.
func (b *builder) equal(ta, tb []token) {
	var sb strings.Builder
	flush := func() {
		b.push(Equal, sb.String(), "")
		sb.Reset()
	}
	for i := range ta {
		if ta[i].pre == tb[i].pre {
			sb.WriteString(ta[i].pre)
		} else {
			flush()
			b.push(Delete, ta[i].pre, NoiseMarkup)
			b.push(Insert, tb[i].pre, NoiseMarkup)
		}
		if ta[i].text == tb[i].text {
			sb.WriteString(ta[i].text)
			continue
		}
		flush()
		class := noiseClass(ta[i].key)
		b.push(Delete, ta[i].text, class)
		b.push(Insert, tb[i].text, class)
	}
	flush()
}

// noiseClass names the kind of difference between two tokens that share
// a key.
func noiseClass(key string) string {
	switch {
	case key == " ":
		return NoiseWhitespace
	case key == "-":
		return NoiseDashes
	}
	return NoiseQuotes // a quote mark, or a word with an apostrophe
}

// wordTokens splits text into words (letters, digits and the marks
// inside them, so "non-exclusive" is three tokens but "don't" and
// "1,000.50" are one), whitespace runs and single other characters.
func wordTokens(s string) []token {
	out := make([]token, 0, len(s)/2+2)
	eachToken(s, func(t token) { out = append(out, t) })
	return out
}

// eachToken calls fn with each token of s in turn, as wordTokens lists
// them, the sentinel last.
func eachToken(s string, fn func(token)) {
	// White space on both sides of layout marks ("a | b") becomes one
	// white space token holding the marks, so that "a b" and "a | b"
	// have the same tokens.
	var space token
	pending := false
	emit := fn
	fn = func(t token) {
		if t.key == " " {
			if pending {
				space.text += t.pre + t.text
				return
			}
			space, pending = t, true
			return
		}
		if pending {
			emit(space)
			pending = false
		}
		emit(t)
	}
	pre := ""
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		if r == '#' && (i == 0 || s[i-1] == '\n') {
			// A Markdown heading mark.
			for j < len(s) && s[j] == '#' {
				j++
			}
			if j < len(s) && s[j] == ' ' {
				pre += s[i : j+1]
				i = j + 1
				continue
			}
			j = i + n
		}
		if r == '|' || (r == '-' || r == '=' || r == '_' || r == '─' || r == '━') && runLen(s[i:], r) >= 3 {
			// Table rules and pipes ("| a | b |", "-----  ----") are layout,
			// not text: a Markdown table and an HTML one say the same.
			if r == '|' {
				j = i + 1
			} else {
				j = i + runLen(s[i:], r)*utf8.RuneLen(r)
			}
			pre += s[i:j]
			i = j
			continue
		}
		if r == '*' || r == '_' || r == '`' {
			// A run of emphasis marks touching a word on either side is
			// Markdown markup, not text.
			for j < len(s) && (s[j] == '*' || s[j] == '_' || s[j] == '`') {
				j++
			}
			before, _ := utf8.DecodeLastRuneInString(s[:i])
			after, _ := utf8.DecodeRuneInString(s[j:])
			if (i > 0 && !unicode.IsSpace(before)) || (j < len(s) && !unicode.IsSpace(after)) {
				pre += s[i:j]
				i = j
				continue
			}
			j = i + n
		}
		var t token
		if c := s[i]; c < 0x80 && c != '#' && c != '*' && c != '_' && c != '`' && c != '|' && c != '-' && c != '=' {
			// ASCII fast path: the same tokens as below, without decoding.
			switch {
			case c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\v' || c == '\f':
				for j < len(s) && (s[j] == ' ' || s[j] == '\n' || s[j] == '\t' || s[j] == '\r' || s[j] == '\v' || s[j] == '\f') {
					j++
				}
				if j < len(s) && s[j] >= 0x80 {
					break // a non-ASCII space may follow: take the slow path
				}
				t = token{s[i:j], " ", pre}
				pre = ""
				fn(t)
				i = j
				continue
			case asciiWord(c):
				for j < len(s) && asciiWord(s[j]) {
					j++
				}
				if j < len(s) && (s[j] >= 0x80 || s[j] == '\'' || s[j] == ',' || s[j] == '.') {
					j = i + n
					break // the word may go on: take the slow path
				}
				t = token{s[i:j], s[i:j], pre}
				pre = ""
				fn(t)
				i = j
				continue
			case c != '"' && c != '\'' && c != '-':
				t = token{s[i:j], s[i:j], pre}
				pre = ""
				fn(t)
				i = j
				continue
			}
			j = i + n
		}
		switch {
		case unicode.IsSpace(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
			t = token{s[i:j], " ", ""}
		case isWordRune(r):
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if isWordRune(r2) {
					j += n2
					continue
				}
				// An apostrophe, comma or point between two word
				// characters stays inside the word.
				if (r2 == '\'' || r2 == '’' || r2 == ',' || r2 == '.') && j+n2 < len(s) {
					r3, _ := utf8.DecodeRuneInString(s[j+n2:])
					if isWordRune(r3) && (r2 == '\'' || r2 == '’' || unicode.IsDigit(r3)) {
						j += n2
						continue
					}
				}
				break
			}
			w := s[i:j]
			t = token{w, foldApostrophes(w), ""}
		default:
			t = token{s[i:j], punctKey(r, s[i:j]), ""}
		}
		t.pre, pre = pre, ""
		fn(t)
		i = j
	}
	// Every list ends with an empty sentinel that carries any trailing
	// emphasis marks, so both sides of a diff end alike.
	fn(token{key: endKey, pre: pre})
}

// charTokens makes every character a token, whitespace runs still one.
func charTokens(s string) []token {
	out := make([]token, 0, len(s)+1)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		j := i + n
		if unicode.IsSpace(r) {
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if !unicode.IsSpace(r2) {
					break
				}
				j += n2
			}
			out = append(out, token{s[i:j], " ", ""})
		} else {
			out = append(out, token{s[i:j], punctKey(r, s[i:j]), ""})
		}
		i = j
	}
	return append(out, token{key: endKey})
}

// runLen counts how many times r repeats at the start of s.
func runLen(s string, r rune) int {
	n := 0
	for _, x := range s {
		if x != r {
			break
		}
		n++
	}
	return n
}

func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// punctKey folds the quote and dash variants to one key each.
func punctKey(r rune, text string) string {
	switch r {
	case '"', '“', '”', '„', '‟', '«', '»', '″':
		return `"`
	case '\'', '‘', '’', '‚', '‛', '′':
		return "'"
	case '-', '‐', '‑', '‒', '–', '—', '―', '−':
		return "-"
	case '\u00a0':
		return " "
	}
	return text
}

func foldApostrophes(w string) string {
	if strings.ContainsRune(w, '’') {
		return strings.ReplaceAll(w, "’", "'")
	}
	return w
}
