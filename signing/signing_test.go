package signing

import (
	"crypto/ed25519"
	"encoding/base64"
	"path/filepath"
	"testing"
	"time"
)

func TestSignVerifyAndTamper(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	pub := key.Public().(ed25519.PublicKey)
	r := Record{ContractID: "c1", SignerRole: "company", SignerID: "u1", DocumentSHA256: "ab",
		SignedAt: time.Date(2026, 11, 27, 1, 2, 3, 4000, time.UTC)}
	sig := Sign(key, r)
	if !Verify(pub, r, sig) {
		t.Fatal("a fresh signature must verify")
	}
	for name, change := range map[string]func(*Record){
		"signer":    func(r *Record) { r.SignerID = "u2" },
		"behalf":    func(r *Record) { r.OnBehalfOf = "u3" },
		"document":  func(r *Record) { r.DocumentSHA256 = "ac" },
		"time":      func(r *Record) { r.SignedAt = r.SignedAt.Add(time.Microsecond) },
		"signatory": func(r *Record) { r.CustomerSignatoryName = "x" },
	} {
		changed := r
		change(&changed)
		if Verify(pub, changed, sig) {
			t.Errorf("changing the %s must break the signature", name)
		}
	}
	if Verify(pub, r, "not base64!") {
		t.Error("garbage signature verified")
	}
}

func TestLoadKey(t *testing.T) {
	seed := base64.StdEncoding.EncodeToString(make([]byte, 32))
	k, err := LoadKey(seed, "")
	if err != nil || !k.Equal(ed25519.NewKeyFromSeed(make([]byte, 32))) {
		t.Fatalf("from env: %v", err)
	}
	if _, err := LoadKey("short", ""); err == nil {
		t.Fatal("a bad seed must be refused")
	}
	path := filepath.Join(t.TempDir(), ".data", "signing.key")
	first, err := LoadKey("", path)
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadKey("", path)
	if err != nil || !first.Equal(again) {
		t.Fatalf("the generated key must be stored and reused (%v)", err)
	}
}
