package framing

import (
	"strings"
	"time"
)

// Event is one real-world happening that several articles cover.
type Event struct {
	ID          int64
	Title       string
	Description string
	// Date is the day the event happened, YYYY-MM-DD, or "" when unknown.
	Date      string
	CreatedAt time.Time
	// Revision grows with every change to the event's articles (and the
	// outlets they name), so that what is drawn from them can be kept
	// until it changes. Only a loaded event carries it.
	Revision int64
}

// EventTopics are the topic lexicons that apply to an event (general
// lexicons apply to every event).
type EventTopics struct {
	Slugs []string
	// Chosen is set once a person chose the topics; until then they are
	// detected from the anchors in the event's texts.
	Chosen bool
	// DetectedFor names the lexicon versions and event revision the
	// detection was made for, "" when there was none since.
	DetectedFor string
}

// EventSummary is an event as the event list shows it.
type EventSummary struct {
	Event
	ArticleCount int
	Outlets      []string
}

// EventInput is what a person submits to create an event.
type EventInput struct {
	Title       string
	Description string
	Date        string
}

// Limits for event fields, in characters.
const (
	MaxTitleChars       = 200
	MaxDescriptionChars = 2000
)

// Normalize trims the input and checks it, returning every problem found.
func (in *EventInput) Normalize() error {
	in.Title = strings.TrimSpace(in.Title)
	in.Description = normalizeNewlines(strings.TrimSpace(in.Description))
	in.Date = strings.TrimSpace(in.Date)

	var p Problems
	CheckText(&p, "title", "Title", in.Title, true, MaxTitleChars)
	CheckText(&p, "description", "Description", in.Description, false, MaxDescriptionChars)
	checkDate(&p, "date", in.Date)
	return p.Err()
}
