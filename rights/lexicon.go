package rights

import (
	"strings"
)

// The lexicon: the words and patterns the classifier reads clauses by.
// Every pattern runs on a sentence lower-cased byte for byte (ASCII only,
// so offsets stay those of the text), which is why none of them needs a
// case-insensitive flag; only the patterns for sums and percentages read
// the text as written ("US$").

// Fragments shared by the patterns below.
const (
	// neg is a negative obligation: what a party must not do.
	neg = `(?:neither party (?:shall|will|may)|no party (?:shall|will|may)|shall not|will not|must not|may not|cannot|can ?not|agrees? not to|undertakes? not to|covenants? not to|(?:shall|will) refrain from|(?:is|are) not (?:permitted|entitled|allowed) to|(?:shall|will) not be (?:permitted|entitled|allowed) to|(?:shall|will) in no event|(?:shall|will) at no time)`
	// gap is a run of words inside one sentence.
	gap = `(?:[^.;:]|\.\d)`
	// dur is a duration as written, with or without the figure in words.
	dur = `(?:[a-z-]+ )?\(?\d+\)?[ -](?:business |calendar |working )?(?:day|week|month|year)s?|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|twenty-four|thirty|forty-five|sixty|ninety)[ -](?:business |calendar |working )?(?:day|week|month|year)s?`
)

// Patterns of the categories. Each is explained where a rule uses it.
var (
	// Exclusivity.
	reExclusiveRole  = mustPat(`\b(?:exclusive|sole(?: and exclusive)?)\s+((?:[a-z-]+\s+){0,4}?)(provider|supplier|distributor|reseller|dealer|agent|sales agent|representative|licensee|partner|vendor|source|manufacturer|purchaser|customer|seller|retailer|wholesaler|importer|marketer|licensor|contractor)s?\b`)
	reExclusiveRight = mustPat(`\b(?:exclusive|sole and exclusive|sole)\s+(?:and\s+[a-z-]+\s+|,\s*[a-z-]+\s*,?\s*)*(?:right|rights|licen[cs]e|licen[cs]es|appointment|franchise|distributorship|dealership|agency)\b`)
	reExclusiveVia   = mustPat(`\b(?:exclusively|only|solely)\s+(?:on|from|through|by|with|in|to|via|using)\s+(?:the\s+)?`)
	reOtherThan      = mustPat(`\b(?:from|to|with|through|on|by|in|for)\s+(?:any|another)\s+(?:[a-z-]+\s+){0,3}?(?:other\s+than|except|but)\s+(?:the\s+)?`)
	reAnyOther       = mustPat(`\b(?:from|to|with|through|by|appoint|engage|use)\s+(?:any\s+(?:other|third[- ]party|alternative)\s+|another\s+)(?:[a-z-]+\s+){0,2}?(?:provider|supplier|distributor|reseller|dealer|agent|vendor|source|manufacturer|licensee|person|party|entity)\b`)
	// reRenewalEnd is what a notice period to stop a renewal is about:
	// the renewal, an extension, or the end of a term.
	reRenewalEnd     = mustPat(`\b(?:renew\w*|non-renewal|extend\s+(?:it|this|the)|extension\s+of\s+(?:this|the)|(?:expiry|expiration|end)\s+of\s+(?:the\s+|a\s+|any\s+|each\s+)?(?:then[- ]current\s+|current\s+|initial\s+|renewal\s+)?(?:term|period))\b`)
	reNegExclusive   = mustPat(`\b(?:non[- ]?exclusiv|not\s+(?:be\s+)?exclusiv|no\s+exclusiv|without\s+(?:any\s+)?exclusiv|waives?\s+(?:the\s+|its\s+|any\s+)?exclusiv)`)
	reExclusiveFalse = mustPat(`\bexclusive\s+of\b|\bexclusive\s+(?:jurisdiction|venue|forum|remedy|remedies|property|ownership|owner|control|discretion|responsibility|liability|means|use of (?:the )?(?:customer|recipient))|\bsole\s+(?:and\s+exclusive\s+)?(?:discretion|remedy|remedies|option|judgment|judgement|cost|expense|risk|responsibility|liability|property|owner|ownership|benefit|purpose|member|shareholder|director|officer|judge|arbiter|right to terminate|obligation|recourse|source of|determination)|\bmutually exclusive|\bexclusive(?:ly)?\s+(?:for|in)\s+(?:the\s+)?(?:purpose|benefit)|\bexclusively\s+(?:for|in)\s+(?:the\s+)?(?:purposes?|connection|accordance)`)
	reNothingGrants  = mustPat(`\b(?:nothing\s+in\s+this|nothing\s+herein|nothing\s+contained|does\s+not|do\s+not|shall\s+not\s+be\s+construed|is\s+not|are\s+not|not\s+intended|will\s+not\s+be\s+construed)\b` + gap + `{0,120}\b(?:grant|confer|create|give|impose|establish|restrict|prevent|preclude|prohibit|limit|constitute|exclusiv)`)
	reNotRestricted  = mustPat(`\b(?:is|are|shall\s+not\s+be|will\s+not\s+be)\s+(?:not\s+)?(?:restricted|prevented|precluded|prohibited|limited)\s+from\b|\bfree\s+to\b|\bmay\s+(?:freely\s+)?(?:compete|engage|deal|appoint)\b`)

	// Non-compete.
	reNonCompete = mustPat(`\b` + neg + gap + `{0,160}?\b(?:compet(?:e|es|ing|itive|itor|itors|ition)|rival)\b|\bnon[- ]?compet(?:e|ition)\b|\bin\s+competition\s+with\b` + gap + `{0,10}`)
	reCompeteDo  = mustPat(`\b(?:engage|carry\s+on|participate|invest|be\s+(?:engaged|interested|concerned|involved)|own|manage|operate|develop|market|sell|distribute|offer|provide|manufacture|produce|establish|compete|promote|represent|acquire|have\s+any\s+interest|render|work|act|serve|be\s+employed|assist)\b`)

	// Non-solicit.
	reNonSolicit = mustPat(`\b` + neg + gap + `{0,100}?\b(?:solicit|solicits|hire|hires|employ|employs|recruit|recruits|entice|entices|induce|induces|engage|engages|poach|offer\s+employment)\b` + gap + `{0,120}?\b(employees?|personnel|staff|officers|contractors?|consultants?|workers|customers?|clients?|suppliers?|distributors?|collaborators?|research\s+collaborators?)\b|\bnon[- ]?solicit`)

	// Licence grant.
	reLicenseGrant      = mustPat(`\b(?:hereby\s+grants?|grants?|granted|shall\s+grant|will\s+grant|agrees?\s+to\s+grant|hereby\s+licen[cs]es)\b` + gap + `{0,200}?\blicen[cs]e\b|\b(?:hereby\s+)?licen[cs]es\s+(?:to\s+)?(?:the\s+)?[a-z-]+\b` + gap + `{0,40}?\bright\s+to\b|\b(?:grants?|granted)\b` + gap + `{0,80}?\bright\b` + gap + `{0,60}?\bto\s+(?:\w+\s+){0,4}?(?:use|reproduce|copy|modify|distribute|sell|make|sublicen[cs]e|display|perform|access|exploit|market|manufacture)`)
	reNoLicense         = mustPat(`\bno\s+\w+\s+(?:makes?|gives?|grants?)\s+(?:any\s+)?(?:additional\s+|other\s+|further\s+)?(?:grants?|licen[cs]es?|rights?)\b|\bno\s+(?:other\s+|\w+\s+)?(?:licen[cs]e|right|rights)\b` + gap + `{0,40}\b(?:is|are|shall\s+be|will\s+be)\s+(?:granted|implied)|\bnot\s+(?:be\s+)?(?:construed\s+as\s+)?(?:grant|granting|conferring)|\bnothing\b` + gap + `{0,100}\b(?:grant|licen[cs]e|confer)|\bexcept\s+(?:as|for)\s+(?:expressly|the\s+licen)`)
	rePerpetual         = mustPat(`\b(?:perpetual|irrevocable|in\s+perpetuity|perpetually)\b`)
	reNotPerpetual      = mustPat(`\b(?:non[- ]?perpetual|revocable|not\s+(?:be\s+)?(?:perpetual|irrevocable))\b`)
	reNonTransfer       = mustPat(`\b(?:non[- ]?transferr?able|non[- ]?assignable|non[- ]?sub-?licen[cs]able|not\s+(?:be\s+)?(?:transferr?able|assignable|sub-?licen[cs]able)|without\s+(?:the\s+)?right\s+to\s+(?:sub-?licen[cs]e|transfer|assign))\b`)
	reLicenseNoTransfer = mustPat(`\blicen[cs]e` + gap + `{0,80}\b(?:may|shall)\s+not\s+(?:be\s+)?(?:assign|transfer|sub-?licen[cs])`)

	// Rights of first refusal, offer and negotiation.
	reFirstRefusal = mustPat(`\b(?:right\s+of\s+first\s+refusal|first\s+refusal|right\s+to\s+match|(?:match|equal)\s+(?:the|any|such)\s+(?:third[- ]party\s+)?(?:offer|terms|bid|proposal)|on\s+terms\s+no\s+(?:more|less)\s+favou?rable\s+to\s+(?:that|such|the)\s+(?:person|third\s+party|party|purchaser|buyer)|elect\s+` + gap + `{0,40}?to\s+(?:supply|purchase|acquire|buy|accept|take)\b)`)
	reFirstOffer   = mustPat(`\b(?:right\s+of\s+first\s+(?:offer|negotiation)|first\s+(?:offer|offered|negotiat\w*)|right\s+to\s+(?:first\s+)?negotiate|first\s+opportunity\s+to|(?:negotiate|negotiations)\s+exclusively|exclusive\s+negotiation)`)
	reNoFirst      = mustPat(`\b(?:no|not\s+have\s+any|waives?\s+(?:any|its|all))\s+(?:right\s+of\s+first|first)\b`)

	// Most favoured nation.
	reMFN        = mustPat(`\bmost[- ]favou?red\b|\b(?:no|not)\s+(?:less|more)\s+favou?rable\b|\bat\s+least\s+as\s+favou?rable\b|\b(?:lowest|best)\s+(?:net\s+)?(?:price|prices|rate|rates|terms|pricing)\b|\blower\s+(?:price|prices|rate|rates|fees?|percentage|royalty)\b|\bmore\s+favou?rable\s+(?:price|prices|terms|rates?|pricing)\b|\b(?:no|not)\s+(?:higher|greater)\s+than\s+(?:those|the)\s+(?:prices?|fees?|rates?|charges?)\b`)
	reMFNCompare = mustPat(`\b(?:any|other|another|similarly\s+situated|comparable)\s+(?:third[- ]part(?:y|ies)\s+|other\s+|similarly\s+situated\s+)?(?:customers?|licensees?|clients?|purchasers?|buyers?|resellers?|distributors?|third[- ]part(?:y|ies)|persons?|entit(?:y|ies)|parties)\b`)

	// Intellectual property ownership passing to a party.
	reIPAssign = mustPat(`\bright,?\s+title\s+and\s+interest\b` + gap + `{0,120}?\b(?:is|are|shall\s+be|will\s+be)\s+(?:hereby\s+)?(?:assigned|transferred|vested)\b|\b(?:hereby\s+)?(?:assigns?|transfers?|conveys?|shall\s+assign|will\s+assign|agrees\s+to\s+assign|irrevocably\s+assigns?)\b` + gap + `{0,120}?\b(?:right,?\s+title\s+and\s+interest|intellectual\s+property|ownership|copyright|patent)|\b(?:shall|will)\s+(?:vest|be\s+vested|automatically\s+vest)\s+(?:in|with)\b|\b(?:vest|vests)\s+(?:absolutely\s+)?(?:in|with)\b|\b(?:shall|will)\s+(?:be|become|remain)\s+the\s+(?:sole\s+and\s+exclusive\s+|exclusive\s+|sole\s+|absolute\s+)?property\s+of\b|\bworks?\s+made\s+for\s+hire\b|\b(?:shall|will)\s+(?:solely\s+|exclusively\s+)?(?:own|be\s+owned\s+by)\b`)
	reIPWork   = mustPat(`\b(?:deliverables?|work\s+product|developments?|improvements?|inventions?|results|foreground|works?\s+made\s+for\s+hire|modifications|derivative\s+works?|creations|new\s+ip|feedback|custom|bespoke|creat(?:e|es|ed)|develop(?:s|ed)|conceiv(?:e|es|ed)|arising|generat(?:e|es|ed)|produc(?:e|es|ed)|made\s+by|artwork|software|materials)\b`)
	reIPNot    = mustPat(`\bnothing\b` + gap + `{0,80}\b(?:transfer|assign|vest)|\bno\b` + gap + `{0,40}\b(?:shall\s+be|is|are)\s+(?:assigned|transferred)|\bretains?\b`)

	// Audit.
	reAudit    = mustPat(`\b(?:audit|inspect|examine|review)\b` + gap + `{0,100}?\b(?:records|books|accounts|premises|facilities|sites|systems|compliance|statements|documentation|operations|calculations)\b|\b(?:audit|inspection)\s+(?:rights?|right)\b|\bright\s+to\s+(?:audit|inspect)\b`)
	reAuditMay = mustPat(`\b(?:may|shall\s+(?:be\s+entitled|have\s+the\s+right)|(?:is|are)\s+entitled|will\s+have\s+the\s+right|has\s+the\s+right|have\s+the\s+right|permit|allow|grant|provide|afford|right\s+to)\b`)
	reAuditNot = mustPat(`\baudit\s+committee|\baudited\s+(?:financial|accounts)|\bno\s+(?:right\s+to\s+)?audit|\bnot\s+(?:be\s+)?(?:entitled|permitted)\s+to\s+audit`)

	// Source code escrow.
	reEscrow    = mustPat(`\bescrow\b`)
	reEscrowSrc = mustPat(`\bsource\s+code|\bescrow\s+materials|\bdeposit(?:s|ed)?\b`)
	reEscrowNot = mustPat(`\b(?:no|not)\s+(?:be\s+)?(?:obligat\w+|required)\b` + gap + `{0,40}escrow|\bno\s+escrow`)

	// Change of control.
	reCoC    = mustPat(`\bchange\s+(?:of|in)\s+(?:the\s+)?(?:control|ownership)\b|\b(?:merger|consolidation|acquisition|reorgani[sz]ation|amalgamation)\b` + gap + `{0,80}\b(?:terminat|consent|notif|notice)|\b(?:sale|transfer)\s+of\s+(?:all\s+or\s+substantially\s+all|a\s+majority|more\s+than\s+(?:fifty|50))`)
	reCoCAct = mustPat(`\b(?:terminat\w*|consent|notif\w*|notice|deemed\s+(?:an\s+)?assignment|assign\w*|approv\w*)\b`)

	// Anti-assignment.
	reAssign        = mustPat(`\b(?:assign|assigned|transfer|transferred|novate|delegate|sub-?contract)\b`)
	reAssignObj     = mustPat(`\b(?:this\s+agreement|agreement|its\s+rights|any\s+(?:of\s+its\s+)?rights|rights\s+(?:and|or)\s+obligations|obligations|any\s+interest|hereunder|under\s+this\s+agreement|this\s+lease|this\s+contract|these\s+terms|the\s+premises|the\s+lease|this\s+licen[cs]e)\b`)
	reAssignLimit   = mustPat(`\b(?:` + neg + `|neither\s+party\s+(?:may|shall|will)|no\s+party\s+(?:may|shall|will)|without\s+(?:the\s+)?(?:prior\s+)?(?:express\s+)?(?:written\s+)?(?:consent|approval|agreement)|subject\s+to\s+(?:the\s+)?(?:prior\s+)?(?:written\s+)?consent|only\s+with|void|null\s+and\s+void|prior\s+written\s+notice)`)
	reAssignConsent = mustPat(`\b(?:consent|approval|agreement\s+of|notice)\b`)

	// Termination for convenience.
	reTerminate   = mustPat(`\bterminat(?:e|ed|es|ion)\b|\b(?:end|cancel)\s+(?:this|the)\s+(?:agreement|lease|contract|terms|licen[cs]e|subscription)\b`)
	reConvenience = mustPat(`\bfor\s+(?:any\s+(?:or\s+no\s+)?reason|no\s+reason|(?:its\s+)?convenience|any\s+reason\s+or\s+no\s+reason)\b|\bwithout\s+(?:cause|reason|giving\s+(?:any\s+)?reason|liability\s+for\s+(?:such\s+)?termination)\b|\bat\s+will\b|\bat\s+any\s+time\b` + gap + `{0,40}\b(?:by|upon|on|with)\s+(?:giving\s+)?(?:not\s+less\s+than\s+|at\s+least\s+|no\s+less\s+than\s+)?(?:` + dur + `)|\bat\s+(?:its|their)\s+(?:sole\s+)?(?:discretion|election|option)\b`)
	reForCause    = mustPat(`\b(?:breach|infring|litigation|insolven|bankrupt|default|fails?\s+to|failure|winding|liquidat|receiver|administrat|force\s+majeure|change\s+of\s+control)`)
	reNoTerminate = mustPat(`\b(?:may\s+not|shall\s+not|cannot|will\s+not|no\s+right\s+to|neither\s+party\s+(?:may|shall|will))\b` + gap + `{0,40}\bterminat`)

	// Liability.
	reCap       = mustPat(`\b(?:liability|liable)\b` + gap + `{0,200}?\b(?:(?:shall|will|does|do)\s+not\s+(?:in\s+(?:the\s+)?aggregate\s+)?exceed|not\s+to\s+exceed|(?:be\s+)?limited\s+to|capped\s+at|in\s+excess\s+of|exceeding|(?:shall|will)\s+be\s+limited)\b|\bliable\s+(?:for|to)\b` + gap + `{0,60}?\b(?:more|greater)\s+than\b|\b(?:maximum|aggregate|total|cumulative)\s+(?:aggregate\s+)?liability\b` + gap + `{0,120}?\b(?:exceed|limited|is|equal)\b`)
	reExclusion = mustPat(`\b(?:not\s+be\s+liable|(?:neither|no)\s+party\s+(?:shall|will|is)\s+(?:be\s+)?liable|(?:neither|no)\s+party\s+(?:shall|will|is)\s+(?:be\s+)?liable|in\s+no\s+event\s+(?:shall|will)\b` + gap + `{0,60}\bliable|no\s+liability|shall\s+not\s+have\s+any\s+liability|(?:is|are)\s+not\s+liable)\b` + gap + `{0,120}?\b(?:indirect|incidental|special|consequential|punitive|exemplary|loss\s+of\s+(?:profits?|revenue|business|goodwill|data)|lost\s+profits)`)
	reUncapped  = mustPat(`\b(?:(?:shall|will|does|do)\s+not|nothing` + gap + `{0,80})\s*(?:apply\s+to|limits?|excludes?|restricts?|caps?)\b` + gap + `{0,60}?\b(?:liabilit(?:y|ies)|breach|fraud|indemni|death|gross\s+negligence|wil+ful)|\b(?:limitations?|exclusions?|caps?|limits?)\b` + gap + `{0,100}?\b(?:shall|will|do|does)\s+not\s+apply\b|\b(?:neither\s+party|no\s+party)\s+(?:limits?|excludes?|restricts?)\b|\bunlimited\s+liability\b|\bliability\b` + gap + `{0,60}\b(?:shall|will)\s+be\s+unlimited\b|\bwithout\s+(?:any\s+)?limit(?:ation)?\b` + gap + `{0,20}\bliab`)
	reLiability = mustPat(`\bliab(?:le|ility|ilities)\b|\bdamages\b`)

	// Liquidated damages and other money terms.
	reLiquidated   = mustPat(`\bliquidated\s+damages\b|\bgenuine\s+pre-?estimate\b|\b(?:agreed|fixed)\s+(?:sum|amount)\s+(?:of|as)\s+(?:compensation|damages)\b|\b(?:as|by\s+way\s+of)\s+(?:a\s+)?(?:penalty|liquidated)\b|\b(?:late\s+delivery|delay)\s+(?:charges?|damages|penalt(?:y|ies))\b`)
	reLiquidNot    = mustPat(`\bnothing\b` + gap + `{0,80}\bliquidated|\bno\s+liquidated|\bnot\s+(?:be\s+)?(?:liable\s+for\s+)?liquidated|\bnot\s+(?:constitute|be)\s+(?:a\s+)?(?:penalty|liquidated)`)
	reMinimum      = mustPat(`\b(?:purchase|buy|order|spend|procure)\w*\b` + gap + `{0,160}?\b(?:not\s+less\s+than|no\s+less\s+than|at\s+least|a\s+minimum\s+of)\b|\b(?:minimum|at\s+least|not\s+less\s+than|no\s+less\s+than|a\s+total\s+of)\b` + gap + `{0,80}?\b(?:purchase|purchases|order|orders|units?|quantit(?:y|ies)|volume|spend|fees?|commitment|royalt(?:y|ies)|revenue|buy|requirements|cases|tons?|licen[cs]es|seats|committed)\b|\b(?:minimum|committed)\s+(?:purchase|order|annual|quantity|commitment|spend|royalty|volume|fee|revenue|payment)s?\b|\btake[- ]or[- ]pay\b|\bcommitted\s+spend\b`)
	reMinimumNot   = mustPat(`\bnothing\b` + gap + `{0,100}\b(?:minimum|at\s+least|not\s+less\s+than)|\bno\s+minimum|\bnot\s+(?:be\s+)?(?:required|obligated|obliged)\s+to\s+(?:purchase|order|buy|spend)|\bno\s+obligation\s+to\s+(?:purchase|order|buy|spend)|\bwithout\s+(?:any\s+)?minimum`)
	reMoneyOrCount = mustPat(`\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand|million|billion)\b`)
	reRevenue      = mustPat(`(?:\d+(?:\.\d+)?\s*(?:%|percent\b|per\s+cent\b)|\b(?:half|one[- ]half|one[- ]third|a\s+share|equal\s+shares?|portion|proportion)\b)` + gap + `{0,80}?\b(?:revenues?|profits?|net\s+sales|gross\s+sales|receipts|income|proceeds|sales|margin|fees\s+(?:collected|received)|amounts\s+(?:received|collected|invoiced)|royalt)|\b(?:profits?|revenues?|net\s+income|proceeds)\b` + gap + `{0,60}?\b(?:shared|split|divided)\s+(?:equally|between|among)|\brevenue[- ]shar|\bprofit[- ]shar|\bshare\b` + gap + `{0,20}\b(?:profits?|revenues?|net\s+income)\b|\broyalt(?:y|ies)\b` + gap + `{0,60}?\d+(?:\.\d+)?\s*(?:%|percent)`)
	reRevenueNot   = mustPat(`\binterest\b|\blate\s+payment|\boverdue|\bservice\s+credits?|\bcredits?\s+equal|\bdiscount|\bvoting|\bownership\s+of|\btax(?:es)?\b` + gap + `{0,20}%|\bwithhold`)
	rePayTo        = mustPat(`\b(?:pay|pays|paid|remit|remits|share|shares|distribute|allocate)\b`)
	reReceive      = mustPat(`\b(?:receive|receives|be\s+entitled\s+to|is\s+entitled\s+to|are\s+entitled\s+to|retain|retains|earn|earns)\b`)
	rePriceLimit   = mustPat(`\b` + neg + gap + `{0,40}?\b(?:increase|raise|change|reduce|decrease|adjust|modify)\b` + gap + `{0,40}?\b(?:prices?|fees?|rates?|charges?|pricing|tariffs?|rent)\b|\b(?:prices?|fees?|rates?|charges?|pricing)\b` + gap + `{0,60}?\b(?:shall|will)\s+(?:remain|be)\s+(?:fixed|firm|unchanged|frozen)\b|\b(?:prices?|fees?|rates?|charges?|pricing)\b` + gap + `{0,60}?\b(?:increases?|adjustments?)\b` + gap + `{0,60}?\b(?:shall|will)\s+not\s+exceed\b|\b(?:increase|raise|adjust)\b` + gap + `{0,40}?\b(?:prices?|fees?|rates?|charges?)\b` + gap + `{0,60}?\b(?:by\s+(?:no|not)\s+more\s+than|more\s+than\s+once|by\s+more\s+than|not\s+to\s+exceed|capped\s+at|limited\s+to)\b|\bprice\s+(?:cap|freeze|protection)\b|\bno\s+(?:price\s+)?(?:increase|adjustment)s?\b` + gap + `{0,60}?\b(?:shall|will|may)\s+exceed\b|\b(?:increases?|adjustments?)\s+(?:in|to|of)\s+(?:the\s+)?(?:prices?|fees?|rates?|charges?|pricing|rent)\b` + gap + `{0,60}?\b(?:shall|will)\s+not\s+exceed\b|\b(?:prices?|fees?|rates?|charges?|pricing|rent)\b` + gap + `{0,60}?\b(?:shall|will|may)\s+(?:only\s+)?(?:not\s+)?(?:be\s+)?(?:increased|raised|adjusted|reduced|decreased)\b` + gap + `{0,80}?\b(?:by\s+(?:no|not)\s+more\s+than|no\s+more\s+than|not\s+more\s+than|more\s+than\s+once|not\s+to\s+exceed|capped|limited|upward|downward)|\b(?:prices?|fees?|rates?|charges?|pricing|rent)\b` + gap + `{0,60}?\b(?:shall|will|may)\s+not\s+be\s+(?:increased|raised|reduced|decreased)\b`)

	// Warranty duration.
	reWarranty    = mustPat(`\b(?:warrant(?:s|y|ies|ed)?|guarantee(?:s|d)?)\b`)
	reWarrantyDur = mustPat(`\bwarranty\s+period\b|\b(?:for|within|during)\s+(?:a\s+)?(?:period\s+of\s+)?(?:` + dur + `)\b` + gap + `{0,40}\b(?:after|from|following|of)\b|\b(?:for|during)\s+(?:a\s+)?(?:period\s+of\s+)?(?:` + dur + `)\b`)
	reWarrantyNot = mustPat(`\b(?:no|any)\s+(?:other\s+)?(?:warrant(?:y|ies))\b` + gap + `{0,40}\b(?:disclaim|excluded|given|made)|\bdisclaim|\bas\s+is\b|\bmakes?\s+no\s+warrant`)

	// Insurance.
	reInsurance    = mustPat(`\b(?:maintain|carry|obtain|procure|keep|effect|take\s+out|purchase|have)\b` + gap + `{0,100}?\binsurance\b|\binsurance\b` + gap + `{0,80}?\b(?:coverage|policy|policies|cover)\b` + gap + `{0,60}?\b(?:of\s+not\s+less|of\s+at\s+least|with\s+limits|in\s+(?:the\s+)?amount|no\s+less)|\b(?:shall|will|must)\s+(?:\w+\s+){0,2}?insure\b|\badditional\s+insureds?\b|\bnamed\s+(?:as\s+)?(?:an\s+)?additional\s+insured`)
	reInsuranceNot = mustPat(`\bnot\s+(?:be\s+)?required\s+to\s+(?:maintain|carry|obtain)|\bno\s+obligation\s+to\s+(?:maintain|carry|obtain)`)

	// Covenant not to sue.
	reNoSue    = mustPat(`\bcovenants?\s+not\s+to\s+(?:sue|assert|bring)\b|\b` + neg + gap + `{0,60}?\b(?:sue|bring|commence|institute|initiate|assert|file|maintain|prosecute)\b` + gap + `{0,60}?\b(?:claims?|actions?|suits?|proceedings?|lawsuits?|litigation)\b|\b` + neg + gap + `{0,40}?\b(?:challenge|contest|dispute|attack|oppose)\b` + gap + `{0,60}?\b(?:validity|ownership|enforceability|title|rights?\s+in|patents?|trade\s*marks?)\b`)
	reNoSueNot = mustPat(`\b(?:more\s+than|after|later\s+than|following\s+the\s+expiry)\b` + gap + `{0,40}\b(?:years?|months?|days?)\b|\b(?:years?|months?)\s+after\b`)

	// Third-party beneficiaries.
	reThirdBen    = mustPat(`\bthird[- ]party\s+beneficiar(?:y|ies)\b|\bintended\s+beneficiar(?:y|ies)\b|\bexpress\s+beneficiar|\b(?:may|shall\s+be\s+entitled\s+to|is\s+entitled\s+to)\s+enforce\b` + gap + `{0,80}\b(?:third\s+parties|rights\s+of\s+third)`)
	reThirdBenNot = mustPat(`\bno\s+(?:third[- ]party|person|other\s+person|intended)\b|\bnot\s+(?:intended\s+to\s+)?(?:be\s+)?(?:confer|create|give|a\s+third|an?\s+intended|third[- ]party)|\bnothing\b` + gap + `{0,120}\b(?:confer|create|give|grant|benefit)|\bthere\s+(?:are|is)\s+no\b|\bno\s+rights?\b|\bsolely\s+for\s+the\s+benefit\s+of\s+the\s+parties|\bexclusively\s+for\s+the\s+benefit\s+of\s+the\s+parties|\bshall\s+not\s+have\s+any\s+right`)

	// Post-termination services.
	rePostTerm     = mustPat(`\b(?:after|following|upon|on|from|at)\s+(?:the\s+|any\s+|its\s+)?(?:expiry|expiration|termination|end)\b`)
	rePostTermWhat = mustPat(`\bcontinue\s+to\s+(?:provide|supply|support|serve|use|sell|host|perform|make\s+available|have\s+access|access)\b|\btransition(?:al)?\s+(?:assistance|services|period|support)\b|\b(?:termination|exit)\s+(?:assistance|services|support|management)\b|\bwind[- ]down\b|\bassistance\b` + gap + `{0,80}?\b(?:transfer|transition|migrat\w*|replacement|successor|new\s+(?:supplier|provider))\b|\brun[- ]off\b|\bsell[- ]off\b|\bsell\s+(?:off\s+)?(?:its|any|the)?\s*(?:remaining\s+)?(?:stock|inventory)\b|\b(?:return|export|retrieve|retrieval)\s+(?:of\s+)?(?:all\s+)?(?:the\s+)?(?:[a-z]+\s+)?data\b|\bmigrat\w+\b|\bcontinue\s+(?:in\s+force|to\s+apply)\b` + gap + `{0,20}\blicen`)
	reTransition   = mustPat(`\b(?:transition(?:al)?|termination|exit)\s+(?:assistance|services)\b`)

	// Non-disparagement.
	reDisparage = mustPat(`\b` + neg + gap + `{0,120}?\b(?:disparag\w*|derogatory|defamatory|denigrat\w*|negative\s+(?:statements?|comments?|remarks?)|critici[sz]e|untrue\s+or\s+misleading\s+statements?)\b|\bnon[- ]?disparage`)

	// Governing law.
	reGovLaw  = mustPat(`\b(?:governed\s+by|construed\s+(?:and\s+enforced\s+)?(?:in\s+accordance\s+with|under)|interpreted\s+(?:in\s+accordance\s+with|under)|subject\s+to)\s+(?:and\s+(?:construed|interpreted)\s+(?:in\s+accordance\s+with|under)\s+)?(?:the\s+)?(?:substantive\s+|internal\s+|federal\s+|domestic\s+)?laws?\s+of\s+(?:the\s+)?(?:state\s+of\s+|commonwealth\s+of\s+|province\s+of\s+|republic\s+of\s+|kingdom\s+of\s+)?`)
	reGovVerb = mustPat(`\blaws?\s+of\s+(?:the\s+)?(?:state\s+of\s+|commonwealth\s+of\s+|province\s+of\s+|republic\s+of\s+|kingdom\s+of\s+)?([a-z][a-z ]{1,40}?)\s+(?:shall\s+|will\s+)?govern(?:s)?\b`)
	reGovAdj  = mustPat(`\b(?:governed\s+by|construed\s+(?:in\s+accordance\s+with|under)|subject\s+to)\s+(?:the\s+)?((?:[a-z]+\s+){1,3}?)law\b`)
	reGovStop = mustPat(`[,;.(]|\s(?:without|excluding|and\s+(?:the|any)|and\s+shall|and\s+each|applicable|as\s+applied|except|which|that|in\s+all|including|regardless|notwithstanding|irrespective|for\s+contracts|applicable\s+to)\b`)

	// Renewal.
	reRenewal    = mustPat(`\b(?:renew(?:s|ed|al)?\b` + gap + `{0,80}?\b(?:automatically|successive|additional|further|renewal|consecutive|another)|(?:extend(?:s|ed)?|continue[sd]?)\s+(?:automatically|for\s+(?:successive|additional|further|consecutive|another)))\b` + gap + `{0,60}?\b(?:periods?|terms?|years?|months?)\b|\bautomatic(?:ally)?\s+(?:renew|extend|extension|renewal)|\bevergreen\b|\b(?:shall|will)\s+continue\b` + gap + `{0,40}\b(?:thereafter|after)\b` + gap + `{0,60}\buntil\s+terminated\b|\bthereafter\s+(?:it\s+)?(?:renews|continues|shall\s+continue|will\s+continue)|\bcontinue[sd]?\b` + gap + `{0,100}?\b(?:thereafter|after\s+that|after\s+(?:the|its)\s+(?:initial|expiry))\b` + gap + `{0,60}?\buntil\s+terminated`)
	reRenewalCtx = mustPat(`\b(?:agreement|term|lease|contract|subscription|licen[cs]e\s+period|initial\s+period|order\s+form)\b`)
	reRenewalNot = mustPat(`\b(?:shall|will)\s+not\s+(?:automatically\s+)?(?:renew|be\s+renewed|be\s+extended)|\bno\s+(?:automatic\s+)?(?:renewal|extension)|\bonly\s+by\s+(?:mutual\s+)?(?:written\s+)?agreement|\bby\s+mutual\s+(?:written\s+)?agreement|\bmay\s+be\s+(?:renewed|extended)\s+(?:by|upon|on|with)\s+(?:the\s+)?(?:mutual|written\s+agreement)`)

	// Notice periods to end the agreement or stop a renewal.
	reNoticePeriod = mustPat(`\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than|upon|on|with|by\s+giving|giving|give|gives|provide|provides|no\s+later\s+than|a\s+minimum\s+of)\s+(?:the\s+other\s+party\s+)?(?:` + dur + `)['’]?s?['’]?\s+(?:prior\s+|advance\s+|previous\s+)?(?:written\s+)?(?:notice|notification)|\bnotice\b` + gap + `{0,80}?\b(?:at\s+least|not\s+less\s+than|no\s+less\s+than|no\s+later\s+than|a\s+minimum\s+of)\s+(?:` + dur + `)\s+(?:before|prior\s+to|in\s+advance)|\b(?:` + dur + `)['’]?s?['’]?\s+(?:prior\s+|advance\s+)?(?:written\s+)?notice`)
	reNoticeWhy    = mustPat(`\bterminat|\bend\s+(?:this|the)\s+(?:lease|contract|terms)|\bnon-?renewal|\bnot\s+to\s+renew|\brenew|\bcancel|\bend\s+(?:this|the)\s+agreement|\bexpir`)

	// Figures, dates and carve-outs. Sums and percentages are read on the
	// text as written ("US$"); periods, dates and carve-outs on the
	// lower-cased text, which has the same offsets.
	rePercent  = mustPat(`(\d+(?:\.\d+)?)\s*(?:%|percent\b|per\s+cent\b)`)
	reMoney    = mustPat(`(US\$|U\.S\.\s?\$|USD\s?|EUR\s?|GBP\s?|CHF\s?|\$|€|£)\s?(\d[\d,]*(?:\.\d+)?)(?:\s*(million|billion|thousand|m|bn|k)\b)?`)
	reDuration = mustPat(`\b(?:([a-z]+(?:-[a-z]+)?)\s+)?\(?(\d+)\)?[\s-]+(business\s+|calendar\s+|working\s+)?(day|week|month|year)s?\b|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|eighteen|twenty|twenty-four|thirty|forty-five|sixty|ninety)[\s-]+(business\s+|calendar\s+|working\s+)?(day|week|month|year)s?\b`)
	reEndDate  = mustPat(`\b(?:until|through|to|ending\s+on|expiring\s+on|expires\s+on|up\s+to\s+and\s+including|till|no\s+later\s+than|by)[\s\x{a0}]+(?:and[\s\x{a0}]+including[\s\x{a0}]+)?((january|february|march|april|may|june|july|august|september|october|november|december)[\s\x{a0}]+(\d{1,2}),?[\s\x{a0}]+(\d{4})|(\d{1,2})[\s\x{a0}]+(january|february|march|april|may|june|july|august|september|october|november|december),?[\s\x{a0}]+(\d{4})|(\d{4})-(\d{2})-(\d{2}))`)
	reTermText = mustPat(`\b(?:during|throughout|for)\s+the\s+(?:initial\s+|then[- ]current\s+|remainder\s+of\s+the\s+)?(?:term|licence\s+period|license\s+period|exclusivity\s+period)\b|\bin\s+perpetuity\b|\bperpetual\b|\bfor\s+(?:a\s+(?:period|term)\s+of\s+)?(?:[a-z-]+\s+)?\(?\d+\)?\s+(?:years?|months?)\b`)
	reCarveOut = mustPat(`\b(?:except|other\s+than|provided(?:,)?\s+(?:however,?\s+)?that|subject\s+to|unless|excluding|save\s+(?:that|as|for))\b`)
	reCarveEnd = mustPat(`[,;.:]\s|[;:]$|\.$`)
)

// stopList holds the words left out of a scope's Words, space-separated
// with a space at each end: they say nothing of what a right covers.
const stopList = " a about above after all also an and any are as at be been being between both but by can could do does each either for from further had has have having he her here hereby herein hereof hereunder his how i if in into is it its itself may might more most must no nor not of on once only or other otherwise our out over own per same shall she should so such than that the their them then there these they this those through to too under until up upon us very was we were what when where which while who whom why will with within without would you your agreement agreements party parties means mean meaning given set forth section sections article articles clause clauses schedule term including include includes respect extent purpose purposes relevant applicable whether solely exclusive exclusively sole non-exclusive thereof therein make made available whose "

func isStop(w string) bool { return strings.Contains(stopList, " "+w+" ") }

// roleList holds the words agreements name their parties by. They stand
// in for the parties when the segmenter found none in a preamble (public
// licences, terms of service).
const roleList = "Licensor Licensee Supplier Customer Distributor Company Consultant Contractor Client Vendor Buyer Seller Purchaser Provider Manufacturer Reseller Franchisor Franchisee Landlord Tenant Lender Borrower Developer Publisher Agent Principal Sponsor Investor Contributor You"

// numberWord reads the figures contracts write in words; 0 when w is
// not one.
func numberWord(w string) int {
	switch strings.ToLower(w) {
	case "one":
		return 1
	case "two":
		return 2
	case "three":
		return 3
	case "four":
		return 4
	case "five":
		return 5
	case "six":
		return 6
	case "seven":
		return 7
	case "eight":
		return 8
	case "nine":
		return 9
	case "ten":
		return 10
	case "eleven":
		return 11
	case "twelve":
		return 12
	case "fifteen":
		return 15
	case "eighteen":
		return 18
	case "twenty":
		return 20
	case "twenty-four":
		return 24
	case "thirty":
		return 30
	case "forty-five":
		return 45
	case "sixty":
		return 60
	case "ninety":
		return 90
	}
	return 0
}

// monthNumber is the two-digit number of a month's English name, or "".
func monthNumber(name string) string {
	const names = "january february march april may june july august september october november december"
	for i, m := range strings.Fields(names) {
		if strings.EqualFold(m, name) {
			return string(rune('0'+(i+1)/10)) + string(rune('0'+(i+1)%10))
		}
	}
	return ""
}

// roleActivity names the activity of a role an exclusive appointment
// covers: an exclusive distributor holds exclusive distribution.
func roleActivity(role string) string {
	switch role {
	case "distributor":
		return "distribution"
	case "supplier", "vendor", "source":
		return "supply"
	case "reseller":
		return "resale"
	case "dealer":
		return "dealing"
	case "agent":
		return "agency"
	case "sales agent":
		return "sales agency"
	case "licensee":
		return "licence"
	case "manufacturer":
		return "manufacture"
	case "retailer":
		return "retail"
	case "wholesaler":
		return "wholesale"
	case "importer":
		return "import"
	case "marketer":
		return "marketing"
	case "seller":
		return "sale"
	case "purchaser", "customer":
		return "purchase"
	}
	return ""
}
