package corpus

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// readFileSoon runs ReadFile and fails the test if it has not returned
// within a few seconds: refusing a file must never wait on it.
func readFileSoon(t *testing.T, path string) ([]byte, error) {
	t.Helper()
	type result struct {
		data []byte
		err  error
	}
	done := make(chan result, 1)
	go func() {
		data, err := ReadFile(path)
		done <- result{data, err}
	}()
	select {
	case r := <-done:
		return r.data, r.err
	case <-time.After(5 * time.Second):
		t.Fatalf("ReadFile(%s) still blocked after 5s", path)
		return nil, nil
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.txt")
	if err := os.WriteFile(good, []byte("1. Term\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	big := filepath.Join(dir, "big.txt")
	if err := os.WriteFile(big, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(big, MaxFileSize+1); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		path    string
		wantErr string // the whole message; "" for success
		is      error
	}{
		{"regular file", good, "", nil},
		{"missing", filepath.Join(dir, "nope.txt"), filepath.Join(dir, "nope.txt") + ": no such file", nil},
		{"directory", dir, dir + ": is a directory", ErrIsDir},
		{"one byte over the limit", big, big + ": file is too large (32 MB; the limit is 32 MB)", ErrTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := readFileSoon(t, tt.path)
			if tt.wantErr == "" {
				if err != nil || string(data) != "1. Term\n" {
					t.Fatalf("got %q, %v", data, err)
				}
				return
			}
			if err == nil || err.Error() != tt.wantErr {
				t.Fatalf("err = %v, want %q", err, tt.wantErr)
			}
			var fe *FileError
			if !errors.As(err, &fe) || fe.Name != tt.path {
				t.Errorf("err = %#v, want a *FileError naming %s", err, tt.path)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want it to wrap %v", err, tt.is)
			}
		})
	}
}
