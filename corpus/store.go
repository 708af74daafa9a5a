package corpus

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/clauses"
)

// Errors that callers branch on. They are wrapped with the details.
var (
	// ErrNoWorkspace means there is no .clausetrack folder where one was
	// looked for.
	ErrNoWorkspace = errors.New("no clausetrack workspace")
	// ErrNotFound means the agreement or version does not exist.
	ErrNotFound = errors.New("not found")
	// ErrExists means an add would change or duplicate a stored version.
	ErrExists = errors.New("already exists")
	// ErrInvalid means an agreement id, label, date, title or reference is
	// malformed.
	ErrInvalid = errors.New("invalid")
	// ErrLocked means another process is adding to the workspace.
	ErrLocked = errors.New("workspace is locked by another clausetrack process")
	// ErrCorrupt means a workspace file is missing, is not valid, or does
	// not match its SHA-256.
	ErrCorrupt = errors.New("workspace file is damaged")

	// errRaced means another process created the workspace first.
	errRaced = errors.New("workspace created concurrently")
)

const (
	// DirName is the name of the folder that holds a workspace.
	DirName = ".clausetrack"
	// format is the on-disk layout version written to workspace.json.
	format = 1

	lockTries = 40
	lockWait  = 50 * time.Millisecond
)

// Workspace is a workspace: the folder Dir holds, or will hold, the
// .clausetrack folder. Reads need no lock (every file is replaced by an
// atomic rename); Add takes an exclusive lock.
type Workspace struct {
	// Dir is the absolute path of the folder that holds .clausetrack.
	Dir string

	// beforeCommit, when set, runs just before the manifest is written,
	// so tests can make an add fail at its worst moment.
	beforeCommit func() error
	// onSync, when set, is told of each folder synced, so tests can check
	// that every new entry was made durable.
	onSync func(dir string)
}

// Find looks for a .clausetrack folder in start and then in each of its
// parents, like git. It returns ErrNoWorkspace when there is none.
func Find(start string) (*Workspace, error) {
	abs, err := filepath.Abs(start)
	if err != nil {
		return nil, fmt.Errorf("find workspace: %w", err)
	}
	for dir := abs; ; {
		fi, err := os.Stat(filepath.Join(dir, DirName))
		if err == nil && fi.IsDir() {
			return &Workspace{Dir: dir}, nil
		}
		if err != nil && !errors.Is(err, os.ErrNotExist) && !errors.Is(err, syscall.ENOTDIR) {
			return nil, fmt.Errorf("find workspace: %w", err)
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return nil, fmt.Errorf("%w in %s or any folder above it", ErrNoWorkspace, abs)
		}
		dir = parent
	}
}

// Open returns the workspace whose .clausetrack folder is, or will be, in
// dir. Dir need not exist yet: Add creates it, with any missing parents.
// Open creates nothing; it fails when dir is something other than a
// folder.
func Open(dir string) (*Workspace, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open workspace: %w", err)
	}
	fi, err := os.Stat(abs)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", abs, pathless(err))
	}
	if err == nil && !fi.IsDir() {
		return nil, fmt.Errorf("%s: not a folder, so it cannot hold a workspace", abs)
	}
	return &Workspace{Dir: abs}, nil
}

// Path returns the path of the .clausetrack folder.
func (w *Workspace) Path() string { return filepath.Join(w.Dir, DirName) }

// Exists reports whether the .clausetrack folder exists.
func (w *Workspace) Exists() bool {
	fi, err := os.Stat(w.Path())
	return err == nil && fi.IsDir()
}

// root returns the .clausetrack folder after checking that it exists and
// that this program reads its format.
func (w *Workspace) root() (string, error) {
	if !w.Exists() {
		return "", fmt.Errorf("%w in %s", ErrNoWorkspace, w.Dir)
	}
	root := w.Path()
	var mk struct{ Format int }
	path := filepath.Join(root, "workspace.json")
	if err := readJSON("workspace marker", path, &mk); errors.Is(err, ErrNotFound) {
		return "", fmt.Errorf("%s: not a clausetrack workspace: it has no workspace.json", root)
	} else if err != nil {
		return "", err
	}
	if mk.Format != format {
		return "", fmt.Errorf("%s: workspace format %d; this clausetrack reads format %d", path, mk.Format, format)
	}
	return root, nil
}

// AddOptions are the optional parts of an Add.
type AddOptions struct {
	// Label names the version. It defaults to Date when that is given,
	// else to the file name without its extension, made into a label.
	Label string
	// Date is the effective date: YYYY-MM-DD, YYYY-MM or YYYY. When
	// replacing, an empty Date keeps the replaced version's date.
	Date string
	// Title, when given, becomes the agreement's title; otherwise the
	// agreement keeps the title it has.
	Title string
	// Replace lets the add replace the version that has the same label
	// and different bytes or metadata. The replaced version stays
	// recoverable through Replaced and Original.
	Replace bool
	// Now is the time recorded as Added; the zero value means time.Now.
	Now time.Time
	// Import tunes the importer.
	Import ImportOptions
}

// AddResult says what an Add did.
type AddResult struct {
	// Version is the version now stored under the label.
	Version Version
	// Unchanged is true when the same bytes, read into the same text,
	// with the same date and title, were already stored under the label:
	// nothing was written.
	Unchanged bool
	// Replaced is the version the add replaced, or nil.
	Replaced *Version
	// Created is true when the add created the workspace.
	Created bool
}

// pending is an add that has been checked and imported, ready to write.
type pending struct {
	name                   string // the file name as given, for messages
	id, label, date, title string
	replace                bool
	now                    time.Time
	data, text             []byte
	info                   SourceInfo
	textSHA                string
}

// Add imports data, read from the file name (a path or a base name; its
// extension picks the importer), and stores it as a version of the
// agreement, creating the workspace and the agreement when they do not
// exist yet. Everything is checked and imported before anything is
// written, and an add that fails leaves the workspace exactly as it was;
// when the workspace did not exist, it still does not.
//
// The same bytes under the same label, read into the same text (the
// same opt.Import), with no other date or title, are a no-op
// (Unchanged). Different bytes, text, date or title under a label
// already in use are a *ConflictError (ErrExists) unless opt.Replace is
// set. The same bytes as another version of the agreement are a
// *ConflictError naming that version, whatever the options: two versions
// with one content only hide mistakes.
func (w *Workspace) Add(agreement, name string, data []byte, opt AddOptions) (AddResult, error) {
	p, err := prepare(agreement, name, data, opt)
	if err != nil {
		return AddResult{}, err
	}
	if !w.Exists() {
		res, err := w.addNew(p)
		if !errors.Is(err, errRaced) {
			return res, err
		}
	}
	return w.addExisting(p)
}

// prepare checks the arguments and imports the document.
func prepare(agreement, name string, data []byte, opt AddOptions) (*pending, error) {
	p := &pending{name: name, id: agreement, label: opt.Label, date: opt.Date, replace: opt.Replace, data: data}
	if err := checkID(p.id); err != nil {
		return nil, err
	}
	if p.date != "" {
		if err := checkDate(p.date); err != nil {
			return nil, err
		}
	}
	var err error
	if p.title, err = cleanTitle(opt.Title); err != nil {
		return nil, err
	}
	if p.label == "" && p.date != "" {
		p.label = p.date
	} else if p.label == "" {
		if p.label, err = defaultLabel(name); err != nil {
			return nil, err
		}
	}
	if err := checkLabel(p.label); err != nil {
		return nil, err
	}
	src, err := Import(name, data, opt.Import)
	if err != nil {
		return nil, err
	}
	if p.text, err = encodeText(src); err != nil {
		return nil, &FileError{name, err}
	}
	p.textSHA = hashOf(p.text)
	p.info = SourceInfo{Name: filepath.Base(name), Format: src.Format, SHA256: hashOf(data), Size: int64(len(data))}
	p.now = opt.Now
	if p.now.IsZero() {
		p.now = time.Now()
	}
	p.now = p.now.UTC().Truncate(time.Second)
	return p, nil
}

// addNew builds a whole new workspace in a temporary folder beside it and
// renames it into place, so a failed add leaves no .clausetrack behind.
// It first creates the folder that holds it, and any missing parents;
// a failed add removes them again.
func (w *Workspace) addNew(p *pending) (res AddResult, err error) {
	made, err := w.mkdirAll(w.Dir)
	if err != nil {
		return res, fmt.Errorf("create workspace: %w", err)
	}
	defer func() {
		if err != nil {
			for _, dir := range slices.Backward(made) {
				os.Remove(dir)
			}
		}
	}()
	tmp, err := os.MkdirTemp(w.Dir, DirName+".new-*")
	if err != nil {
		return res, fmt.Errorf("create workspace: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	marker := fmt.Appendf(nil, "{\n  \"schema\": \"clausetrack.workspace/v1\",\n  \"format\": %d\n}\n", format)
	if _, err := w.writeFileAtomic(filepath.Join(tmp, "workspace.json"), marker); err != nil {
		return res, fmt.Errorf("create workspace: %w", err)
	}
	if _, err := w.writeFileAtomic(filepath.Join(tmp, "lock"), nil); err != nil {
		return res, fmt.Errorf("create workspace: %w", err)
	}
	m, res, err := plan(nil, p)
	if err != nil {
		return res, err
	}
	if err := w.commit(tmp, p, m); err != nil {
		return res, err
	}
	if err := os.Rename(tmp, w.Path()); err != nil {
		if w.Exists() {
			return res, errRaced
		}
		return res, fmt.Errorf("create workspace: %w", err)
	}
	res.Created = true
	if err := w.syncDir(w.Dir); err != nil {
		return res, fmt.Errorf("create workspace: %w", err)
	}
	return res, nil
}

// addExisting adds to a workspace that exists, under its lock.
func (w *Workspace) addExisting(p *pending) (AddResult, error) {
	root, err := w.root()
	if err != nil {
		return AddResult{}, err
	}
	unlock, err := lock(filepath.Join(root, "lock"))
	if err != nil {
		return AddResult{}, err
	}
	defer unlock()
	removeStrays(w.Dir, root, time.Now())
	old, err := readManifest(root, p.id)
	if err != nil && !errors.Is(err, ErrNotFound) {
		return AddResult{}, err
	}
	m, res, err := plan(old, p)
	if err != nil {
		return res, err
	}
	return res, w.commit(root, p, m)
}

// strayAge is how old a temporary workspace folder (.clausetrack.new-*)
// must be before an add removes it: a first add builds one in well under
// a second, and may be running now, unlocked.
const strayAge = time.Hour

// removeStrays removes what adds killed midway left behind: temporary
// files under root (none can be in use while the lock is held; only
// those older than locked are removed, to be sure), and old temporary
// workspace folders in dir. It is best effort: a stray it cannot remove
// is harmless and is tried again by the next add.
func removeStrays(dir, root string, locked time.Time) {
	for _, sub := range []string{"", "objects", "text", "agreements", "lineage"} {
		entries, _ := os.ReadDir(filepath.Join(root, sub))
		for _, e := range entries {
			if !e.Type().IsRegular() || !isTemp(e.Name()) {
				continue
			}
			if fi, err := e.Info(); err == nil && fi.ModTime().Before(locked) {
				os.Remove(filepath.Join(root, sub, e.Name()))
			}
		}
	}
	news, _ := filepath.Glob(filepath.Join(dir, DirName+".new-*"))
	for _, path := range news {
		if fi, err := os.Lstat(path); err == nil && fi.IsDir() && locked.Sub(fi.ModTime()) > strayAge {
			os.RemoveAll(path)
		}
	}
}

// isTemp reports whether name is one of writeFileAtomic's temporary
// files, ".NAME.tmp-RANDOM".
func isTemp(name string) bool {
	return strings.HasPrefix(name, ".") && strings.Contains(name, ".tmp-")
}

// commit writes the original, the text and then the manifest m under
// root. The manifest's rename is the commit point: when anything fails
// before it, the files and folders commit created are removed again. When
// m is nil (an unchanged add) commit only puts right damaged copies.
func (w *Workspace) commit(root string, p *pending, m *manifest) (err error) {
	var created []string
	committed := false
	defer func() {
		if !committed {
			for _, path := range slices.Backward(created) {
				os.Remove(path)
			}
		}
	}()
	if err := w.storeFiles(root, p, &created); err != nil || m == nil {
		committed = err == nil
		return err
	}
	data, err := m.encode()
	if err != nil {
		return fmt.Errorf("encode manifest %s: %w", m.ID, err)
	}
	dir, err := w.mkdir(root, "agreements", &created)
	if err == nil && w.beforeCommit != nil {
		err = w.beforeCommit()
	}
	if err != nil {
		return fmt.Errorf("write manifest %s: %w", m.ID, err)
	}
	path := filepath.Join(dir, m.ID+".json")
	// After the rename the add has happened, even if syncing the folder
	// then fails: the files it needs must stay.
	committed, err = w.writeFileAtomic(path, data)
	if err != nil {
		return fmt.Errorf("write manifest %s: %w", path, err)
	}
	return nil
}

// storeFiles writes the original and the text of p, unless intact copies
// are there already; a damaged copy is replaced. It appends the files and
// folders it creates to created.
func (w *Workspace) storeFiles(root string, p *pending, created *[]string) error {
	files := []struct {
		dir, name string
		data      []byte
	}{
		{"objects", p.info.SHA256, p.data},
		{"text", p.textSHA + ".json", p.text},
	}
	for _, f := range files {
		dir, err := w.mkdir(root, f.dir, created)
		if err != nil {
			return fmt.Errorf("store %s: %w", f.dir, err)
		}
		path := filepath.Join(dir, f.name)
		b, err := os.ReadFile(path)
		if err == nil && hashOf(b) == hashOf(f.data) {
			continue
		}
		if errors.Is(err, os.ErrNotExist) {
			*created = append(*created, path)
		}
		if _, err := w.writeFileAtomic(path, f.data); err != nil {
			return fmt.Errorf("store %s/%s: %w", f.dir, f.name, err)
		}
	}
	return nil
}

// mkdir makes the folder root/name unless it exists, and appends it to
// created when it made it. A new folder is made durable by syncing root.
func (w *Workspace) mkdir(root, name string, created *[]string) (string, error) {
	dir := filepath.Join(root, name)
	err := os.Mkdir(dir, 0o700)
	if errors.Is(err, os.ErrExist) {
		return dir, nil
	} else if err != nil {
		return dir, err
	}
	*created = append(*created, dir)
	return dir, w.syncDir(root)
}

// mkdirAll makes dir and any missing parents, like os.MkdirAll, syncing
// the parent of each folder it makes. It returns the folders it made,
// outermost first, also when it fails.
func (w *Workspace) mkdirAll(dir string) (made []string, err error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err == nil && fi.IsDir() {
			break
		} else if err == nil {
			return nil, fmt.Errorf("%s: not a folder", d)
		} else if !errors.Is(err, os.ErrNotExist) || filepath.Dir(d) == d {
			return nil, err
		}
		missing = append(missing, d)
	}
	for _, d := range slices.Backward(missing) {
		if err := os.Mkdir(d, 0o755); err != nil && !errors.Is(err, os.ErrExist) {
			return made, err
		} else if err == nil {
			made = append(made, d)
		}
		if err := w.syncDir(filepath.Dir(d)); err != nil {
			return made, err
		}
	}
	return made, nil
}

// hashOf returns the hex SHA-256 of data.
func hashOf(data []byte) string {
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

const textSchema = "clausetrack.text/v1"

// textFile is the file text/<sha256>.json: a clauses.Source in JSON, with
// Text as a string so that the file stays readable. The file name is left
// out, so that the same text is stored once whatever the file was called.
type textFile struct {
	Schema string `json:"schema"`
	Format string `json:"format"`
	Text   string `json:"text"`
	// Blocks is null when the importer left block-finding to Segment, and
	// [] when it found none; Segment treats the two differently.
	Blocks []textBlock `json:"blocks"`
	Notes  []string    `json:"notes,omitempty"`
}

type textBlock struct {
	Kind  string `json:"kind"`
	Level int    `json:"level,omitempty"`
	Label string `json:"label,omitempty"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	Plain string `json:"plain"`
}

// encodeText turns src into the bytes of its text file. JSON strings
// cannot carry invalid UTF-8, so it is refused rather than altered.
func encodeText(src *clauses.Source) ([]byte, error) {
	if !utf8.Valid(src.Text) {
		return nil, fmt.Errorf("%w in the extracted text", ErrInvalidUTF8)
	}
	f := textFile{Schema: textSchema, Format: src.Format, Text: string(src.Text), Notes: src.Notes}
	if src.Blocks != nil {
		f.Blocks = make([]textBlock, len(src.Blocks))
	}
	for i, b := range src.Blocks {
		if !utf8.ValidString(b.Plain) || !utf8.ValidString(b.Label) {
			return nil, fmt.Errorf("%w in block %d", ErrInvalidUTF8, i)
		}
		f.Blocks[i] = textBlock{Kind: b.Kind.String(), Level: b.Level, Label: b.Label, Start: b.Span.Start, End: b.Span.End, Plain: b.Plain}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	err := enc.Encode(f)
	return buf.Bytes(), err
}

// decodeText reads a text file written by encodeText.
func decodeText(data []byte) (*clauses.Source, error) {
	var f textFile
	if err := json.Unmarshal(data, &f); err != nil {
		return nil, fmt.Errorf("%w: invalid JSON: %v", ErrCorrupt, err)
	}
	if f.Schema != textSchema {
		return nil, fmt.Errorf("%w: schema %q, want %q", ErrCorrupt, f.Schema, textSchema)
	}
	src := &clauses.Source{Format: f.Format, Text: []byte(f.Text), Notes: f.Notes}
	if f.Blocks != nil {
		src.Blocks = make([]clauses.Block, len(f.Blocks))
	}
	for i, b := range f.Blocks {
		kind, ok := blockKind(b.Kind)
		if !ok || b.Start < 0 || b.Start > b.End || b.End > len(src.Text) {
			return nil, fmt.Errorf("%w: block %d has kind %q and span %d-%d", ErrCorrupt, i, b.Kind, b.Start, b.End)
		}
		src.Blocks[i] = clauses.Block{Kind: kind, Level: b.Level, Label: b.Label, Span: clauses.Span{Start: b.Start, End: b.End}, Plain: b.Plain}
	}
	return src, nil
}

// blockKind is the inverse of clauses.BlockKind.String.
func blockKind(name string) (clauses.BlockKind, bool) {
	for k := clauses.Paragraph; k <= clauses.TableRow; k++ {
		if k.String() == name {
			return k, true
		}
	}
	return 0, false
}

// lock takes the workspace lock, trying for about two seconds: it never
// waits on another process indefinitely.
func lock(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock workspace: %w", err)
	}
	for i := 0; ; i++ {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil // closing releases the lock
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) && !errors.Is(err, syscall.EINTR) {
			f.Close()
			return nil, fmt.Errorf("lock workspace: %w", err)
		}
		if i == lockTries {
			f.Close()
			return nil, fmt.Errorf("%s: %w", path, ErrLocked)
		}
		time.Sleep(lockWait)
	}
}

// writeFileAtomic replaces path with data: it writes a temporary file in
// the same folder, syncs and closes it, renames it over path and syncs
// the folder. Renamed reports whether the rename happened: after it, path
// holds data even if the error says the folder sync failed. A process
// killed midway may leave the temporary file, which removeStrays finds by
// its name.
func (w *Workspace) writeFileAtomic(path string, data []byte) (renamed bool, err error) {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return false, err
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return false, err
	}
	return true, w.syncDir(dir)
}

// syncDir makes the entries of dir durable: a file renamed into it or a
// folder made in it survives a crash once syncDir returns. It is best
// effort where folders cannot be synced: on Windows, which cannot open a
// folder for syncing, and on file systems that refuse to sync one.
func (w *Workspace) syncDir(dir string) error {
	if w.onSync != nil {
		w.onSync(dir)
	}
	d, err := os.Open(dir)
	if err != nil {
		if runtime.GOOS == "windows" {
			return nil
		}
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) {
		return nil // the file system cannot sync folders; nothing more to do
	}
	return err
}

// LockFile takes an exclusive lock on the file at path (made when
// missing), trying for about two seconds like the workspace lock; the
// returned function releases it. Derived stores such as the index use it
// to keep their writers apart.
func LockFile(path string) (unlock func(), err error) { return lock(path) }
