// Package numkey scores clause numbers against an answer key: the
// accuracy test of package clauses and scripts/fmtacc, which measures the
// same keys through Word and PDF conversions, share it.
//
// A key lists the numbers of an agreement's numbered clauses, one a line,
// in text order, as counsel read them; blank lines and lines starting
// with "#" are ignored.
package numkey

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/clausetrack/clausetrack/clauses"
)

// Read reads a key file. An empty key is an error.
func Read(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var key []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line != "" && !strings.HasPrefix(line, "#") {
			key = append(key, line)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(key) == 0 {
		return nil, fmt.Errorf("%s is empty", path)
	}
	return key, nil
}

// Numbered is one numbered clause as the segmenter found it.
type Numbered struct {
	Number string
	// Line is the 1-based line of the clause's first byte in the
	// document's text: the file's own line for .txt and .md, a line of
	// the extracted text (one block a line) for other formats.
	Line int
	Text string // the start of that line, for logs
}

// Clauses lists the numbered clauses of doc in text order.
func Clauses(doc *clauses.Document) []Numbered {
	var out []Numbered
	for _, c := range doc.Clauses() {
		if c.Number == "" {
			continue
		}
		start := c.Span.Start
		text := doc.Text[start:]
		if i := bytes.IndexByte(text, '\n'); i >= 0 {
			text = text[:i]
		}
		s := strings.Join(strings.Fields(string(text)), " ")
		if r := []rune(s); len(r) > 60 {
			s = string(r[:60]) + "…"
		}
		out = append(out, Numbered{Number: c.Number, Line: 1 + bytes.Count(doc.Text[:start], []byte("\n")), Text: s})
	}
	return out
}

// Align matches key against got with a longest common subsequence. It
// returns, for each key entry, the index in got it matched or -1, and for
// each got entry whether it was matched.
func Align(key, got []string) (keyMatch []int, gotMatched []bool) {
	n, m := len(key), len(got)
	l := make([][]int, n+1) // l[i][j] is the LCS length of key[i:] and got[j:]
	for i := range l {
		l[i] = make([]int, m+1)
	}
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case key[i] == got[j]:
				l[i][j] = l[i+1][j+1] + 1
			case l[i+1][j] >= l[i][j+1]:
				l[i][j] = l[i+1][j]
			default:
				l[i][j] = l[i][j+1]
			}
		}
	}
	keyMatch, gotMatched = make([]int, n), make([]bool, m)
	for i := range keyMatch {
		keyMatch[i] = -1
	}
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case key[i] == got[j]:
			keyMatch[i], gotMatched[j] = j, true
			i++
			j++
		case l[i+1][j] >= l[i][j+1]:
			i++
		default:
			j++
		}
	}
	return keyMatch, gotMatched
}

// Ratio is a/b, or 1 when b is 0 (nothing to find, nothing missed).
func Ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Where says where a missed key entry i belongs: after the nearest matched
// entry before it, by that clause's number and line.
func Where(keyMatch []int, found []Numbered, i int) string {
	for p := i - 1; p >= 0; p-- {
		if keyMatch[p] >= 0 {
			f := found[keyMatch[p]]
			return fmt.Sprintf("after %s (line %d)", f.Number, f.Line)
		}
	}
	return "at the start"
}
