//go:build unix

package e2e

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// Opening a read-only incident file live says so and points to replay,
// instead of SQLite's "attempt to write a readonly database". Root writes
// read-only files, so as root the binary runs as nobody.
func TestReadOnlyFileLive(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "f.db")
	if _, errOut, code := runBin(t, "", "ingest", "--db", db, "-"); code != 0 {
		t.Fatalf("create: %s", errOut)
	}
	os.Chmod(db, 0o444)
	bin := binary(t)
	var cred *syscall.Credential
	if os.Geteuid() == 0 {
		// nobody must reach the binary and the file: copy the one and open
		// the way to the other.
		bin = filepath.Join(dir, "warroom")
		if err := copyFile(binary(t), bin); err != nil {
			t.Fatal(err)
		}
		for d := dir; d != filepath.Dir(d) && d != filepath.Clean(os.TempDir()); d = filepath.Dir(d) {
			os.Chmod(d, 0o777)
		}
		cred = &syscall.Credential{Uid: 65534, Gid: 65534}
	}
	before := fileSum(t, db)
	for _, args := range [][]string{{"--db", db}, {"ingest", "--db", db, "-"}} {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "LANG=C.UTF-8", "NO_COLOR=1")
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		var errb bytes.Buffer
		cmd.Stderr = &errb
		err := cmd.Run()
		msg := errb.String()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 ||
			!strings.Contains(msg, db+" is read-only") || !strings.Contains(msg, "warroom replay "+db) {
			t.Errorf("warroom %v: %v\n%s", args, err, msg)
		}
	}
	if _, err := os.Stat(db + "-wal"); err == nil || fileSum(t, db) != before {
		t.Error("the read-only file was touched")
	}
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
