package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
)

// Errors from the PDF importer that callers branch on.
var (
	// ErrNoPDFToText means pdftotext, which reads PDF text, is not installed.
	ErrNoPDFToText = errors.New("reading PDF needs pdftotext (apt-get install poppler-utils)")
	// ErrNoTextLayer means the PDF has pages but no text to select: a scan.
	ErrNoTextLayer = errors.New("the PDF has no text layer (a scanned image?); clausetrack needs a PDF with selectable text")
	// ErrPDFEncrypted means the PDF needs a password to open.
	ErrPDFEncrypted = errors.New("the PDF is encrypted and needs a password")
	// ErrPDFDamaged means pdftotext could not read the file.
	ErrPDFDamaged = errors.New("the PDF is damaged or unreadable")
)

// importPDF extracts the text of a PDF with pdftotext and rebuilds its
// paragraphs; see rebuildPDF for the blocks it makes. It needs the
// pdftotext program (Debian's poppler-utils) on PATH.
func importPDF(data []byte, opt ImportOptions) (*clauses.Source, error) {
	if !bytes.HasPrefix(data, []byte("%PDF-")) {
		return nil, errors.New("not a PDF file")
	}
	out, err := defaultPDFTool().text(data)
	if err != nil {
		return nil, err
	}
	return rebuildPDF(out)
}

// pdfTool runs pdftotext as an external process.
type pdfTool struct {
	// search lists the directories, in the form of PATH, where pdftotext
	// is looked for. Relative entries are skipped.
	search string
	// timeout bounds one run of pdftotext.
	timeout time.Duration
	// maxOutput is the most text, in bytes, read from pdftotext.
	maxOutput int
}

// defaultPDFTool is the pdftotext that importPDF runs: the one on PATH,
// for at most a minute and 128 MB of text.
func defaultPDFTool() pdfTool {
	return pdfTool{search: os.Getenv("PATH"), timeout: time.Minute, maxOutput: 4 * MaxFileSize}
}

// lookPath returns the path of the pdftotext executable, or
// ErrNoPDFToText.
func (t pdfTool) lookPath() (string, error) {
	for _, dir := range filepath.SplitList(t.search) {
		if !filepath.IsAbs(dir) {
			continue
		}
		if path, err := exec.LookPath(filepath.Join(dir, "pdftotext")); err == nil {
			return path, nil
		}
	}
	return "", ErrNoPDFToText
}

// text runs pdftotext in layout mode on the PDF data and returns its
// output: pages ended by form feeds, lines by "\n". The data is written
// to a temporary file, removed before text returns.
func (t pdfTool) text(data []byte) (string, error) {
	bin, err := t.lookPath()
	if err != nil {
		return "", err
	}
	f, err := os.CreateTemp("", "clausetrack-*.pdf")
	if err != nil {
		return "", fmt.Errorf("temporary file for pdftotext: %w", err)
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", fmt.Errorf("temporary file for pdftotext: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("temporary file for pdftotext: %w", err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), t.timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-layout", "-enc", "UTF-8", "-eol", "unix", f.Name(), "-")
	cmd.WaitDelay = time.Second
	stderr := &pdfHeadBuffer{max: 4096}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return "", fmt.Errorf("run pdftotext: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return "", fmt.Errorf("run pdftotext: %w", err)
	}
	out, readErr := io.ReadAll(io.LimitReader(stdout, int64(t.maxOutput)+1))
	tooBig := len(out) > t.maxOutput
	if tooBig || readErr != nil {
		cancel() // stop pdftotext rather than wait for it to fill the pipe
	}
	waitErr := cmd.Wait()
	switch {
	case tooBig:
		return "", fmt.Errorf("pdftotext output is over %d MB", t.maxOutput>>20)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return "", fmt.Errorf("pdftotext did not finish within %s", t.timeout)
	case readErr != nil:
		return "", fmt.Errorf("read pdftotext output: %w", readErr)
	}
	var exit *exec.ExitError
	if errors.As(waitErr, &exit) {
		msg := pdfCondense(stderr.String())
		if msg == "" {
			msg = fmt.Sprintf("exit status %d", exit.ExitCode())
		}
		if strings.Contains(strings.ToLower(msg), "password") {
			return "", fmt.Errorf("%w (pdftotext: %s)", ErrPDFEncrypted, msg)
		}
		return "", fmt.Errorf("%w (pdftotext: %s)", ErrPDFDamaged, msg)
	}
	if waitErr != nil {
		return "", fmt.Errorf("run pdftotext: %w", waitErr)
	}
	return string(out), nil
}

// pdfHeadBuffer keeps the first max bytes written to it and drops the rest.
type pdfHeadBuffer struct {
	buf bytes.Buffer
	max int
}

func (h *pdfHeadBuffer) Write(p []byte) (int, error) {
	if room := h.max - h.buf.Len(); room > 0 {
		h.buf.Write(p[:min(len(p), room)])
	}
	return len(p), nil
}

func (h *pdfHeadBuffer) String() string { return h.buf.String() }

// pdfCondense turns pdftotext's error output into one line: its distinct
// messages joined by "; ", at most about 300 bytes.
func pdfCondense(s string) string {
	var msgs []string
	seen := map[string]bool{}
	for _, line := range strings.Split(s, "\n") {
		line = strings.Join(strings.Fields(line), " ")
		if line == "" || seen[line] {
			continue
		}
		seen[line] = true
		msgs = append(msgs, line)
	}
	out := strings.Join(msgs, "; ")
	if len(out) > 300 {
		cut := 300
		for cut > 0 && out[cut]&0xC0 == 0x80 {
			cut-- // not inside a UTF-8 sequence
		}
		out = out[:cut] + "…"
	}
	return out
}
