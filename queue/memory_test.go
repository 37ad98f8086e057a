package queue_test

import (
	"testing"

	"framelens/queue"
	"framelens/queue/queuetest"
)

func TestMemoryKeepsTheQueueContract(t *testing.T) {
	queuetest.Run(t, func(t *testing.T) (queue.Backend, queue.Backend) {
		m := queue.NewMemory()
		return m, m
	})
}
