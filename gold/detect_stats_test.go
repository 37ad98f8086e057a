package gold

import (
	"fmt"
	"os"
	"testing"

	"framelens/framing"
	"framelens/lexicons"
)

func TestDetectStats(t *testing.T) {
	ps, _ := Load(os.DirFS("testdata"))
	lexs, _ := lexicons.Shipped()
	d, _ := framing.NewTopicDetector(lexs)
	stat := map[string][3]int{}
	for _, p := range ps {
		ev := d.Evidence(p.Text)
		got := framing.Prevailing(ev)
		k := p.File
		s := stat[k]
		want := fmt.Sprint(p.Topics)
		if fmt.Sprint(got) == want || (len(got) == 0 && len(p.Topics) == 0) {
			s[0]++
		} else if len(got) == 0 {
			s[1]++
		} else {
			s[2]++
			fmt.Println("WRONG", p.ID, got, p.Topics, ev)
		}
		stat[k] = s
	}
	fmt.Println(stat, "[right, none, wrong]")
}
