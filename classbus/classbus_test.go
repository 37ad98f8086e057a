package classbus

import (
	"context"
	"testing"
)

func pending(ch <-chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

func TestAChangeReachesTheSessionsSubscribersAndStudentsHearOnlyPhases(t *testing.T) {
	b := NewLocal()
	teacher, stopT := b.Subscribe(1, false)
	student, stopS := b.Subscribe(1, true)
	other, stopO := b.Subscribe(2, false)
	defer stopO()

	b.Publish(context.Background(), 1, false)
	b.Publish(context.Background(), 1, false) // coalesces with the pending one
	if !pending(teacher) || pending(teacher) {
		t.Error("the teacher should have exactly one signal pending")
	}
	if pending(student) {
		t.Error("a student heard a change that is not a phase")
	}
	if pending(other) {
		t.Error("another session heard the change")
	}
	b.Publish(context.Background(), 1, true)
	if !pending(teacher) || !pending(student) {
		t.Error("a phase change should reach teacher and student")
	}

	stopT()
	stopS()
	if n := b.Sessions(); n != 1 {
		t.Errorf("%d sessions kept after their subscribers left, want 1", n)
	}
}

func TestDeliverAllWakesEverySubscriber(t *testing.T) {
	b := NewLocal()
	a, stopA := b.Subscribe(1, true)
	defer stopA()
	c, stopC := b.Subscribe(2, false)
	defer stopC()
	b.DeliverAll()
	if !pending(a) || !pending(c) {
		t.Error("a subscriber was not woken")
	}
}
