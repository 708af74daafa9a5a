package rights

import (
	"strings"
)

// The rules, one function a category or a family of categories. Each
// reads one sentence: its lower-cased text and the parties it names. A
// rule first checks cheap keywords, so sentences without them cost a few
// string searches.

// hits runs every rule on the sentence.
func (s *sent) hits() []hit {
	var out []hit
	add := func(hs ...hit) {
		for _, h := range hs {
			if h.cat != "" {
				out = append(out, h)
			}
		}
	}
	add(s.exclusivity())
	add(s.nonCompete())
	add(s.nonSolicit())
	add(s.licence()...)
	add(s.firstRights())
	add(s.mfn())
	add(s.ipOwnership())
	add(s.audit())
	add(s.escrow())
	add(s.changeOfControl())
	add(s.antiAssignment())
	add(s.termination()...)
	add(s.liability()...)
	add(s.liquidated())
	add(s.minimum())
	add(s.revenueShare())
	add(s.priceRestriction())
	add(s.warrantyDuration())
	add(s.insurance())
	add(s.noSue())
	add(s.thirdPartyBeneficiary())
	add(s.postTermination())
	add(s.nonDisparagement())
	add(s.governingLaw())
	add(s.renewal()...)
	return out
}

// has reports whether the sentence holds one of the words (as a
// substring). The trigram filter answers no for most words without
// scanning the sentence.
func (s *sent) has(words ...string) bool {
	for _, w := range words {
		if s.mayHold(w) && strings.Contains(s.low, w) {
			return true
		}
	}
	return false
}

// trigram hashes three bytes into the filter's 4,096 bits.
func trigram(a, b, c byte) uint32 {
	return (uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 2654435761 >> 20
}

// mayHold is false when some trigram of w is not in the sentence.
func (s *sent) mayHold(w string) bool {
	for i := 0; i+3 <= len(w); i++ {
		h := trigram(w[i], w[i+1], w[i+2])
		if s.tri[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

func (s *sent) find(re *pat) []int { return re.findIn(s.low, s.mayHold) }

// beneficiary is the party a grant at p goes to: the party right after a
// verb of giving ("grants the Provider", "pay to the Lab"), else the
// subject when it holds or receives the right, else the other party.
func (s *sent) beneficiary(p int) (holder, counter string) {
	subj := s.subjectAt(p)
	if m := reGiveTo.FindAllStringSubmatchIndex(s.low, -1); m != nil {
		for _, g := range m {
			if g[0] > p+200 {
				break
			}
			if who, ok := s.mentionAt(g[1]); ok && !who.via && who.who != "other" && who.who != subj {
				return who.who, subj
			}
		}
	}
	if reHolds.MatchString(s.low[:min(len(s.low), p+40)]) && subj != "" {
		return subj, s.other(subj)
	}
	if subj == Mutual {
		return Mutual, ""
	}
	return s.other(subj), subj
}

var (
	reGiveTo = mustPat(`\b(?:grants?|granted|give|gives|provide|provides|offer|offers|offered|pay|pays|paid|remit|remits|assign|assigns|assigned|extend|extends|afford|affords|permit|permits|allow|allows|appoint|appoints|deliver|delivers|license|licenses|licence|licences|owed|due|payable|issue|issues|to)\s+(?:to\s+)?$|\b(?:grants?|give|gives|provide|provides|offer|offers|offered|pay|pays|paid|remit|remits|assign|assigns|extend|extends|afford|affords|permit|permits|allow|allows|appoint|appoints|deliver|delivers|licenses|issue|issues|owed|payable)\s+(?:to\s+)?`)
	reHolds  = mustPat(`\b(?:shall|will|may)\s+(?:also\s+)?(?:have|hold|receive|retain|be\s+entitled|enjoy|exercise|elect)|\b(?:has|have|holds)\s+(?:the|a|an)\b|\b(?:is|are)\s+(?:hereby\s+)?(?:entitled|granted)|\bmay\b`)
)

// negated reports whether a negative obligation binds the words at p.
var reNeg = mustPat(`\b` + neg)

// --- exclusivity ---------------------------------------------------------

var (
	reAsIts       = mustPat(`\bas\s+(?:its|their|the|his|her|our)?\s*(?:sole\s+and\s+)?$`)
	reCommerce    = mustPat(`\b(?:purchas\w*|buy|buys|procure\w*|obtain\w*|source|sourc\w+|appoint\w*|engag\w*|sell|sells|supply|supplies|distribut\w*|licen[cs]\w*|use|uses|offer\w*|host\w*|serv\w*|provid\w*|order\w*|manufactur\w*|market\w*|resell\w*|contract\w*)\b`)
	reNotCommerce = mustPat(`\b(?:disclos\w*|confidential|personal\s+data|notice|notices|notif\w*|communicat\w*|payments?|invoice\w*)\b`)
	reObliged     = mustPat(`\b(?:shall|will|must|agrees?\s+to|undertakes?\s+to)\b`)
)

func (s *sent) exclusivity() hit {
	if !s.has("exclusiv", "sole", "only", "other than", "any other", "another") {
		return hit{}
	}
	h := s.exclusiveCandidate()
	if h.cat == "" {
		return h
	}
	// The vetoes run only on candidates: they cost more than the cheap
	// tests that find none.
	if s.find(reNotRestricted) != nil || s.find(reNoFirst) != nil {
		return hit{}
	}
	if s.has("first", "match", "favourable", "favorable", "elect") && (s.find(reFirstRefusal) != nil || s.find(reFirstOffer) != nil && !s.has("exclusive negotiation", "negotiate exclusively")) {
		// A right of first refusal lets the counterparty deal with others.
		return hit{}
	}
	if m := s.find(reNothingGrants); m != nil && strings.Contains(s.low[m[0]:], "exclusiv") {
		return hit{}
	}
	return h
}

// exclusiveCandidate finds exclusivity before the vetoes of exclusivity.
func (s *sent) exclusiveCandidate() hit {
	// An exclusive role: "appoints the Distributor as its exclusive
	// distributor", "use the Provider Cloud as its exclusive provider".
	for _, m := range reExclusiveRole.FindAllStringSubmatchIndex(s.low, -1) {
		if s.falseExclusive(m[0], m[1]) {
			continue
		}
		holder := ""
		before := s.low[:m[0]]
		if reAsIts.MatchString(before) {
			// The party named last before "as its exclusive ...".
			for _, mm := range s.ments {
				if mm.end <= m[0] && mm.who != "other" && m[0]-mm.end < 60 {
					holder = mm.who
				}
			}
		}
		if holder == "" {
			holder = s.subjectAt(m[0])
		}
		if holder == "" {
			// "The Provider Cloud shall be the exclusive provider": a
			// defined term of a party's things stands for the party.
			for _, mm := range s.ments {
				if mm.end <= m[0] && mm.via && reSubjFollow.MatchString(s.low[mm.end:]) {
					holder = mm.who
				}
			}
		}
		if holder == "" || holder == Mutual {
			continue
		}
		if reNotModifier.MatchString(s.low[m[2]:m[3]]) {
			// "exclusive products to customers": the words between do
			// not qualify a role.
			continue
		}
		role := s.low[m[4]:m[5]]
		scope := strings.TrimSpace(s.s[m[2]:m[3]])
		if scope == "" {
			scope = roleActivity(role)
		}
		scope = trimScope(scope + " " + s.phraseFrom(m[1], 10, true))
		return hit{cat: "exclusivity", holder: holder, counter: s.otherOf(holder), strength: exclusiveStrength(s.low[m[0]:m[1]]), at: m[0], scope: scope}
	}
	// An exclusive right or licence: the party it is granted to holds it.
	for _, m := range reExclusiveRight.FindAllStringIndex(s.low, -1) {
		if s.falseExclusive(m[0], m[1]) {
			continue
		}
		if !s.has("grant", "have", "has ", "hold", "appoint", "award", "confer", "give", "entitle", "retain") {
			continue
		}
		holder, counter := s.beneficiary(m[0])
		if holder == "" {
			continue
		}
		return hit{cat: "exclusivity", holder: holder, counter: counter, strength: exclusiveStrength(s.low[m[0]:m[1]]), at: m[0], scope: s.phraseFrom(m[1], 12, true)}
	}
	obliged := s.find(reObliged) != nil
	// "will only buy simulation capacity from Brightwater".
	if m := s.find(reOnlyBuyFrom); m != nil && obliged {
		if mm, ok := s.mentionAt(m[1]); ok && mm.who != Mutual && mm.who != "other" && s.subjectAt(m[0]) != mm.who {
			return hit{cat: "exclusivity", holder: mm.who, counter: s.otherOf(mm.who), strength: Exclusive, at: m[0], scope: s.phraseFrom(m[0]+len(strings.Fields(s.low[m[0]:])[0])+1, 8, true)}
		}
	}
	// "shall be served exclusively from the Provider Cloud", "purchase
	// solely from the Supplier".
	for _, m := range reExclusiveVia.FindAllStringIndex(s.low, -1) {
		mm, ok := s.mentionAt(m[1])
		if !ok || mm.who == Mutual || mm.who == "other" || !obliged || s.falseExclusive(m[0], m[1]) {
			continue
		}
		if strings.HasPrefix(s.low[mm.end:], "'s") || strings.HasPrefix(s.low[mm.end:], "’s") {
			// "only on the Customer's instructions": a condition, not a
			// channel.
			continue
		}
		if s.find(reNotCommerce) != nil && !strings.HasPrefix(s.low[m[0]:], "exclusiv") {
			continue
		}
		if s.subjectAt(m[0]) == mm.who {
			// A party bound to its own things ("host exclusively on
			// its own infrastructure") gives no one a right.
			continue
		}
		weak := !strings.HasPrefix(s.low[m[0]:], "exclusiv")
		if weak && s.find(reCommerce) == nil {
			continue
		}
		scope := s.subjectPhrase(m[0])
		if s.subjectAt(m[0]) != "" {
			// A party is the subject ("the Customer shall obtain the
			// Exclusive Services solely from the Supplier"): the scope
			// is what it obtains, not the party.
			if obj := s.objectBefore(m[0]); obj != "" {
				scope = obj
			}
		}
		return hit{cat: "exclusivity", holder: mm.who, counter: s.otherOf(mm.who), strength: Exclusive, at: m[0], scope: scope, weak: weak && !s.exclusiveHeading()}
	}
	// "shall not ... from any infrastructure other than the Provider
	// Cloud".
	if n := s.find(reNeg); n != nil && s.find(reCommerce) != nil {
		for _, m := range reOtherThan.FindAllStringIndex(s.low, -1) {
			if m[0] < n[0] {
				continue
			}
			mm, ok := s.mentionAt(m[1])
			if !ok || mm.who == Mutual || mm.who == "other" {
				continue
			}
			if subj := s.subjectAt(n[0]); subj == mm.who && !mm.via {
				continue
			}
			return hit{cat: "exclusivity", holder: mm.who, counter: s.otherOf(mm.who), strength: Exclusive, at: n[0], scope: s.negObject(n[1], m[0]), weak: !s.exclusiveHeading()}
		}
		// "shall not procure ... from any other cloud provider".
		if m := s.find(reAnyOther); m != nil && m[0] > n[0] && !s.has("other than") && !s.ownThings(s.subjectAt(n[0])) {
			subj := s.subjectAt(n[0])
			if holder := s.other(subj); holder != "" && holder != Mutual {
				return hit{cat: "exclusivity", holder: holder, counter: subj, strength: Exclusive, at: n[0], scope: s.negObject(n[1], m[0]), weak: !s.exclusiveHeading()}
			}
		}
	}
	// A defined term of exclusivity used in an obligation ("the Supplier
	// shall provide the Exclusive Services to the Customer"): the right
	// is read through the term.
	if obliged {
		for _, t := range s.x.exclTerms {
			i := strings.Index(s.s, t)
			if i < 0 || s.falseExclusive(i, i+len(t)) {
				continue
			}
			holder, counter := s.beneficiary(i)
			if holder == "" || holder == Mutual {
				continue
			}
			return hit{cat: "exclusivity", holder: holder, counter: counter, strength: Exclusive, at: i, scope: t, weak: true}
		}
	}
	return hit{}
}

// exclusiveHeading reports whether the clause is headed as exclusivity:
// looser wording then still proves it.
func (s *sent) exclusiveHeading() bool { return strings.Contains(s.heading, "exclusiv") }

func exclusiveStrength(w string) string {
	if strings.Contains(w, "sole") && !strings.Contains(w, "exclusive") {
		return Sole
	}
	return Exclusive
}

func (s *sent) otherOf(who string) string {
	o := s.other(who)
	if o == Mutual {
		return ""
	}
	return o
}

// falseExclusive reports whether "exclusive" at [a, b) is not a right:
// negated ("non-exclusive", "not exclusive"), or one of the phrases that
// use the word for something else ("exclusive of VAT", "exclusive
// jurisdiction", "sole discretion").
func (s *sent) falseExclusive(a, b int) bool {
	lo := max(0, a-20)
	if reNegExclusive.MatchString(s.low[lo:min(len(s.low), b)]) {
		return true
	}
	w := s.low[a:min(len(s.low), b+50)]
	if m := reExclusiveFalse.FindStringIndex(w); m != nil && m[0] < 12 {
		return true
	}
	return false
}

// subjectPhrase is the noun phrase a sentence opens with, up to its verb
// and without a relative clause: what "shall be served exclusively ..."
// is said of.
func (s *sent) subjectPhrase(p int) string {
	head := s.s[:p]
	low := s.low[:p]
	if m := reVerbGroup.FindStringIndex(low); m != nil {
		head, low = head[:m[0]], low[:m[0]]
	}
	// A leading adverbial ("Through December 31, 2032, ...").
	if i := strings.LastIndex(low, ", "); i >= 0 && i < len(low)-3 && reLeadAdverbial.MatchString(low[:i]) {
		head, low = head[i+2:], low[i+2:]
	}
	if m := reRelative.FindStringIndex(low); m != nil && m[0] > 0 {
		head = head[:m[0]]
	}
	return trimScope(head)
}

var (
	reVerbGroup      = mustPat(`\s(?:shall|will|must|may)\b`)
	reLeadAdverbial  = mustPat(`^(?:through|during|throughout|until|from|subject|notwithstanding|in|on|after|before|for|except|with|save|unless|as)\b`)
	reRelative       = mustPat(`\s(?:that|which|who|whom|whose|through\s+which|by\s+which|in\s+which|to\s+which|where)\b|,`)
	reLeadingFillers = mustPat(`^(?:(?:all|any|each|every|the|a|an|of|that|such|its|their|his|her|this|these|those|to|for|on|in|over|with\s+respect\s+to|in\s+respect\s+of|relating\s+to)\s+)+`)
	reTrailFillers   = mustPat(`(?:\s+(?:the|a|an|of|to|for|on|in|and|or|by|with|from|its|their|any|all|as|at|that))+$`)
	rePhraseStop     = mustPat(`[,;:.()\[\]]|\s(?:during|throughout|until|unless|except|provided|subject\s+to|for\s+the\s+term|which|who|if|and\s+shall|and\s+will|on\s+the\s+terms|within|received|receivable|payable|collected|earned|generated|derived|recogni[sz]ed|in\s+accordance|pursuant|notwithstanding|whether|so\s+long|for\s+so\s+long|for\s+a\s+period|for\s+the\s+period|from\s+the\s+effective|with\s+effect|at\s+any\s+time|on\s+written|by\s+written|upon\s+written|as\s+set\s+out|as\s+described|in\s+consideration|without|save)\b`)
)

// phraseFrom reads the words from p up to a stop (a comma, "during",
// "unless", a party), at most n words, without fillers at either end.
func (s *sent) phraseFrom(p, n int, stopAtParty bool) string {
	if p >= len(s.s) {
		return ""
	}
	rest, low := s.s[p:], s.low[p:]
	if m := rePhraseStop.FindStringIndex(low); m != nil {
		rest, low = rest[:m[0]], low[:m[0]]
	}
	if stopAtParty {
		for _, m := range s.ments {
			if m.start >= p && m.start-p < len(rest) && !m.via {
				rest = rest[:m.start-p]
				break
			}
		}
	}
	f := strings.Fields(rest)
	if len(f) > n {
		f = f[:n]
	}
	return trimScope(strings.Join(f, " "))
}

// negObject is what a negative obligation is about: the words between
// its verb and "from any ... other than".
func (s *sent) negObject(from, to int) string {
	if to <= from {
		return ""
	}
	seg, low := s.s[from:to], s.low[from:to]
	// "shall not license, permit or enable any Third Party to offer X":
	// what follows the last infinitive.
	if i := strings.LastIndex(low, " to "); i >= 0 && i+4 < len(low) {
		seg, low = seg[i+4:], low[i+4:]
	}
	f := strings.Fields(seg)
	if len(f) > 1 {
		f = f[1:] // the verb
	}
	if len(f) > 10 {
		f = f[:10]
	}
	return trimScope(strings.Join(f, " "))
}

// trimScope drops fillers at both ends of a phrase and folds its spaces.
// objectBefore is the object of the sentence's verb, up to p: "the
// Exclusive Services" in "shall obtain the Exclusive Services solely
// from"; empty when there is no modal verb before p.
func (s *sent) objectBefore(p int) string {
	m := reVerbGroup.FindStringIndex(s.low[:p])
	if m == nil {
		return ""
	}
	f := strings.Fields(s.s[m[1]:p])
	if len(f) > 0 && (f[0] == "not" || f[0] == "only") {
		f = f[1:]
	}
	if len(f) < 2 || f[0] == "be" || f[0] == "been" {
		return "" // passive: the subject is the scope
	}
	return trimScope(strings.Join(f[1:], " "))
}

func trimScope(p string) string {
	p = strings.Join(strings.Fields(p), " ")
	for {
		l := asciiLower(p)
		m := reLeadingFillers.FindStringIndex(l)
		t := reTrailFillers.FindStringIndex(l)
		if m == nil && t == nil {
			return strings.Trim(p, " \"'“”‘’")
		}
		if t != nil {
			p = p[:t[0]]
		}
		if m != nil && m[1] <= len(p) {
			p = p[m[1]:]
		}
	}
}

// --- non-compete and non-solicit ----------------------------------------

func (s *sent) nonCompete() hit {
	if !s.has("compet", "rival") {
		return hit{}
	}
	if s.find(reNotRestricted) != nil || s.find(reNothingGrants) != nil {
		return hit{}
	}
	m := s.find(reNonCompete)
	if m == nil {
		return hit{}
	}
	seg := s.low[m[0]:m[1]]
	if !strings.Contains(seg, "non") && !strings.Contains(seg, "competition with") && reCompeteDo.FindStringIndex(seg) == nil {
		return hit{}
	}
	// A ban on using confidential material to build a competing product
	// restricts use, not competition.
	if s.has("confidential information", "reverse engineer", "benchmark") {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	if subj == "" {
		return hit{}
	}
	holder := s.other(subj)
	if o := s.objectAfter(m[0], false); subj != Mutual && o != "" && o != subj && strings.Contains(s.low[m[0]:], "compete with") {
		holder = o
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "non_compete", holder: holder, counter: subj, strength: Prohibited, at: m[0], scope: s.competeScope(m[1])}
}

func (s *sent) competeScope(p int) string {
	if i := strings.Index(s.low, "compet"); i >= 0 {
		j := i
		for j < len(s.low) && s.low[j] != ' ' {
			j++
		}
		if ph := s.phraseFrom(j, 10, true); ph != "" {
			return ph
		}
	}
	return s.phraseFrom(p, 10, true)
}

func (s *sent) nonSolicit() hit {
	if !s.has("solicit", "hire", "employ", "recruit", "entice", "poach", "induce", "engage") {
		return hit{}
	}
	m := reNonSolicit.FindStringSubmatchIndex(s.low)
	if m == nil || s.find(reNothingGrants) != nil && !s.has("non-solicit", "nonsolicit") {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder := ""
	if m[2] >= 0 {
		// "Y's employees", "employees of Y".
		obj := m[2]
		for _, mm := range s.ments {
			if mm.end <= obj && obj-mm.end < 30 && strings.HasPrefix(s.low[mm.end:], "'s") || mm.end <= obj && obj-mm.end < 30 && strings.HasPrefix(s.low[mm.end:], "’s") {
				holder = mm.who
			}
		}
		if holder == "" {
			if mm, ok := s.mentionAt(m[3] + len(" of")); ok && strings.HasPrefix(s.low[m[3]:], " of") {
				holder = mm.who
			}
		}
	}
	if holder == "" || holder == "other" {
		holder = s.other(subj)
	}
	if subj == Mutual {
		holder = Mutual
	}
	if holder == "" {
		return hit{}
	}
	scope := "employees"
	if m[2] >= 0 {
		scope = s.low[m[2]:m[3]]
	}
	return hit{cat: "non_solicit", holder: holder, counter: subj, strength: Prohibited, at: m[0], scope: scope}
}

// --- licences -------------------------------------------------------------

func (s *sent) licence() []hit {
	if !s.has("licen", "right") {
		return nil
	}
	m := s.find(reLicenseGrant)
	// "The University shall have a perpetual licence from the Company":
	// a licence held, the subject its holder.
	have := false
	if m == nil {
		if h := s.find(reHaveLicence); h != nil && s.find(reNeg) == nil {
			m, have = h, true
		}
	}
	if m == nil || s.find(reNoLicense) != nil && !strings.Contains(s.low[:m[0]], "subject to") {
		if m == nil {
			return nil
		}
		// "Nothing in this Agreement grants ..." denies; "Except for
		// the licence in 6.2, nothing ..." too.
		if n := s.find(reNoLicense); n != nil && n[0] <= m[0]+20 {
			return nil
		}
	}
	// "the right to grant the licence", "the grant of that licence":
	// a licence spoken of, not granted.
	if reGrantSpoken.MatchString(s.low[max(0, m[0]-16):m[0]]) || strings.HasPrefix(s.low[m[0]:], "grant of") {
		return nil
	}
	// "You may grant further rights", "You may not convey ... if the
	// third party grants ... a licence": a permission or a ban, not a
	// grant.
	if strings.HasSuffix(strings.TrimSpace(s.low[max(0, m[0]-8):m[0]]), "may") {
		return nil
	}
	if n := s.find(reNeg); n != nil && n[0] < m[0] {
		return nil
	}
	// "the rights granted under this License" refers to a grant; "is
	// hereby granted a licence" makes one.
	if strings.HasPrefix(s.low[m[0]:], "granted") && !reGrantedPassive.MatchString(s.low[max(0, m[0]-24):m[0]]) {
		return nil
	}
	holder, counter := s.beneficiary(m[0])
	if have {
		holder = s.subjectAt(m[0])
		counter = s.otherOf(holder)
	}
	if holder == "" {
		return nil
	}
	grant := s.low[m[0]:min(len(s.low), m[1]+160)]
	strength := Granted
	switch {
	case reNegExclusive.MatchString(s.low[m[0]:m[1]]) || strings.Contains(s.low[m[0]:m[1]], "non-exclusive"):
		strength = NonExclusive
	case strings.Contains(s.low[m[0]:m[1]], "exclusive"):
		strength = Exclusive
	case strings.Contains(s.low[m[0]:m[1]], "sole "):
		strength = Sole
	}
	scope := s.licenceScope(m[1])
	out := []hit{{cat: "license_grant", holder: holder, counter: counter, strength: strength, at: m[0], scope: scope}}
	if rePerpetual.MatchString(grant) && !reNotPerpetual.MatchString(grant) {
		out = append(out, hit{cat: "perpetual_license", holder: holder, counter: counter, strength: Perpetual, at: m[0], scope: scope})
	}
	if reNonTransfer.MatchString(s.low) || reLicenseNoTransfer.MatchString(s.low) {
		out = append(out, hit{cat: "non_transferable_license", holder: holder, counter: counter, strength: Restricted, at: m[0], scope: scope})
	}
	return out
}

var reHaveLicence = mustPat(`\b(?:shall|will)\s+(?:have|hold|retain|enjoy)\s+(?:a|an)\b` + gap + `{0,120}?\blicen[cs]e\b`)

var reGrantedPassive = mustPat(`\b(?:is|are|be|been|being|hereby)\s+(?:hereby\s+)?$`)

var reGrantSpoken = mustPat(`(?:\bto|\bthe|\bany|\bno|\bsuch)\s+$`)

var (
	reLicUnder = mustPat(`\bunder\s+`)
	reLicTo    = mustPat(`\bto\s+(?:(?:use|reproduce|copy|modify|adapt|distribute|sell|make|have\s+made|import|display|perform|deploy|host|access|market|sublicen[cs]e|exploit|manufacture|create|operate|offer|practi[cs]e|publish|translate|prepare|run|install|promote|advertise)\w*(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+|,\s+or\s+)?)+`)
)

// licenceScope is what a licence covers: the rights it is under and what
// it lets the holder do.
func (s *sent) licenceScope(p int) string {
	var parts []string
	rest := s.low[p:]
	if m := reLicUnder.FindStringIndex(rest); m != nil && m[0] < 120 {
		if ph := s.phraseFrom(p+m[1], 6, true); ph != "" {
			parts = append(parts, ph)
		}
	}
	if m := reLicTo.FindStringIndex(rest); m != nil && m[0] < 260 {
		verbs := trimScope(strings.TrimSpace(s.s[p+m[0]+3 : p+m[1]]))
		obj := s.phraseFrom(p+m[1], 8, true)
		if i := strings.Index(strings.ToLower(obj), " for the purpose"); i > 0 {
			obj = obj[:i]
		}
		parts = append(parts, strings.TrimSpace(verbs+" "+obj))
	}
	if len(parts) == 0 {
		return s.phraseFrom(p, 8, true)
	}
	return strings.Join(parts, "; ")
}

// --- first refusal, first offer and negotiation ---------------------------

func (s *sent) firstRights() hit {
	if !s.has("first", "match", "favourable", "favorable", "elect", "negotiat") {
		return hit{}
	}
	if s.find(reNoFirst) != nil {
		return hit{}
	}
	cat, strength := "", ""
	m := s.find(reFirstRefusal)
	if m != nil {
		cat, strength = "right_of_first_refusal", FirstRefusal
	} else if m = s.find(reFirstOffer); m != nil {
		cat, strength = "right_of_first_negotiation", FirstNegotiation
		// Offering first to a party that may accept on the offered terms
		// is a first refusal when the clause says so.
		if strings.Contains(s.heading, "first refusal") {
			cat, strength = "right_of_first_refusal", FirstRefusal
		}
	}
	if m == nil {
		return hit{}
	}
	// An election to take what is offered is only a right when it follows
	// a notice or offer to the party.
	if strings.HasPrefix(s.low[m[0]:], "elect") && !s.has("notice", "offer", "first") {
		return hit{}
	}
	var holder, counter string
	if strings.HasPrefix(s.low[m[0]:], "first offer") {
		// "unless it has first offered that capacity to the Provider".
		if mm := reToParty.FindStringIndex(s.low[m[1]:]); mm != nil {
			if who, ok := s.mentionAt(m[1] + mm[1]); ok && who.who != Mutual {
				holder = who.who
				if who.who == "other" {
					holder = s.other(s.subjectAt(m[0]))
				}
				counter = s.otherOf(holder)
			}
		}
	}
	if holder == "" && strings.HasPrefix(s.low[m[0]:], "on terms no") {
		// The counterparty may deal elsewhere only on terms no better than
		// those offered: the right belongs to the party offered first.
		subj := s.subjectAt(m[0])
		holder, counter = s.other(subj), subj
	}
	if holder == "" {
		holder, counter = s.beneficiary(m[0])
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: cat, holder: holder, counter: counter, strength: strength, at: m[0], scope: s.firstScope(m)}
}

var reToParty = mustPat(`^` + gap + `{0,80}?\bto\s+`)

// firstScope is what a first right covers: the object of the offer or
// election, or of "right of first refusal on/over/to ...".
func (s *sent) firstScope(m []int) string {
	// A defined term names the subject matter best: the first after the
	// words, else the last before them.
	best, bestAt := "", -1
	for _, t := range s.x.terms {
		for _, i := range wordIndexes(s.s, t) {
			switch {
			case i >= m[0] && (bestAt < m[0] || i < bestAt):
				best, bestAt = t, i
			case i < m[0] && bestAt < m[0] && i > bestAt:
				best, bestAt = t, i
			}
		}
	}
	if best != "" {
		return best
	}
	return s.phraseFrom(m[1], 8, true)
}

// --- most favoured nation -------------------------------------------------

func (s *sent) mfn() hit {
	if !s.has("favour", "favor", "lowest", "lower", "best", "higher than", "greater than") {
		return hit{}
	}
	m := s.find(reMFN)
	if m == nil {
		return hit{}
	}
	// The terms compare with what others get: later in the sentence
	// ("no less favourable than those offered to any other customer"),
	// or anywhere for a lower or best price.
	trig := s.low[m[0]:m[1]]
	switch {
	case strings.HasPrefix(trig, "most"):
	case strings.HasPrefix(trig, "lower") || strings.HasPrefix(trig, "best") || strings.HasPrefix(trig, "lowest"):
		if reMFNCompare.FindStringIndex(s.low) == nil {
			return hit{}
		}
	default:
		if reMFNCompare.FindStringIndex(s.low[m[1]:]) == nil {
			return hit{}
		}
	}
	if s.find(reFirstRefusal) != nil {
		// "on terms no more favourable to that person than those
		// offered": a first refusal, not a most-favoured promise.
		return hit{}
	}
	if !s.has("price", "fee", "rate", "term", "pricing", "royalt", "discount", "charge") {
		return hit{}
	}
	// The party the terms are charged, offered or extended to holds the
	// promise.
	holder, counter := "", ""
	subj := s.subjectAt(m[0])
	for _, t := range reToThe.FindAllStringIndex(s.low, -1) {
		if who, ok := s.mentionAt(t[1]); ok && who.who != subj && who.who != "other" && who.who != Mutual {
			holder, counter = who.who, s.otherOf(who.who)
			break
		}
	}
	if holder == "" {
		holder, counter = s.beneficiary(m[0])
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "most_favored_nation", holder: holder, counter: counter, strength: Required, at: m[0], scope: s.phraseFrom(m[1], 8, true)}
}

// --- intellectual property ownership --------------------------------------

func (s *sent) ipOwnership() hit {
	if !s.has("assign", "vest", "property of", "made for hire", "own", "transfer", "convey") {
		return hit{}
	}
	if s.find(reIPNot) != nil {
		return hit{}
	}
	if reIPWork.FindStringIndex(s.low) == nil && !s.has("made for hire", "intellectual property", "right, title and interest") {
		return hit{}
	}
	for _, m := range reIPAssign.FindAllStringIndex(s.low, -1) {
		trig := s.low[m[0]:m[1]]
		holder, counter := "", ""
		switch {
		case strings.Contains(trig, "vest") || strings.Contains(trig, "property of") || strings.Contains(trig, "owned by"):
			holder = s.objectAfter(m[1]-1, false)
			counter = s.otherOf(holder)
		case reOwnTrig.MatchString(trig):
			holder = s.subjectAt(m[0])
			counter = s.otherOf(holder)
		case strings.Contains(trig, "made for hire"):
			continue // the owner is named elsewhere in the sentence
		case strings.Contains(trig, "assigned") || strings.Contains(trig, "transferred"):
			// "... are hereby assigned by the Licensee to the Licensor".
			if t := reToThe.FindStringIndex(s.low[m[1]:]); t != nil {
				if who, ok := s.mentionAt(m[1] + t[1]); ok {
					holder, counter = who.who, s.otherOf(who.who)
				}
			}
		default:
			holder, counter = s.beneficiary(m[0])
		}
		if holder == "" || holder == Mutual || holder == "other" {
			continue
		}
		return hit{cat: "ip_ownership", holder: holder, counter: counter, strength: Granted, at: m[0], scope: s.ipScope()}
	}
	return hit{}
}

func (s *sent) ipScope() string {
	if m := reIPWork.FindStringIndex(s.low); m != nil {
		start := m[0]
		for start > 0 && s.low[start-1] != ' ' {
			start--
		}
		return s.phraseFrom(start, 6, true)
	}
	return "intellectual property"
}

// --- audit -----------------------------------------------------------------

func (s *sent) audit() hit {
	if !s.has("audit", "inspect", "examin", "review") || !s.has("record", "book", "account", "premises", "facilit", "site", "system", "complian", "statement", "documentation", "operation", "calculation", "right") {
		return hit{}
	}
	m := s.find(reAudit)
	if m == nil || s.find(reAuditNot) != nil {
		return hit{}
	}
	trig := s.low[m[0]:m[1]]
	if strings.HasPrefix(trig, "review") && !s.has("audit", "inspect") {
		return hit{}
	}
	if !reAuditMay.MatchString(s.low) {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder, counter := subj, s.other(subj)
	if p := reLetAudit.FindStringIndex(s.low); p != nil && p[0] < m[0] {
		if who, ok := s.mentionAt(p[1]); ok && who.who != "other" {
			holder, counter = who.who, subj
		}
	}
	if holder == "" {
		return hit{}
	}
	scope := lastWord(trig)
	if strings.HasPrefix(s.low[m[1]:], " of ") {
		scope += " of " + s.phraseFrom(m[1]+4, 6, false)
	}
	return hit{cat: "audit_rights", holder: holder, counter: counter, strength: Permitted, at: m[0], scope: scope}
}

var reLetAudit = mustPat(`\b(?:permit|permits|allow|allows|grant|grants|provide|provides|afford|affords|give|gives)\s+(?:to\s+)?`)

func lastWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// --- source code escrow ----------------------------------------------------

func (s *sent) escrow() hit {
	if !s.has("escrow") {
		return hit{}
	}
	m := s.find(reEscrow)
	if m == nil || s.find(reEscrowNot) != nil || s.find(reEscrowSrc) == nil {
		return hit{}
	}
	if !s.has("deposit", "escrow agent", "release", "place", "maintain", "escrow agreement", "enter into") {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder := s.other(subj)
	if subj == "" {
		holder = s.objectAfter(m[0], false)
	} else if s.modalBefore(m[0]) == "may" || s.find(reEntitled) != nil {
		// "The Licensee may require the release ...": the party that
		// may call on the escrow holds it.
		holder = subj
	}
	if holder == "" || holder == "other" {
		return hit{}
	}
	return hit{cat: "source_code_escrow", holder: holder, counter: s.otherOf(holder), strength: Required, at: m[0], scope: "source code"}
}

// --- change of control ------------------------------------------------------

var reMayTerminate = mustPat(`\bmay\s+(?:immediately\s+|, at its option,\s+|at\s+its\s+option\s+)?(?:terminate|cancel|withhold|require)`)

func (s *sent) changeOfControl() hit {
	if !s.has("control", "merger", "acquisition", "substantially all", "consolidation", "majority") {
		return hit{}
	}
	m := s.find(reCoC)
	if m == nil || reCoCAct.FindStringIndex(s.low) == nil {
		return hit{}
	}
	holder := ""
	if t := s.find(reMayTerminate); t != nil {
		holder = s.subjectAt(t[0])
	}
	if e := s.find(reEntitle); e != nil && holder == "" {
		if who, ok := s.mentionAt(e[1]); ok && who.who != "other" {
			holder = who.who
		}
	}
	if holder == "" {
		holder = s.consenter()
	}
	if holder == "" || holder == "other" {
		subj := s.subjectAt(m[0])
		holder = s.other(subj)
	}
	if holder == "" {
		return hit{}
	}
	strength := Permitted
	if !s.has("terminat") {
		strength = Restricted
	}
	return hit{cat: "change_of_control", holder: holder, counter: s.otherOf(holder), strength: strength, at: m[0], scope: "change of control"}
}

// --- assignment -------------------------------------------------------------

func (s *sent) antiAssignment() hit {
	if !s.has("assign", "transfer", "novat", "delegat") {
		return hit{}
	}
	a := s.find(reAssign)
	if a == nil || reAssignObj.FindStringIndex(s.low) == nil {
		return hit{}
	}
	// "may assign ... without consent" with no "not" anywhere is a
	// freedom, not a limit.
	if reMayAssign.MatchString(s.low) && !reNotWord.MatchString(s.low) {
		return hit{}
	}
	l := s.find(reAssignLimit)
	if l == nil {
		return hit{}
	}
	// Intellectual property assignments and licences are other rules'.
	if s.has("right, title and interest", "hereby assigns", "licen") && !s.has("this agreement") {
		return hit{}
	}
	subj := s.subjectAt(a[0])
	holder := ""
	switch {
	case subj == Mutual:
		holder = Mutual
	default:
		holder = s.consenter()
		if holder == "" {
			holder = s.other(subj)
		}
	}
	if holder == "" {
		// "This Agreement may not be assigned without consent": both.
		if strings.Contains(s.low[:a[0]], "this agreement") || s.has("no party", "neither") {
			holder = Mutual
		} else {
			return hit{}
		}
	}
	strength := Prohibited
	if reAssignConsent.MatchString(s.low) {
		strength = Restricted
	}
	return hit{cat: "anti_assignment", holder: holder, counter: s.otherOf(holder), strength: strength, at: a[0], scope: "assignment of this Agreement"}
}

// --- termination and notice ---------------------------------------------------

func (s *sent) termination() []hit {
	if !s.has("terminat", "notice", "cancel", " end ") {
		return nil
	}
	var out []hit
	var t, notice []int
	if s.has("terminat", "end ", "cancel") {
		t = s.find(reTerminate)
	}
	if s.has("notice", "notif") && s.has("day", "week", "month", "year") && reNoticeWhy.MatchString(s.low) {
		notice = s.find(reNoticePeriod)
	}
	if t == nil && notice == nil {
		return nil
	}
	cause := s.find(reForCause) != nil
	explicit := s.has("for convenience", "without cause", "for any reason", "for no reason", "without reason")
	if t != nil && s.find(reNoTerminate) == nil && (!cause || explicit) {
		// Termination at will: for convenience or any reason in words, or
		// a party that may end the agreement on notice for no cause.
		c := reConvenience.FindStringIndex(s.low)
		if c != nil || notice != nil {
			subj := s.subjectAt(t[0])
			if subj != "" && s.find(reMayEnd) != nil {
				out = append(out, hit{cat: "termination_for_convenience", holder: subj, counter: s.otherOf(subj), strength: Permitted, at: t[0], scope: "termination", weak: c == nil && !strings.Contains(s.heading, "convenience")})
			}
		}
	}
	// A notice period to stop the agreement renewing (CUAD's "notice
	// period to terminate renewal"); not a cure period, and not the
	// notice of a termination at will, which that right carries.
	if n := notice; n != nil && !s.has("remedy", "cure") && reRenewalEnd.MatchString(s.low) {
		subj := s.subjectAt(n[0])
		if subj == "" {
			subj = s.subjectAt(len(s.low))
		}
		if subj == "" {
			subj = Mutual
		}
		scope := "termination"
		if s.has("renew") {
			scope = "non-renewal"
		}
		out = append(out, hit{cat: "notice_period", holder: subj, counter: s.otherOf(subj), strength: Stated, at: n[0], scope: scope})
	}
	return out
}

// --- liability ---------------------------------------------------------------------

func (s *sent) liability() []hit {
	if !s.has("liab", "damages", "limitation", "cap ") {
		return nil
	}
	var out []hit
	if m := s.find(reUncapped); m != nil && (reLiability.MatchString(s.low) || s.has("limitation", "cap ") && s.has("indemn", "breach", "fraud", "negligen", "misconduct", "death", "obligation", "confidential")) {
		holder := s.liableParty(m[0])
		counter := ""
		if holder != Mutual {
			holder, counter = s.other(holder), holder
		}
		if holder != "" {
			out = append(out, hit{cat: "uncapped_liability", holder: holder, counter: counter, strength: Uncapped, at: m[0], scope: s.uncappedScope(m[1])})
		}
		return out
	}
	m := s.find(reCap)
	if m == nil {
		m = s.find(reExclusion)
	}
	if m == nil {
		return nil
	}
	// A cap states a figure or a measure; an exclusion names the kinds of
	// loss.
	if !reMoneyOrCount.MatchString(s.low[m[0]:]) && !s.has("fees", "charges", "paid", "payable", "indirect", "consequential", "insurance", "exceed", "limited to", "capped") {
		return nil
	}
	if s.has("unlimited") {
		return nil
	}
	holder := s.liableParty(m[0])
	if holder == "" {
		return nil
	}
	scope := "liability"
	if s.find(reExclusion) != nil && s.find(reCap) == nil {
		scope = "indirect and consequential loss"
	}
	out = append(out, hit{cat: "cap_on_liability", holder: holder, counter: "", strength: Capped, at: m[0], scope: scope})
	return out
}

var reMayEnd = mustPat(`\b(?:may|is\s+entitled\s+to|are\s+entitled\s+to|shall\s+have\s+the\s+right\s+to|has\s+the\s+right\s+to|will\s+have\s+the\s+right\s+to|reserves\s+the\s+right\s+to|right\s+to)\b` + gap + `{0,40}?\b(?:terminat|end|cancel)`)

var reBeLiable = mustPat(`\b(?:shall|will|is|are|be)\s+(?:not\s+)?(?:be\s+)?(?:liable|responsible)\b`)

var reLiabOf = mustPat(`\bliabilit(?:y|ies)\s+of\s+(?:the\s+)?`)

// liableParty is the party whose liability a sentence limits: "X's
// liability", "the liability of X", "X shall not be liable"; Mutual for
// each or either party, or when no party is named.
func (s *sent) liableParty(p int) string {
	if m := reLiabOf.FindStringIndex(s.low); m != nil {
		if who, ok := s.mentionAt(m[1]); ok && who.who != "other" {
			return who.who
		}
	}
	for _, mm := range s.ments {
		if mm.via || mm.who == "other" {
			continue
		}
		rest := s.low[mm.end:]
		if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			after := rest[min(len(rest), 2):]
			for _, w := range []string{"liab", "obligation", "indemn"} {
				if i := strings.Index(after, w); i >= 0 && i < 40 {
					return mm.who
				}
			}
		}
	}
	// "X shall not be liable": the party right before the verb.
	if i := reBeLiable.FindStringIndex(s.low); i != nil {
		for _, mm := range s.ments {
			if !mm.via && mm.who != "other" && mm.end <= i[0] && i[0]-mm.end <= 2 {
				return mm.who
			}
		}
	}
	return Mutual
}

func (s *sent) uncappedScope(p int) string {
	if i := strings.Index(s.low, "liability for"); i >= 0 {
		return s.phraseFrom(i+len("liability for"), 10, false)
	}
	if i := strings.Index(s.low, "apply to"); i >= 0 {
		return s.phraseFrom(i+len("apply to"), 10, false)
	}
	return s.phraseFrom(p, 10, false)
}

// --- money terms ----------------------------------------------------------------------

func (s *sent) liquidated() hit {
	if !s.has("liquidated", "pre-estimate", "preestimate", "penalt", "delay", "late delivery", "agreed sum", "fixed sum") {
		return hit{}
	}
	m := s.find(reLiquidated)
	if m == nil || s.find(reLiquidNot) != nil && !s.has("liquidated damages of", "as liquidated damages") {
		return hit{}
	}
	holder, counter := s.beneficiary(m[0])
	if holder == "" || holder == Mutual {
		// "a genuine pre-estimate of the Employer's loss".
		if who := s.possessiveOf("loss", "damage", "harm"); who != "" {
			holder, counter = who, s.otherOf(who)
		}
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "liquidated_damages", holder: holder, counter: counter, strength: Granted, at: m[0], scope: "liquidated damages"}
}

func (s *sent) minimum() hit {
	if !s.has("minimum", "at least", "not less than", "no less than", "committed", "take-or-pay", "take or pay", "a total of") {
		return hit{}
	}
	// A commitment binds a party to buy or pay: the cheaper test first.
	if !s.has("purchase", "buy", "order", "procure", "spend", "pay", "achieve", "generate", "meet", "take") || s.find(reMustBuy) == nil {
		return hit{}
	}
	m := s.find(reMinimum)
	if m == nil || s.find(reMinimumNot) != nil || !reMoneyOrCount.MatchString(s.low) && !s.has("minimum", "take-or-pay", "take or pay", "shortfall") {
		return hit{}
	}
	// A commitment binds a party to buy or pay; a mention of the
	// committed amount in a report clause is not one.
	if s.find(reMustBuy) == nil {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder := s.other(subj)
	if i := strings.Index(s.low[m[0]:], " from "); i >= 0 {
		if who, ok := s.mentionAt(m[0] + i + len(" from ")); ok && who.who != subj && who.who != "other" {
			holder = who.who
		}
	}
	if subj == "" {
		holder = s.x.partyOn(seller)
	}
	if holder == "" || holder == Mutual {
		return hit{}
	}
	scope := ""
	for _, t := range s.x.terms {
		if i := strings.Index(s.low, asciiLower(t)); i >= 0 && i <= m[1] && i+len(t) >= m[0] && strings.Contains(asciiLower(t), lastWord(s.low[m[0]:m[1]])) {
			scope = t
		}
	}
	if v := reBuyVerb.FindStringIndex(s.low); v != nil && scope == "" {
		scope = s.phraseFrom(v[1], 6, false)
	}
	if scope == "" {
		scope = s.phraseFrom(m[1]-len(lastWord(s.low[m[0]:m[1]])), 6, true)
	}
	return hit{cat: "minimum_commitment", holder: holder, counter: subj, strength: Required, at: m[0], scope: scope}
}

func (s *sent) revenueShare() hit {
	if !s.has("%", "percent", "per cent", "share", "royalt", "half", "portion", "proportion") {
		return hit{}
	}
	m := s.find(reRevenue)
	if m == nil || s.find(reRevenueNot) != nil {
		return hit{}
	}
	holder, counter := "", ""
	if p := rePayTo.FindStringIndex(s.low); p != nil {
		holder, counter = s.beneficiary(p[0])
		if holder == "" {
			subj := s.subjectAt(p[0])
			holder, counter = s.other(subj), subj
		}
	}
	if holder == "" {
		if r := reReceive.FindStringIndex(s.low); r != nil {
			holder = s.subjectAt(r[0])
			counter = s.otherOf(holder)
		}
	}
	if s.has("equally between", "shared equally", "share equally", "equally by the parties") {
		holder, counter = Mutual, ""
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "revenue_share", holder: holder, counter: counter, strength: Granted, at: m[0], scope: s.revenueScope(m)}
}

var reMustBuy = mustPat(`\b(?:each|every|any|all)\s+(?:purchase\s+)?orders?\s+(?:shall|will|must)\b|\b(?:shall|will|must|agrees?\s+to|undertakes?\s+to|commits?\s+to|is\s+required\s+to|are\s+required\s+to)\s+(?:\w+\s+){0,3}?(?:purchase|buy|order|procure|spend|pay|achieve|generate|meet|take)\b`)

var reBuyVerb = mustPat(`\b(?:purchase|buy|order|procure|spend\s+on)\s+(?:from\s+\w+\s+)?`)

var reOfRevenue = mustPat(`\bof\s+(?:all\s+|the\s+|its\s+|any\s+)*`)

func (s *sent) revenueScope(m []int) string {
	seg := s.low[m[0]:m[1]]
	if i := reOfRevenue.FindStringIndex(seg); i != nil {
		// From the word after "of" to the end of the revenue words.
		ph := s.phraseFrom(m[0]+i[1], 6, true)
		if ph != "" {
			return ph
		}
	}
	return trimScope(s.s[m[0]:m[1]])
}

func (s *sent) priceRestriction() hit {
	if !s.has("price", "fee", "rate", "charge", "pricing", "tariff", "rent") || !s.has("increas", "raise", "reduc", "decreas", "fixed", "firm", "unchanged", "frozen", "adjust", "freeze", "cap", "exceed", "change") {
		return hit{}
	}
	m := s.find(rePriceLimit)
	if m == nil {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder := s.other(subj)
	if subj == "" {
		// "The charges may be increased by no more than ...": the payer
		// holds a cap on increases, the payee a floor on decreases.
		side := buyer
		if s.has("reduced", "decreased", "upward") {
			side = seller
		}
		holder = s.x.partyOn(side)
	}
	if holder == "" || holder == "other" || holder == Mutual {
		return hit{}
	}
	return hit{cat: "price_restrictions", holder: holder, counter: s.otherOf(holder), strength: Restricted, at: m[0], scope: "prices"}
}

// --- warranty, insurance, suits, beneficiaries ----------------------------------------

func (s *sent) warrantyDuration() hit {
	if !s.has("warrant", "guarantee") {
		return hit{}
	}
	w := s.find(reWarranty)
	if w == nil || s.find(reWarrantyNot) != nil {
		return hit{}
	}
	d := reWarrantyDur.FindStringIndex(s.low)
	if d == nil {
		return hit{}
	}
	if !strings.Contains(s.low[d[0]:d[1]], "warranty period") && !mustPat(`\d|one|two|three|six|twelve|eighteen|twenty|thirty|sixty|ninety`).MatchString(s.low[d[0]:d[1]]) {
		return hit{}
	}
	// Representations "as of the Effective Date" have no duration.
	if s.has("represents and warrants", "represent and warrant") && !s.has("warranty period", "for a period") {
		return hit{}
	}
	subj := s.subjectAt(w[0])
	holder := s.other(subj)
	if subj == "" {
		holder = s.objectAfter(w[0], false)
		if holder == "" {
			holder = s.x.partyOn(buyer)
		}
	}
	if holder == "" || holder == "other" {
		return hit{}
	}
	return hit{cat: "warranty_duration", holder: holder, counter: s.otherOf(holder), strength: Granted, at: w[0], scope: "warranty"}
}

func (s *sent) insurance() hit {
	if !s.has("insur") {
		return hit{}
	}
	m := s.find(reInsurance)
	if m == nil || s.find(reInsuranceNot) != nil || s.find(reObliged) == nil {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder := s.other(subj)
	if subj == "" {
		return hit{}
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "insurance", holder: holder, counter: s.otherOf(holder), strength: Required, at: m[0], scope: "insurance"}
}

func (s *sent) noSue() hit {
	if !s.has("sue", "claim", "action", "proceeding", "challenge", "contest", "suit") || !s.has("not", "covenant", "refrain", "no party", "neither") {
		return hit{}
	}
	m := s.find(reNoSue)
	if m == nil || s.find(reNoSueNot) != nil {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder := ""
	if i := strings.Index(s.low[m[0]:], "against "); i >= 0 {
		if who, ok := s.mentionAt(m[0] + i + len("against ")); ok && who.who != "other" {
			holder = who.who
		}
	}
	if holder == "" {
		holder = s.other(subj)
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "covenant_not_to_sue", holder: holder, counter: s.otherOf(holder), strength: Prohibited, at: m[0], scope: "claims"}
}

func (s *sent) thirdPartyBeneficiary() hit {
	if !s.has("beneficiar", "enforce") {
		return hit{}
	}
	m := s.find(reThirdBen)
	if m == nil || s.find(reThirdBenNot) != nil {
		return hit{}
	}
	holder := Mutual
	for _, mm := range s.ments {
		if mm.via || mm.who == "other" || mm.who == Mutual {
			continue
		}
		rest := s.low[mm.end:]
		if strings.HasPrefix(rest, "'s") || strings.HasPrefix(rest, "’s") {
			holder = mm.who
			break
		}
	}
	return hit{cat: "third_party_beneficiary", holder: holder, strength: Granted, at: m[0], scope: "third-party beneficiaries"}
}

// --- after the end, disparagement, law, renewal -------------------------------------

func (s *sent) postTermination() hit {
	if !s.has("continue", "transition", "wind", "run-off", "run off", "sell", "return", "export", "retriev", "migrat", "termination assist", "termination serv", "exit", "assistance") {
		return hit{}
	}
	if !s.has("expir", "terminat", "end", "transition", "exit") && s.x.lead(s.c) == nil {
		return hit{}
	}
	w := s.find(rePostTermWhat)
	if w == nil {
		return hit{}
	}
	after := s.find(rePostTerm) != nil || s.find(reTransition) != nil
	if !after {
		if l := s.x.lead(s.c); l != nil && l != s && l.find(rePostTerm) != nil {
			after = true
		}
	}
	if !after || s.find(reObliged) == nil && !s.has("may") {
		return hit{}
	}
	subj := s.subjectAt(w[0])
	holder, counter := subj, s.other(subj)
	// A party that may go on acting holds the right; one that must act
	// (assist, return, sell off) serves the other.
	if mod := reModal.FindAllStringIndex(s.low[:w[0]], -1); len(mod) > 0 && !strings.HasPrefix(s.low[mod[len(mod)-1][0]:], "may") {
		holder, counter = s.beneficiary(w[0])
	}
	if m := reAtOption.FindStringIndex(s.low); m != nil {
		if who, ok := s.mentionAt(m[1]); ok && who.who != "other" && who.who != Mutual {
			holder, counter = who.who, s.otherOf(who.who)
		}
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "post_termination_services", holder: holder, counter: counter, strength: Permitted, at: w[0], scope: s.phraseFrom(w[0], 8, true)}
}

var (
	reModal    = mustPat(`\b(?:shall|will|must|may)\b`)
	reAtOption = mustPat(`\b(?:at|on|upon)\s+(?:the\s+)?(?:written\s+)?(?:option|election|request|direction|choice)\s+of\s+(?:the\s+)?|\b(?:at|on|upon)\s+(?:the\s+)?`)
)

func (s *sent) nonDisparagement() hit {
	if !s.has("disparag", "derogatory", "defamatory", "denigrat", "negative", "critici", "misleading statement") {
		return hit{}
	}
	m := s.find(reDisparage)
	if m == nil {
		return hit{}
	}
	subj := s.subjectAt(m[0])
	holder := s.other(subj)
	if o := s.objectAfter(m[1]-1, false); o != "" && o != subj && subj != Mutual {
		holder = o
	}
	if holder == "" {
		return hit{}
	}
	return hit{cat: "non_disparagement", holder: holder, counter: s.otherOf(holder), strength: Prohibited, at: m[0], scope: "disparagement"}
}

func (s *sent) governingLaw() hit {
	if !s.has("law") {
		return hit{}
	}
	m := s.find(reGovLaw)
	if m == nil {
		if v := reGovVerb.FindStringSubmatchIndex(s.low); v != nil {
			// "The laws of the Province of Ontario govern ...".
			return hit{cat: "governing_law", holder: Mutual, strength: Stated, at: v[0], scope: trimScope(s.s[v[2]:v[3]])}
		}
		// "governed by Irish law".
		a := reGovAdj.FindStringSubmatchIndex(s.low)
		if a == nil || strings.Contains(s.low[a[2]:a[3]], "applicable") || strings.Contains(s.low[a[2]:a[3]], "this") {
			return hit{}
		}
		return hit{cat: "governing_law", holder: Mutual, strength: Stated, at: a[0], scope: trimScope(s.s[a[2]:a[1]])}
	}
	rest := s.s[m[1]:]
	if stop := reGovStop.FindStringIndex(asciiLower(rest)); stop != nil {
		rest = rest[:stop[0]]
	}
	scope := trimScope(rest)
	if scope == "" {
		return hit{}
	}
	return hit{cat: "governing_law", holder: Mutual, strength: Stated, at: m[0], scope: scope}
}

func (s *sent) renewal() []hit {
	if !s.has("renew", "extend", "extension", "evergreen", "continue") {
		return nil
	}
	m := s.find(reRenewal)
	if m == nil || s.find(reRenewalNot) != nil {
		return nil
	}
	// "Extended automatically" is said of other things than an
	// agreement ("the patent license is automatically extended"); a
	// renewal then needs the agreement or its term in view.
	if !strings.Contains(s.low[m[0]:m[1]], "renew") && s.find(reRenewalCtx) == nil {
		return nil
	}
	holder := Mutual
	if s.has("option to renew", "option to extend", "right to renew", "right to extend", "may renew", "may extend", "may elect to renew", "may elect to extend") {
		if subj := s.subjectAt(m[0]); subj != "" {
			holder = subj
		}
	}
	return []hit{{cat: "renewal_term", holder: holder, counter: s.otherOf(holder), strength: Stated, at: m[0], scope: "renewal"}}
}

// Sides of a sale. Some rules need to know which party pays: the buyer
// holds a limit on price increases, the seller a minimum order.
const (
	buyer  = -1
	seller = 1
)

// partyOn is the party whose role word ("Supplier", "Tenant") puts it on
// the given side of the deal, or "" when the words do not tell.
func (x *classifier) partyOn(side int) string {
	const sellers = " landlord supplier licensor provider vendor seller lender consultant contractor manufacturer company franchisor "
	const buyers = " tenant customer licensee buyer purchaser distributor client borrower reseller franchisee "
	found := ""
	for _, p := range x.parties {
		w := " " + strings.ToLower(lastWord(p.alias)) + " "
		if side == seller && strings.Contains(sellers, w) || side == buyer && strings.Contains(buyers, w) {
			if found != "" {
				return ""
			}
			found = p.alias
		}
	}
	return found
}

var (
	reMayAssign   = mustPat(`\bmay\s+(?:freely\s+)?(?:assign|transfer)`)
	reNotWord     = mustPat(`\b(?:not|no|neither|nor|only)\b`)
	reEntitle     = mustPat(`\bentitles?\s+(?:the\s+)?`)
	reOwnTrig     = mustPat(`^(?:shall|will)\s+(?:solely\s+|exclusively\s+)?own\b`)
	reOnlyBuyFrom = mustPat(`\b(?:only|exclusively|solely)\s+(?:buy|purchase|procure|source|obtain|order|use|license)\b` + gap + `{0,80}?\b(?:from|of)\s+(?:the\s+)?`)
	reConsentOf   = mustPat(`\b(?:consent|approval|agreement)\s+of\s+(?:the\s+)?`)
)

// consenter is the party whose consent the sentence asks for: "the
// consent of the Client", "Consultant's consent".
func (s *sent) consenter() string {
	if m := s.find(reConsentOf); m != nil {
		if who, ok := s.mentionAt(m[1]); ok && who.who != "other" {
			return who.who
		}
	}
	return s.possessiveOf("consent", "approval")
}

// possessiveOf is the party whose thing the sentence names: "the
// Employer's loss" for "loss".
func (s *sent) possessiveOf(things ...string) string {
	for _, mm := range s.ments {
		if mm.via || mm.who == "other" || mm.who == Mutual {
			continue
		}
		rest := s.low[mm.end:]
		if !strings.HasPrefix(rest, "'s") && !strings.HasPrefix(rest, "’s") {
			continue
		}
		after := rest[2:min(len(rest), 40)]
		for _, w := range things {
			if strings.Contains(after, w) {
				return mm.who
			}
		}
	}
	return ""
}

// modalBefore is the last modal verb before p: "shall", "will", "must",
// "may", or "".
func (s *sent) modalBefore(p int) string {
	ms := reModal.FindAllString(s.low[:p], -1)
	if len(ms) == 0 {
		return ""
	}
	return ms[len(ms)-1]
}

var reToThe = mustPat(`\bto\s+(?:the\s+)?`)

// ownThings reports whether the sentence names the party's own things
// through a defined term ("Bellhaven Infrastructure"): a party that must
// use its own and no other provider's binds itself to no one.
func (s *sent) ownThings(who string) bool {
	for _, m := range s.ments {
		if m.via && m.who == who {
			return true
		}
	}
	return false
}

var (
	reEntitled    = mustPat(`\b(?:is|are|shall\s+be|will\s+be)\s+entitled\b|\b(?:has|have|shall\s+have|will\s+have)\s+the\s+right\b`)
	reNotModifier = mustPat(`\b(?:to|of|for|by|with|from|in|on|any|all|the|each|other|its|their|shall|will|may)\b`)
)
