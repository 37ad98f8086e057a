//go:build unix

package store

import "syscall"

// canWrite tells whether this process may write the file or folder at
// path, asking the system without opening it: closing a descriptor of the
// database file would drop SQLite's locks on it.
func canWrite(path string) error {
	return syscall.Access(path, wOK)
}

const wOK = 0x2 // W_OK of <unistd.h>, the same on every unix
