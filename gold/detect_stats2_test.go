package gold

import (
	"fmt"
	"os"
	"testing"

	"framelens/framing"
	"framelens/lexicons"
)

func TestDetectMisses(t *testing.T) {
	ps, _ := Load(os.DirFS("testdata"))
	lexs, _ := lexicons.Shipped()
	d, _ := framing.NewTopicDetector(lexs)
	for _, p := range ps {
		if len(p.Topics) > 0 && len(framing.Prevailing(d.Evidence(p.Text))) == 0 && (p.File == "nagorno-karabakh" || p.File == "russia-ukraine" || p.File == "israel-palestine") {
			fmt.Println(p.ID, "|", p.Text[:min(200, len(p.Text))])
		}
	}
}
