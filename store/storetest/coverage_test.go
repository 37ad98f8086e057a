package storetest_test

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"framelens/store/storetest"
)

// Every method of the contract's Store is used by some test of the
// contract, so that a method added to a seam does not pass unchecked.
func TestEveryMethodIsExercised(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var src strings.Builder
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".go") && !strings.HasSuffix(e.Name(), "_test.go") {
			data, err := os.ReadFile(e.Name())
			if err != nil {
				t.Fatal(err)
			}
			src.Write(data)
		}
	}
	for _, typ := range []reflect.Type{reflect.TypeFor[storetest.Store](), reflect.TypeFor[storetest.Backuper]()} {
		for m := range typ.Methods() {
			// Called as st.Name(…), or handed on as st.Name.
			if !regexp.MustCompile(`\b(st|b)\.` + m.Name + `\b`).MatchString(src.String()) {
				t.Errorf("no contract test calls %s", m.Name)
			}
		}
	}
}
