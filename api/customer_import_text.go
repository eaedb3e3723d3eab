package api

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A CSV file's encoding is decided once, for the whole file, before any
// row is read:
//
//  1. valid UTF-8 (with or without a BOM) is UTF-8;
//  2. otherwise the file must be plausible GB18030 (the national standard
//     and GBK's superset, so a four-byte character such as 𠀀 reads right
//     rather than garbled): every byte sequence well formed, and at most a
//     quarter of its two-byte characters with an ASCII-range second byte;
//  3. anything else is refused whole (422 /problems/malformed-csv) with a
//     request to save the file as UTF-8.
//
// Why the quarter: the characters of Chinese business text are nearly all
// in GB2312's area, where both bytes are 0xA1 or above; an ASCII-range
// second byte (0x40–0x7E) marks GBK's rare extension characters. A Latin-1
// or Windows-1252 file has its accented letters between ASCII letters
// ("Müller" is 4D FC 6C 6C 65 72), so nearly every "two-byte character"
// it would make has an ASCII second byte, or is not well formed at all
// ("café," ends in E9 2C). Such a file used to be read silently as GBK
// and stored as nonsense names.

// maxASCIITrailShare is the largest share of two-byte characters with an
// ASCII-range second byte that a GB18030 file may have.
const maxASCIITrailShare = 0.25

// decodeCSVText returns body as UTF-8, or ok false when it is neither UTF-8
// nor plausible GB18030.
func decodeCSVText(body []byte) (text []byte, ok bool) {
	if utf8.Valid(body) {
		return body, true
	}
	if !plausibleGB18030(body) {
		return nil, false
	}
	text, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
	return text, err == nil && utf8.Valid(text)
}

// plausibleGB18030 scans GB18030's byte structure: ASCII; a lead byte
// 0x81–0xFE with a second byte 0x40–0x7E or 0x80–0xFE; or four bytes lead,
// 0x30–0x39, lead, 0x30–0x39.
func plausibleGB18030(b []byte) bool {
	lead := func(c byte) bool { return c >= 0x81 && c <= 0xfe }
	digit := func(c byte) bool { return c >= 0x30 && c <= 0x39 }
	twoByte, asciiTrail := 0, 0
	for i := 0; i < len(b); {
		switch c := b[i]; {
		case c < 0x80:
			i++
		case !lead(c) || i+1 >= len(b):
			return false
		case digit(b[i+1]):
			if i+3 >= len(b) || !lead(b[i+2]) || !digit(b[i+3]) {
				return false
			}
			i += 4
		case b[i+1] >= 0x40 && b[i+1] <= 0xfe && b[i+1] != 0x7f:
			twoByte++
			if b[i+1] < 0x80 {
				asciiTrail++
			}
			i += 2
		default:
			return false
		}
	}
	return float64(asciiTrail) <= maxASCIITrailShare*float64(twoByte)
}
