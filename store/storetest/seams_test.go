package storetest_test

import (
	"framelens/analysis"
	"framelens/handlers"
	"framelens/importjobs"
	"framelens/store/storetest"
)

// Every seam through which code uses a store is part of the contract, so
// a store that passes it serves them all. (cmd/web's own interfaces are
// checked in cmd/web.) A method added to a seam and not to the contract
// fails to compile here.
var (
	_ handlers.EventStore     = storetest.Store(nil)
	_ handlers.OutletStore    = storetest.Store(nil)
	_ handlers.LexiconStore   = storetest.Store(nil)
	_ handlers.AccountStore   = storetest.Store(nil)
	_ handlers.ClassroomStore = storetest.Store(nil)
	_ handlers.Health         = storetest.Store(nil)
	_ analysis.Store          = storetest.Store(nil)
	_ importjobs.Importer     = storetest.Store(nil)
)
