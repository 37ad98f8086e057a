package throttle

import "testing"

func TestAGateRefusesWorkBeyondItsSlotsUntilOneIsReleased(t *testing.T) {
	g := NewGate(2)
	r1, ok1 := g.TryEnter()
	_, ok2 := g.TryEnter()
	if !ok1 || !ok2 {
		t.Fatal("a gate of two refused the first two")
	}
	if _, ok := g.TryEnter(); ok {
		t.Fatal("a third was admitted")
	}
	r1()
	if _, ok := g.TryEnter(); !ok {
		t.Fatal("a released slot was not given again")
	}
}
