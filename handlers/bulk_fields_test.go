package handlers

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"framelens/bulk"
)

// A bulk import line has the same field names as one article sent to
// POST /api/events/{id}/articles, so a client writes one shape for both.
func TestBulkImportFieldsAreTheArticleAPIFields(t *testing.T) {
	var api []string
	typ := reflect.TypeFor[articleRequest]()
	for i := range typ.NumField() {
		name, _, _ := strings.Cut(typ.Field(i).Tag.Get("json"), ",")
		if name == "allow_near_duplicate" {
			continue // a choice about one article, not an article field
		}
		api = append(api, name)
	}
	if got := bulk.Fields(); !slices.Equal(got, api) {
		t.Errorf("bulk fields %v, API article fields %v", got, api)
	}
}
