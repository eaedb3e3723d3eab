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
)

// KeySource says where the signing process finds its private key.
type KeySource struct {
	Seed string // base64 32-byte Ed25519 seed; wins when set
	File string // a file holding the base64 seed
	// Generate allows creating File when it is missing, and using a file
	// that was so generated: for a developer machine (`make run`) only.
	Generate bool
}

// Errors of LoadPrivateKey: a process that signs must never invent a key
// of its own in production, or the verifier would trust a different one
// and every signature it sealed would be reported invalid.
var (
	ErrNoKey             = errors.New("no signing key configured")
	ErrDevelopmentKeyUse = errors.New("the signing key file was generated for development")
)

// devMarker opens a generated key file; LoadPrivateKey refuses such a file
// unless generation is allowed, so a key made by `make run` never signs
// in production by accident.
const devMarker = "# salesflow development signing key"

const devHeader = devMarker + `, generated because SALESFLOW_SIGNING_KEY_GENERATE=true
# (scripts/run.sh, for ` + "`make run`" + `). Not for production: give the worker its
# own SALESFLOW_SIGNING_KEY and the API its public key
# (SALESFLOW_SIGNING_PUBLIC_KEYS); see README, "Signing keys".
`

// LoadPrivateKey returns the signing key of src: the seed, else the file;
// a missing file is generated (mode 0600) only when src.Generate is set.
func LoadPrivateKey(src KeySource) (ed25519.PrivateKey, error) {
	if src.Seed != "" {
		return keyFromSeed(src.Seed)
	}
	if src.File == "" {
		return nil, ErrNoKey
	}
	raw, err := os.ReadFile(src.File)
	switch {
	case err == nil:
		if bytes.HasPrefix(raw, []byte(devMarker)) && !src.Generate {
			return nil, fmt.Errorf("%w (%s)", ErrDevelopmentKeyUse, src.File)
		}
		return keyFromSeed(seedLine(raw))
	case !errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("signing key: %w", err)
	case !src.Generate:
		return nil, fmt.Errorf("%w (%s does not exist)", ErrNoKey, src.File)
	}
	return generate(src.File)
}

// seedLine is the first line of a key file that is not a comment.
func seedLine(raw []byte) string {
	for _, line := range bytes.Split(raw, []byte("\n")) {
		if line = bytes.TrimSpace(line); len(line) > 0 && line[0] != '#' {
			return string(line)
		}
	}
	return ""
}

func generate(path string) (ed25519.PrivateKey, error) {
	enc, err := NewSeed()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	if err := os.WriteFile(path, []byte(devHeader+enc+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("signing key: %w", err)
	}
	return keyFromSeed(enc)
}

// NewSeed returns a fresh base64 seed for SALESFLOW_SIGNING_KEY.
func NewSeed() (string, error) {
	seed := make([]byte, ed25519.SeedSize)
	if _, err := rand.Read(seed); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(seed), nil
}

func keyFromSeed(b64 string) (ed25519.PrivateKey, error) {
	seed, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(seed) != ed25519.SeedSize {
		return nil, errors.New("signing key: want the base64 of a 32-byte Ed25519 seed")
	}
	return ed25519.NewKeyFromSeed(seed), nil
}
