package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/clausetrack/clausetrack/index"
)

var update = flag.Bool("update", false, "rewrite the expected output in testscripts")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"clausetrack": func() { os.Exit(Main(os.Args[1:], newEnv(os.Stdin, os.Stdout, os.Stderr))) },
		// clausetrack-stalling is clausetrack that, when it is about to
		// write a version's batch into the index, creates the file named
		// by $STALL_SIGNAL and waits to be killed.
		"clausetrack-stalling": func() {
			index.BeforeBatch = func(string, int) {
				os.WriteFile(os.Getenv("STALL_SIGNAL"), nil, 0o644)
				select {}
			}
			os.Exit(Main(os.Args[1:], newEnv(os.Stdin, os.Stdout, os.Stderr)))
		},
	})
}

// TestScripts runs the CLI scripts in testdata/script: each is a txtar
// archive with the commands to run and the files and output they expect.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(e *testscript.Env) error {
			e.Setenv("CLAUSETRACK_NOW", "2026-11-26T10:00:00Z")
			e.Setenv("NO_COLOR", "1")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"snapshot":   cmdSnapshot,
			"writebytes": cmdWriteBytes,
			"bigfile":    cmdBigFile,
			"zipdir":     cmdZipDir,
			"waitfile":   cmdWaitFile,
		},
	})
}

// cmdSnapshot writes to FILE one line per file under DIR: its path, mode
// and SHA-256. Comparing two snapshots shows that a command left a
// workspace byte for byte as it was.
//
//	snapshot DIR FILE
func cmdSnapshot(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: snapshot DIR FILE")
	}
	root := ts.MkAbs(args[0])
	var lines []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			lines = append(lines, fmt.Sprintf("%s/ %v", rel, info.Mode()))
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		lines = append(lines, fmt.Sprintf("%s %v %s", rel, info.Mode(), hex.EncodeToString(sum[:])))
		return nil
	})
	ts.Check(err)
	sort.Strings(lines)
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), []byte(strings.Join(lines, "\n")+"\n"), 0o644))
}

// cmdWriteBytes writes bytes given in hex to a file, for inputs a txtar
// archive cannot hold (NUL bytes, invalid UTF-8).
//
//	writebytes FILE HEX
func cmdWriteBytes(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writebytes FILE HEX")
	}
	data, err := hex.DecodeString(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), data, 0o644))
}

// cmdBigFile makes a sparse file of the given size in megabytes.
//
//	bigfile FILE MB
func cmdBigFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: bigfile FILE MB")
	}
	mb, err := strconv.Atoi(args[1])
	ts.Check(err)
	f, err := os.Create(ts.MkAbs(args[0]))
	ts.Check(err)
	ts.Check(f.Truncate(int64(mb) << 20))
	ts.Check(f.Close())
}

// cmdZipDir writes a zip file of the files under DIR, named by their
// paths below it, in sorted order: a Word package from XML parts kept as
// text in the archive.
//
//	zipdir DIR FILE
func cmdZipDir(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: zipdir DIR FILE")
	}
	root := ts.MkAbs(args[0])
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, path)
		f, err := zw.Create(filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	})
	ts.Check(err)
	ts.Check(zw.Close())
	ts.Check(os.WriteFile(ts.MkAbs(args[1]), buf.Bytes(), 0o644))
}

// TestExitCodes checks the documented exit codes: 0 success, 1 error,
// 2 usage error.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("1. ONE\n\n1.1 First.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want int
		msg  string
	}{
		{"ok", []string{"segment", "a.txt"}, 0, ""},
		{"missing file", []string{"segment", "nope.txt"}, 1, "clausetrack: error: nope.txt: no such file\n"},
		{"unknown flag", []string{"segment", "--bogus", "a.txt"}, 2, "clausetrack: error: unknown flag: --bogus\nclausetrack: hint: see 'clausetrack segment --help'\n"},
		{"too many args", []string{"segment", "a.txt", "b.txt"}, 2, "clausetrack: error: accepts 1 arg(s), received 2\nclausetrack: hint: see 'clausetrack segment --help'\n"},
		{"bad format", []string{"segment", "a.txt", "--format", "pdf"}, 2, "clausetrack: error: unknown format \"pdf\" (want text, json)\nclausetrack: hint: see 'clausetrack segment --help'\n"},
		{"unknown command", []string{"frobnicate"}, 2, "clausetrack: error: unknown command \"frobnicate\" for \"clausetrack\"\nclausetrack: hint: see 'clausetrack --help'\n"},
		{"no workspace", []string{"list"}, 1, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			e := &env{in: strings.NewReader(""), out: &out, err: &errb, getenv: func(string) string { return "" },
				now: func() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }, wd: dir}
			if got := Main(tt.args, e); got != tt.want {
				t.Errorf("exit code %d, want %d; stderr %q", got, tt.want, errb.String())
			}
			if tt.msg != "" && errb.String() != tt.msg {
				t.Errorf("stderr %q, want %q", errb.String(), tt.msg)
			}
		})
	}
}

// cmdWaitFile waits, up to a minute, until FILE exists.
//
//	waitfile FILE
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile FILE")
	}
	for i := 0; i < 6000; i++ {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	ts.Fatalf("%s did not appear", args[0])
}
