package rights

import (
	"strconv"
	"strings"
)

// termOf reads how long a right lasts: the words as written, and the end
// date when one is stated.
func termOf(s string) (term, end string) {
	low := asciiLower(s)
	if !hasYear(s) {
		// No date to read: skip the costly pattern.
	} else if m := reEndDate.FindStringSubmatchIndex(low); m != nil {
		term = strings.Join(strings.Fields(strings.ReplaceAll(s[m[0]:m[1]], "\u00a0", " ")), " ")
		g := func(i int) string {
			if m[2*i] < 0 {
				return ""
			}
			return s[m[2*i]:m[2*i+1]]
		}
		switch {
		case g(2) != "":
			end = date(g(4), monthNumber(g(2)), g(3))
		case g(6) != "":
			end = date(g(7), monthNumber(g(6)), g(5))
		default:
			end = g(8) + "-" + g(9) + "-" + g(10)
		}
		return term, end
	}
	if m := reTermText.FindStringIndex(low); m != nil {
		term = strings.Join(strings.Fields(s[m[0]:m[1]]), " ")
	}
	return term, ""
}

func date(y, m, d string) string {
	if len(d) == 1 {
		d = "0" + d
	}
	if m == "" {
		return ""
	}
	return y + "-" + m + "-" + d
}

// amounts lists the figures a sentence states, normalised: percentages
// ("20%"), sums with their currency ("US$1,000,000", "€400,000") and
// periods ("30 days", "6 months"), in the order written.
func amounts(s string) []string {
	type at struct {
		i int
		v string
	}
	var found []at
	for _, m := range rePercent.FindAllStringSubmatchIndex(s, -1) {
		found = append(found, at{m[0], s[m[2]:m[3]] + "%"})
	}
	for _, m := range reMoney.FindAllStringSubmatchIndex(s, -1) {
		cur := strings.TrimSpace(s[m[2]:m[3]])
		switch strings.ReplaceAll(cur, " ", "") {
		case "US$", "U.S.$", "USD":
			cur = "US$"
		case "EUR":
			cur = "€"
		case "GBP":
			cur = "£"
		case "CHF":
			cur = "CHF "
		}
		num := s[m[4]:m[5]]
		mult := ""
		if m[6] >= 0 {
			mult = strings.ToLower(s[m[6]:m[7]])
		}
		found = append(found, at{m[0], cur + money(num, mult)})
	}
	for _, m := range reDuration.FindAllStringSubmatchIndex(asciiLower(s), -1) {
		n, unit, kind := 0, "", ""
		if m[4] >= 0 {
			n, _ = strconv.Atoi(s[m[4]:m[5]])
			unit = s[m[8]:m[9]]
			if m[6] >= 0 {
				kind = s[m[6]:m[7]]
			}
		} else {
			n = numberWord(s[m[10]:m[11]])
			unit = s[m[14]:m[15]]
			if m[12] >= 0 {
				kind = s[m[12]:m[13]]
			}
		}
		if n == 0 {
			continue
		}
		unit = strings.ToLower(unit)
		if n != 1 {
			unit += "s"
		}
		v := strconv.Itoa(n) + " "
		if k := strings.ToLower(strings.TrimSpace(kind)); k != "" {
			v += k + " "
		}
		found = append(found, at{m[0], v + unit})
	}
	// Figures in order of writing; one figure once.
	for i := 1; i < len(found); i++ {
		for j := i; j > 0 && found[j].i < found[j-1].i; j-- {
			found[j], found[j-1] = found[j-1], found[j]
		}
	}
	var out []string
	seen := map[string]bool{}
	for _, f := range found {
		if !seen[f.v] {
			seen[f.v] = true
			out = append(out, f.v)
		}
	}
	return out
}

// money writes a sum with thousands separators, multiplying out "1.5
// million".
func money(num, mult string) string {
	clean := strings.ReplaceAll(num, ",", "")
	factor := 1.0
	switch mult {
	case "thousand", "k":
		factor = 1e3
	case "million", "m":
		factor = 1e6
	case "billion", "bn":
		factor = 1e9
	}
	if factor == 1 {
		whole, frac, _ := strings.Cut(clean, ".")
		out := group(whole)
		if frac != "" && strings.Trim(frac, "0") != "" {
			out += "." + frac
		}
		return out
	}
	f, err := strconv.ParseFloat(clean, 64)
	if err != nil {
		return num
	}
	return group(strconv.FormatFloat(f*factor, 'f', 0, 64))
}

func group(d string) string {
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return "0"
	}
	var b strings.Builder
	for i, c := range d {
		if i > 0 && (len(d)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// carveOuts lists the exceptions and conditions a sentence qualifies its
// right with, each from its word ("except", "provided that", "subject
// to", ...) to the next comma, semicolon or the sentence's end. "Other
// than" followed by a party is not one: it names who holds an
// exclusivity.
func carveOuts(s *sent) []string {
	var out []string
	for _, m := range reCarveOut.FindAllStringIndex(s.low, -1) {
		if strings.HasPrefix(s.low[m[0]:], "other than") {
			if _, ok := s.mentionAt(m[1] + 1); ok {
				continue
			}
		}
		rest := s.s[m[0]:]
		if e := reCarveEnd.FindStringIndex(rest); e != nil {
			rest = rest[:e[0]]
		}
		rest = strings.Join(strings.Fields(rest), " ")
		if len(rest) > 200 {
			rest = rest[:200]
			if i := strings.LastIndexByte(rest, ' '); i > 0 {
				rest = rest[:i]
			}
		}
		if len(strings.Fields(rest)) > 1 {
			out = append(out, rest)
		}
	}
	return out
}

// hasYear reports whether s holds four digits in a row, as every date
// reEndDate reads does.
func hasYear(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run == 4 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
