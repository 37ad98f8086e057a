package views

import (
	"strconv"
	"time"
)

// displayDate turns YYYY-MM-DD into "7 September 2022"; other text is shown
// as it is, and "" stays "".
func displayDate(s string) string {
	d, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return s
	}
	return d.Format("2 January 2006")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

func eventURL(id int64) string {
	return "/events/" + strconv.FormatInt(id, 10)
}

func newArticleURL(eventID int64) string {
	return eventURL(eventID) + "/articles/new"
}

func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
