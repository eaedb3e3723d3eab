// Package signing seals contract signatures (R5.5) with the server's
// Ed25519 key: each signature record — signer, on whose behalf, the
// database time (R5.4) and the SHA-256 of the exact document — is signed,
// so a changed row or document fails verification.
//
// Only the process that signs (the worker) holds a private key; the API
// holds a Keyring of trusted public keys. Each seal is stored with the id
// of the key that made it (KeyID), so the key can be rotated: the worker
// gets a new private key, the API trusts the old and the new public key,
// and every earlier signature still verifies.
package signing

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
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
	// How the signature was given (issue 11): Method is account, link or
	// paper; a link's signature names the link and the contact's address
	// it was sent to (SignerID is then empty: no user signs), a paper one
	// the SHA-256 of the signed scan. Empty in seals made before.
	Method         string
	LinkID         string
	SignerContact  string
	EvidenceSHA256 string
}

// message is the canonical byte string signed: a version tag and the fields
// separated by a byte that cannot occur in them. A record without a Method
// is one sealed before methods existed and keeps the v1 message, so those
// seals still verify; every record with one is sealed as v2, which covers
// the method and its evidence too.
func (r Record) message() []byte {
	parts := []string{"salesflow-signature-v1", r.ContractID, r.SignerRole, r.SignerID, r.OnBehalfOf,
		r.CustomerSignatoryName, r.DocumentSHA256, r.SignedAt.UTC().Format(time.RFC3339Nano)}
	if r.Method != "" {
		parts[0] = "salesflow-signature-v2"
		parts = append(parts, r.Method, r.LinkID, r.SignerContact, r.EvidenceSHA256)
	}
	var b bytes.Buffer
	for _, part := range parts {
		b.WriteString(part)
		b.WriteByte(0)
	}
	return b.Bytes()
}

// Sign returns the base64 Ed25519 signature of r under key.
func Sign(key ed25519.PrivateKey, r Record) string {
	return base64.StdEncoding.EncodeToString(ed25519.Sign(key, r.message()))
}

// Seal signs r under key and returns the key's id with the signature: both
// are stored, so the verifier knows which trusted key to check it with.
func Seal(key ed25519.PrivateKey, r Record) (keyID, sig string) {
	return KeyID(key.Public().(ed25519.PublicKey)), Sign(key, r)
}

// Verify reports whether sig is key's signature of exactly r.
func Verify(pub ed25519.PublicKey, r Record, sig string) bool {
	return verifyMessage(pub, r.message(), sig)
}

// SealMessage signs msg under key, as Seal does a record: for the audit
// trail's checkpoints, whose message opens with a tag of its own.
func SealMessage(key ed25519.PrivateKey, msg []byte) (keyID, sig string) {
	return KeyID(key.Public().(ed25519.PublicKey)), base64.StdEncoding.EncodeToString(ed25519.Sign(key, msg))
}

func verifyMessage(pub ed25519.PublicKey, msg []byte, sig string) bool {
	raw, err := base64.StdEncoding.DecodeString(sig)
	if err != nil || len(pub) != ed25519.PublicKeySize {
		return false
	}
	return ed25519.Verify(pub, msg, raw)
}
