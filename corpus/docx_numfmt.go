package corpus

import (
	"strconv"
	"strings"
)

// formatNumber writes n in a w:numFmt. Formats without a form for n
// (letters and roman numerals below 1, roman numerals above 3999), and
// formats not known here, fall back to decimal, as Word does for most.
func formatNumber(n int, format, custom string) string {
	switch format {
	case "none", "bullet":
		return ""
	case "decimalZero":
		if n >= 0 && n < 10 {
			return "0" + strconv.Itoa(n)
		}
	case "lowerLetter", "upperLetter":
		// Word repeats the letter: 27 is "aa", 53 is "aaa".
		if n >= 1 && n <= 780 {
			s := strings.Repeat(string(rune('a'+(n-1)%26)), (n-1)/26+1)
			if format == "upperLetter" {
				s = strings.ToUpper(s)
			}
			return s
		}
	case "lowerRoman", "upperRoman":
		if n >= 1 && n < 4000 {
			if format == "upperRoman" {
				return strings.ToUpper(roman(n))
			}
			return roman(n)
		}
	case "ordinal":
		if n >= 0 {
			return strconv.Itoa(n) + ordinalSuffix(n)
		}
	case "cardinalText", "ordinalText":
		if n >= 0 && n < 1000000 {
			s := numberWords(n)
			if format == "ordinalText" {
				s = ordinalWords(s)
			}
			return strings.ToUpper(s[:1]) + s[1:]
		}
	case "decimalEnclosedParen":
		return "(" + strconv.Itoa(n) + ")"
	case "decimalEnclosedFullstop":
		return strconv.Itoa(n) + "."
	case "decimalEnclosedCircle":
		if n >= 1 && n <= 20 {
			return string(rune('①' + n - 1))
		}
	case "custom":
		// Word 2010's zero-padded decimals: w:format="001, 002, 003, ...".
		first, _, _ := strings.Cut(custom, ",")
		first = strings.TrimSpace(first)
		if len(first) > 1 && len(first) <= 5 && strings.Trim(first, "0") == "1" && strings.HasSuffix(first, "1") && n >= 0 {
			s := strconv.Itoa(n)
			return strings.Repeat("0", max(len(first)-len(s), 0)) + s
		}
	}
	return strconv.Itoa(n)
}

// ordinalSuffix returns the English ordinal suffix of n: "st", "nd",
// "rd" or "th".
func ordinalSuffix(n int) string {
	if n%100 >= 11 && n%100 <= 13 {
		return "th"
	}
	switch n % 10 {
	case 1:
		return "st"
	case 2:
		return "nd"
	case 3:
		return "rd"
	}
	return "th"
}

// English number words: smallWords[n] for n below 20, tensWords[n/10]
// for the tens.
var (
	smallWords = [...]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
		"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensWords = [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
)

// numberWords writes n, from 0 to 999999, in English words, lower case:
// "twenty-one", "one hundred five", "two thousand".
func numberWords(n int) string {
	switch {
	case n < 20:
		return smallWords[n]
	case n < 100:
		if n%10 == 0 {
			return tensWords[n/10]
		}
		return tensWords[n/10] + "-" + smallWords[n%10]
	case n < 1000:
		if n%100 == 0 {
			return smallWords[n/100] + " hundred"
		}
		return smallWords[n/100] + " hundred " + numberWords(n%100)
	}
	if n%1000 == 0 {
		return numberWords(n/1000) + " thousand"
	}
	return numberWords(n/1000) + " thousand " + numberWords(n%1000)
}

// ordinalWords turns cardinal words into ordinal ones by their last
// word: "twenty-one" becomes "twenty-first".
func ordinalWords(s string) string {
	i := strings.LastIndexAny(s, " -") + 1
	last := s[i:]
	irregular := map[string]string{"one": "first", "two": "second", "three": "third", "five": "fifth",
		"eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
	switch {
	case irregular[last] != "":
		last = irregular[last]
	case strings.HasSuffix(last, "y"):
		last = last[:len(last)-1] + "ieth"
	default:
		last += "th"
	}
	return s[:i] + last
}
