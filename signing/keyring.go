package signing

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// KeyID names a public key: the hex of the first 8 bytes of its SHA-256.
// It is derived, never chosen, so an id cannot be pointed at another key.
func KeyID(pub ed25519.PublicKey) string {
	sum := sha256.Sum256(pub)
	return hex.EncodeToString(sum[:8])
}

// PublicEntry is pub as one entry of a trusted-key list: "id:base64".
func PublicEntry(pub ed25519.PublicKey) string {
	return KeyID(pub) + ":" + base64.StdEncoding.EncodeToString(pub)
}

// Errors of Keyring.Verify. A seal by a key the verifier does not trust is
// an invalid signature, reported as such — not a failure of the verifier.
var (
	ErrUnknownKey   = errors.New("signature sealed with a key that is not trusted")
	ErrBadSignature = errors.New("signature does not match the record")
)

// Keyring is the set of public keys a verifier trusts, by id: the current
// signing key and the earlier ones whose signatures must still verify.
type Keyring struct {
	keys map[string]ed25519.PublicKey
}

// NewKeyring trusts pubs.
func NewKeyring(pubs ...ed25519.PublicKey) Keyring {
	k := Keyring{keys: map[string]ed25519.PublicKey{}}
	for _, p := range pubs {
		k.keys[KeyID(p)] = p
	}
	return k
}

// ParseKeyring reads a trusted-key list: entries "id:base64" (as
// PublicEntry writes them) or a bare base64 public key, separated by commas
// or newlines; blank lines and lines starting with # are ignored. An id
// that is not its key's KeyID is refused, so a typo cannot go unnoticed.
func ParseKeyring(list string) (Keyring, error) {
	k := NewKeyring()
	for _, line := range strings.Split(list, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		for _, entry := range strings.Split(line, ",") {
			if entry = strings.TrimSpace(entry); entry == "" {
				continue
			}
			pub, err := parseEntry(entry)
			if err != nil {
				return Keyring{}, err
			}
			k.keys[KeyID(pub)] = pub
		}
	}
	return k, nil
}

func parseEntry(entry string) (ed25519.PublicKey, error) {
	id, b64, named := strings.Cut(entry, ":")
	if !named {
		b64 = id
	}
	raw, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(raw) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("trusted signing key %q: want id:base64 of a 32-byte Ed25519 public key", entry)
	}
	pub := ed25519.PublicKey(raw)
	if named && id != KeyID(pub) {
		return nil, fmt.Errorf("trusted signing key %q: its id is %s, not %s", entry, KeyID(pub), id)
	}
	return pub, nil
}

// With returns a keyring that also trusts pubs.
func (k Keyring) With(pubs ...ed25519.PublicKey) Keyring {
	out := NewKeyring(pubs...)
	for id, p := range k.keys {
		out.keys[id] = p
	}
	return out
}

// IDs lists the trusted key ids, sorted.
func (k Keyring) IDs() []string {
	ids := make([]string, 0, len(k.keys))
	for id := range k.keys {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Verify checks sig over r with the trusted key keyID. A seal stored
// before key ids were recorded (keyID "") is checked against every trusted
// key: there was one key then, and a seal that verifies under any trusted
// key is that key's.
func (k Keyring) Verify(keyID string, r Record, sig string) error {
	return k.VerifyMessage(keyID, r.message(), sig)
}

// VerifyMessage is Verify for a message that is not a signature record: a
// checkpoint of the audit trail (SealMessage). The message must open with
// a tag of its own kind, so no seal can pass for another kind's.
func (k Keyring) VerifyMessage(keyID string, msg []byte, sig string) error {
	if keyID == "" {
		for _, id := range k.IDs() {
			if verifyMessage(k.keys[id], msg, sig) {
				return nil
			}
		}
		if len(k.keys) == 0 {
			return ErrUnknownKey
		}
		return ErrBadSignature
	}
	pub, ok := k.keys[keyID]
	switch {
	case !ok:
		return ErrUnknownKey
	case !verifyMessage(pub, msg, sig):
		return ErrBadSignature
	}
	return nil
}
