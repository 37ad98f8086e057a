package intake

import (
	"context"
	"strings"

	"github.com/ledongthuc/pdf"
)

// pdfChunk is one run of text shown at one place on a page.
type pdfChunk struct {
	x, y, endX float64 // in points, y growing upwards
	size       float64 // the font size as drawn, in points
	text       string
}

// errPDFAbort stops the content interpreter from inside its callback, the
// one place the library lets us act while it reads a page.
type errPDFAbort struct{ reason error }

// pdfFont caches what the walker needs of one font: the library decodes
// but neither caches fonts across operators nor reads CID widths.
type pdfFont struct {
	font      pdf.Font
	enc       pdf.TextEncoding
	twoByte   bool // composite (Type0) fonts use two-byte codes
	first     int
	widths    []float64
	cidWidths map[int]float64
	dw        float64 // default width of a composite font's glyphs
}

func newPDFFont(v pdf.Value) *pdfFont {
	f := &pdfFont{font: pdf.Font{V: v}}
	f.enc = fontEncoding(f.font)
	if v.Key("Subtype").Name() == "Type0" {
		f.twoByte = true
		desc := v.Key("DescendantFonts").Index(0)
		f.dw = 1000
		if dw := desc.Key("DW"); dw.Kind() == pdf.Integer || dw.Kind() == pdf.Real {
			f.dw = dw.Float64()
		}
		f.cidWidths = readCIDWidths(desc.Key("W"))
		return f
	}
	f.first = int(v.Key("FirstChar").Int64())
	w := v.Key("Widths")
	for i := range min(w.Len(), 256) {
		f.widths = append(f.widths, w.Index(i).Float64())
	}
	return f
}

// fontEncoding prefers the font's ToUnicode map, which the PDF standard
// makes authoritative, over the library's reading of its /Encoding. When a
// map is present but unreadable, the library may only be asked about
// encodings it reads without that map: it would run the same stream
// through its own lexer, outside our guard.
func fontEncoding(font pdf.Font) (enc pdf.TextEncoding) {
	tu := font.V.Key("ToUnicode")
	if tu.Kind() != pdf.Stream {
		return font.Encoder()
	}
	data, err := streamBytes(tu, maxCMapBytes)
	if err == nil {
		func() {
			defer func() {
				if recover() != nil {
					enc = nil
				}
			}()
			if strm, err := isolatedStream(data); err == nil {
				if m := readToUnicode(strm, font.V); m != nil {
					enc = m
				}
			}
		}()
	}
	if enc != nil {
		return enc
	}
	switch e := font.V.Key("Encoding"); {
	case e.Kind() == pdf.Dict, e.Kind() == pdf.Name && e.Name() != "Identity-H":
		return font.Encoder()
	}
	return noText{} // the map was a bomb or damaged, and nothing else decodes this font
}

// maxCMapBytes is far above the largest real ToUnicode map (a full CJK
// font's is a few hundred kilobytes).
const maxCMapBytes = 4 << 20

// noText decodes a font whose codes cannot be trusted to nothing.
type noText struct{}

func (noText) Decode(string) string { return "" }

// readCIDWidths reads a /W array: "c [w1 w2 …]" and "cfirst clast w" runs.
func readCIDWidths(w pdf.Value) map[int]float64 {
	out := map[int]float64{}
	for i := 0; i < w.Len() && len(out) < 1<<16; {
		first := int(w.Index(i).Int64())
		next := w.Index(i + 1)
		if next.Kind() == pdf.Array {
			for j := range min(next.Len(), 1<<16) {
				out[first+j] = next.Index(j).Float64()
			}
			i += 2
			continue
		}
		last := min(int(next.Int64()), first+1<<16)
		for c := first; c <= last; c++ {
			out[c] = w.Index(i + 2).Float64()
		}
		i += 3
	}
	return out
}

// advance is the width of raw's glyphs in thousandths of an em, and how
// many of them are spaces (for word spacing, which applies to byte 32).
func (f *pdfFont) advance(raw string) (width float64, spaces int) {
	if f.twoByte {
		for i := 0; i+1 < len(raw); i += 2 {
			cid := int(raw[i])<<8 | int(raw[i+1])
			w, ok := f.cidWidths[cid]
			if !ok {
				w = f.dw
			}
			width += w
		}
		return width, 0
	}
	for i := 0; i < len(raw); i++ {
		c := int(raw[i])
		if c == ' ' {
			spaces++
		}
		if j := c - f.first; j >= 0 && j < len(f.widths) {
			width += f.widths[j]
		} else {
			width += 500 // unknown: half an em, the average Latin glyph
		}
	}
	return width, spaces
}

// textState is the part of the PDF graphics state that places text.
type textState struct {
	ctm, tm, tlm         [6]float64
	font                 *pdfFont
	size, leading, scale float64
	charSpace, wordSpace float64
	rise                 float64
}

var identity = [6]float64{1, 0, 0, 1, 0, 0}

// mul is the matrix product a×b of PDF's [a b c d e f] matrices.
func mul(a, b [6]float64) [6]float64 {
	return [6]float64{
		a[0]*b[0] + a[1]*b[2], a[0]*b[1] + a[1]*b[3],
		a[2]*b[0] + a[3]*b[2], a[2]*b[1] + a[3]*b[3],
		a[4]*b[0] + a[5]*b[2] + b[4], a[4]*b[1] + a[5]*b[3] + b[5],
	}
}

// pageChunks runs a page's content stream and appends its text to chunks
// in the order drawn, spending textBudget (bytes of text) as it goes; ctx
// is checked as operators go by.
func pageChunks(ctx context.Context, contents pdf.Value, fontDict pdf.Value, textBudget *int, chunks *[]pdfChunk) {
	var (
		ops   int
		stack []textState
		fonts = map[string]*pdfFont{}
	)
	g := textState{ctm: identity, tm: identity, tlm: identity, scale: 1}
	show := func(raw string) {
		if g.font == nil {
			return
		}
		trm := mul([6]float64{g.size * g.scale, 0, 0, g.size, 0, g.rise}, mul(g.tm, g.ctm))
		width, spaces := g.font.advance(raw)
		tx := (width/1000*g.size + g.charSpace*float64(glyphCount(g.font, raw)) + g.wordSpace*float64(spaces)) * g.scale
		g.tm = mul([6]float64{1, 0, 0, 1, tx, 0}, g.tm)
		end := mul(g.tm, g.ctm)
		text := strings.ToValidUTF8(g.font.enc.Decode(raw), "\uFFFD")
		if text == "" {
			return
		}
		size := max(abs(trm[3]), abs(trm[0]))
		*chunks = append(*chunks, pdfChunk{x: trm[4], y: trm[5], endX: end[4], size: size, text: text})
		if *textBudget -= len(text); *textBudget < 0 {
			panic(errPDFAbort{errPDFTooMuchText})
		}
	}
	nextLine := func(tx, ty float64) {
		g.tlm = mul([6]float64{1, 0, 0, 1, tx, ty}, g.tlm)
		g.tm = g.tlm
	}
	pdf.Interpret(contents, func(stk *pdf.Stack, op string) {
		if ops++; ops%1024 == 0 && ctx.Err() != nil {
			panic(errPDFAbort{ctx.Err()})
		}
		args := make([]pdf.Value, stk.Len())
		for i := len(args) - 1; i >= 0; i-- {
			args[i] = stk.Pop()
		}
		num := func(i int) float64 { return args[i].Float64() }
		matrix := func() [6]float64 { return [6]float64{num(0), num(1), num(2), num(3), num(4), num(5)} }
		// An operator without its operands is skipped, as viewers do.
		if want, ok := operandCount[op]; ok && len(args) != want {
			return
		}
		switch op {
		case "q":
			if len(stack) < 256 {
				stack = append(stack, g)
			}
		case "Q":
			if n := len(stack); n > 0 {
				g, stack = stack[n-1], stack[:n-1]
			}
		case "cm":
			g.ctm = mul(matrix(), g.ctm)
		case "BT":
			g.tm, g.tlm = identity, identity
		case "Tm":
			g.tm, g.tlm = matrix(), matrix()
		case "Td":
			nextLine(num(0), num(1))
		case "TD":
			g.leading = -num(1)
			nextLine(num(0), num(1))
		case "T*":
			nextLine(0, -g.leading)
		case "TL":
			g.leading = num(0)
		case "Tc":
			g.charSpace = num(0)
		case "Tw":
			g.wordSpace = num(0)
		case "Tz":
			g.scale = num(0) / 100
		case "Ts":
			g.rise = num(0)
		case "Tf":
			name := args[0].Name()
			if fonts[name] == nil && len(fonts) < 256 {
				fonts[name] = newPDFFont(fontDict.Key(name))
			}
			g.font, g.size = fonts[name], num(1)
		case "Tj":
			show(args[0].RawString())
		case "'":
			nextLine(0, -g.leading)
			show(args[0].RawString())
		case "\"":
			g.wordSpace, g.charSpace = num(0), num(1)
			nextLine(0, -g.leading)
			show(args[2].RawString())
		case "TJ":
			for i := range min(args[0].Len(), 1<<16) {
				el := args[0].Index(i)
				if el.Kind() == pdf.String {
					show(el.RawString())
				} else {
					g.tm = mul([6]float64{1, 0, 0, 1, -el.Float64() / 1000 * g.size * g.scale, 0}, g.tm)
				}
			}
		}
	})
}

// operandCount is how many operands each operator used here takes.
var operandCount = map[string]int{
	"q": 0, "Q": 0, "BT": 0, "T*": 0, "cm": 6, "Tm": 6, "Td": 2, "TD": 2, "TL": 1, "Tc": 1, "Tw": 1,
	"Tz": 1, "Ts": 1, "Tf": 2, "Tj": 1, "'": 1, "\"": 3, "TJ": 1,
}

func glyphCount(f *pdfFont, raw string) int {
	if f.twoByte {
		return len(raw) / 2
	}
	return len(raw)
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}
