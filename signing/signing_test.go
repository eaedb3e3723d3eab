package signing

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
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

func TestLoadPrivateKey(t *testing.T) {
	seed := base64.StdEncoding.EncodeToString(make([]byte, 32))
	k, err := LoadPrivateKey(KeySource{Seed: seed})
	if err != nil || !k.Equal(ed25519.NewKeyFromSeed(make([]byte, 32))) {
		t.Fatalf("from env: %v", err)
	}
	if _, err := LoadPrivateKey(KeySource{Seed: "short"}); err == nil {
		t.Fatal("a bad seed must be refused")
	}
	path := filepath.Join(t.TempDir(), ".data", "signing.key")
	if _, err := LoadPrivateKey(KeySource{File: path}); !errors.Is(err, ErrNoKey) {
		t.Fatalf("without a key and without Generate: want ErrNoKey, got %v", err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatal("nothing may be generated without Generate")
	}
	first, err := LoadPrivateKey(KeySource{File: path, Generate: true})
	if err != nil {
		t.Fatal(err)
	}
	again, err := LoadPrivateKey(KeySource{File: path, Generate: true})
	if err != nil || !first.Equal(again) {
		t.Fatalf("the generated key must be stored and reused (%v)", err)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), "Not for production") {
		t.Fatalf("the generated file says what it is for: %q", raw)
	}
	if _, err := LoadPrivateKey(KeySource{File: path}); !errors.Is(err, ErrDevelopmentKeyUse) {
		t.Fatalf("a generated development key must not sign without Generate: %v", err)
	}
	configured := filepath.Join(t.TempDir(), "worker.key")
	_ = os.WriteFile(configured, []byte(seed+"\n"), 0o600)
	if k, err := LoadPrivateKey(KeySource{File: configured}); err != nil || !k.Equal(ed25519.NewKeyFromSeed(make([]byte, 32))) {
		t.Fatalf("an operator's key file is used: %v", err)
	}
}

func TestKeyIDIsFirst8BytesOfSHA256(t *testing.T) {
	pub := ed25519.NewKeyFromSeed(make([]byte, 32)).Public().(ed25519.PublicKey)
	sum := sha256.Sum256(pub)
	if got, want := KeyID(pub), hex.EncodeToString(sum[:8]); got != want || len(got) != 16 {
		t.Fatalf("KeyID = %s, want %s", got, want)
	}
}

// TestKeyringRotation: a keyring trusting the old and the new key verifies
// seals of both; a seal by a key it does not trust is ErrUnknownKey, a
// changed record ErrBadSignature.
func TestKeyringRotation(t *testing.T) {
	oldKey, newKey := keyFrom(1), keyFrom(2)
	r := Record{ContractID: "c1", SignerRole: "company", SignerID: "u1", DocumentSHA256: "ab", SignedAt: time.Unix(1, 0)}
	oldID, oldSig := Seal(oldKey, r)
	newID, newSig := Seal(newKey, r)
	list := PublicEntry(pubOf(oldKey)) + ",\n" + PublicEntry(pubOf(newKey))
	both, err := ParseKeyring("# trusted keys\n" + list)
	if err != nil {
		t.Fatal(err)
	}
	if got := both.IDs(); len(got) != 2 {
		t.Fatalf("IDs = %v", got)
	}
	for _, c := range []struct{ id, sig string }{{oldID, oldSig}, {newID, newSig}, {"", oldSig}} {
		if err := both.Verify(c.id, r, c.sig); err != nil {
			t.Errorf("key %q: %v", c.id, err)
		}
	}
	onlyNew := NewKeyring(pubOf(newKey))
	if err := onlyNew.Verify(oldID, r, oldSig); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("an untrusted key: want ErrUnknownKey, got %v", err)
	}
	if err := onlyNew.Verify(newID, r, oldSig); !errors.Is(err, ErrBadSignature) {
		t.Errorf("a seal under another key: want ErrBadSignature, got %v", err)
	}
	changed := r
	changed.SignerID = "u2"
	if err := both.Verify(newID, changed, newSig); !errors.Is(err, ErrBadSignature) {
		t.Errorf("a changed record: want ErrBadSignature, got %v", err)
	}
	if err := (Keyring{}).Verify(newID, r, newSig); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("an empty keyring trusts nothing: %v", err)
	}
}

func TestParseKeyringRefusesAWrongID(t *testing.T) {
	pub := pubOf(keyFrom(3))
	if _, err := ParseKeyring("0000000000000000:" + base64.StdEncoding.EncodeToString(pub)); err == nil {
		t.Fatal("an id that is not the key's must be refused")
	}
	if _, err := ParseKeyring("abc:notbase64"); err == nil {
		t.Fatal("garbage must be refused")
	}
	k, err := ParseKeyring(base64.StdEncoding.EncodeToString(pub))
	if err != nil || k.IDs()[0] != KeyID(pub) {
		t.Fatalf("a bare public key is trusted under its id: %v", err)
	}
}

func keyFrom(b byte) ed25519.PrivateKey {
	seed := make([]byte, 32)
	seed[0] = b
	return ed25519.NewKeyFromSeed(seed)
}

func pubOf(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

// TestSealCoversHowTheCustomerSigned: a signature given through a customer
// link or on paper seals its method and evidence (the link, the contact's
// address, the scan's hash); changing any breaks it, and a record without
// a method is still the v1 message earlier seals were made over.
func TestSealCoversHowTheCustomerSigned(t *testing.T) {
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	pub := key.Public().(ed25519.PublicKey)
	r := Record{ContractID: "c1", SignerRole: "customer", CustomerSignatoryName: "陈立", DocumentSHA256: "ab",
		SignedAt: time.Date(2026, 11, 27, 1, 2, 3, 0, time.UTC), Method: "link", LinkID: "l1", SignerContact: "chen@example.com"}
	sig := Sign(key, r)
	for name, change := range map[string]func(*Record){
		"method":   func(r *Record) { r.Method = "paper" },
		"link":     func(r *Record) { r.LinkID = "l2" },
		"contact":  func(r *Record) { r.SignerContact = "other@example.com" },
		"evidence": func(r *Record) { r.EvidenceSHA256 = "cd" },
		"no method": func(r *Record) {
			r.Method = ""
		},
	} {
		changed := r
		change(&changed)
		if Verify(pub, changed, sig) {
			t.Errorf("changing the %s must break the signature", name)
		}
	}
	old := Record{ContractID: "c1", SignerRole: "customer", SignerID: "u1", CustomerSignatoryName: "x", DocumentSHA256: "ab"}
	if got, want := string(old.message()), "salesflow-signature-v1\x00c1\x00customer\x00u1\x00\x00x\x00ab\x000001-01-01T00:00:00Z\x00"; got != want {
		t.Errorf("a record without a method is not the v1 message: %q", got)
	}
}
