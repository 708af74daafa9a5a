//go:build unix

package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestReadFileSpecial checks that files which are not regular files are
// refused at once, without reading from them: a named pipe with no
// writer would block a plain read for ever, and a device such as
// /dev/zero never ends.
func TestReadFileSpecial(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "contract.txt")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("cannot make a named pipe: %v", err)
	}
	tests := []struct {
		name, path, want string
	}{
		{"named pipe", fifo, fifo + ": not a regular file (a named pipe)"},
		{"character device", "/dev/zero", "/dev/zero: not a regular file (a character device)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := os.Lstat(tt.path); err != nil {
				t.Skipf("%s: %v", tt.path, err)
			}
			data, err := readFileSoon(t, tt.path)
			if err == nil || err.Error() != tt.want {
				t.Fatalf("got %d bytes, err = %v, want %q", len(data), err, tt.want)
			}
			if !errors.Is(err, ErrNotRegular) {
				t.Errorf("err = %v, want it to wrap ErrNotRegular", err)
			}
		})
	}
}
