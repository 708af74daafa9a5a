// Command fmtacc measures how many clause numbers survive the trip through
// Word and PDF. It converts each agreement of the accuracy set
// (clauses/testdata/accuracy: NAME.txt, NAME.md or NAME.html with its
// answer key NAME.key) with the converters installed here — LibreOffice,
// pandoc, Chromium, poppler's pdftocairo — imports each result as
// clausetrack does (corpus.Import, clauses.Segment) and scores its clause
// numbers against the document's key, per document, per producer and
// overall.
//
// The key is the one the source was written with: what a converter adds
// (a table of contents, a line break inside a clause, a page header) or
// loses (the gap after a number) counts against us, as a reader of the
// converted file sees the same clauses as a reader of the source. Only
// where a converter shows other numbers than the source (LibreOffice
// numbers a third-level <ol type="1"> "i."), so that the key cannot
// apply, does seen.txt give the numbers it shows, each with its reason.
// Converters run as a user would run them: pandoc with its own Markdown
// reader, LibreOffice opening text as UTF-8 and HTML in Writer. A producer
// whose programs are missing is skipped and said so.
//
// Usage, from the module root:
//
//	go run ./scripts/fmtacc                 # the table
//	go run ./scripts/fmtacc -v              # and every missed or spurious number
//	go run ./scripts/fmtacc -only 'pdf' -keep /tmp/conv
//	go run ./scripts/fmtacc -keep /tmp/conv -reuse   # score again without converting
//
// Converted files go to a temporary folder, removed at the end unless
// -keep names a folder to write them to. The exit status is 0 when every
// producer reaches -min precision and recall, 1 when one does not, and 2
// on a usage or conversion error.
package main

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"github.com/clausetrack/clausetrack/internal/numkey"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/corpus"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// options are the command line.
type options struct {
	dir     string  // the accuracy set
	keep    string  // where to write converted files; "" for a temporary folder
	reuse   bool    // score the files already in keep rather than convert again
	only    string  // a pattern on "producer document"
	verbose bool    // list each missed and spurious number
	min     float64 // the precision and recall each producer must reach
}

func run(args []string, stdout, stderr io.Writer) int {
	var opt options
	fs := flag.NewFlagSet("fmtacc", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&opt.dir, "dir", filepath.Join("clauses", "testdata", "accuracy"), "the accuracy set: documents with .key files")
	fs.StringVar(&opt.keep, "keep", "", "write converted files to this folder and keep them")
	fs.BoolVar(&opt.reuse, "reuse", false, "with -keep: score the converted files already there, converting only those missing")
	fs.StringVar(&opt.only, "only", "", "measure only producer/document pairs matching this regular expression (e.g. 'pdf', 'pandoc.*lease')")
	fs.BoolVar(&opt.verbose, "v", false, "list every missed and spurious clause number")
	fs.Float64Var(&opt.min, "min", 0.95, "precision and recall each producer must reach")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if err := measure(opt, stdout, stderr); err != nil {
		if errors.Is(err, errBelow) {
			return 1
		}
		fmt.Fprintf(stderr, "fmtacc: error: %v\n", err)
		return 2
	}
	return 0
}

var errBelow = errors.New("a producer is below the minimum")

// doc is one agreement of the accuracy set.
type doc struct {
	name string // file name, e.g. "office-lease.md"
	path string
	key  []string
}

func (d *doc) ext() string  { return filepath.Ext(d.name) }
func (d *doc) base() string { return strings.TrimSuffix(d.name, d.ext()) }

// loadDocs reads the documents of dir that have keys.
func loadDocs(dir string) ([]*doc, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var docs []*doc
	for _, e := range entries {
		switch filepath.Ext(e.Name()) {
		case ".txt", ".md", ".html":
		default:
			continue
		}
		d := &doc{name: e.Name(), path: filepath.Join(dir, e.Name())}
		if d.key, err = numkey.Read(filepath.Join(dir, d.base()+".key")); err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("no documents with keys in %s", dir)
	}
	return docs, nil
}

// seenText lists the key numbers that a converter shows differently; see
// the file's comment.
//
//go:embed seen.txt
var seenText string

// seenRule is one line of seen.txt.
type seenRule struct {
	producers *regexp.Regexp
	doc, key  string
	seen      string // "-" to drop the key number
}

func parseSeen(text string) ([]seenRule, error) {
	var rules []seenRule
	for n, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		if len(f) != 4 {
			return nil, fmt.Errorf("seen.txt:%d: want PRODUCERS DOCUMENT KEY-NUMBER SEEN-NUMBER", n+1)
		}
		re, err := regexp.Compile("^(?:" + f[0] + ")$")
		if err != nil {
			return nil, fmt.Errorf("seen.txt:%d: %w", n+1, err)
		}
		rules = append(rules, seenRule{re, f[1], f[2], f[3]})
	}
	return rules, nil
}

// seenKey is a document's key as a producer's output shows it, and how
// many numbers that changed.
func seenKey(rules []seenRule, prod string, d *doc) ([]string, int) {
	key, changed := slices.Clone(d.key), 0
	for _, r := range rules {
		if r.doc != d.name || !r.producers.MatchString(prod) {
			continue
		}
		if i := slices.Index(key, r.key); i >= 0 {
			changed++
			if r.seen == "-" {
				key = slices.Delete(key, i, i+1)
			} else {
				key[i] = r.seen
			}
		}
	}
	return key, changed
}

// A producer turns sources into a Word or PDF file. Each source
// extension it takes has a recipe: steps run in order, each reading the
// previous step's output.
type producer struct {
	name    string // "libreoffice-docx"
	out     string // ".docx" or ".pdf"
	recipes map[string][]step
}

// A step is one conversion by one program.
type step struct {
	tool string // "soffice", "pandoc", "chromium", "pdftocairo"
	to   string // the extension it writes
	// args are the program's arguments; {in} and {out} stand for the
	// input and output paths, {outdir} for the output's folder.
	args []string
}

// sofficeInto is LibreOffice's conversion of one file. Its input filter
// is named so that HTML opens in Writer (not Writer/Web) and text is read
// as UTF-8, as a user opening the file would choose.
func sofficeInto(filter, infilter string) []string {
	args := []string{"--headless", "--norestore"}
	if infilter != "" {
		args = append(args, "--infilter="+infilter)
	}
	return append(args, "--convert-to", filter, "--outdir", "{outdir}", "{in}")
}

const (
	sofficeText = "Text (encoded):UTF8,LF,,,"
	sofficeHTML = "HTML (StarWriter)"
	toDOCX      = `docx:MS Word 2007 XML`
	toPDF       = "pdf:writer_pdf_Export"
)

var (
	pandocDOCX  = step{"pandoc", ".docx", []string{"--output", "{out}", "{in}"}}
	pandocHTML  = step{"pandoc", ".docx", []string{"--from", "html", "--output", "{out}", "{in}"}}
	pandocPage  = step{"pandoc", ".html", []string{"--standalone", "--metadata", "pagetitle=agreement", "--output", "{out}", "{in}"}}
	chromiumPDF = step{"chromium", ".pdf", []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf={out}", "{in}"}}
	sofficeDOCX = step{"soffice", ".docx", sofficeInto(toDOCX, "")}
	sofficePDF  = step{"soffice", ".pdf", sofficeInto(toPDF, "")}
	cairoPDF    = step{"pdftocairo", ".pdf", []string{"-pdf", "{in}", "{out}"}}
)

// producers are the routes measured. LibreOffice opens text and HTML
// itself; Markdown reaches it as pandoc's Word file, the way a Word user
// would get it. Chromium prints HTML, text files as its text viewer shows
// them, and Markdown as pandoc's web page. pdftocairo redraws
// LibreOffice's PDF through cairo, another PDF writer with its own text
// layer.
func producers() []producer {
	loText := step{"soffice", ".docx", sofficeInto(toDOCX, sofficeText)}
	loHTML := step{"soffice", ".docx", sofficeInto(toDOCX, sofficeHTML)}
	loTextPDF := step{"soffice", ".pdf", sofficeInto(toPDF, sofficeText)}
	loHTMLPDF := step{"soffice", ".pdf", sofficeInto(toPDF, sofficeHTML)}
	return []producer{
		{"libreoffice-docx", ".docx", map[string][]step{".txt": {loText}, ".html": {loHTML}}},
		{"pandoc-docx", ".docx", map[string][]step{".md": {pandocDOCX}, ".html": {pandocHTML}}},
		{"pandoc+libreoffice-docx", ".docx", map[string][]step{".md": {pandocDOCX, sofficeDOCX}}},
		{"libreoffice-pdf", ".pdf", map[string][]step{".txt": {loTextPDF}, ".html": {loHTMLPDF}, ".md": {pandocDOCX, sofficePDF}}},
		{"chromium-pdf", ".pdf", map[string][]step{".txt": {chromiumPDF}, ".html": {chromiumPDF}, ".md": {pandocPage, chromiumPDF}}},
		{"cairo-pdf", ".pdf", map[string][]step{".txt": {loTextPDF, cairoPDF}, ".html": {loHTMLPDF, cairoPDF}, ".md": {pandocDOCX, sofficePDF, cairoPDF}}},
	}
}

// result is the score of one document through one producer.
type result struct {
	prod, doc, ext string
	key, got, hit  int
	seen           int      // key numbers changed to what the converter shows (seen.txt)
	missed         []string // "7.2(a) after 7.1"
	spurious       []string // "4 line 12: 4. Fees"
	err            error
}

func measure(opt options, stdout, stderr io.Writer) error {
	docs, err := loadDocs(opt.dir)
	if err != nil {
		return err
	}
	var only *regexp.Regexp
	if opt.only != "" {
		if only, err = regexp.Compile(opt.only); err != nil {
			return fmt.Errorf("-only: %w", err)
		}
	}
	work := opt.keep
	if work == "" {
		if work, err = os.MkdirTemp("", "fmtacc-"); err != nil {
			return err
		}
		defer os.RemoveAll(work)
	}
	if opt.reuse && opt.keep == "" {
		return errors.New("-reuse needs -keep")
	}
	c := &converter{work: work, reuse: opt.reuse, profiles: make(chan string, workers())}
	for i := range workers() {
		c.profiles <- filepath.Join(work, fmt.Sprintf(".soffice-profile-%d", i))
	}
	var jobs []*job
	for _, p := range producers() {
		if missing := p.missing(); len(missing) > 0 {
			fmt.Fprintf(stderr, "fmtacc: skipping %s: %s not installed\n", p.name, strings.Join(missing, ", "))
			continue
		}
		for _, d := range docs {
			steps := p.recipes[d.ext()]
			if steps == nil || only != nil && !only.MatchString(p.name+" "+d.name) {
				continue
			}
			jobs = append(jobs, &job{prod: p, doc: d, steps: steps})
		}
	}
	if len(jobs) == 0 {
		return errors.New("nothing to measure: no producer is installed, or -only matches nothing")
	}
	start := time.Now()
	c.runAll(jobs)
	rules, err := parseSeen(seenText)
	if err != nil {
		return err
	}
	var results []*result
	for _, j := range jobs {
		key, changed := seenKey(rules, j.prod.name, j.doc)
		r := score(j, key)
		r.seen = changed
		results = append(results, r)
	}
	fmt.Fprintf(stderr, "fmtacc: %d conversions in %s\n", len(jobs), time.Since(start).Round(time.Second))
	return report(results, opt, stdout)
}

// missing lists the programs a producer needs that are not installed.
func (p producer) missing() []string {
	var out []string
	for _, steps := range p.recipes {
		for _, s := range steps {
			if _, err := exec.LookPath(s.tool); err != nil && !slices.Contains(out, s.tool) {
				out = append(out, s.tool)
			}
		}
	}
	slices.Sort(out)
	return out
}

// job is one document through one producer.
type job struct {
	prod  producer
	doc   *doc
	steps []step
	out   string // the converted file
	err   error
}

// converter runs the steps of jobs in parallel. Two LibreOffice
// instances cannot share a user profile, so each run takes one of a pool.
type converter struct {
	work     string
	profiles chan string // LibreOffice user profiles not in use
	reuse    bool
}

// workers is how many conversions run at once.
func workers() int { return max(2, runtime.NumCPU()) }

func (c *converter) runAll(jobs []*job) {
	sem := make(chan struct{}, workers())
	var wg sync.WaitGroup
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			j.out, j.err = c.convert(j)
		}()
	}
	wg.Wait()
}

// convert runs a job's steps in a folder of its own and returns the final
// file.
func (c *converter) convert(j *job) (string, error) {
	dir := filepath.Join(c.work, j.prod.name, j.doc.base())
	final := filepath.Join(dir, j.doc.base()+j.prod.out)
	if _, err := os.Stat(final); err == nil && c.reuse {
		return final, nil
	}
	in := j.doc.path
	for i, s := range j.steps {
		outdir := filepath.Join(dir, fmt.Sprintf("step%d", i+1))
		if err := os.MkdirAll(outdir, 0o755); err != nil {
			return "", err
		}
		abs, err := filepath.Abs(in)
		if err != nil {
			return "", err
		}
		out := filepath.Join(outdir, strings.TrimSuffix(filepath.Base(in), filepath.Ext(in))+s.to)
		if err := c.runStep(s, abs, out, outdir); err != nil {
			return "", fmt.Errorf("%s: %w", s.tool, err)
		}
		if _, err := os.Stat(out); err != nil {
			return "", fmt.Errorf("%s wrote no %s", s.tool, filepath.Base(out))
		}
		in = out
	}
	if err := os.Rename(in, final); err != nil {
		return "", err
	}
	return final, nil
}

func (c *converter) runStep(s step, in, out, outdir string) error {
	args := make([]string, 0, len(s.args)+1)
	if s.tool == "soffice" {
		profile := <-c.profiles
		defer func() { c.profiles <- profile }()
		args = append(args, "-env:UserInstallation=file://"+profile)
	}
	r := strings.NewReplacer("{in}", in, "{out}", out, "{outdir}", outdir)
	for _, a := range s.args {
		args = append(args, r.Replace(a))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, s.tool, args...)
	if s.tool == "chromium" {
		// Chromium wants a profile folder it can write to.
		cmd.Env = append(os.Environ(), "HOME="+filepath.Join(c.work, ".chromium-home"))
	}
	var msg bytes.Buffer
	cmd.Stdout, cmd.Stderr = &msg, &msg
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%w: %s", err, lastLine(msg.String()))
	}
	return nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// score imports a job's file and scores its clause numbers against key.
func score(j *job, key []string) *result {
	r := &result{prod: j.prod.name, doc: j.doc.name, ext: j.doc.ext(), key: len(key), err: j.err}
	if j.err != nil {
		return r
	}
	data, err := os.ReadFile(j.out)
	if err != nil {
		r.err = err
		return r
	}
	src, err := corpus.Import(filepath.Base(j.out), data, corpus.ImportOptions{})
	if err != nil {
		r.err = err
		return r
	}
	found := numkey.Clauses(clauses.Segment(src))
	got := make([]string, len(found))
	for i, f := range found {
		got[i] = f.Number
	}
	keyMatch, gotMatched := numkey.Align(key, got)
	r.got = len(got)
	for i, m := range keyMatch {
		if m >= 0 {
			r.hit++
			continue
		}
		r.missed = append(r.missed, fmt.Sprintf("%-14s %s", key[i], numkey.Where(keyMatch, found, i)))
	}
	for k, ok := range gotMatched {
		if !ok {
			f := found[k]
			r.spurious = append(r.spurious, fmt.Sprintf("%-14s line %d: %q", f.Number, f.Line, f.Text))
		}
	}
	return r
}

// tally sums results.
type tally struct{ docs, key, got, hit, failed int }

func (t *tally) add(r *result) {
	t.docs++
	if r.err != nil {
		t.failed++
		return
	}
	t.key += r.key
	t.got += r.got
	t.hit += r.hit
}

func (t tally) precision() float64 { return numkey.Ratio(t.hit, t.got) }
func (t tally) recall() float64    { return numkey.Ratio(t.hit, t.key) }

// report prints the table: each document through each producer, then
// each producer by source format, each producer, each output format and
// all together.
func report(results []*result, opt options, w io.Writer) error {
	row := func(name string, t tally) {
		fmt.Fprintf(w, "%-52s %5d %5d %7d %9.3f %7.3f", name, t.key, t.got, t.hit, t.precision(), t.recall())
		if t.failed > 0 {
			fmt.Fprintf(w, "  (%d of %d not converted)", t.failed, t.docs)
		}
		fmt.Fprintln(w)
	}
	header := func(first string) {
		fmt.Fprintf(w, "\n%-52s %5s %5s %7s %9s %7s\n", first, "key", "tool", "matched", "precision", "recall")
	}
	header("producer / document")
	for _, r := range results {
		if r.err != nil {
			fmt.Fprintf(w, "%-52s error: %v\n", r.prod+" / "+r.doc, r.err)
			continue
		}
		var t tally
		t.add(r)
		row(r.prod+" / "+r.doc, t)
		if r.seen > 0 && opt.verbose {
			fmt.Fprintf(w, "      key: %d numbers as the converter shows them (seen.txt)\n", r.seen)
		}
		if opt.verbose {
			for _, m := range r.missed {
				fmt.Fprintf(w, "      missed   %s\n", m)
			}
			for _, s := range r.spurious {
				fmt.Fprintf(w, "      spurious %s\n", s)
			}
		}
	}

	var prods []string
	byProd, byProdExt, byOut := map[string]*tally{}, map[string]*tally{}, map[string]*tally{}
	var all tally
	get := func(m map[string]*tally, k string) *tally {
		if m[k] == nil {
			m[k] = &tally{}
		}
		return m[k]
	}
	for _, r := range results {
		if byProd[r.prod] == nil {
			prods = append(prods, r.prod)
		}
		get(byProd, r.prod).add(r)
		get(byProdExt, r.prod+" from "+r.ext).add(r)
		get(byOut, outOf(r.prod)).add(r)
		all.add(r)
	}
	header("producer")
	below := false
	for _, p := range prods {
		for _, ext := range []string{".txt", ".md", ".html"} {
			if t := byProdExt[p+" from "+ext]; t != nil {
				row("  "+p+" from "+ext, *t)
			}
		}
		t := *byProd[p]
		row(p, t)
		below = below || t.precision() < opt.min || t.recall() < opt.min || t.failed > 0
	}
	header("format")
	for _, f := range []string{"docx", "pdf"} {
		if t := byOut[f]; t != nil {
			row(f, *t)
		}
	}
	row("all", all)
	if below {
		fmt.Fprintf(w, "\nbelow %.2f precision or recall: at least one producer\n", opt.min)
		return errBelow
	}
	return nil
}

func outOf(prod string) string {
	return prod[strings.LastIndexByte(prod, '-')+1:]
}
