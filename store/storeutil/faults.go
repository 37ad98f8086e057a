package storeutil

import "framelens/framing"

// Faults of the storage itself, worded for the person whose write failed.
// Both databases roll the failed transaction back, so nothing of it is
// kept.
var (
	ErrFull = framing.Errorf(framing.EFull,
		"The database is full: nothing was saved. Try again when space is freed on the server; what is stored can still be read.")
	ErrReadOnly = framing.Errorf(framing.EReadOnly,
		"The database is read-only just now: nothing was saved. Reading still works; try again when it can be written.")
)
