package sample

import (
	"embed"
)

//go:embed files/partnership-2019.txt files/partnership-2023.md files/partnership-2025.html files/runtime-2026.docx
var files embed.FS

// Version is one sample document and how the demo adds it.
type Version struct {
	Agreement string // workspace agreement id
	Label     string // version label
	Date      string // effective date, YYYY-MM-DD
	Title     string // the agreement's title
	File      string // file name, whose extension picks the importer
}

// Versions lists the sample versions in the order the demo adds them.
func Versions() []Version {
	const partnership = "Cloud and AI Partnership Agreement"
	return []Version{
		{"cloud-ai-partnership", "2019", "2019-07-22", partnership, "partnership-2019.txt"},
		{"cloud-ai-partnership", "2023", "2023-01-23", partnership, "partnership-2023.md"},
		{"cloud-ai-partnership", "2025", "2025-10-28", partnership, "partnership-2025.html"},
		{"stateful-runtime", "2026", "2026-03-10", "Stateful Runtime Services Agreement", "runtime-2026.docx"},
	}
}

// Read returns the bytes of a sample file.
func Read(file string) ([]byte, error) {
	return files.ReadFile("files/" + file)
}
