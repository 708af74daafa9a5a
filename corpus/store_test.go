package corpus

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/google/go-cmp/cmp"
)

var day = time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)

// newWorkspace opens a workspace in a fresh folder; .clausetrack does not exist yet.
func newWorkspace(t *testing.T) *Workspace {
	t.Helper()
	w, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// add adds a .txt version whose content is text, failing the test on error.
func add(t *testing.T, w *Workspace, agreement, text string, opt AddOptions) AddResult {
	t.Helper()
	if opt.Now.IsZero() {
		opt.Now = day
	}
	res, err := w.Add(agreement, "contract.txt", []byte(text), opt)
	if err != nil {
		t.Fatalf("Add(%s, %q): %v", agreement, text, err)
	}
	return res
}

// snapshot maps every path under dir to its bytes ("dir" for folders), so
// that a test can show a workspace was left exactly as it was.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := make(map[string]string)
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			files[rel] = "dir"
			return nil
		}
		b, err := os.ReadFile(path)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func labels(vs []Version) []string {
	var out []string
	for _, v := range vs {
		out = append(out, v.Label)
	}
	return out
}

func TestAddListRead(t *testing.T) {
	w := newWorkspace(t)
	res := add(t, w, "acme", "1. Term\nOne year.\n", AddOptions{Date: "2019-04-01", Title: "Acme MSA"})
	if !res.Created || res.Unchanged || res.Replaced != nil {
		t.Errorf("first add: got %+v, want Created only", res)
	}
	want := Version{Agreement: "acme", Label: "2019-04-01", Date: "2019-04-01", Seq: 1,
		Source:     SourceInfo{Name: "contract.txt", Format: "txt", SHA256: hashOf([]byte("1. Term\nOne year.\n")), Size: 18},
		TextSHA256: res.Version.TextSHA256, Added: day}
	if diff := cmp.Diff(want, res.Version); diff != "" {
		t.Errorf("version (-want +got):\n%s", diff)
	}
	add(t, w, "acme", "1. Term\nTwo years.\n", AddOptions{Label: "ext"})
	add(t, w, "beta", "Beta terms.\n", AddOptions{})
	if res := add(t, w, "acme", "1. Term\nThree.\n", AddOptions{Date: "2021"}); res.Created {
		t.Error("later add: Created is true")
	}

	got, err := w.Agreements()
	if err != nil {
		t.Fatal(err)
	}
	wantA := []Agreement{{ID: "acme", Title: "Acme MSA", Versions: 3}, {ID: "beta", Versions: 1}}
	if diff := cmp.Diff(wantA, got); diff != "" {
		t.Errorf("Agreements (-want +got):\n%s", diff)
	}
	vs, err := w.Versions("acme")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]string{"2019-04-01", "ext", "2021"}, labels(vs)); diff != "" {
		t.Errorf("Versions (-want +got):\n%s", diff)
	}
	orig, err := w.Original(vs[1])
	if err != nil || string(orig) != "1. Term\nTwo years.\n" {
		t.Errorf("Original(ext) = %q, %v", orig, err)
	}
	src, err := w.Source(vs[1])
	if err != nil || string(src.Text) != "1. Term\nTwo years.\n" || src.Format != "txt" || src.Blocks != nil {
		t.Errorf("Source(ext) = %+v, %v", src, err)
	}
	if v, err := w.Resolve("beta"); err != nil || v.Label != "contract" {
		t.Errorf("Resolve(beta) = %v, %v; want the label from the file name", v.Ref(), err)
	}
}

func TestVersionOrder(t *testing.T) {
	type in struct{ label, date string }
	tests := []struct {
		name string
		adds []in
		want []string
	}{
		{"by date", []in{{"c", "2021"}, {"a", "2019-01-01"}, {"b", "2020-06"}}, []string{"a", "b", "c"}},
		{"same date by order added", []in{{"y", "2020"}, {"x", "2020"}}, []string{"y", "x"}},
		{"no dates keep order added", []in{{"z", ""}, {"m", ""}, {"a", ""}}, []string{"z", "m", "a"}},
		{"undated follows the version added before it",
			[]in{{"v2020", "2020"}, {"draft", ""}, {"v2019", "2019"}, {"v2022", "2022"}},
			[]string{"v2019", "v2020", "draft", "v2022"}},
		{"undated first stays first", []in{{"orig", ""}, {"v2019", "2019"}}, []string{"orig", "v2019"}},
		{"year before month before day", []in{{"d", "2020-01-01"}, {"m", "2020-01"}, {"y", "2020"}}, []string{"y", "m", "d"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newWorkspace(t)
			for i, a := range tt.adds {
				add(t, w, "acme", fmt.Sprintf("Version %d.\n", i), AddOptions{Label: a.label, Date: a.date})
			}
			vs, err := w.Versions("acme")
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, labels(vs)); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}

func TestResolve(t *testing.T) {
	w := newWorkspace(t)
	for i, d := range []string{"2021", "2019", "2020"} {
		add(t, w, "acme", fmt.Sprintf("Version %d.\n", i), AddOptions{Date: d})
	}
	add(t, w, "beta", "Beta.\n", AddOptions{})
	tests := []struct {
		ref, want string
		err       error
		msg       string
	}{
		{ref: "acme", want: "2021"},
		{ref: "acme@latest", want: "2021"},
		{ref: "acme@2019", want: "2019"},
		{ref: "acme@~0", want: "2021"},
		{ref: "acme@~1", want: "2020"},
		{ref: "acme@~2", want: "2019"},
		{ref: "acme@~3", err: ErrNotFound, msg: "~0 to ~2"},
		{ref: "acme@~x", err: ErrInvalid},
		{ref: "acme@~-1", err: ErrInvalid},
		{ref: "acme@", err: ErrInvalid},
		{ref: "acme@2018", err: ErrNotFound, msg: "versions of acme: 2019, 2020, 2021"},
		{ref: "gamma", err: ErrNotFound, msg: "agreements: acme, beta"},
		{ref: "Acme", err: ErrInvalid, msg: `try "acme"`},
	}
	for _, tt := range tests {
		t.Run(tt.ref, func(t *testing.T) {
			v, err := w.Resolve(tt.ref)
			if tt.err == nil {
				if err != nil || v.Label != tt.want {
					t.Errorf("Resolve(%q) = %s, %v; want label %s", tt.ref, v.Ref(), err, tt.want)
				}
				return
			}
			if !errors.Is(err, tt.err) || !strings.Contains(fmt.Sprint(err), tt.msg) {
				t.Errorf("Resolve(%q) error = %v; want %v containing %q", tt.ref, err, tt.err, tt.msg)
			}
		})
	}
}

func TestReAddIdenticalIsNoOp(t *testing.T) {
	w := newWorkspace(t)
	first := add(t, w, "acme", "Same.\n", AddOptions{Date: "2020", Title: "Acme"})
	before := snapshot(t, w.Dir)
	for _, opt := range []AddOptions{{Date: "2020"}, {Label: "2020"}, {Label: "2020", Title: "Acme"}, {Date: "2020", Replace: true}} {
		opt.Now = day.Add(time.Hour)
		res, err := w.Add("acme", "other-name.txt", []byte("Same.\n"), opt)
		if err != nil || !res.Unchanged {
			t.Errorf("re-add %+v = %+v, %v; want Unchanged", opt, res, err)
		}
		if diff := cmp.Diff(first.Version, res.Version); diff != "" {
			t.Errorf("re-add %+v: version (-first +got):\n%s", opt, diff)
		}
	}
	if diff := cmp.Diff(before, snapshot(t, w.Dir)); diff != "" {
		t.Errorf("workspace changed (-before +after):\n%s", diff)
	}
}

func TestAddRefused(t *testing.T) {
	tests := []struct {
		name, agreement, file, text string
		opt                         AddOptions
		err                         error
		msg                         string
	}{
		{"label taken", "acme", "c.txt", "Other.\n", AddOptions{Label: "v1"}, ErrExists, "c.txt: version acme@v1 already exists with different bytes (added from contract.txt on 2025-03-01)"},
		{"same bytes other label", "acme", "c.txt", "First.\n", AddOptions{Label: "v9"}, ErrExists, "c.txt: content already exists as version acme@v1 (added from contract.txt on 2025-03-01)"},
		{"same bytes other date", "acme", "c.txt", "First.\n", AddOptions{Label: "v1", Date: "2021"}, ErrExists, "another date or title"},
		{"same bytes other title", "acme", "c.txt", "First.\n", AddOptions{Label: "v1", Title: "New"}, ErrExists, "c.txt: version acme@v1 already exists with the same bytes but another date or title"},
		{"id uppercase", "Acme", "c.txt", "New.\n", AddOptions{}, ErrInvalid, `invalid agreement id "Acme"`},
		{"id with slash", "a/b", "c.txt", "New.\n", AddOptions{}, ErrInvalid, `'/' at byte 1`},
		{"id dot dot", "..", "c.txt", "New.\n", AddOptions{}, ErrInvalid, "starts with '.'"},
		{"id empty", "", "c.txt", "New.\n", AddOptions{}, ErrInvalid, "empty"},
		{"id too long", strings.Repeat("a", 65), "c.txt", "New.\n", AddOptions{}, ErrInvalid, "65 bytes"},
		{"label latest", "acme", "c.txt", "New.\n", AddOptions{Label: "latest"}, ErrInvalid, "reserved"},
		{"label tilde", "acme", "c.txt", "New.\n", AddOptions{Label: "~1"}, ErrInvalid, "starts with '~'"},
		{"label at", "acme", "c.txt", "New.\n", AddOptions{Label: "v@2"}, ErrInvalid, "'@'"},
		{"label space", "acme", "c.txt", "New.\n", AddOptions{Label: "v 2"}, ErrInvalid, "' '"},
		{"no label from name", "acme", "@@.txt", "New.\n", AddOptions{}, ErrInvalid, "@@.txt: invalid version label: none can be made from the file name"},
		{"date impossible", "acme", "c.txt", "New.\n", AddOptions{Date: "2023-02-30"}, ErrInvalid, `date "2023-02-30"`},
		{"date short month", "acme", "c.txt", "New.\n", AddOptions{Date: "2023-2"}, ErrInvalid, "YYYY-MM-DD"},
		{"date words", "acme", "c.txt", "New.\n", AddOptions{Date: "March 2023"}, ErrInvalid, "YYYY"},
		{"title newline", "acme", "c.txt", "New.\n", AddOptions{Title: "a\nb"}, ErrInvalid, "one line"},
		{"empty file", "acme", "c.txt", " \n\t", AddOptions{}, ErrEmpty, "c.txt: file is empty"},
		{"binary file", "acme", "c.txt", "ab\x00c", AddOptions{}, ErrBinary, "c.txt: file is binary"},
		{"invalid utf-8", "acme", "c.txt", "caf\xe9\n", AddOptions{}, ErrInvalidUTF8, "offset 3"},
		{"unknown format", "acme", "c.pdfx", "New.\n", AddOptions{}, ErrUnknownFormat, "c.pdfx: unknown format .pdfx"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := func(w *Workspace) {
				t.Helper()
				before := snapshot(t, w.Dir)
				tt.opt.Now = day
				_, err := w.Add(tt.agreement, tt.file, []byte(tt.text), tt.opt)
				if !errors.Is(err, tt.err) || !strings.Contains(fmt.Sprint(err), tt.msg) {
					t.Errorf("Add error = %v; want %v containing %q", err, tt.err, tt.msg)
				}
				if ce := (*ConflictError)(nil); tt.err == ErrExists && !errors.As(err, &ce) {
					t.Errorf("Add error %T, want a *ConflictError", err)
				}
				if diff := cmp.Diff(before, snapshot(t, w.Dir)); diff != "" {
					t.Errorf("workspace changed (-before +after):\n%s", diff)
				}
			}
			w := newWorkspace(t)
			add(t, w, "acme", "First.\n", AddOptions{Label: "v1"})
			check(w)
			if tt.err != ErrExists {
				fresh := newWorkspace(t)
				check(fresh)
				if fresh.Exists() {
					t.Error("a failed add created .clausetrack")
				}
			}
		})
	}
}

func TestReplaceKeepsOld(t *testing.T) {
	w := newWorkspace(t)
	add(t, w, "acme", "Original 2019.\n", AddOptions{Date: "2019"})
	old := add(t, w, "acme", "Wrong file.\n", AddOptions{Label: "v2020", Date: "2020"}).Version
	add(t, w, "acme", "Undated.\n", AddOptions{Label: "u"})
	later := day.Add(24 * time.Hour)
	res := add(t, w, "acme", "Right file.\n", AddOptions{Label: "v2020", Replace: true, Now: later})
	if res.Replaced == nil || res.Replaced.Source.SHA256 != old.Source.SHA256 {
		t.Fatalf("Replaced = %+v; want the old v2020", res.Replaced)
	}
	if res.Version.Seq != old.Seq || res.Version.Date != "2020" {
		t.Errorf("replacement has Seq %d date %q; want the old %d and %q", res.Version.Seq, res.Version.Date, old.Seq, old.Date)
	}
	vs, _ := w.Versions("acme")
	if diff := cmp.Diff([]string{"2019", "v2020", "u"}, labels(vs)); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	if v, _ := w.Resolve("acme@v2020"); v.Source.SHA256 != res.Version.Source.SHA256 {
		t.Errorf("acme@v2020 resolves to the replaced version")
	}
	replaced, err := w.Replaced("acme")
	if err != nil || len(replaced) != 1 || !replaced[0].ReplacedAt.Equal(later) {
		t.Fatalf("Replaced(acme) = %+v, %v", replaced, err)
	}
	if b, err := w.Original(replaced[0]); err != nil || string(b) != "Wrong file.\n" {
		t.Errorf("Original(replaced) = %q, %v", b, err)
	}
	if _, err := w.Source(replaced[0]); err != nil {
		t.Errorf("Source(replaced): %v", err)
	}
	if res := add(t, w, "acme", "Third.\n", AddOptions{Label: "v4"}); res.Version.Seq != 4 {
		t.Errorf("next Seq = %d, want 4", res.Version.Seq)
	}
}

func TestFailedCommitRollsBack(t *testing.T) {
	boom := errors.New("disk on fire")
	w := newWorkspace(t)
	w.beforeCommit = func() error { return boom }
	before := snapshot(t, w.Dir)
	if _, err := w.Add("acme", "a.txt", []byte("One.\n"), AddOptions{}); !errors.Is(err, boom) {
		t.Fatalf("new workspace: error %v, want %v", err, boom)
	}
	if diff := cmp.Diff(before, snapshot(t, w.Dir)); diff != "" {
		t.Errorf("new workspace: folder changed (-before +after):\n%s", diff)
	}
	w.beforeCommit = nil
	add(t, w, "acme", "One.\n", AddOptions{})
	os.RemoveAll(filepath.Join(w.Path(), "text")) // a missing folder is recreated, then removed again
	before = snapshot(t, w.Dir)
	w.beforeCommit = func() error { return boom }
	for _, agreement := range []string{"acme", "beta"} {
		if _, err := w.Add(agreement, "b.txt", []byte("Two.\n"), AddOptions{}); !errors.Is(err, boom) {
			t.Fatalf("add to %s: error %v, want %v", agreement, err, boom)
		}
		if diff := cmp.Diff(before, snapshot(t, w.Dir)); diff != "" {
			t.Errorf("add to %s: workspace changed (-before +after):\n%s", agreement, diff)
		}
	}
}

func TestFind(t *testing.T) {
	w := newWorkspace(t)
	add(t, w, "acme", "One.\n", AddOptions{})
	nested := filepath.Join(w.Dir, "deals", "2024", "q1")
	if err := os.MkdirAll(nested, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, start := range []string{w.Dir, nested} {
		got, err := Find(start)
		if err != nil || got.Dir != w.Dir {
			t.Errorf("Find(%s) = %v, %v; want %s", start, got, err, w.Dir)
		}
	}
	empty := t.TempDir()
	if _, err := Find(empty); !errors.Is(err, ErrNoWorkspace) {
		t.Errorf("Find(empty) error = %v, want ErrNoWorkspace", err)
	}
	if _, err := newWorkspace(t).Agreements(); !errors.Is(err, ErrNoWorkspace) {
		t.Errorf("Agreements without a workspace: error = %v, want ErrNoWorkspace", err)
	}
}

func TestTamperingDetected(t *testing.T) {
	w := newWorkspace(t)
	v := add(t, w, "acme", "One.\n", AddOptions{Label: "v1"}).Version
	for _, path := range []string{
		filepath.Join(w.Path(), "objects", v.Source.SHA256),
		filepath.Join(w.Path(), "text", v.TextSHA256+".json"),
	} {
		if err := os.WriteFile(path, []byte("tampered"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Original(v); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "original of acme@v1") {
		t.Errorf("Original of tampered file: error = %v", err)
	}
	if _, err := w.Source(v); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "text of acme@v1") {
		t.Errorf("Source of tampered file: error = %v", err)
	}
	bad := v
	bad.Source.SHA256 = "../../../etc/passwd"
	if _, err := w.Original(bad); !errors.Is(err, ErrCorrupt) {
		t.Errorf("Original with a path for a hash: error = %v", err)
	}
	// Re-adding the same bytes repairs the damaged copies.
	if _, err := w.Add("acme", "c.txt", []byte("One.\n"), AddOptions{Label: "v1", Now: day}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Original(v); err != nil {
		t.Errorf("Original after the re-add: %v", err)
	}
	os.Remove(filepath.Join(w.Path(), "objects", v.Source.SHA256))
	if _, err := w.Original(v); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "missing") {
		t.Errorf("Original of a missing file: error = %v", err)
	}
}

func TestCorruptManifest(t *testing.T) {
	w := newWorkspace(t)
	add(t, w, "acme", "One.\n", AddOptions{})
	path := filepath.Join(w.Path(), "agreements", "acme.json")
	if err := os.WriteFile(path, []byte(`{"schema": "clausetrack.agreement/v1", "versions": [`), 0o600); err != nil {
		t.Fatal(err)
	}
	for name, call := range map[string]func() error{
		"Versions":   func() error { _, err := w.Versions("acme"); return err },
		"Agreements": func() error { _, err := w.Agreements(); return err },
		"Add":        func() error { _, err := w.Add("acme", "b.txt", []byte("Two.\n"), AddOptions{}); return err },
	} {
		if err := call(); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s error = %v; want ErrCorrupt naming %s", name, err, path)
		}
	}
}

func TestLocked(t *testing.T) {
	t.Parallel() // waits out the lock for about two seconds
	w := newWorkspace(t)
	add(t, w, "acme", "One.\n", AddOptions{})
	f, err := os.Open(filepath.Join(w.Path(), "lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, w.Dir)
	if _, err := w.Add("acme", "b.txt", []byte("Two.\n"), AddOptions{}); !errors.Is(err, ErrLocked) {
		t.Errorf("Add while locked: error = %v, want ErrLocked", err)
	}
	if diff := cmp.Diff(before, snapshot(t, w.Dir)); diff != "" {
		t.Errorf("workspace changed (-before +after):\n%s", diff)
	}
}

func TestConcurrentAdds(t *testing.T) {
	w := newWorkspace(t)
	const n = 8
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			other := &Workspace{Dir: w.Dir} // as if another process
			_, errs[i] = other.Add("acme", "c.txt", fmt.Appendf(nil, "Version %d.\n", i), AddOptions{Label: fmt.Sprint("v", i)})
		})
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("add %d: %v", i, err)
		}
	}
	if vs, err := w.Versions("acme"); err != nil || len(vs) != n {
		t.Errorf("Versions = %d versions, %v; want %d", len(vs), err, n)
	}
	entries, _ := os.ReadDir(w.Dir)
	if len(entries) != 1 {
		t.Errorf("workspace folder holds %d entries, want only .clausetrack", len(entries))
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "f.json")
	for _, data := range []string{"one", "two"} {
		if renamed, err := new(Workspace).writeFileAtomic(path, []byte(data)); err != nil || !renamed {
			t.Fatalf("writeFileAtomic: %v, %v", renamed, err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "taken"), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := new(Workspace).writeFileAtomic(filepath.Join(dir, "taken"), []byte("x")); err == nil {
		t.Error("writing over a folder succeeded")
	}
	want := map[string]string{".": "dir", "f.json": "two", "taken": "dir"}
	if diff := cmp.Diff(want, snapshot(t, dir)); diff != "" {
		t.Errorf("folder (-want +got):\n%s", diff)
	}
}

func TestDefaultLabel(t *testing.T) {
	tests := map[string]string{
		"MSA v2 (signed).txt":            "MSA-v2-signed",
		"/tmp/deals/2019-04.md":          "2019-04",
		"__draft__.txt":                  "draft",
		"Vertrag für Müller.txt":         "Vertrag-f-r-M-ller",
		strings.Repeat("x", 80) + ".txt": strings.Repeat("x", 64),
	}
	for name, want := range tests {
		if got, err := defaultLabel(name); err != nil || got != want {
			t.Errorf("defaultLabel(%q) = %q, %v; want %q", name, got, err, want)
		}
	}
}

func TestTextRoundTrip(t *testing.T) {
	tests := map[string]*clauses.Source{
		"plain":     {Format: "txt", Text: []byte("1. Term <b>&\n")},
		"no blocks": {Format: "html", Text: []byte("x"), Blocks: []clauses.Block{}},
		"blocks": {Format: "md", Text: []byte("# Terms\n\n1. One\n"), Notes: []string{"note"}, Blocks: []clauses.Block{
			{Kind: clauses.Heading, Level: 1, Span: clauses.Span{Start: 0, End: 7}, Plain: "Terms"},
			{Kind: clauses.ListItem, Level: 1, Label: "1.", Span: clauses.Span{Start: 9, End: 15}, Plain: "One"},
			{Kind: clauses.TableRow, Span: clauses.Span{Start: 15, End: 16}},
		}},
	}
	for name, src := range tests {
		data, err := encodeText(src)
		if err != nil {
			t.Fatalf("%s: encodeText: %v", name, err)
		}
		got, err := decodeText(data)
		if err != nil {
			t.Fatalf("%s: decodeText: %v", name, err)
		}
		if diff := cmp.Diff(src, got); diff != "" {
			t.Errorf("%s: round trip (-want +got):\n%s", name, diff)
		}
	}
	if _, err := encodeText(&clauses.Source{Text: []byte("\xff")}); !errors.Is(err, ErrInvalidUTF8) {
		t.Errorf("encodeText of invalid UTF-8: error = %v", err)
	}
	for _, bad := range []string{`{"schema":"clausetrack.text/v1","text":"ab","blocks":[{"kind":"para","start":1,"end":3}]}`, `{"schema":"x"}`, `[`} {
		if _, err := decodeText([]byte(bad)); !errors.Is(err, ErrCorrupt) {
			t.Errorf("decodeText(%s): error = %v, want ErrCorrupt", bad, err)
		}
	}
}

func TestWorkspaceMarker(t *testing.T) {
	w := newWorkspace(t)
	add(t, w, "acme", "One.\n", AddOptions{})
	marker := filepath.Join(w.Path(), "workspace.json")
	if err := os.WriteFile(marker, []byte(`{"schema":"clausetrack.workspace/v1","format":2}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Agreements(); err == nil || !strings.Contains(err.Error(), "format 2") {
		t.Errorf("newer format: error = %v", err)
	}
	os.Remove(marker)
	if _, err := w.Add("acme", "b.txt", []byte("Two.\n"), AddOptions{}); err == nil || !strings.Contains(err.Error(), "no workspace.json") {
		t.Errorf("no marker: error = %v", err)
	}
}

// trackedDOCX is a Word file with one tracked change: "thirty" deleted
// and "sixty" inserted.
func trackedDOCX(t *testing.T) []byte {
	t.Helper()
	const ns = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"`
	const rels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	parts := []struct{ name, data string }{
		{"_rels/.rels", rels + `<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/_rels/document.xml.rels", rels + `</Relationships>`},
		{"word/document.xml", `<w:document ` + ns + `><w:body><w:p><w:r><w:t xml:space="preserve">1. Pay within </w:t></w:r>` +
			`<w:del w:id="1" w:author="A"><w:r><w:delText>thirty</w:delText></w:r></w:del>` +
			`<w:ins w:id="2" w:author="A"><w:r><w:t>sixty</w:t></w:r></w:ins>` +
			`<w:r><w:t xml:space="preserve"> days.</w:t></w:r></w:p></w:body></w:document>`},
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range parts {
		f, err := zw.Create(p.name)
		if err == nil {
			_, err = f.Write([]byte(p.data))
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestReAddOtherText guards the review finding that the same bytes read
// with another --tracked mode were reported unchanged: a version is its
// bytes and its extracted text.
func TestReAddOtherText(t *testing.T) {
	w := newWorkspace(t)
	data := trackedDOCX(t)
	current := AddOptions{Label: "v1", Now: day}
	original := AddOptions{Label: "v1", Now: day, Import: ImportOptions{Tracked: "original"}}
	first, err := w.Add("acme", "c.docx", data, current)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, w.Dir)
	_, err = w.Add("acme", "c.docx", data, original)
	var ce *ConflictError
	if !errors.As(err, &ce) || !ce.SameBytes || ce.SameText || ce.Duplicate ||
		!strings.Contains(err.Error(), "c.docx: version acme@v1 already exists with the same bytes but another extracted text") {
		t.Errorf("re-add with another tracked mode: error = %v; want a conflict over the text", err)
	}
	if diff := cmp.Diff(before, snapshot(t, w.Dir)); diff != "" {
		t.Errorf("refused add changed the workspace (-before +after):\n%s", diff)
	}

	original.Replace = true
	res, err := w.Add("acme", "c.docx", data, original)
	if err != nil || res.Unchanged || res.Replaced == nil || res.Version.TextSHA256 == first.Version.TextSHA256 {
		t.Fatalf("re-add with --replace = %+v, %v; want the version replaced", res, err)
	}
	src, err := w.Source(res.Version)
	if err != nil || !strings.Contains(string(src.Text), "thirty") {
		t.Errorf("text after the replace = %q, %v; want the original text", src.Text, err)
	}
	if res, err := w.Add("acme", "c.docx", data, original); err != nil || !res.Unchanged {
		t.Errorf("the same bytes and mode again = %+v, %v; want Unchanged", res, err)
	}
}

// TestAddSyncsFolders checks that every entry an add makes, folders
// included, is in its folder when that folder is synced.
func TestAddSyncsFolders(t *testing.T) {
	base := t.TempDir()
	w, err := Open(filepath.Join(base, "deals", "2025"))
	if err != nil {
		t.Fatal(err)
	}
	synced := make(map[string]map[string]bool) // folder -> entries seen at a sync
	w.onSync = func(dir string) {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Errorf("sync of %s: %v", dir, err)
		}
		if rel, err := filepath.Rel(w.Dir, dir); err == nil && strings.HasPrefix(rel, DirName+".new-") {
			_, inside, _ := strings.Cut(rel, string(filepath.Separator))
			dir = filepath.Join(w.Path(), inside) // built aside, then renamed into place
		}
		if synced[dir] == nil {
			synced[dir] = make(map[string]bool)
		}
		for _, e := range entries {
			synced[dir][e.Name()] = true
		}
	}
	check := func(what string, paths ...string) {
		t.Helper()
		for _, path := range paths {
			if dir, name := filepath.Split(path); !synced[filepath.Clean(dir)][name] {
				t.Errorf("%s: %s was never seen by a sync of its folder", what, path)
			}
		}
	}
	walk := func() []string {
		var paths []string
		filepath.WalkDir(w.Path(), func(path string, d fs.DirEntry, err error) error {
			paths = append(paths, path)
			return err
		})
		return paths
	}

	add(t, w, "acme", "One.\n", AddOptions{})
	check("new workspace", filepath.Join(base, "deals"), w.Dir)
	check("new workspace", walk()...)

	clear(synced)
	os.RemoveAll(filepath.Join(w.Path(), "text"))
	add(t, w, "beta", "Two.\n", AddOptions{})
	check("existing workspace", filepath.Join(w.Path(), "text"), filepath.Join(w.Path(), "agreements", "beta.json"))
}

// TestAddCreatesFolder checks that Add creates a workspace folder that
// does not exist yet, with its parents, and that a failed add does not.
func TestAddCreatesFolder(t *testing.T) {
	base := t.TempDir()
	w, err := Open(filepath.Join(base, "a", "b"))
	if err != nil {
		t.Fatalf("Open of a missing folder: %v", err)
	}
	if _, err := w.Agreements(); !errors.Is(err, ErrNoWorkspace) {
		t.Errorf("Agreements before any add: error = %v, want ErrNoWorkspace", err)
	}
	if _, err := w.Add("acme", "c.txt", []byte(" \n"), AddOptions{}); !errors.Is(err, ErrEmpty) {
		t.Errorf("failed add: error = %v, want ErrEmpty", err)
	}
	w.beforeCommit = func() error { return errors.New("disk on fire") }
	if _, err := w.Add("acme", "c.txt", []byte("One.\n"), AddOptions{}); err == nil {
		t.Error("add failing at commit: no error")
	}
	if diff := cmp.Diff(map[string]string{".": "dir"}, snapshot(t, base)); diff != "" {
		t.Errorf("failed adds left (-want +got):\n%s", diff)
	}
	w.beforeCommit = nil
	if res := add(t, w, "acme", "One.\n", AddOptions{}); !res.Created {
		t.Error("add into a missing folder: Created is false")
	}
	if _, err := os.Stat(filepath.Join(base, "a", "b", DirName, "workspace.json")); err != nil {
		t.Error(err)
	}

	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(file); err == nil || !strings.HasPrefix(err.Error(), file+": not a folder") {
		t.Errorf("Open of a file: error = %v", err)
	}
}

// TestAddRemovesStrays checks that an add removes the temporary files an
// add killed midway (SIGKILL, power loss) left, and nothing else.
func TestAddRemovesStrays(t *testing.T) {
	w := newWorkspace(t)
	add(t, w, "acme", "One.\n", AddOptions{})
	old := time.Now().Add(-2 * time.Hour)
	strays := []string{
		filepath.Join(w.Path(), "agreements", ".acme.json.tmp-123"),
		filepath.Join(w.Path(), "objects", ".abc.tmp-456"),
		filepath.Join(w.Path(), ".workspace.json.tmp-789"),
		filepath.Join(w.Dir, DirName+".new-1", "workspace.json"),
	}
	keep := []string{
		filepath.Join(w.Dir, DirName+".new-2", "workspace.json"), // recent: a first add may be building it
		filepath.Join(w.Dir, "notes.tmp-1"),
		filepath.Join(w.Path(), "agreements", "acme.json"),
	}
	for _, path := range slices.Concat(strays, keep[:2]) {
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{strays[0], strays[1], strays[2], filepath.Dir(strays[3])} {
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	add(t, w, "acme", "Two.\n", AddOptions{Label: "v2"})
	for _, path := range strays {
		if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s is still there (%v)", path, err)
		}
	}
	for _, path := range keep {
		if _, err := os.Stat(path); err != nil {
			t.Errorf("%s was removed: %v", path, err)
		}
	}
}

// TestListJSONFields checks that the JSON of a version and an agreement
// has every field, empty or not, in a fixed order.
func TestListJSONFields(t *testing.T) {
	w := newWorkspace(t)
	v := add(t, w, "acme", "One.\n", AddOptions{Label: "v1"}).Version
	got, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"agreement":"acme","label":"v1","date":"","seq":1,"source":{"name":"contract.txt","format":"txt",` +
		`"sha256":"` + v.Source.SHA256 + `","size":5},"text_sha256":"` + v.TextSHA256 + `","added":"2025-03-01T09:30:00Z"}`
	if string(got) != want {
		t.Errorf("version JSON:\n got %s\nwant %s", got, want)
	}
	as, err := w.Agreements()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := json.Marshal(as); string(got) != `[{"id":"acme","title":"","versions":1}]` {
		t.Errorf("agreements JSON: %s", got)
	}
}
