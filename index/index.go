package index

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	bolterrors "go.etcd.io/bbolt/errors"
)

// Schema names the layout of the documents and of the register. An index
// written under another schema is rebuilt, not read.
const Schema = "clausetrack.index/v2"

// LockTimeout is how long an open waits for another process that holds
// the index before it gives up with ErrInUse. Bleve's own default is to
// wait for ever.
var LockTimeout = time.Second

func init() {
	// Bleve logs what it recovers from; clausetrack reports errors itself.
	bleve.SetLog(log.New(io.Discard, "", 0))
}

var (
	// ErrNoIndex means the workspace has no index yet.
	ErrNoIndex = errors.New("no index")
	// ErrInUse means another process holds the index.
	ErrInUse = errors.New("index in use")
	// ErrDamaged means the index's files cannot be read.
	ErrDamaged = errors.New("index damaged")
)

// Doc is one clause of one version, as it is indexed.
type Doc struct {
	Agreement string
	Version   string // the version's label
	Seq       int    // the version's place in its agreement, from 1
	Date      string // YYYY, YYYY-MM or YYYY-MM-DD; "" when unknown
	Clause    string // the clause id, unique within the version
	Number    string
	Heading   string
	Text      string
	Level     int
	Order     int // the clause's place in its version, from 0
	Lineage   string
	Kind      string // the change from the version before
	// Categories and Holders are the rights and obligations the clause
	// carries and the parties that hold them, when known.
	Categories, Holders []string
	Parties             []string
}

// Version is everything indexed for one version.
type Version struct {
	Agreement, Label string
	// Seq is the version's place in its agreement, from 1: the version
	// with the highest Seq is the one a search looks at by default.
	Seq int
	// Stamp identifies what was indexed (the version's text, its lineage
	// and the schema), so Sync can tell a version that is up to date.
	Stamp string
	Docs  []Doc
}

// Key returns a version's key, "agreement@label".
func Key(agreement, label string) string { return agreement + "@" + label }

// Entry is what the register holds of one indexed version.
type Entry struct {
	Stamp   string `json:"stamp"`
	Seq     int    `json:"seq"`
	Clauses int    `json:"clauses"`
}

// Each indexed version has an internal key of its own, written in the
// version's batch, so batches of different versions never touch the same
// key and can be written at the same time.
var (
	schemaKey   = []byte("clausetrack/schema")
	entryPrefix = "clausetrack/version/"
)

func entryKey(key string) []byte { return []byte(entryPrefix + key) }

// Index is an open clause index.
type Index struct {
	bi     bleve.Index
	dir    string // the generation folder Bleve holds
	schema string
}

// current is the file in an index folder that names the generation in
// use; a rebuild writes the new generation beside the old one and
// replaces this file.
const current = "CURRENT"

// generation returns the folder of the generation in use under dir, or
// ErrNoIndex.
func generation(dir string) (string, error) {
	data, err := os.ReadFile(filepath.Join(dir, current))
	if errors.Is(err, os.ErrNotExist) {
		return "", ErrNoIndex
	}
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(data))
	if !strings.HasPrefix(name, "gen-") || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("%s: names %q, not an index generation", filepath.Join(dir, current), name)
	}
	return filepath.Join(dir, name), nil
}

// Open opens the index in dir. A read-only open can share the index with
// other readers; a writer has it alone. When another process holds it,
// Open waits LockTimeout and then returns an error wrapping ErrInUse.
func Open(dir string, readOnly bool) (*Index, error) {
	gen, err := generation(dir)
	if err != nil {
		return nil, err
	}
	return openGeneration(gen, readOnly)
}

func openGeneration(gen string, readOnly bool) (x *Index, err error) {
	// Bleve panics on some damaged segment files.
	defer func() {
		if r := recover(); r != nil {
			x, err = nil, fmt.Errorf("%s: %w (%v)", gen, ErrDamaged, r)
		}
	}()
	bi, err := bleve.OpenUsing(gen, map[string]any{
		"bolt_timeout": LockTimeout.String(),
		"read_only":    readOnly,
	})
	if err != nil {
		if errors.Is(err, bolterrors.ErrTimeout) {
			return nil, ErrInUse
		}
		return nil, fmt.Errorf("%s: %w", gen, err)
	}
	schema, err := bi.GetInternal(schemaKey)
	if err != nil {
		bi.Close()
		return nil, fmt.Errorf("%s: %w", gen, err)
	}
	return &Index{bi: bi, dir: gen, schema: string(schema)}, nil
}

// Create makes a new, empty index in dir and puts it in use. Workspaces
// get theirs through Update and Rebuild; Create is for tools and
// benchmarks that index documents of their own.
func Create(dir string) (*Index, error) {
	x, name, err := create(dir)
	if err != nil {
		return nil, err
	}
	if err := writeCurrent(dir, name); err != nil {
		x.Close()
		return nil, err
	}
	return x, nil
}

// NewGeneration makes a new, empty index beside the one in use in dir,
// without putting it in use: fill it, close it, then Swap to it. A
// generation left by a rebuild that died is replaced.
func NewGeneration(dir string) (*Index, string, error) { return create(dir) }

// Swap puts generation name in use in dir, atomically, and removes every
// other generation. Readers that opened the old one keep their view until
// they close it.
func Swap(dir, name string) error {
	if err := writeCurrent(dir, name); err != nil {
		return err
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if e.IsDir() && e.Name() != name {
			os.RemoveAll(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

// Path returns the folder of the generation x holds.
func (x *Index) Path() string { return x.dir }

func create(dir string) (*Index, string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", err
	}
	next := 1
	if gen, err := generation(dir); err == nil {
		if n, err := strconv.Atoi(strings.TrimPrefix(filepath.Base(gen), "gen-")); err == nil {
			next = n + 1
		}
	}
	name := "gen-" + strconv.Itoa(next)
	gen := filepath.Join(dir, name)
	if err := os.RemoveAll(gen); err != nil { // a rebuild that died before its swap
		return nil, "", err
	}
	m, err := newMapping()
	if err != nil {
		return nil, "", err
	}
	bi, err := bleve.NewUsing(gen, m, "scorch", "scorch", map[string]any{"bolt_timeout": LockTimeout.String()})
	if err != nil {
		return nil, "", fmt.Errorf("%s: %w", gen, err)
	}
	x := &Index{bi: bi, dir: gen, schema: Schema}
	if err := bi.SetInternal(schemaKey, []byte(Schema)); err != nil {
		bi.Close()
		return nil, "", err
	}
	return x, name, nil
}

// Close closes the index.
func (x *Index) Close() error { return x.bi.Close() }

// Schema returns the schema the index was written under.
func (x *Index) Schema() string { return x.schema }

// Entry returns the register entry of a version, if its batch completed.
func (x *Index) Entry(agreement, label string) (Entry, bool, error) {
	data, err := x.bi.GetInternal(entryKey(Key(agreement, label)))
	if err != nil || data == nil {
		return Entry{}, false, err
	}
	var e Entry
	if err := json.Unmarshal(data, &e); err != nil {
		return Entry{}, false, fmt.Errorf("%s: the entry of %s is damaged: %w", x.dir, Key(agreement, label), err)
	}
	return e, true, nil
}

// Versions returns every version the index holds clauses of, by key,
// with its register entry; a version whose entry is missing has the zero
// Entry.
func (x *Index) Versions() (map[string]Entry, error) {
	d, err := x.bi.FieldDict(fVKey)
	if err != nil {
		return nil, err
	}
	var keys []string
	for {
		e, err := d.Next()
		if err != nil {
			d.Close()
			return nil, err
		}
		if e == nil {
			break
		}
		keys = append(keys, e.Term)
	}
	if err := d.Close(); err != nil {
		return nil, err
	}
	out := make(map[string]Entry, len(keys))
	for _, key := range keys {
		agr, label := SplitKey(key)
		e, _, err := x.Entry(agr, label)
		if err != nil {
			return nil, err
		}
		out[key] = e
	}
	return out, nil
}

// SplitKey splits "agreement@label".
func SplitKey(key string) (agreement, label string) {
	i := strings.LastIndexByte(key, '@')
	if i < 0 {
		return key, ""
	}
	return key[:i], key[i+1:]
}

// BeforeBatch, when set, is called with a version's key and the batch's
// place (from 0) just before each batch of the version is written. Tests
// use it to stop or kill a process at that moment.
var BeforeBatch func(key string, batch int)

// ChunkSize is how many clauses go into one batch. A batch costs memory
// in proportion to its size (Bleve holds every token of it until the
// segment is written), so a large version is written in several.
var ChunkSize = 500

// Put indexes one version: the removal of whatever was indexed for it
// before, its clauses, and last its register entry. A large version
// takes several batches; searches look only at versions whose entry is
// written (see Search), so a crash leaves nothing of a half-written
// version visible, and Status finds it missing. Puts of different
// versions may run at the same time.
func (x *Index) Put(v Version) error {
	key := Key(v.Agreement, v.Label)
	if v.Seq == 0 && len(v.Docs) > 0 {
		v.Seq = v.Docs[0].Seq
	}
	b := x.bi.NewBatch()
	if err := x.deleteDocs(b, key); err != nil {
		return err
	}
	b.DeleteInternal(entryKey(key))
	batch := 0
	for i := 0; ; {
		end := min(len(v.Docs), i+ChunkSize)
		for _, d := range v.Docs[i:end] {
			if err := b.Index(docID(d), fields(d)); err != nil {
				return fmt.Errorf("%s clause %s: %w", key, d.Clause, err)
			}
		}
		if i = end; i == len(v.Docs) {
			break
		}
		if BeforeBatch != nil {
			BeforeBatch(key, batch)
		}
		batch++
		if err := x.bi.Batch(b); err != nil {
			return fmt.Errorf("%s: %w", key, err)
		}
		b.Reset()
	}
	entry, err := json.Marshal(Entry{Stamp: v.Stamp, Seq: v.Seq, Clauses: len(v.Docs)})
	if err != nil {
		return err
	}
	b.SetInternal(entryKey(key), entry)
	if BeforeBatch != nil {
		BeforeBatch(key, batch)
	}
	if err := x.bi.Batch(b); err != nil {
		return fmt.Errorf("%s: %w", key, err)
	}
	return nil
}

// Drop removes a version from the index, in one batch.
func (x *Index) Drop(agreement, label string) error {
	key := Key(agreement, label)
	b := x.bi.NewBatch()
	if err := x.deleteDocs(b, key); err != nil {
		return err
	}
	b.DeleteInternal(entryKey(key))
	return x.bi.Batch(b)
}

// deleteDocs adds to b the deletion of every document of a version.
func (x *Index) deleteDocs(b *bleve.Batch, key string) error {
	ids, err := x.docIDs(key)
	if err != nil {
		return err
	}
	for _, id := range ids {
		b.Delete(id)
	}
	return nil
}

// docIDs returns the ids of the documents indexed for a version, sorted.
func (x *Index) docIDs(key string) ([]string, error) {
	q := bleve.NewTermQuery(key)
	q.SetField(fVKey)
	var ids []string
	const page = 1000
	for from := 0; ; from += page {
		req := bleve.NewSearchRequestOptions(q, page, from, false)
		req.SortBy([]string{"_id"})
		res, err := x.bi.Search(req)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", key, err)
		}
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		if len(res.Hits) < page {
			break
		}
	}
	sort.Strings(ids)
	return ids, nil
}

// Count returns how many documents the index holds for a version.
func (x *Index) Count(agreement, label string) (int, error) {
	q := bleve.NewTermQuery(Key(agreement, label))
	q.SetField(fVKey)
	res, err := x.bi.Search(bleve.NewSearchRequestOptions(q, 0, 0, false))
	if err != nil {
		return 0, err
	}
	return int(res.Total), nil
}

// DocCount returns how many documents the index holds in all.
func (x *Index) DocCount() (int, error) {
	n, err := x.bi.DocCount()
	return int(n), err
}

// idSep ends the lineage group at the start of a document id.
const idSep = "\x1f"

// docID is a clause's document id: its lineage group (agreement and
// lineage id), then its version and clause id. Searches group their
// matches by lineage from the ids alone.
func docID(d Doc) string {
	return d.Agreement + " " + d.Lineage + idSep + Key(d.Agreement, d.Version) + "#" + d.Clause
}

// fields is a clause as the document Bleve indexes. A map, not a struct:
// Bleve looks a struct's type field up by Go field name, a trap.
func fields(d Doc) map[string]any {
	m := map[string]any{
		fAgreement: d.Agreement,
		fVersion:   d.Version,
		fVKey:      Key(d.Agreement, d.Version),
		fSeq:       float64(d.Seq),
		fClause:    d.Clause,
		fNumber:    d.Number,
		fHeading:   d.Heading,
		fText:      d.Text,
		fExact:     d.Text,
		fLevel:     float64(d.Level),
		fOrder:     float64(d.Order),
		fLineage:   d.Lineage,
		fKind:      d.Kind,
	}
	if t, ok := dateOf(d.Date); ok {
		m[fDate] = t
	}
	if len(d.Categories) > 0 {
		m[fCategory] = d.Categories
	}
	if len(d.Holders) > 0 {
		m[fHolder] = d.Holders
	}
	if len(d.Parties) > 0 {
		m[fParty] = d.Parties
	}
	return m
}

// dateOf reads YYYY, YYYY-MM or YYYY-MM-DD as the first day it names.
func dateOf(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02", "2006-01", "2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// writeCurrent points the index folder at a generation, atomically.
func writeCurrent(dir, name string) error {
	tmp, err := os.CreateTemp(dir, ".current-*")
	if err != nil {
		return err
	}
	_, err = tmp.WriteString(name + "\n")
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, current))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return err
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
