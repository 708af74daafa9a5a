package rights

import "github.com/clausetrack/clausetrack/clauses"

// Categories lists every category Classify knows, in the order reports
// list them. Their meanings follow the clause categories of the public
// CUAD dataset where it has one.
var Categories = []string{
	"exclusivity",
	"non_compete",
	"non_solicit",
	"license_grant",
	"perpetual_license",
	"non_transferable_license",
	"right_of_first_refusal",
	"right_of_first_negotiation",
	"most_favored_nation",
	"ip_ownership",
	"audit_rights",
	"source_code_escrow",
	"change_of_control",
	"anti_assignment",
	"termination_for_convenience",
	"cap_on_liability",
	"uncapped_liability",
	"liquidated_damages",
	"minimum_commitment",
	"revenue_share",
	"price_restrictions",
	"warranty_duration",
	"insurance",
	"covenant_not_to_sue",
	"third_party_beneficiary",
	"post_termination_services",
	"non_disparagement",
	"governing_law",
	"renewal_term",
	"notice_period",
}

// Rules names the version of the classification rules. The search index
// stores each clause's categories and holders and indexes a version again
// when this changes, so change it with the rules.
const Rules = "rights/1"

// Mutual is the holder of a right every party holds alike ("each party
// may terminate", "neither party shall assign").
const Mutual = "Parties"

// Strengths, strongest first where they rank one another: a right that
// moves down this list between versions is narrowed (or given up, when
// it becomes non-exclusive).
const (
	Exclusive        = "exclusive"
	Sole             = "sole"
	FirstRefusal     = "first_refusal"
	FirstNegotiation = "first_negotiation"
	NonExclusive     = "non_exclusive"
	Prohibited       = "prohibited" // the counterparty must not do something
	Restricted       = "restricted" // allowed only with consent or within limits
	Permitted        = "permitted"  // the holder may do something
	Granted          = "granted"    // a grant, payment or promise to the holder
	Capped           = "capped"     // liability limited to an amount
	Uncapped         = "uncapped"   // liability not limited
	Perpetual        = "perpetual"  // perpetual or irrevocable
	Required         = "required"   // an obligation owed to the holder
	Stated           = "stated"     // a term of the deal: governing law, notice period
)

// Confidence tiers.
const (
	Strong = "strong"
	Weak   = "weak"
)

// Class is one right, restriction or term a clause carries, as Classify
// finds it.
type Class struct {
	Category string
	// Holder is the party that benefits, by its defined term from the
	// preamble ("Provider"), or Mutual; Counterparty is the party bound,
	// or "" when the clause does not say.
	Holder, Counterparty string
	Strength             string
	// Scope is what the right covers as a short normalised phrase
	// ("cloud computing", "API access to Lab Models"); Words are its
	// content words, lower-case, with defined terms the scope uses
	// expanded through their definitions, sorted and unique: what ledger
	// matching compares.
	Scope string
	Words []string
	// Uses lists the defined terms the evidence relies on, as written in
	// the definitions ("Exclusive Services").
	Uses []string
	// Term is the duration as written ("during the Term", "five (5)
	// years", "perpetual"); End is a stated end date, YYYY-MM-DD.
	Term, End string
	// Amounts are the figures the right states, normalised ("20%",
	// "US$1,000,000", "30 days").
	Amounts []string
	// CarveOuts are the exceptions and conditions that qualify the right
	// ("except for Open-Weight Models", "provided that ..."), as written.
	CarveOuts []string
	// Confidence is Strong when the words leave no doubt, Weak when the
	// rule matched loosely.
	Confidence string
	// Evidence is the span of the words that prove the class, byte
	// offsets into the Document's Text, end exclusive.
	Evidence clauses.Span
	// Rule is the name of the playbook right that found the class; empty
	// for a class the built-in rules found.
	Rule string
}
