package index

import (
	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"

	// The mapping is stored with the index by name: every program that
	// opens it must have these analysers registered.
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	_ "github.com/blevesearch/bleve/v2/analysis/lang/en"
	_ "github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	_ "github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

// Field names of a clause document.
const (
	fAgreement = "agreement"
	fVersion   = "version"
	fVKey      = "vkey" // "agreement@label": the version a clause belongs to
	fSeq       = "seq"
	fDate      = "date"
	fClause    = "clause"
	fNumber    = "number"
	fHeading   = "heading"
	fText      = "text"
	fExact     = "text_exact"
	fLevel     = "level"
	fOrder     = "order"
	fLineage   = "lineage"
	fKind      = "kind"
	fCategory  = "category"
	fHolder    = "holder"
	fParty     = "party"
)

// exactAnalyzer splits on Unicode word boundaries and lower-cases, with no
// stop words and no stemming: exact phrases, fuzzy and wildcard terms.
const exactAnalyzer = "clausetrack_exact"

func newMapping() (*mapping.IndexMappingImpl, error) {
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(exactAnalyzer, map[string]any{
		"type":          "custom",
		"tokenizer":     "unicode",
		"token_filters": []string{"to_lower"},
	}); err != nil {
		return nil, err
	}
	keyword := func(sortable bool) *mapping.FieldMapping {
		f := bleve.NewKeywordFieldMapping()
		f.Store = true
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = sortable
		return f
	}
	english := func() *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = "en"
		f.Store = true
		f.IncludeTermVectors = true
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	numeric := func() *mapping.FieldMapping {
		f := bleve.NewNumericFieldMapping()
		f.Store = true
		f.IncludeInAll = false
		f.DocValues = true
		return f
	}

	clause := bleve.NewDocumentStaticMapping()
	// No _all field: every query names its fields, and the composite
	// field cost an eighth of the indexing time.
	clause.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	// Doc values only where a search counts by the field: facets by
	// agreement, version (vkey) and category. Each costs indexing time
	// and memory. (Sorting ties by doc values instead of by id was tried:
	// Bleve decompresses a doc-value chunk for every hit, three times
	// slower.)
	clause.AddFieldMappingsAt(fAgreement, keyword(true))
	for _, name := range []string{fVersion, fKind, fLineage} {
		clause.AddFieldMappingsAt(name, keyword(false))
	}
	for _, name := range []string{fVKey, fCategory} {
		f := keyword(true)
		f.Store = false
		clause.AddFieldMappingsAt(name, f)
	}
	for _, name := range []string{fHolder, fParty} {
		f := keyword(false)
		f.Store = false
		clause.AddFieldMappingsAt(name, f)
	}
	clause.AddFieldMappingsAt(fNumber, keyword(false))
	id := keyword(false) // shown, never searched
	id.Index = false
	clause.AddFieldMappingsAt(fClause, id)
	// The heading is also in the clause's text, which plain searches
	// match and mark; the heading field serves field queries
	// (heading:fees) and needs no term vectors.
	heading := english()
	heading.IncludeTermVectors = false
	clause.AddFieldMappingsAt(fHeading, heading)
	text := english()
	// text_exact is a property of its own (the same text again), not a
	// second field on text: Bleve finds a field's analyser by property
	// path, so a query on a second field would be analysed with en.
	exact := bleve.NewTextFieldMapping()
	exact.Analyzer = exactAnalyzer
	exact.Store = false
	exact.IncludeTermVectors = true
	exact.IncludeInAll = false
	exact.DocValues = false
	clause.AddFieldMappingsAt(fText, text)
	clause.AddFieldMappingsAt(fExact, exact)
	clause.AddFieldMappingsAt(fOrder, numeric()) // sorts 10.1 after 2.1
	seq := numeric()
	seq.DocValues = false
	clause.AddFieldMappingsAt(fSeq, seq)
	level := numeric() // shown, never searched
	level.Index = false
	level.DocValues = false
	clause.AddFieldMappingsAt(fLevel, level)
	date := bleve.NewDateTimeFieldMapping()
	date.Store = true
	date.IncludeInAll = false
	date.DocValues = false
	clause.AddFieldMappingsAt(fDate, date)

	im.DefaultMapping = clause
	im.DefaultAnalyzer = "en"
	im.DefaultField = fText // unqualified terms of the query-string syntax
	im.StoreDynamic = false
	im.IndexDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}
