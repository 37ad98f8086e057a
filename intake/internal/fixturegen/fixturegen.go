// Package fixturegen makes intake's binary and legacy-encoded test
// fixtures from the invented texts below, so that how each was made stays
// in the repository. Its output is deterministic: fixed dates, sorted
// catalogs, fixed zip times. The texts are written for Framelens and
// describe fictional places.
package fixturegen

import (
	"bytes"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"golang.org/x/text/encoding/charmap"
)

// Fixed is the date written into every generated file.
var Fixed = time.Date(2024, 5, 3, 9, 0, 0, 0, time.UTC)

// Russian is a short neutral report, saved as windows-1251.
const Russian = `Жители посёлка Заречье впервые прошли по новому пешеходному мосту через реку Тиху.

Строительство заняло два года. Мост длиной сорок метров сделан из дерева и стали, на обоих берегах есть пологие пандусы для колясок.

«Мы хотели, чтобы мостом мог пользоваться весь посёлок», — сказал инженер проекта Роман Окунев.`

// Latin1 mixes German and French so that é, ü and ß all occur; saved as
// ISO-8859-1.
const Latin1 = `Die neue Fußgängerbrücke über die Lanz in Kleinfeld wurde am Samstag eröffnet. Bürgermeisterin Jütte schnitt das Band durch.

Au café du pont, on a fêté l'ouverture avec une crème brûlée. Die Straße am Ufer bleibt bis Montag gesperrt.`

// UTF16 is saved as UTF-16LE with a byte-order mark.
const UTF16 = `Footbridge opens in Marrow Creek — résumé of the day.

Residents crossed the river on the new bridge; the café on the western bank stayed open late.`

// English paragraphs shared by the .docx and the PDF.
var English = []string{
	"The town of Marrow Creek opened its new footbridge over the river on Friday morning, two years after the old wooden crossing was closed for safety reasons.",
	"About three hundred residents walked across the bridge within the first hour. The mayor, Elsa Brandt, cut a green ribbon at the eastern end and thanked the engineers, the volunteers and the neighbours who had put up with the noise of construction.",
	"The bridge is forty metres long and built of timber and steel. It has a gentle ramp on both sides, so that people with prams and wheelchairs can cross without steps.",
	"A small café on the western bank says it expects more visitors at weekends.",
}

// ReportHeadline is the headline of the report PDF, set in large type over
// two lines; ReportDate the publication date it states under it.
const (
	ReportHeadline = "Marrow Creek council approves a second footbridge over the river after a year of debate"
	ReportDate     = "12 March 2024"
)

// Headline is the English article's headline.
const Headline = "Marrow Creek opens its new footbridge"

// Build returns every generated fixture by file name. fontPath is a
// TrueType font with Cyrillic glyphs for the Russian PDF.
func Build(fontPath string) (map[string][]byte, error) {
	out := map[string][]byte{}
	var err error
	if out["russian-1251.txt"], err = charmap.Windows1251.NewEncoder().Bytes([]byte(Russian)); err != nil {
		return nil, fmt.Errorf("encode russian: %w", err)
	}
	if out["latin1.txt"], err = charmap.ISO8859_1.NewEncoder().Bytes([]byte(Latin1)); err != nil {
		return nil, fmt.Errorf("encode latin-1: %w", err)
	}
	html := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"><title>Мост в Заречье</title></head><body><article><h1>Мост в Заречье</h1><p>` +
		strings.ReplaceAll(Russian, "\n\n", "</p><p>") + `</p></article></body></html>`
	if out["russian-1251.html"], err = charmap.Windows1251.NewEncoder().Bytes([]byte(html)); err != nil {
		return nil, fmt.Errorf("encode russian html: %w", err)
	}
	out["utf16le-bom.txt"] = utf16LE(UTF16)

	if out["bridge.docx"], err = bridgeDOCX(); err != nil {
		return nil, err
	}
	if out["zipbomb.docx"], err = zipBombDOCX(80 << 20); err != nil {
		return nil, err
	}
	if out["bridge.pdf"], err = englishPDF(); err != nil {
		return nil, err
	}
	if out["bridge-ru.pdf"], err = russianPDF(fontPath); err != nil {
		return nil, err
	}
	if out["report.pdf"], err = reportPDF(); err != nil {
		return nil, err
	}
	if out["scanned.pdf"], err = scannedPDF(); err != nil {
		return nil, err
	}
	out["corrupt.pdf"] = corruptPDF(out["bridge.pdf"])
	return out, nil
}

func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, r := range s {
		if r > 0xFFFF {
			r1, r2 := 0xD800+((r-0x10000)>>10), 0xDC00+((r-0x10000)&0x3FF)
			b = append(b, byte(r1), byte(r1>>8), byte(r2), byte(r2>>8))
			continue
		}
		b = append(b, byte(r), byte(r>>8))
	}
	return b
}

// corruptPDF cuts a good PDF in the middle of its objects and closes it
// with a lone end marker, as an interrupted download looks.
func corruptPDF(good []byte) []byte {
	cut := append([]byte{}, good[:len(good)*3/5]...)
	return append(cut, []byte("\n%%EOF\n")...)
}

// FontPath finds the DejaVu font that the fpdf module ships, through the
// go command, so that generation needs nothing outside the module graph.
func FontPath() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/go-pdf/fpdf").Output()
	if err != nil {
		return "", fmt.Errorf("locate fpdf module: %w", err)
	}
	return strings.TrimSpace(string(bytes.TrimSpace(out))) + "/font/DejaVuSansCondensed.ttf", nil
}
