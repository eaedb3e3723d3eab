package web

import (
	"errors"
	"strconv"
	"strings"
)

// Money is integer fen everywhere (1 yuan = 100 fen); only people read and
// type yuan. These functions convert between the two exactly, by string
// handling rather than floats, so ¥0.10 + ¥0.20 is 30 fen and never 29.

// Errors of ParseYuan; handlers map each to a message for the field.
var (
	ErrYuanEmpty     = errors.New("amount is empty")
	ErrYuanSyntax    = errors.New("amount is not a number like 1234.50")
	ErrYuanNegative  = errors.New("amount is negative")
	ErrYuanPrecision = errors.New("amount has more than two decimals")
	ErrYuanRange     = errors.New("amount is too large")
)

// maxYuanDigits bounds the integer part so the fen value fits in int64
// with room to spare (policy has its own, lower, ceiling per unit).
const maxYuanDigits = 15

// ParseYuan reads an amount in yuan as a person types it — "12", "0.5",
// "1234.56", "1,234.56", optionally after ¥ or ￥ — and returns it in fen.
// Thousands separators must group by three; at most two decimals; no sign.
func ParseYuan(s string) (int64, error) {
	s = strings.TrimSpace(s)
	s = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(s, "¥"), "￥"))
	if s == "" {
		return 0, ErrYuanEmpty
	}
	if strings.HasPrefix(s, "-") {
		return 0, ErrYuanNegative
	}
	whole, frac, hasDot := strings.Cut(s, ".")
	if hasDot && frac == "" || whole == "" {
		return 0, ErrYuanSyntax
	}
	whole, ok := stripThousands(whole)
	if !ok || !allDigits(whole) || !allDigits(frac) {
		return 0, ErrYuanSyntax
	}
	if len(frac) > 2 {
		return 0, ErrYuanPrecision
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > maxYuanDigits {
		return 0, ErrYuanRange
	}
	fen, err := strconv.ParseInt(whole+(frac + "00")[:2], 10, 64)
	if err != nil {
		return 0, ErrYuanSyntax
	}
	return fen, nil
}

// stripThousands removes commas from an integer part written as 1,234,567;
// commas anywhere else make it invalid.
func stripThousands(s string) (string, bool) {
	if !strings.Contains(s, ",") {
		return s, true
	}
	groups := strings.Split(s, ",")
	if len(groups[0]) == 0 || len(groups[0]) > 3 {
		return "", false
	}
	for _, g := range groups[1:] {
		if len(g) != 3 {
			return "", false
		}
	}
	return strings.Join(groups, ""), true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// FormatYuan shows fen as a person reads money: ¥1,234.56, -¥0.50.
func FormatYuan(fen int64) string {
	sign := ""
	if fen < 0 {
		sign = "-"
	}
	whole, frac := splitFen(fen)
	var b strings.Builder
	for i, d := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return sign + "¥" + b.String() + "." + frac
}

// PlainYuan shows fen as an input field's value: 1234.56 (no symbol, no
// separators), which ParseYuan reads back to the same fen.
func PlainYuan(fen int64) string {
	whole, frac := splitFen(fen)
	if fen < 0 {
		return "-" + whole + "." + frac
	}
	return whole + "." + frac
}

// splitFen returns the digits of |fen| in yuan and the two decimals.
func splitFen(fen int64) (whole, frac string) {
	u := uint64(fen)
	if fen < 0 {
		u = -u // two's complement: correct even for math.MinInt64
	}
	return strconv.FormatUint(u/100, 10), strconv.FormatUint(100+u%100, 10)[1:]
}
