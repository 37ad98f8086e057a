package main

import "framelens/store/storetest"

// What the commands need of a store is part of the store contract, so a
// store that passes it can serve them.
var (
	_ seeder       = storetest.Store(nil)
	_ accountSetup = storetest.Store(nil)
	_ backuper     = storetest.Backuper(nil)
)
