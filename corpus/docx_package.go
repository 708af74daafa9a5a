package corpus

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strings"
)

// oleMagic starts every OLE compound file: old binary .doc files, and
// the envelope Office wraps around a password-protected .docx.
const oleMagic = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"

// Relationship types of the parts read, transitional and strict.
const (
	relOfficeDocument = "officeDocument"
	relStyles         = "styles"
	relNumbering      = "numbering"
	relFootnotes      = "footnotes"
	relEndnotes       = "endnotes"
)

// docxPackage is an opened .docx zip package.
type docxPackage struct {
	files  map[string]*zip.File // by part name, lower case, without a leading "/"
	budget int64                // bytes the parts still to be read may expand to
}

// openDOCX checks that data is a zip package within the limits and
// indexes its entries.
func openDOCX(data []byte) (*docxPackage, error) {
	if bytes.HasPrefix(data, []byte(oleMagic)) {
		if bytes.Contains(data, utf16le("EncryptedPackage")) {
			return nil, errDOCXEncrypted
		}
		return nil, errDOCXOldDoc
	}
	if bytes.HasPrefix(data, []byte(`{\rtf`)) {
		return nil, errDOCXRTF
	}
	if n, ok := zipEntryCount(data); ok && n > docxMaxEntries {
		return nil, fmt.Errorf("the .docx package has %d entries (the limit is %d)", n, docxMaxEntries)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, errDOCXNotZip
	}
	if len(zr.File) > docxMaxEntries {
		return nil, fmt.Errorf("the .docx package has %d entries (the limit is %d)", len(zr.File), docxMaxEntries)
	}
	p := &docxPackage{files: make(map[string]*zip.File, len(zr.File)), budget: docxMaxTotal}
	var total uint64
	for _, f := range zr.File {
		total += min(f.UncompressedSize64, docxMaxTotal+1)
		if total > docxMaxTotal {
			return nil, fmt.Errorf("the .docx package expands to more than %d MB: %w", docxMaxTotal>>20, errDOCXZipBomb)
		}
		name := partKey(f.Name)
		if _, dup := p.files[name]; !dup {
			p.files[name] = f
		}
	}
	return p, nil
}

// zipEntryCount reads the entry count from a zip file's end-of-central-
// directory record, so that a package of a million entries is refused
// before archive/zip indexes them all. ok is false when the record is
// not found or the count is in a zip64 record.
func zipEntryCount(data []byte) (n int, ok bool) {
	const eocdLen = 22
	from := max(len(data)-(eocdLen+0xFFFF), 0)
	i := bytes.LastIndex(data[from:], []byte("PK\x05\x06"))
	if i < 0 || from+i+eocdLen > len(data) {
		return 0, false
	}
	count := binary.LittleEndian.Uint16(data[from+i+10:])
	if count == 0xFFFF {
		return 0, false
	}
	return int(count), true
}

// utf16le encodes an ASCII string as UTF-16LE, the encoding of names in
// an OLE compound file's directory.
func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

// partKey normalises a part name for lookup: OPC part names are case-
// insensitive, and some writers use backslashes or a leading slash.
func partKey(name string) string {
	return strings.ToLower(strings.TrimPrefix(strings.ReplaceAll(name, `\`, "/"), "/"))
}

// has reports whether the package holds the part.
func (p *docxPackage) has(name string) bool { return p.files[partKey(name)] != nil }

// open returns a reader of the part's uncompressed bytes that fails once
// they pass the part's declared size or the package's budget.
func (p *docxPackage) open(name string) (io.ReadCloser, error) {
	f := p.files[partKey(name)]
	if f == nil {
		return nil, fmt.Errorf("the package has no %s", name)
	}
	size := f.UncompressedSize64
	if size > docxRatioFloor && size/max(f.CompressedSize64, 1) > docxMaxRatio {
		return nil, fmt.Errorf("%s is compressed %d:1 (the limit is %d:1 for parts over %d MB): %w",
			name, size/max(f.CompressedSize64, 1), docxMaxRatio, docxRatioFloor>>20, errDOCXZipBomb)
	}
	if size > uint64(p.budget) {
		return nil, fmt.Errorf("the .docx package expands to more than %d MB: %w", docxMaxTotal>>20, errDOCXZipBomb)
	}
	p.budget -= int64(size)
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("unreadable part %s: %w", name, err)
	}
	// archive/zip itself fails a part that yields more than its declared
	// size; the limit makes sure of it whatever the entry claims.
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, int64(size)+1), rc}, nil
}

// parse streams one part through an XML reader into fn.
func (p *docxPackage) parse(name string, fn func(*xmlReader) error) error {
	rc, err := p.open(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	return fn(newXMLReader(rc, name))
}

// mainParts finds the main document part and the parts it relates to,
// by relationship type; it falls back to Word's usual part names when the
// relationships are missing. The map is keyed by relationship type.
func (p *docxPackage) mainParts() (map[string]string, error) {
	parts := map[string]string{}
	for _, rel := range p.rels("_rels/.rels", "") {
		if rel.kind == relOfficeDocument && p.has(rel.target) {
			parts[relOfficeDocument] = rel.target
			break
		}
	}
	if parts[relOfficeDocument] == "" {
		if !p.has("word/document.xml") {
			return nil, p.notWord()
		}
		parts[relOfficeDocument] = "word/document.xml"
	}
	doc := parts[relOfficeDocument]
	dir, file := path.Split(doc)
	for _, rel := range p.rels(dir+"_rels/"+file+".rels", dir) {
		switch rel.kind {
		case relStyles, relNumbering, relFootnotes, relEndnotes:
			if parts[rel.kind] == "" {
				parts[rel.kind] = rel.target
			}
		}
	}
	for _, kind := range []string{relStyles, relNumbering, relFootnotes, relEndnotes} {
		if parts[kind] == "" {
			parts[kind] = dir + kind + ".xml"
		}
	}
	return parts, nil
}

// notWord says what a zip package without a Word document is.
func (p *docxPackage) notWord() error {
	switch {
	case p.has("xl/workbook.xml"):
		return errors.New("not a Word document: this is an Excel workbook (.xlsx)")
	case p.has("ppt/presentation.xml"):
		return errors.New("not a Word document: this is a PowerPoint presentation (.pptx)")
	case p.has("mimetype") && p.has("content.xml"):
		return errors.New("not a Word document: this is an OpenDocument file (.odt); save it as .docx")
	}
	return errDOCXMissingDoc
}

// docxRel is one package relationship: its type's last path element
// ("styles") and its target part name.
type docxRel struct {
	kind, target string
}

// rels reads a relationships part; targets are resolved against dir.
// A missing or unreadable relationships part gives no relationships:
// the caller falls back to the usual part names.
func (p *docxPackage) rels(name, dir string) []docxRel {
	if !p.has(name) {
		return nil
	}
	var out []docxRel
	_ = p.parse(name, func(x *xmlReader) error {
		for {
			tok, err := x.next()
			if err != nil {
				return err
			}
			se, ok := tok.(xml.StartElement)
			if !ok || se.Name.Local != "Relationship" || attrOf(se, "TargetMode") == "External" {
				continue
			}
			typ, target := attrOf(se, "Type"), attrOf(se, "Target")
			if strings.HasPrefix(target, "/") {
				target = path.Clean(target[1:])
			} else {
				target = path.Join(dir, target)
			}
			if target == "." || strings.HasPrefix(target, "../") {
				continue
			}
			out = append(out, docxRel{kind: path.Base(typ), target: target})
		}
	})
	return out
}

// xmlReader wraps a streaming XML decoder over one part: it counts the
// nesting depth, refuses to go deeper than docxMaxDepth, and names the
// part in its errors.
//
// It reads raw tokens and resolves namespace prefixes itself, which
// makes a Word document's XML (millions of short elements) read about a
// third faster than xml.Decoder.Token; it checks, as Token does, that
// each end tag closes the element open.
type xmlReader struct {
	d     *xml.Decoder
	part  string
	depth int                 // elements open
	open  []xmlOpen           // the elements open, outermost first
	ns    map[string][]string // per namespace prefix, the URIs bound to it, innermost last
}

// xmlOpen is an open element: its raw name and the namespace prefixes it
// declared.
type xmlOpen struct {
	name     xml.Name
	declared []string
}

// newXMLReader returns a reader of one part's XML.
func newXMLReader(r io.Reader, part string) *xmlReader {
	return &xmlReader{d: xml.NewDecoder(bufio.NewReaderSize(r, 64<<10)), part: part, ns: map[string][]string{}}
}

// next returns the next token, with element names' Space set to their
// namespace URI (or left as the prefix when it is not declared). At the
// end of the part it returns io.EOF; a syntax error is reported as
// malformed XML in the part. CharData is only valid until the next call.
func (x *xmlReader) next() (xml.Token, error) {
	tok, err := x.d.RawToken()
	if err != nil {
		if err == io.EOF {
			if x.depth > 0 {
				return nil, fmt.Errorf("malformed XML in %s: unexpected end of the part", x.part)
			}
			return nil, io.EOF
		}
		var syn *xml.SyntaxError
		if errors.As(err, &syn) {
			return nil, fmt.Errorf("malformed XML in %s: %w", x.part, err)
		}
		return nil, fmt.Errorf("damaged part %s: %w", x.part, err)
	}
	switch t := tok.(type) {
	case xml.StartElement:
		x.depth++
		if x.depth > docxMaxDepth {
			return nil, fmt.Errorf("malformed XML in %s: elements nested deeper than %d levels", x.part, docxMaxDepth)
		}
		var declared []string
		for _, a := range t.Attr {
			if a.Name.Space == "xmlns" || a.Name.Space == "" && a.Name.Local == "xmlns" {
				prefix := a.Name.Local
				if a.Name.Space == "" {
					prefix = ""
				}
				x.ns[prefix] = append(x.ns[prefix], a.Value)
				declared = append(declared, prefix)
			}
		}
		x.open = append(x.open, xmlOpen{t.Name, declared})
		t.Name.Space = x.resolve(t.Name.Space)
		return t, nil
	case xml.EndElement:
		if len(x.open) == 0 || x.open[len(x.open)-1].name != t.Name {
			return nil, fmt.Errorf("malformed XML in %s: unexpected end tag </%s>", x.part, rawName(t.Name))
		}
		t.Name.Space = x.resolve(t.Name.Space)
		for _, prefix := range x.open[len(x.open)-1].declared {
			uris := x.ns[prefix]
			x.ns[prefix] = uris[:len(uris)-1]
		}
		x.open = x.open[:len(x.open)-1]
		x.depth--
		return t, nil
	}
	return tok, nil
}

// resolve returns the namespace URI bound to a prefix, or the prefix.
func (x *xmlReader) resolve(prefix string) string {
	if uris := x.ns[prefix]; len(uris) > 0 {
		return uris[len(uris)-1]
	}
	return prefix
}

// rawName writes an element name as it stands in the XML.
func rawName(n xml.Name) string {
	if n.Space == "" {
		return n.Local
	}
	return n.Space + ":" + n.Local
}

// skip reads up to and including the end of the element whose start was
// the last token read.
func (x *xmlReader) skip() error {
	for d := x.depth; x.depth >= d; {
		if _, err := x.next(); err != nil {
			if err == io.EOF {
				return fmt.Errorf("malformed XML in %s: unexpected end of the part", x.part)
			}
			return err
		}
	}
	return nil
}

// attrOf returns the value of the attribute with the local name key,
// whatever its namespace prefix ("w:val", "val").
func attrOf(se xml.StartElement, key string) string {
	for _, a := range se.Attr {
		if a.Name.Local == key {
			return a.Value
		}
	}
	return ""
}
