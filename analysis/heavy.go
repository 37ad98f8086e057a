package analysis

import (
	"framelens/framing"
)

// MaxHeavy is how many heavy computations (an event's alignments or
// distinctive words, the first rendering of a large page) run at once;
// on two cores, more would only make each of them slower.
const MaxHeavy = 3

// Heavy runs fn if fewer than MaxHeavy heavy computations are running,
// and refuses with EBusy otherwise: a caller is told to come back rather
// than queued without end.
func (s *Service) Heavy(fn func() error) error {
	release, ok := s.heavy.TryEnter()
	if !ok {
		return framing.Errorf(framing.EBusy, "The server is busy with other large computations. Try again in a few seconds.")
	}
	defer release()
	return fn()
}
