package corpus

import (
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/clauses"
)

// Version is one stored version of an agreement.
type Version struct {
	// Agreement is the id of the agreement the version belongs to.
	Agreement string `json:"agreement"`
	// Label names the version; it is unique among the agreement's
	// current versions (a replaced version may share it).
	Label string `json:"label"`
	// Date is the effective date as given: "YYYY-MM-DD", "YYYY-MM",
	// "YYYY", or "" when unknown.
	Date string `json:"date"`
	// Seq is the 1-based position in the order versions were added. A
	// replacement keeps the Seq of the version it replaced, so it keeps
	// that version's place.
	Seq int `json:"seq"`
	// Source describes the original file, stored byte for byte.
	Source SourceInfo `json:"source"`
	// TextSHA256 is the hex SHA-256 of the stored extracted text, the
	// file text/<TextSHA256>.json.
	TextSHA256 string `json:"text_sha256"`
	// Added is when the version was added, in UTC, to the second.
	Added time.Time `json:"added"`
	// ReplacedAt is when a later add with Replace took this version's
	// label; zero for current versions.
	ReplacedAt time.Time `json:"replaced_at,omitzero"`
}

// SourceInfo describes the original file of a version.
type SourceInfo struct {
	// Name is the file's base name when it was added.
	Name string `json:"name"`
	// Format is the importer's name: "txt", "md", "html", "docx", "pdf".
	Format string `json:"format"`
	// SHA256 is the hex SHA-256 of the original bytes, and the name of
	// the file that holds them under objects/.
	SHA256 string `json:"sha256"`
	// Size is the original's length in bytes.
	Size int64 `json:"size"`
}

// Ref returns the version's reference, "AGREEMENT@LABEL", as Resolve reads it.
func (v Version) Ref() string { return v.Agreement + "@" + v.Label }

// ConflictError is the error an Add returns when the file would change a
// stored version and Replace is not set, or would duplicate one. It
// wraps ErrExists.
type ConflictError struct {
	// Name is the file as given to Add.
	Name string
	// Version is the stored version in the way: the one with the label
	// asked for, or, when Duplicate, the one holding the same bytes.
	Version Version
	// Duplicate is true when another label holds the same bytes. No
	// option lets such an add through.
	Duplicate bool
	// SameBytes and SameText say what the label's stored version shares
	// with the file: with both, only the date or title differ.
	SameBytes, SameText bool
}

func (e *ConflictError) Error() string {
	added := fmt.Sprintf("(added from %s on %s)", e.Version.Source.Name, e.Version.Added.Format(time.DateOnly))
	if e.Duplicate {
		return fmt.Sprintf("%s: content %v as version %s %s", e.Name, ErrExists, e.Version.Ref(), added)
	}
	what := "different bytes"
	switch {
	case e.SameBytes && e.SameText:
		what = "the same bytes but another date or title"
	case e.SameBytes:
		what = "the same bytes but another extracted text"
	}
	return fmt.Sprintf("%s: version %s %v with %s %s", e.Name, e.Version.Ref(), ErrExists, what, added)
}

func (e *ConflictError) Unwrap() error { return ErrExists }

// Agreement summarises one agreement of a workspace.
type Agreement struct {
	ID string `json:"id"`
	// Title is the agreement's title, or "" when it has none.
	Title string `json:"title"`
	// Versions counts current versions; replaced ones are not counted.
	Versions int `json:"versions"`
}

// Agreements lists the workspace's agreements, sorted by id.
func (w *Workspace) Agreements() ([]Agreement, error) {
	root, err := w.root()
	if err != nil {
		return nil, err
	}
	ids, err := agreementIDs(root)
	if err != nil {
		return nil, err
	}
	out := make([]Agreement, 0, len(ids))
	for _, id := range ids {
		m, err := readManifest(root, id)
		if err != nil {
			return nil, err
		}
		out = append(out, Agreement{ID: id, Title: m.Title, Versions: len(m.Versions)})
	}
	return out, nil
}

// Versions returns the current versions of an agreement, oldest first.
// Each version sorts by its Date or, when it has none, by the date the
// version added just before it sorts by (none for the first), and then by
// Seq. So dated versions go in date order, an undated version stays right
// after the version it was added after, and with no dates at all versions
// keep the order they were added. Dates compare as strings: "2023" sorts
// before "2023-01", and that before "2023-01-01". An unknown agreement is
// ErrNotFound.
func (w *Workspace) Versions(agreement string) ([]Version, error) {
	m, err := w.manifest(agreement)
	if err != nil {
		return nil, err
	}
	return order(m.Versions), nil
}

// Replaced returns the versions of an agreement that later adds replaced,
// oldest replacement first. Their originals and text are still stored.
func (w *Workspace) Replaced(agreement string) ([]Version, error) {
	m, err := w.manifest(agreement)
	if err != nil {
		return nil, err
	}
	return m.Replaced, nil
}

// Resolve finds the version a reference names. A reference is
// "AGREEMENT" or "AGREEMENT@latest" (the last version in the order
// Versions gives, not the last added), "AGREEMENT@LABEL", or
// "AGREEMENT@~N", N versions before the latest ("~0" is the latest).
// Unknown agreements and versions are ErrNotFound, and the message lists
// what there is.
func (w *Workspace) Resolve(ref string) (Version, error) {
	id, label, hasLabel := strings.Cut(ref, "@")
	if hasLabel && label == "" {
		return Version{}, fmt.Errorf("%w version reference %q: nothing after '@' (use a label, latest or ~N)", ErrInvalid, ref)
	}
	vs, err := w.Versions(id)
	if err != nil {
		return Version{}, err
	}
	if len(vs) == 0 {
		return Version{}, fmt.Errorf("agreement %s has no versions: %w", id, ErrNotFound)
	}
	if !hasLabel || label == "latest" {
		return vs[len(vs)-1], nil
	}
	if back, ok := strings.CutPrefix(label, "~"); ok {
		n, err := strconv.Atoi(back)
		if err != nil || n < 0 || back != strconv.Itoa(n) {
			return Version{}, fmt.Errorf("%w version reference %q: ~ must be followed by a number of versions, as in ~1", ErrInvalid, ref)
		}
		if n >= len(vs) {
			return Version{}, fmt.Errorf("version %s@%s %w: %s has %d version%s, so ~N goes from ~0 to ~%d",
				id, label, ErrNotFound, id, len(vs), plural(len(vs)), len(vs)-1)
		}
		return vs[len(vs)-1-n], nil
	}
	for _, v := range vs {
		if v.Label == label {
			return v, nil
		}
	}
	labels := make([]string, len(vs))
	for i, v := range vs {
		labels[i] = v.Label
	}
	return Version{}, fmt.Errorf("version %s@%s %w (versions of %s: %s)", id, label, ErrNotFound, id, strings.Join(labels, ", "))
}

// plural returns "s" unless n is 1.
func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// order sorts versions as Versions describes.
func order(vs []Version) []Version {
	out := slices.Clone(vs)
	slices.SortFunc(out, func(a, b Version) int { return cmp.Compare(a.Seq, b.Seq) })
	key := make(map[int]string, len(out))
	prev := ""
	for _, v := range out {
		if v.Date != "" {
			prev = v.Date
		}
		key[v.Seq] = prev
	}
	slices.SortStableFunc(out, func(a, b Version) int {
		return cmp.Or(strings.Compare(key[a.Seq], key[b.Seq]), cmp.Compare(a.Seq, b.Seq))
	})
	return out
}

// plan computes the manifest after the add; old is nil for a new agreement.
func plan(old *manifest, p *pending) (*manifest, AddResult, error) {
	m := &manifest{Schema: manifestSchema, ID: p.id}
	if old != nil {
		m = &manifest{Schema: manifestSchema, ID: p.id, Title: old.Title,
			Versions: slices.Clone(old.Versions), Replaced: slices.Clone(old.Replaced)}
	}
	nv := Version{Agreement: p.id, Label: p.label, Date: p.date, Source: p.info, TextSHA256: p.textSHA, Added: p.now}
	at := -1
	for i, v := range m.Versions {
		if v.Label == p.label {
			at = i
		} else if v.Source.SHA256 == p.info.SHA256 {
			return nil, AddResult{}, &ConflictError{Name: p.name, Version: v, Duplicate: true, SameBytes: true}
		}
	}
	sameTitle := p.title == "" || p.title == m.Title
	if p.title != "" {
		m.Title = p.title
	}
	if at < 0 {
		for _, v := range slices.Concat(m.Versions, m.Replaced) {
			nv.Seq = max(nv.Seq, v.Seq)
		}
		nv.Seq++
		m.Versions = append(m.Versions, nv)
		return m, AddResult{Version: nv}, nil
	}
	prev := m.Versions[at]
	// A version is its bytes and the text read from them: the same bytes
	// read another way (another tracked-changes mode, a newer importer)
	// are another version.
	sameBytes := prev.Source.SHA256 == p.info.SHA256
	sameText := prev.TextSHA256 == p.textSHA
	if sameBytes && sameText && (p.date == "" || p.date == prev.Date) && sameTitle {
		return nil, AddResult{Version: prev, Unchanged: true}, nil
	}
	if !p.replace {
		e := &ConflictError{Name: p.name, Version: prev, SameBytes: sameBytes, SameText: sameText}
		return nil, AddResult{}, e
	}
	nv.Seq = prev.Seq
	if nv.Date == "" {
		nv.Date = prev.Date
	}
	prev.ReplacedAt = p.now
	m.Versions[at] = nv
	m.Replaced = append(m.Replaced, prev)
	return m, AddResult{Version: nv, Replaced: &prev}, nil
}

// maxName is the longest agreement id or label, in bytes.
const maxName = 64

// maxTitle is the longest title, in characters.
const maxTitle = 200

// checkID reports whether id is a valid agreement id: 1 to 64 lowercase
// letters, digits, '-', '_' and '.', starting with a letter or digit. Ids
// name files, so the rules keep them portable and unable to climb out of
// the workspace.
func checkID(id string) error {
	if ok, why := validName(id, true); !ok {
		hint := ""
		if lo := strings.ToLower(id); lo != id {
			if ok, _ := validName(lo, true); ok {
				hint = fmt.Sprintf("; try %q", lo)
			}
		}
		return fmt.Errorf("%w agreement id %q: %s (ids are 1 to %d lowercase letters, digits, '-', '_' and '.', starting with a letter or digit)%s",
			ErrInvalid, id, why, maxName, hint)
	}
	return nil
}

// checkLabel reports whether label is a valid version label: 1 to 64
// letters, digits, '-', '_' and '.', starting with a letter or digit, and
// not "latest", which Resolve reserves. The '@' and '~' of references can
// never appear in one.
func checkLabel(label string) error {
	if label == "latest" {
		return fmt.Errorf("%w version label %q: reserved for the latest version", ErrInvalid, label)
	}
	if ok, why := validName(label, false); !ok {
		return fmt.Errorf("%w version label %q: %s (labels are 1 to %d letters, digits, '-', '_' and '.', starting with a letter or digit)",
			ErrInvalid, label, why, maxName)
	}
	return nil
}

// validName checks the rules ids and labels share, and says what is wrong.
func validName(s string, lower bool) (bool, string) {
	switch {
	case s == "":
		return false, "empty"
	case len(s) > maxName:
		return false, fmt.Sprintf("%d bytes long", len(s))
	case !isAlnum(s[0], lower):
		return false, fmt.Sprintf("starts with %q", firstRune(s))
	}
	for i, r := range s {
		if r >= utf8.RuneSelf || !(isAlnum(byte(r), lower) || r == '-' || r == '_' || r == '.') {
			return false, fmt.Sprintf("%q at byte %d", r, i)
		}
	}
	return true, ""
}

func isAlnum(c byte, lower bool) bool {
	return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || !lower && c >= 'A' && c <= 'Z'
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// defaultLabel makes a label from a file name: its base name without the
// extension, every run of other characters turned into one '-', and
// leading and trailing punctuation dropped.
func defaultLabel(name string) (string, error) {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	var b strings.Builder
	dash := false
	for _, r := range base {
		if r < utf8.RuneSelf && (isAlnum(byte(r), false) || r == '-' || r == '_' || r == '.') {
			b.WriteRune(r)
			dash = false
		} else if !dash {
			b.WriteByte('-')
			dash = true
		}
	}
	label := strings.Trim(b.String(), "-_.")
	if len(label) > maxName {
		label = strings.TrimRight(label[:maxName], "-_.")
	}
	if label == "" || label == "latest" {
		return "", fmt.Errorf("%s: %w version label: none can be made from the file name; give one", name, ErrInvalid)
	}
	return label, nil
}

// checkDate reports whether d is a real date written YYYY-MM-DD, YYYY-MM
// or YYYY.
func checkDate(d string) error {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: "2006-01-02"}[len(d)]
	if layout != "" {
		if t, err := time.Parse(layout, d); err == nil && t.Format(layout) == d {
			return nil
		}
	}
	return fmt.Errorf("%w date %q: use a real date written YYYY-MM-DD, YYYY-MM or YYYY", ErrInvalid, d)
}

// cleanTitle trims a title and refuses control characters and overlong
// titles: a title is one line of a report.
func cleanTitle(title string) (string, error) {
	title = strings.TrimSpace(title)
	for _, r := range title {
		if unicode.IsControl(r) || r == utf8.RuneError {
			return "", fmt.Errorf("%w title %q: contains %q; a title is one line of text", ErrInvalid, title, r)
		}
	}
	if n := utf8.RuneCountInString(title); n > maxTitle {
		return "", fmt.Errorf("%w title: %d characters long (the limit is %d)", ErrInvalid, n, maxTitle)
	}
	return title, nil
}

// manifest reads an agreement's manifest; a missing one is ErrNotFound
// with a message listing the agreements there are.
func (w *Workspace) manifest(id string) (*manifest, error) {
	if err := checkID(id); err != nil {
		return nil, err
	}
	root, err := w.root()
	if err != nil {
		return nil, err
	}
	m, err := readManifest(root, id)
	if !errors.Is(err, ErrNotFound) {
		return m, err
	}
	have := "the workspace has none"
	if ids, err := agreementIDs(root); err == nil && len(ids) > 0 {
		have = "agreements: " + strings.Join(ids, ", ")
	}
	return nil, fmt.Errorf("agreement %s %w (%s)", id, ErrNotFound, have)
}

// agreementIDs lists the ids that have a manifest, sorted.
func agreementIDs(root string) ([]string, error) {
	entries, err := os.ReadDir(filepath.Join(root, "agreements"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	} else if err != nil {
		return nil, fmt.Errorf("list agreements: %w", err)
	}
	var ids []string
	for _, e := range entries {
		id, ok := strings.CutSuffix(e.Name(), ".json")
		if ok && e.Type().IsRegular() && checkID(id) == nil {
			ids = append(ids, id) // ReadDir sorts by name, so ids are sorted
		}
	}
	return ids, nil
}

const manifestSchema = "clausetrack.agreement/v1"

// manifest is the file agreements/<id>.json: everything about one
// agreement but the originals and texts it points to.
type manifest struct {
	Schema string `json:"schema"`
	ID     string `json:"id"`
	Title  string `json:"title,omitempty"`
	// Versions are the current versions, in Seq order.
	Versions []Version `json:"versions"`
	// Replaced are replaced versions, in the order they were replaced.
	Replaced []Version `json:"replaced,omitempty"`
}

func (m *manifest) encode() ([]byte, error) {
	b, err := json.MarshalIndent(m, "", "  ")
	return append(b, '\n'), err
}

// readManifest reads and checks agreements/<id>.json.
func readManifest(root, id string) (*manifest, error) {
	path := filepath.Join(root, "agreements", id+".json")
	var m manifest
	if err := readJSON("manifest", path, &m); err != nil {
		return nil, err
	}
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%s: %w: %s", path, ErrCorrupt, fmt.Sprintf(format, args...))
	}
	if m.Schema != manifestSchema || m.ID != id {
		return nil, bad("schema %q and id %q, want %q and %q", m.Schema, m.ID, manifestSchema, id)
	}
	for _, list := range [][]Version{m.Versions, m.Replaced} {
		for i := range list {
			v := &list[i]
			v.Agreement = id
			if err := checkLabel(v.Label); err != nil {
				return nil, bad("%v", err)
			}
			if v.Seq < 1 || !isHash(v.Source.SHA256) || !isHash(v.TextSHA256) {
				return nil, bad("version %s has a bad seq or SHA-256", v.Label)
			}
		}
	}
	labels, seqs := make(map[string]bool), make(map[int]bool)
	for _, v := range m.Versions {
		if labels[v.Label] || seqs[v.Seq] {
			return nil, bad("label %s or seq %d appears twice", v.Label, v.Seq)
		}
		labels[v.Label], seqs[v.Seq] = true, true
	}
	return &m, nil
}

// readJSON decodes the JSON file at path; what says what the file is in
// errors, which start with the path. A missing file is ErrNotFound; bad
// JSON is ErrCorrupt.
func readJSON(what, path string, v any) error {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("%s: %s %w", path, what, ErrNotFound)
	} else if err != nil {
		return fmt.Errorf("%s: read %s: %w", path, what, pathless(err))
	}
	if err := json.Unmarshal(data, v); err != nil {
		return fmt.Errorf("%s: %w: the %s is not valid JSON: %v", path, ErrCorrupt, what, err)
	}
	return nil
}

// pathless drops the operation and path of an *fs.PathError, for
// messages that name the file first themselves.
func pathless(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// Original returns the original bytes of v, after checking them against
// their SHA-256; a mismatch is ErrCorrupt.
func (w *Workspace) Original(v Version) ([]byte, error) {
	data, err := w.readObject(v.Agreement, "objects", v.Source.SHA256, "")
	if err != nil {
		return nil, fmt.Errorf("%w (the original of %s)", err, v.Ref())
	}
	return data, nil
}

// Source returns the text and blocks the importer extracted from v when
// it was added, checked against TextSHA256.
func (w *Workspace) Source(v Version) (*clauses.Source, error) {
	data, err := w.readObject(v.Agreement, "text", v.TextSHA256, ".json")
	if err == nil {
		var src *clauses.Source
		if src, err = decodeText(data); err == nil {
			src.Name = v.Source.Name
			return src, nil
		}
		err = fmt.Errorf("%s: %w", filepath.Join(w.Path(), "text", v.TextSHA256+".json"), err)
	}
	return nil, fmt.Errorf("%w (the text of %s)", err, v.Ref())
}

// readObject reads the content-addressed file dir/<sum><ext> and checks
// its SHA-256 (agreement names the manifest that points to it). Its
// errors start with the file's path.
func (w *Workspace) readObject(agreement, dir, sum, ext string) ([]byte, error) {
	root, err := w.root()
	if err != nil {
		return nil, err
	}
	if !isHash(sum) {
		return nil, fmt.Errorf("%s: %w: it names %s file %q, which is not a SHA-256",
			filepath.Join(root, "agreements", agreement+".json"), ErrCorrupt, dir, sum)
	}
	path := filepath.Join(root, dir, sum+ext)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w: it is missing", path, ErrCorrupt)
	} else if err != nil {
		return nil, fmt.Errorf("%s: %w", path, pathless(err))
	}
	if got := hashOf(data); got != sum {
		return nil, fmt.Errorf("%s: %w: its SHA-256 is %s", path, ErrCorrupt, got)
	}
	return data, nil
}

// isHash reports whether s is a SHA-256 as stored: 64 lowercase hex
// digits. Checking it keeps a damaged manifest from naming any other file.
func isHash(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range []byte(s) {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
			return false
		}
	}
	return true
}

// ValidDate reports whether d is a date as versions take them:
// YYYY-MM-DD, YYYY-MM or YYYY.
func ValidDate(d string) bool { return checkDate(d) == nil }

// InEffect returns, of versions in order, the one in effect on date (a
// valid date; "2023" means the end of 2023, "2023-05" the end of May):
// the last dated on or before it. An undated version takes the date of
// the version before it, and an undated first version is in effect from
// the start.
func InEffect(vs []Version, date string) (Version, bool) {
	switch len(date) {
	case 4:
		date += "-12-31"
	case 7:
		date += "-31"
	}
	var found Version
	ok := false
	effective := ""
	for _, v := range vs {
		if v.Date != "" {
			effective = v.Date
		}
		if effective <= date {
			found, ok = v, true
		}
	}
	return found, ok
}
