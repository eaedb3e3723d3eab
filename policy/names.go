package policy

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// englishSuffixes are legal-form words dropped from the end of a company
// name (R2.2): "ACME Co., Ltd." and "Acme" are the same customer.
var englishSuffixes = map[string]bool{"co": true, "ltd": true, "limited": true, "inc": true,
	"incorporated": true, "llc": true, "corp": true, "corporation": true, "company": true,
	"plc": true, "gmbh": true, "lp": true, "llp": true}

// chineseSuffixes are legal forms, longest first so the longest match wins.
var chineseSuffixes = []string{"集团股份有限公司", "集团有限责任公司", "股份有限公司", "有限责任公司",
	"集团有限公司", "有限公司", "公司"}

// NormaliseCompanyName is the duplicate key of a company name (R2.2): full-
// width characters folded to half-width, case folded, spaces and punctuation
// removed and legal-form suffixes (有限公司, Co., Ltd., Inc., LLC …) dropped.
// A name that is nothing but a legal form normalises to "".
//
// The key is a fixed point: normalising it again gives it back, so a stored
// key still matches a new spelling of the same name. One pass is not enough
// for that, because joining the tokens can make a new suffix ("Lt d" joins to
// "ltd") and stripping a Chinese suffix can leave an English one ("ltd有限公司").
// Each further pass only ever strips, so the loop ends.
func NormaliseCompanyName(name string) string {
	key := normaliseOnce(name)
	for {
		again := normaliseOnce(key)
		if again == key || len(again) >= len(key) {
			return again
		}
		key = again
	}
}

// normaliseOnce is one pass of NormaliseCompanyName: fold, split on
// separators, drop trailing English legal forms, join and drop Chinese ones.
func normaliseOnce(name string) string {
	tokens := nameTokens(name)
	for len(tokens) > 0 && englishSuffixes[tokens[len(tokens)-1]] {
		tokens = tokens[:len(tokens)-1]
	}
	joined := strings.Join(tokens, "")
	for stripped := true; stripped; {
		stripped = false
		for _, suf := range chineseSuffixes {
			if strings.HasSuffix(joined, suf) {
				joined, stripped = strings.TrimSuffix(joined, suf), true
				break
			}
		}
	}
	return joined
}

// nameTokens folds name to half-width lower case and splits it into the
// runs between separators (space, punctuation, symbols): the words both
// keys are made of.
func nameTokens(name string) []string {
	return strings.FieldsFunc(foldLower(name), isNameSeparator)
}

// foldLower is name folded to half-width (width.Fold) and lower case. A
// name of ASCII and CJK Unified Ideographs only, as nearly all are, is
// its ASCII letters lowered: folding changes neither kind, and the
// ideographs have no case. Only other names pay for the transformers.
func foldLower(name string) string {
	for _, r := range name {
		if r >= utf8.RuneSelf && (r < 0x4e00 || r > 0x9fff) {
			return strings.ToLower(width.Fold.String(name))
		}
	}
	b := []byte(name)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// separatesWords is what separates the words of a company name: a space,
// punctuation or a symbol, as the unicode tables say.
func separatesWords(r rune) bool {
	return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// asciiSeparators is separatesWords for every ASCII character, asked once.
var asciiSeparators = func() (t [utf8.RuneSelf]bool) {
	for r := range rune(utf8.RuneSelf) {
		t[r] = separatesWords(r)
	}
	return t
}()

// isNameSeparator is separatesWords, fast: ASCII and the CJK Unified
// Ideographs (letters, never separators), nearly every character of a
// name, answer without the unicode tables' range search, which was a tenth
// of an import's CPU (every row's name is split four times).
func isNameSeparator(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return asciiSeparators[r]
	case r >= 0x4e00 && r <= 0x9fff:
		return false
	}
	return separatesWords(r)
}

// NormalisePhone is the duplicate key of a phone number (R2.2): digits only
// (full-width digits folded), the country code +86 / 0086 dropped, and a
// landline written internationally given back its trunk 0 so that
// "+86 10 1234 5678" and "010-12345678" match.
func NormalisePhone(phone string) string {
	var b strings.Builder
	for _, r := range width.Fold.String(phone) {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	digits := b.String()
	var national string
	switch {
	case strings.HasPrefix(digits, "0086"):
		national = digits[4:]
	case strings.HasPrefix(digits, "86") && len(digits) >= 12:
		national = digits[2:]
	default:
		return digits
	}
	if isMobile(national) || national == "" {
		return national
	}
	return "0" + national
}

// isMobile reports whether digits is a mainland mobile number (11 digits
// starting with 1).
func isMobile(digits string) bool { return len(digits) == 11 && digits[0] == '1' }
