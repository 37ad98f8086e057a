package pgstore

import (
	"context"
	"strconv"
	"testing"
	"time"

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

// BenchmarkJobsEnqueueClaimComplete is one job's round through the table.
func BenchmarkJobsEnqueueClaimComplete(b *testing.B) {
	q := NewJobs(crossPool(b, crossDB(b)))
	ctx := context.Background()
	i := 0
	for b.Loop() {
		i++
		if err := q.Enqueue(ctx, "k", strconv.Itoa(i), nil); err != nil {
			b.Fatal(err)
		}
		j, ok, err := q.Claim(ctx, "w", []string{"k"}, time.Minute)
		if err != nil || !ok {
			b.Fatal(ok, err)
		}
		if err := q.Complete(ctx, j); err != nil {
			b.Fatal(err)
		}
	}
}
