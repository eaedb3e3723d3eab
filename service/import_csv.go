package service

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Reading a spreadsheet saved as CSV, what every import does first
// (customers, media resources): the file's encoding, its header row in
// Chinese or English, its rows. The API reads the file from the body, the
// pages from a form's upload; both hand the bytes here.

// Limits of one import answered at once: the file's size, its rows, and
// the time it may take; and of one import job (StartCustomerImport), which
// records a larger file a batch at a time.
const (
	MaxImportBytes    = 5 << 20
	MaxImportRows     = 1000
	ImportTimeoutMax  = 5 * time.Minute
	MaxImportJobBytes = 32 << 20
	MaxImportJobRows  = 100_000
)

func errCSV(detailID string, args ...any) *Error {
	return NewError(KindInvalid, "malformed-csv", "problem.malformed_csv", detailID, args...)
}

// ErrTooManyRows refuses a file of more than max data rows.
func ErrTooManyRows(max int) *Error { return errCSV("detail.csv_too_many", max) }

// IsTooManyRows reports whether err refused a file for its number of rows:
// the import page then records it as a job.
func IsTooManyRows(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Code == "malformed-csv" && e.Detail == "detail.csv_too_many"
}

// csvRecord is one data row of a CSV file and the line it starts on.
type csvRecord struct {
	line   int
	fields []string
}

// readCSVFile decodes the file as UTF-8 or GB18030 (decodeCSVText), reads
// the header through columns (header name → field, Chinese or English,
// case ignored) and every data row. A file without
// a column for required is refused with missingID, one of more than
// maxRows rows with detail.csv_too_many; any other fault of the
// file as a whole is /problems/malformed-csv before a row is written.
func readCSVFile(body []byte, columns map[string]string, required, missingID string, maxRows int) (map[string]int, []csvRecord, error) {
	body, ok := decodeCSVText(body)
	if !ok {
		return nil, nil, errCSV("detail.csv_encoding")
	}
	body = bytes.TrimPrefix(body, []byte("\uFEFF"))
	r := csv.NewReader(bytes.NewReader(body))
	r.FieldsPerRecord, r.TrimLeadingSpace = -1, true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, nil, errCSV("detail.csv_empty")
	}
	if err != nil {
		return nil, nil, csvErr(err)
	}
	cols := headerColumns(columns, header)
	if _, ok := cols[required]; !ok {
		return nil, nil, errCSV(missingID)
	}
	var out []csvRecord
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return cols, out, nil
		}
		if err != nil {
			return nil, nil, csvErr(err)
		}
		if len(out) == maxRows {
			return nil, nil, ErrTooManyRows(maxRows)
		}
		line, _ := r.FieldPos(0)
		out = append(out, csvRecord{line: line, fields: rec})
	}
}

func csvErr(err error) error {
	var perr *csv.ParseError
	if errors.As(err, &perr) {
		return errCSV("detail.csv_syntax", perr.Line)
	}
	return err
}

// headerColumns maps field → column index from the header row, through
// columns (a header name → field).
func headerColumns(columns map[string]string, header []string) map[string]int {
	cols := map[string]int{}
	for i, h := range header {
		if f, ok := columns[strings.ToLower(strings.TrimSpace(h))]; ok {
			if _, seen := cols[f]; !seen {
				cols[f] = i
			}
		}
	}
	return cols
}

// csvField is row rec's value of field, trimmed ("" when the file has no
// such column or the row is short).
func csvField(cols map[string]int, rec []string, field string) string {
	if i, ok := cols[field]; ok && i < len(rec) {
		return strings.TrimSpace(rec[i])
	}
	return ""
}

// csvDate accepts 2027/3/1 as well as 2027-03-01, as spreadsheets write it.
func csvDate(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '-' || r == '.' })
	if len(parts) != 3 {
		return s
	}
	y, e1 := strconv.Atoi(parts[0])
	m, e2 := strconv.Atoi(parts[1])
	d, e3 := strconv.Atoi(parts[2])
	if e1 != nil || e2 != nil || e3 != nil {
		return s
	}
	return strconv.Itoa(y) + "-" + twoDigits(m) + "-" + twoDigits(d)
}

func twoDigits(n int) string {
	if n < 10 && n >= 0 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

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
