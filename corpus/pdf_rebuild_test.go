package corpus

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// These tests feed rebuildPDF text shaped like the output of
// pdftotext -layout, so they do not need pdftotext.

// pages joins pages of lines as pdftotext does: each page ends with a
// form feed.
func pages(ps ...string) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(strings.TrimPrefix(p, "\n"))
		b.WriteString("\f")
	}
	return b.String()
}

func TestRebuildPDF(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		want  []string
		notes []string
	}{
		{
			name: "running header, page numbers, paragraph across pages",
			in: pages(`
ACME / BETA Supply Agreement                              Draft 3

1.    Supply. The Supplier shall supply the Goods described in each Order
      to the places that the Buyer names from time to time and
                                  - 1 -
`, `
ACME / BETA Supply Agreement                              Draft 3

      at the times that the Buyer reasonably requests.
2.    Price. The price of the Goods is the price in the Order.
                                  - 2 -
`, `
ACME / BETA Supply Agreement                              Draft 3
3.    Term. This agreement lasts two years.
                                Page 3 of 3
`),
			want: []string{
				"1. Supply. The Supplier shall supply the Goods described in each Order to the places that the Buyer names from time to time and at the times that the Buyer reasonably requests.",
				"2. Price. The price of the Goods is the price in the Order.",
				"3. Term. This agreement lasts two years.",
			},
			notes: []string{"dropped 6 running header, footer and page-number lines"},
		},
		{
			name:  "a lone page number on a single page",
			in:    "Clause text on the only page.\n\n   7\n\f",
			want:  []string{"Clause text on the only page."},
			notes: []string{"dropped 1 running header, footer and page-number lines"},
		},
		{
			name: "headings that recur at the top of pages are kept",
			in:   pages("ARTICLE 5\nThe first article.\n", "ARTICLE 6\nThe second article.\n", "ARTICLE 7\nThe third article.\n"),
			want: []string{"ARTICLE 5", "The first article.", "ARTICLE 6", "The second article.", "ARTICLE 7", "The third article."},
		},
		{
			name: "hyphens at line ends",
			in: pages(`
The Fees are the entire compen-
sation for the Services and a non-
exclusive licence for 2024-
2025 under the Anti-
Bribery Act, and no other disburse` + "\u00ad\u2010" + `
ments are due. THE SUPPLIER DIS-
CLAIMS ALL OTHER WARRANTIES AND NON-
INFRINGEMENT. See the e-
mail and the self-
help rules, and the under -
writing rules, whose underwriting is a matter -
beyond doubt, and a third-party or third-
party claim.
`),
			want: []string{"The Fees are the entire compensation for the Services and a non-exclusive licence for 2024-2025 under the Anti-Bribery Act, and no other disbursements are due. " +
				"THE SUPPLIER DISCLAIMS ALL OTHER WARRANTIES AND NON-INFRINGEMENT. See the e-mail and the self-help rules, and the underwriting rules, " +
				"whose underwriting is a matter - beyond doubt, and a third-party or third-party claim."},
		},
		{
			name: "numbered lines start blocks after a sentence, not inside one",
			in: pages(`
1.1   The Provider shall pay the Fees for each month of the Term to the Supplier
      within thirty days after the invoice, and in any case no later than
      30 days after the invoice date, except where this Agreement, as set out in
      Section 2.01 of this Agreement. The Provider shall:
(a)   keep records; and
(b)   give notice; or
(c)   pay a fee.
The words that follow a line that is as long as the others, such as those of
(i) inside a sentence stay in it.
1 DEFINITIONS
1.2   In this Agreement the following words have these meanings:
“Affiliate” means a company that controls a party;
“Fees” means the charges.
ARTICLE IV
Schedule A
(iv)  a roman item.
`),
			want: []string{
				"1.1 The Provider shall pay the Fees for each month of the Term to the Supplier within thirty days after the invoice, and in any case no later than 30 days after the invoice date, except where this Agreement, as set out in Section 2.01 of this Agreement. The Provider shall:",
				"(a) keep records; and",
				"(b) give notice; or",
				"(c) pay a fee.",
				"The words that follow a line that is as long as the others, such as those of (i) inside a sentence stay in it.",
				"1 DEFINITIONS",
				"1.2 In this Agreement the following words have these meanings:",
				"“Affiliate” means a company that controls a party;",
				"“Fees” means the charges.",
				"ARTICLE IV",
				"Schedule A",
				"(iv) a roman item.",
			},
		},
		{
			name: "indents",
			in: pages(`
        Section 1.01 Grant. The Licensor grants the Licensee a licence to use
the Software for its own business.
        Any attempt to do more is void, and the Licensor keeps every right that
it does not grant.
(1)     HARROW LIMITED, a company incorporated in England and Wales with
        company number 09876543; and
(2)     PELLUCID INC., a Delaware corporation with its office at 900 Alder
        Street.
IT IS AGREED as follows:
`),
			want: []string{
				"Section 1.01 Grant. The Licensor grants the Licensee a licence to use the Software for its own business.",
				"Any attempt to do more is void, and the Licensor keeps every right that it does not grant.",
				"(1) HARROW LIMITED, a company incorporated in England and Wales with company number 09876543; and",
				"(2) PELLUCID INC., a Delaware corporation with its office at 900 Alder Street.",
				"IT IS AGREED as follows:",
			},
		},
		{
			name: "capital headings and short lines",
			in: pages(`
                       MASTER SERVICES AGREEMENT
This Agreement is made between the parties named below and it starts on
the date of the last signature.
The parties agree as follows, with effect from that date, in every place
where the Services are performed.
DEFINITIONS
Words have their ordinary meaning unless a clause below gives another one
TO THEM. THE PROVIDER IS NOT LIABLE FOR ANY LOSS OF PROFIT, LOSS OF DATA
OR LOSS OF GOODWILL.
`),
			want: []string{
				"MASTER SERVICES AGREEMENT",
				"This Agreement is made between the parties named below and it starts on the date of the last signature.",
				"The parties agree as follows, with effect from that date, in every place where the Services are performed.",
				"DEFINITIONS",
				"Words have their ordinary meaning unless a clause below gives another one TO THEM. THE PROVIDER IS NOT LIABLE FOR ANY LOSS OF PROFIT, LOSS OF DATA OR LOSS OF GOODWILL.",
			},
		},
		{
			name: "two columns",
			in: pages(`
                      STANDARD TERMS OF SUPPLY

1. Scope                                       the delivery period is extended.
1.1 These Terms apply to every order that      5. Retention of Title
a customer places with the Supplier.           5.1 The Goods remain the property of
1.2 Other terms do not apply.                  the Supplier until paid for.

4.3 If the Supplier is prevented from          6. Warranty
delivering by an event beyond its control,     6.1 The Supplier warrants the Goods.
                                  -1-
`, `
6.2 The Buyer shall inspect the Goods.         7. Law
                                               7.1 German law applies.
                                  -2-
`),
			want: []string{
				"STANDARD TERMS OF SUPPLY",
				"1. Scope",
				"1.1 These Terms apply to every order that a customer places with the Supplier.",
				"1.2 Other terms do not apply.",
				"4.3 If the Supplier is prevented from delivering by an event beyond its control, the delivery period is extended.",
				"5. Retention of Title",
				"5.1 The Goods remain the property of the Supplier until paid for.",
				"6. Warranty",
				"6.1 The Supplier warrants the Goods.",
				"6.2 The Buyer shall inspect the Goods.",
				"7. Law",
				"7.1 German law applies.",
			},
			notes: []string{"dropped 2 running header, footer and page-number lines", "read 2 of 2 pages as two columns"},
		},
		{
			name: "ligatures, soft hyphens and odd spaces",
			in:   "The \ufb01nal bene\ufb01t of the of\ufb01ce \ufb02oor is in\u00addemnified\u00a0here\u200b.\n\f",
			want: []string{"The final benefit of the office floor is indemnified here."},
		},
		{
			name: "blank lines end blocks",
			in:   "First paragraph without a full stop\n\nSecond paragraph\n\n\n\nThird paragraph\n\f",
			want: []string{"First paragraph without a full stop", "Second paragraph", "Third paragraph"},
		},
		{
			name: "clause numbers glued to their words, or on a line of their own",
			in: pages(`
The Supplier warrants that the Goods, from the day of their delivery onwards:
(a)conform to the Specification and to every sample approved by the Buyer;
(b)“comply” with the law, including:
iii.Regulation (EC) No 1907/2006 on the registration of chemicals; and
iv.the Swiss Ordinance on Chemical Risk Reduction, where it applies; and
(c)
are free from defects in design, material and workmanship, that is to say
i.e.not this one.
`),
			want: []string{
				"The Supplier warrants that the Goods, from the day of their delivery onwards:",
				"(a) conform to the Specification and to every sample approved by the Buyer;",
				"(b) “comply” with the law, including:",
				"iii. Regulation (EC) No 1907/2006 on the registration of chemicals; and",
				"iv. the Swiss Ordinance on Chemical Risk Reduction, where it applies; and",
				"(c) are free from defects in design, material and workmanship, that is to say i.e.not this one.",
			},
		},
		{
			name: "numbers that wrap onto a line are not clauses",
			in: pages(`
Each prepayment under this Section 2.03(b) shall be applied as set forth in Section
2.05 below, and the Consolidated Leverage Ratio shall never be greater than 3.50 to
1.00. No adjustment shall exceed the increase in the Index over 12 months plus
1.5 percentage points, as the Buyer and the Supplier agreed on signing this.
`),
			want: []string{"Each prepayment under this Section 2.03(b) shall be applied as set forth in Section 2.05 below, and the Consolidated Leverage Ratio shall " +
				"never be greater than 3.50 to 1.00. No adjustment shall exceed the increase in the Index over 12 months plus 1.5 percentage points, as the Buyer " +
				"and the Supplier agreed on signing this."},
		},
		{
			// A Word file from Markdown printed by LibreOffice wraps the
			// source's lines where the source did: "(c)" starts a line
			// after "; or", but goes on with "(a)" and "(b)" in the text.
			// An item after a sentence ("(b)" after "Section 4.1 … (a)")
			// still begins a block.
			name: "an enumeration inside running text",
			in: pages(`
8.1 Events of Default. Each of the following is an “Event of Default”: (a)
Tenant fails to pay Rent within five days after notice that it is due; (b)
Tenant fails to perform any other obligation within 30 days after notice; or
(c) Tenant becomes the subject of any bankruptcy proceeding that is not
dismissed within 90 days.
Section 4.1 Distributions. (a) Subject to Section 4.4, the Manager shall
distribute Available Cash at least quarterly to the Members in proportion to
their Percentage Interests.
(b) No distribution shall be made in kind without the consent of all
Members.
`),
			want: []string{
				"8.1 Events of Default. Each of the following is an “Event of Default”: (a) Tenant fails to pay Rent within five days after notice that it is due; " +
					"(b) Tenant fails to perform any other obligation within 30 days after notice; or (c) Tenant becomes the subject of any bankruptcy proceeding " +
					"that is not dismissed within 90 days.",
				"Section 4.1 Distributions. (a) Subject to Section 4.4, the Manager shall distribute Available Cash at least quarterly to the Members in proportion to their Percentage Interests.",
				"(b) No distribution shall be made in kind without the consent of all Members.",
			},
		},
		{
			// A text file printed to PDF (Chromium, LibreOffice): rules
			// end blocks, a boxed notice loses its frame, and a number
			// at the margin after "Section" goes on with its sentence.
			name: "a text file's rules, boxes and margins",
			in: pages(`
10. Versions of the License
---------------------------
10.1. New Versions

*************************************************************
*                                                           *
*  6. Disclaimer of Warranty                                *
*  -------------------------                                *
*                                                           *
*  Covered Software is provided under this License on an    *
*  "as is" basis.                                           *
*************************************************************
          (c) Representations.
          Contributor represents that, except as disclosed pursuant to Section
3.4 (a) above, Contributor believes that the Modifications are its own.
2.1Duration. This licence lasts one year.
`),
			want: []string{
				"10. Versions of the License ---------------------------",
				"10.1. New Versions",
				"*************************************************************",
				"6. Disclaimer of Warranty -------------------------",
				"Covered Software is provided under this License on an \"as is\" basis. *************************************************************",
				"(c) Representations.",
				"Contributor represents that, except as disclosed pursuant to Section 3.4 (a) above, Contributor believes that the Modifications are its own.",
				"2.1 Duration. This licence lasts one year.",
			},
		},
		{
			name: "a heading at the top of a page",
			in: pages(`
IN WITNESS WHEREOF the parties have signed this Agreement on the date first written
above, each by its duly authorised representative, in two original counterparts
                     [Signature Page to Supply Agreement]
`, `
                               Schedule 1
1. Hosting of the platform in the Supplier's data centres in Leeds and in York.
`),
			want: []string{
				"IN WITNESS WHEREOF the parties have signed this Agreement on the date first written above, each by its duly authorised representative, in two original counterparts",
				"[Signature Page to Supply Agreement]",
				"Schedule 1",
				"1. Hosting of the platform in the Supplier's data centres in Leeds and in York.",
			},
		},
		{
			name: "no form feed at the end",
			in:   "Only text",
			want: []string{"Only text"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src, err := rebuildPDF(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			checkSource(t, nil, src, true)
			var got []string
			for _, b := range src.Blocks {
				got = append(got, b.Plain)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("blocks (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.notes, src.Notes); diff != "" {
				t.Errorf("notes (-want +got):\n%s", diff)
			}
			if want := strings.Join(tt.want, "\n") + "\n"; string(src.Text) != want {
				t.Errorf("Text = %q, want %q", src.Text, want)
			}
		})
	}
}

func TestRebuildPDFTableRows(t *testing.T) {
	in := pages(`
SCHEDULE 2 - PAYMENT PROFILE
Instalment        Due                     Amount
1                 On signature            £62,000
2                 1 March 2027            £62,000
The Sponsor shall pay each instalment within 30 days of the invoice for it.
Section 2.01      Grant. The Licensor grants a licence.
`)
	src, err := rebuildPDF(in)
	if err != nil {
		t.Fatal(err)
	}
	checkSource(t, nil, src, true)
	want := "para 0 - | SCHEDULE 2 - PAYMENT PROFILE\n" +
		"row 0 - | Instalment Due Amount\n" +
		"row 0 - | 1 On signature £62,000\n" +
		"row 0 - | 2 1 March 2027 £62,000\n" +
		"para 0 - | The Sponsor shall pay each instalment within 30 days of the invoice for it.\n" +
		"para 0 - | Section 2.01 Grant. The Licensor grants a licence.\n"
	if diff := cmp.Diff(want, dumpBlocks(src, false)); diff != "" {
		t.Errorf("blocks (-want +got):\n%s", diff)
	}
}

func TestRebuildPDFNoText(t *testing.T) {
	for _, in := range []string{"\f", "\n\n\f  \f\f", "\n            - 1 -\n\f\n            - 2 -\n\f"} {
		if _, err := rebuildPDF(in); !errors.Is(err, ErrNoTextLayer) {
			t.Errorf("rebuildPDF(%q) = %v, want ErrNoTextLayer", in, err)
		}
	}
	if _, err := rebuildPDF(""); !errors.Is(err, ErrPDFDamaged) {
		t.Errorf("rebuildPDF(\"\") = %v, want ErrPDFDamaged", err)
	}
}

func TestPDFLabelStart(t *testing.T) {
	yes := []string{"1.", "1. Definitions", "1.1 Term", "2.01. Grant", "10.3.4 x", "3) x", "(a) x", "(iv) x", "(A) x", "(12) x",
		"a. x", "B) x", "iv. x", "IV. x", "xxxix) x", "x. x", "viii. x", "§ 4 x", "Section 2.01 x", "SECTION 2.01", "ARTICLE IV", "Article 3:", "Schedule A",
		"Exhibit B x", "Annex 1", "Clause 7.2 x", "7 Definitions"}
	no := []string{"", "30 days", "2025 was", "(the “Customer”)", "e.g. x", "Section of x", "Schedule to",
		"1..2 x", "1234. x", "(abcdefg) x", "The x", "ab. x", "12.1234 x", "(a.b) x", "civil. x", "Ii. x", "xl. x", "ill. x"}
	for _, s := range yes {
		if !pdfLabelStart(s) {
			t.Errorf("pdfLabelStart(%q) = false", s)
		}
	}
	for _, s := range no {
		if pdfLabelStart(s) {
			t.Errorf("pdfLabelStart(%q) = true", s)
		}
	}
}

func TestPDFHyphenVerdict(t *testing.T) {
	words := pdfWordSet{"compensation": {}, "non-exclusive": {}, "software": {}}
	tests := []struct {
		frag, head string
		spaced     bool
		want       int
	}{
		{"compen", "sation", false, hyphenClosed},
		{"non", "exclusive", false, hyphenKept},
		{"non", "transferable", false, hyphenKept},
		{"regis", "tered", false, hyphenClosed},
		{"Anti", "Bribery", false, hyphenAsIs},
		{"DIS", "CLAIMS", false, hyphenClosed},
		{"e", "mail", false, hyphenAsIs},
		{"Soft", "ware", true, hyphenClosed},
		{"matter", "beyond", true, hyphenAsIs},
		{"non", "exclusive", true, hyphenKept},
		{"word", "", false, hyphenAsIs},
	}
	for _, tt := range tests {
		if got := pdfHyphenVerdict(tt.frag, tt.head, tt.spaced, words); got != tt.want {
			t.Errorf("pdfHyphenVerdict(%q, %q, %v) = %d, want %d", tt.frag, tt.head, tt.spaced, got, tt.want)
		}
	}
}

func TestPDFCondense(t *testing.T) {
	in := "Syntax Error: Couldn't find trailer dictionary\nSyntax Error: Couldn't find trailer dictionary\n\n  Syntax   Error: Couldn't read xref table\n"
	want := "Syntax Error: Couldn't find trailer dictionary; Syntax Error: Couldn't read xref table"
	if got := pdfCondense(in); got != want {
		t.Errorf("pdfCondense = %q, want %q", got, want)
	}
	long := pdfCondense(strings.Repeat("é", 400))
	if !strings.HasSuffix(long, "…") || len(long) > 310 || !strings.HasPrefix(long, "éé") {
		t.Errorf("long message condensed to %q", long)
	}
}

// FuzzRebuildPDF checks that any text gives blocks that keep the
// promises of a Source, or an error, and never a panic.
func FuzzRebuildPDF(f *testing.F) {
	f.Add(pages("1.  A clause that goes on-\n    and on.\n           - 1 -\n", "(a)  an item;\n      2.1 x\n"))
	f.Add("a     b\n  c        d\n e      f\fg")
	f.Add("\u00ad\u2010\n-\n -\nA-\nB\f\ufb01")
	f.Fuzz(func(t *testing.T, in string) {
		src, err := rebuildPDF(in)
		if err != nil {
			return
		}
		checkSource(t, nil, src, true)
		if strings.Contains(string(src.Text), "\n\n") {
			t.Error("Text holds an empty line")
		}
	})
}
