package gen

import "strings"

// lines splits a list written one entry a line.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

var articleHeadings = lines(`
	DEFINITIONS AND INTERPRETATION
	SCOPE OF SERVICES
	COMPUTE CAPACITY
	FEES AND PAYMENT
	INVOICING AND TAXES
	TERM AND TERMINATION
	CONFIDENTIALITY
	INTELLECTUAL PROPERTY
	LICENCE GRANT
	MODEL ACCESS
	DATA PROTECTION
	SECURITY
	SERVICE LEVELS
	SUPPORT AND MAINTENANCE
	WARRANTIES
	INDEMNIFICATION
	LIMITATION OF LIABILITY
	INSURANCE
	AUDIT AND RECORDS
	COMPLIANCE WITH LAWS
	EXPORT CONTROLS
	GOVERNANCE
	DISPUTE RESOLUTION
	FORCE MAJEURE
	ASSIGNMENT
	SUBCONTRACTING
	NON-SOLICITATION
	PUBLICITY
	NOTICES
	GENERAL PROVISIONS
	REVENUE SHARING
	EXCLUSIVITY
	SAFETY AND RESPONSIBLE USE
	TRANSITION ASSISTANCE
	REPORTING
	CHANGE CONTROL
	ACCEPTANCE
	PERSONNEL
	BENCHMARKING
	ESCROW
`)

var sectionHeadings = lines(`
	Definitions
	Interpretation
	Provision of Services
	Service Commencement
	Capacity Reservation
	Capacity Increases
	Fees
	Payment Terms
	Late Payment
	Disputed Invoices
	Taxes
	Initial Term
	Renewal
	Termination for Convenience
	Termination for Cause
	Effect of Termination
	Survival
	Confidential Information
	Exceptions
	Compelled Disclosure
	Return of Materials
	Ownership
	Background IP
	Foreground IP
	Licence to Provider
	Licence to Lab
	Restrictions
	Feedback
	Customer Data
	Processing Instructions
	Sub-processors
	Security Incidents
	Security Measures
	Penetration Testing
	Availability
	Service Credits
	Exclusions
	Support Requests
	Maintenance Windows
	Mutual Warranties
	Provider Warranties
	Disclaimer
	Indemnity by Provider
	Indemnity by Lab
	Indemnification Procedure
	Exclusion of Damages
	Liability Cap
	Required Insurance
	Records
	Audit Rights
	Anti-Bribery
	Sanctions
	Export Restrictions
	Steering Committee
	Escalation
	Arbitration
	Governing Law
	Force Majeure Events
	Assignment
	Change of Control
	Subcontractors
	Non-Solicitation
	Announcements
	Notices
	Entire Agreement
	Amendment
	Waiver
	Severability
	Counterparts
	Revenue Share
	Exclusive Provider
	Permitted Use
	Acceptable Use
	Model Evaluations
	Transition Services
	Quarterly Reports
	Change Requests
	Acceptance Testing
	Key Personnel
	Benchmarking Reviews
`)

var subjects = lines(`
	the Provider
	the Lab
	each Party
	either Party
	neither Party
	the Receiving Party
	the Disclosing Party
	the Licensee
	the Licensor
	the Steering Committee
	the Auditor
	any Affiliate
	any Subcontractor
	the Indemnifying Party
	the Indemnified Party
	the Customer
	any Authorized User
	the Escrow Agent
	the Service Manager
	the Security Officer
`)

var modals = lines(`
	shall
	shall
	shall
	may
	will
	shall not
	may not
	must
	must not
	agrees to
	undertakes to
`)

var verbs = lines(`
	provide
	maintain
	deliver
	pay
	disclose
	use
	retain
	notify
	procure
	grant
	reimburse
	suspend
	audit
	certify
	invoice
	reserve
	allocate
	host
	operate
	monitor
	report
	document
	encrypt
	delete
	return
	protect
	license
	sublicense
	assign
	transfer
	review
	approve
	supply
	support
	remedy
	correct
	investigate
	cooperate with
	comply with
	make available
	implement
	test
	evaluate
	publish
	withhold
	restrict
	commercialize
	distribute
	train
	deploy
	benchmark
	escrow
	insure
	indemnify
	defend
	hold harmless
	inform
	consult
	record
	preserve
`)

var objects = lines(`
	the Services
	all Fees
	the undisputed Fees
	Confidential Information
	the Deliverables
	Customer Data
	any Intellectual Property Rights
	the Compute Capacity
	such records
	the Documentation
	reasonable assistance
	the Models
	the Model Weights
	any Derivative Model
	the Training Data
	the Evaluation Results
	the Service Levels
	any Service Credits
	all applicable Taxes
	the Security Measures
	a Security Incident
	the Reserved Capacity
	any Excess Usage
	the Revenue Share
	the API Revenue
	the Invoice
	the Quarterly Report
	the Audit Report
	the Transition Plan
	the Acceptance Criteria
	the Change Request
	the Key Personnel
	the Source Code
	the Escrow Materials
	the Insurance Policies
	any Third-Party Claim
	all Losses
	the Personal Data
	the Processing Records
	the Sub-processor List
	the Export Classification
	the Safety Policies
	the Usage Policies
	the Benchmark Results
	the Capacity Forecast
	the Roadmap
	the Premises
	the Equipment
	the Hardware
	the Data Centers
	the Region Commitments
	the Support Tickets
	the Maintenance Schedule
	the Notice
	the Materials
	the Feedback
	the Marks
	the Publicity Materials
	the Governance Charter
	the Dispute Notice
	any Force Majeure Event
	the Termination Assistance
	the Payment Schedule
	the Credit Note
	the Purchase Order
	the Statement of Work
	the Pricing Schedule
	the Discount
	the Minimum Commitment
	the Annual Commitment
`)

var timing = lines(`
	within N days after receipt of the Invoice
	within N days after the Effective Date
	no later than N Business Days after written notice
	promptly and in any event within N hours
	on or before the last day of each calendar quarter
	at least N days before the end of the Term
	during the Term and for N months thereafter
	within N days of a written request
	not more than once in any twelve-month period
	for a period of N years
	before the Commercial Launch Date
	on each anniversary of the Effective Date
	within N Business Days after Acceptance
	without undue delay
	at all times during the Term
	up to an aggregate amount of $N
	not exceeding $N in any Contract Year
	of not less than $N per occurrence
`)

var qualifiers = lines(`
	in accordance with Applicable Law
	subject to the terms of this Agreement
	to the extent permitted by Applicable Law
	at its own cost and expense
	using commercially reasonable efforts
	in a professional and workmanlike manner
	consistent with Good Industry Practice
	except as otherwise provided in this Agreement
	in each case acting reasonably and in good faith
	without the prior written consent of the other Party
	as set out in the applicable Statement of Work
	in accordance with the Security Measures
	on a non-exclusive and non-transferable basis
	on an exclusive basis within the Territory
	for the sole purpose of performing this Agreement
	to the reasonable satisfaction of the Steering Committee
	save in the case of fraud or wilful misconduct
	unless required by a Governmental Authority
	as reasonably requested by the other Party
	in a secure and segregated environment
	as described in the Documentation
	in the manner specified in the Pricing Schedule
	provided that such use does not breach the Usage Policies
	whether or not such Losses were foreseeable
	to the extent caused by its negligence
	free of any lien or encumbrance
	on a pro rata basis
	in the currency specified in the Invoice
	by secure electronic means
	with effect from the date of such notice
`)

var openers = lines(`
	Notwithstanding the foregoing
	Subject to Section 2.3
	Without limiting the generality of the foregoing
	For the avoidance of doubt
	Except as expressly set out in this Agreement
	Following the Commercial Launch Date
	Upon expiry or termination of this Agreement
	If a Security Incident occurs
	Where a Party disputes an Invoice in good faith
	During any Suspension Period
	In the event of a Change of Control
	Unless the Parties agree otherwise in writing
	To the extent that Applicable Law so requires
	On receipt of a valid Dispute Notice
	Where the Compute Capacity is unavailable
	If the Lab achieves a Model Milestone
	Prior to the Acceptance Date
	Save as provided in this Article
	In consideration of the Fees
	Where the Auditor identifies an overpayment
	From the Effective Date
	If either Party becomes insolvent
	As soon as reasonably practicable
	In the event of any inconsistency
	Without prejudice to any other right or remedy
`)

var termAdjs = lines(`
	Reserved
	Excess
	Derivative
	Commercial
	Confidential
	Critical
	Annual
	Minimum
	Qualified
	Restricted
	Permitted
	Approved
	Aggregate
	Material
	Frontier
`)

var termNouns = lines(`
	Capacity
	Usage
	Model
	Revenue
	Information
	Incident
	Commitment
	Spend
	Territory
	Purpose
	Subcontractor
	Milestone
	Deliverable
	Period
	Region
`)

// substitutes are the words an edit puts in place of another, or inserts.
var substitutes = strings.Fields(`
	promptly reasonably materially fully solely jointly severally expressly
	written prior additional applicable relevant reasonable material annual
	quarterly monthly aggregate maximum minimum exclusive non-exclusive
	all any each such other further certain respective initial final
	provide deliver maintain procure notify perform make ensure supply
	Services Fees Data Capacity Models Deliverables Information Rights
	Party Provider Lab Licensee Customer Auditor Committee Affiliate
	days months years hours weeks period term notice request consent
	agreement approval invoice report records policy plan schedule
	shall may will must not only also promptly thereafter therein hereunder
	including excluding regarding concerning under within after before
	commercially technically operationally financially legally
	confidential proprietary secure encrypted segregated documented
	approved accepted rejected disputed undisputed outstanding overdue
	termination expiry renewal suspension breach default remedy cure
	liability indemnity warranty insurance audit compliance security
	region zone cluster instance workload endpoint interface platform
	weights parameters checkpoints evaluations benchmarks safeguards
`)
