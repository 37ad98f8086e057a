package throttle

// Gate admits a few pieces of heavy work at once and refuses the rest at
// once, instead of queueing them without end: a server of two cores that
// started every request's alignment of a large event would answer none.
type Gate struct {
	slots chan struct{}
}

// NewGate admits n pieces of work at once.
func NewGate(n int) *Gate {
	return &Gate{slots: make(chan struct{}, n)}
}

// TryEnter takes a slot if one is free; release gives it back.
func (g *Gate) TryEnter() (release func(), ok bool) {
	select {
	case g.slots <- struct{}{}:
		return func() { <-g.slots }, true
	default:
		return nil, false
	}
}
