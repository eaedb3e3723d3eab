// Package signing seals contract signatures (R5.5) with the server's
// Ed25519 key: each signature record — signer, on whose behalf, the
// database time (R5.4) and the SHA-256 of the exact document — is signed,
// so a changed row or document fails verification. The worker's activities
// hold the private key; the API needs only the public key to verify.
package signing

import (
	"bytes"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Record is what a server signature covers.
type Record struct {
	ContractID            string
	SignerRole            string
	SignerID              string
	OnBehalfOf            string
	CustomerSignatoryName string
	DocumentSHA256        string
	SignedAt              time.Time
}

// message is the canonical byte string signed: a version tag and the fields
// separated by a byte that cannot occur in them.
func (r Record) message() []byte {
	var b bytes.Buffer
	for _, part := range []string{"salesflow-signature-v1", r.ContractID, r.SignerRole, r.SignerID, r.OnBehalfOf,
		r.CustomerSignatoryName, r.DocumentSHA256, r.SignedAt.UTC().Format(time.RFC3339Nano)} {
		b.WriteString(part)
		b.WriteByte(0)
	}
	return b.Bytes()
}

// Sign returns the base64 Ed25519 signature of r under key.
func Sign(key ed25519.PrivateKey, r Record) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, r.message()))
}

// Verify reports whether sig is key's signature of exactly r.
func Verify(pub ed25519.PublicKey, r Record, sig string) bool {
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return false
	}
	return ed25519.Verify(pub, r.message(), raw)
}

// LoadKey returns the server's signing key: from seedB64 (the base64
// 32-byte seed of SALESFLOW_SIGNING_KEY) when set, else from the seed file
// at path, which is generated once (mode 0600) for development.
func LoadKey(seedB64, path string) (ed25519.PrivateKey, error) {
	if seedB64 != "" {
		return keyFromSeed(seedB64)
	}
	raw, err := os.ReadFile(path)
	if err == nil {
		return keyFromSeed(string(bytes.TrimSpace(raw)))
	}
	if !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	enc := base64.StdEncoding.EncodeToString(seed)
	if err := os.WriteFile(path, []byte(enc+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	return ed25519.NewKeyFromSeed(seed), nil
}

func keyFromSeed(b64 string) (ed25519.PrivateKey, error) {
	seed, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, errors.New("signing key: want the base64 of a 32-byte Ed25519 seed")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}
