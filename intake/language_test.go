package intake_test

import (
	"strings"
	"testing"

	"framelens/intake"
	"framelens/intake/internal/fixturegen"
)

func TestDetectLanguageNamesTheLanguageOfAnArticleAndNothingWhenUnsure(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The town of Marrow Creek opened its new footbridge over the river on Friday morning, two years after the old wooden crossing was closed for safety reasons.", "en"},
		{fixturegen.Russian, "ru"},
		{strings.Join(fixturegen.English, "\n\n"), "en"},
		{"Հայաստանի վարչապետը հանդիպեց Ռուսաստանի նախագահին Վլադիվոստոկում։", "hy"},
		{"1234 — 5678", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := intake.DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%.30q…) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
