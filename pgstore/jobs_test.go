package pgstore

import (
	"testing"

	"framelens/queue"
	"framelens/queue/queuetest"
)

// Two instances' job tables over one database keep the contract that one
// process's queue.Memory keeps.
func TestTwoInstancesJobsKeepTheQueueContract(t *testing.T) {
	queuetest.Run(t, func(t *testing.T) (queue.Backend, queue.Backend) {
		url := crossDB(t)
		return NewJobs(crossPool(t, url)), NewJobs(crossPool(t, url))
	})
}
