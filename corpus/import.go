package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/clausetrack/clausetrack/clauses"
)

// MaxFileSize is the largest document, in bytes, that clausetrack reads.
// Agreements are rarely over a few megabytes; anything larger is almost
// certainly the wrong file.
const MaxFileSize = 32 << 20

// Errors that callers branch on. They are wrapped in a *FileError that
// names the file.
var (
	ErrEmpty         = errors.New("file is empty")
	ErrBinary        = errors.New("file is binary")
	ErrInvalidUTF8   = errors.New("file is not valid UTF-8")
	ErrUnknownFormat = errors.New("unknown format")
	ErrTooLarge      = errors.New("file is too large")
	ErrIsDir         = errors.New("is a directory")
	ErrNotRegular    = errors.New("not a regular file")
)

// FileError is an error about one input file. Its message names the file
// first, as in "contract.txt: file is empty".
type FileError struct {
	Name string
	Err  error
}

func (e *FileError) Error() string { return e.Name + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// ImportOptions tune importers. The zero value is the default.
type ImportOptions struct {
	// Tracked selects which text of a Word document with tracked changes
	// to import: "current" (the default: insertions kept, deletions
	// dropped) or "original".
	Tracked string
}

// Formats lists the file extensions clausetrack imports, and the
// importer's name for each.
var formats = map[string]string{
	".txt":      "txt",
	".text":     "txt",
	".md":       "md",
	".markdown": "md",
	".html":     "html",
	".htm":      "html",
	".pdf":      "pdf",
	".docx":     "docx",
}

// FormatOf returns the importer name for a file name ("txt", "md",
// "html"), or "" when the extension is not supported.
func FormatOf(name string) string {
	return formats[strings.ToLower(filepath.Ext(name))]
}

// ReadFile reads a document from disk with the checks every input gets:
// it must be a regular file (a symbolic link to one is followed) no
// larger than MaxFileSize bytes. Anything else (a directory, a device, a
// named pipe, a socket) is refused without reading from it, and at most
// MaxFileSize+1 bytes are ever read, so a file that grows while it is
// read cannot pass the limit. Errors are a *FileError naming path.
func ReadFile(path string) ([]byte, error) {
	// O_NONBLOCK makes opening a named pipe return at once instead of
	// waiting for a writer; it changes nothing for a regular file.
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, &FileError{path, openError(err)}
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, &FileError{path, openError(err)}
	}
	switch {
	case fi.IsDir():
		return nil, &FileError{path, ErrIsDir}
	case !fi.Mode().IsRegular():
		return nil, &FileError{path, fmt.Errorf("%w (%s)", ErrNotRegular, fileKind(fi.Mode()))}
	case fi.Size() > MaxFileSize:
		return nil, &FileError{path, tooLarge(fi.Size())}
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, &FileError{path, openError(err)}
	}
	if len(data) > MaxFileSize {
		return nil, &FileError{path, tooLarge(int64(len(data)))}
	}
	return data, nil
}

// openError drops the operation and path an *os.PathError repeats, as
// the *FileError names the file, and words a missing file plainly.
func openError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, os.ErrNotExist) {
		return errors.New("no such file")
	}
	return err
}

// tooLarge says how large a file is, in whole megabytes, against the
// limit. size is a lower bound when the file was cut off at the limit.
func tooLarge(size int64) error {
	return fmt.Errorf("%w (%d MB; the limit is %d MB)", ErrTooLarge, size>>20, MaxFileSize>>20)
}

// fileKind names the kind of a file that is not a regular file.
func fileKind(m os.FileMode) string {
	switch {
	case m&os.ModeNamedPipe != 0:
		return "a named pipe"
	case m&os.ModeSocket != 0:
		return "a socket"
	case m&os.ModeCharDevice != 0:
		return "a character device"
	case m&os.ModeDevice != 0:
		return "a device"
	}
	return "a special file"
}

// Import turns a document's bytes into the normalised form that
// clauses.Segment reads. The format is chosen by name's extension. Bad
// input (empty, binary, invalid UTF-8, unknown extension) is a *FileError.
func Import(name string, data []byte, opt ImportOptions) (*clauses.Source, error) {
	format := FormatOf(name)
	if format == "" {
		ext := filepath.Ext(name)
		if ext == "" {
			ext = "(none)"
		}
		if strings.EqualFold(ext, ".doc") {
			return nil, &FileError{name, fmt.Errorf("%w .doc: old binary Word files are not read; save it as .docx in Word or LibreOffice", ErrUnknownFormat)}
		}
		return nil, &FileError{name, fmt.Errorf("%w %s (clausetrack reads %s)", ErrUnknownFormat, ext, extensions())}
	}
	if len(data) > MaxFileSize {
		return nil, &FileError{name, ErrTooLarge}
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, &FileError{name, ErrEmpty}
	}
	var src *clauses.Source
	var err error
	if imp := binaryImporters[format]; imp != nil {
		src, err = imp(data, opt)
	} else {
		if i := bytes.IndexByte(data, 0); i >= 0 {
			return nil, &FileError{name, fmt.Errorf("%w (a NUL byte at offset %d)", ErrBinary, i)}
		}
		if !utf8.Valid(data) {
			return nil, &FileError{name, fmt.Errorf("%w (first bad byte at offset %d)", ErrInvalidUTF8, invalidAt(data))}
		}
		src, err = textImporters[format](data)
	}
	if err != nil {
		return nil, &FileError{name, err}
	}
	src.Name = filepath.Base(name)
	src.Format = format
	return src, nil
}

// textImporters read formats that are UTF-8 text; Import checks the
// encoding before calling them.
var textImporters = map[string]func([]byte) (*clauses.Source, error){
	"txt":  func(data []byte) (*clauses.Source, error) { return &clauses.Source{Text: data}, nil },
	"md":   importMarkdown,
	"html": importHTML,
}

// binaryImporters read container formats (Word, PDF); they check their
// own input.
var binaryImporters = map[string]func([]byte, ImportOptions) (*clauses.Source, error){
	"pdf":  importPDF,
	"docx": importDOCX,
}

// extensions lists the file extensions Import reads, for messages.
func extensions() string {
	var exts []string
	for ext := range formats {
		exts = append(exts, ext)
	}
	sort.Strings(exts)
	return strings.Join(exts, ", ")
}

// invalidAt returns the offset of the first invalid UTF-8 sequence.
func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}
