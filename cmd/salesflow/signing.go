package main

import (
	"crypto/ed25519"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"

	"salesflow/signing"
)

// signingKeys are the keys one process holds (R5.5): the private key when
// it signs (the worker), the trusted public keys when it verifies (the
// API). `salesflow api` never loads a private key, so an API process that
// is compromised cannot seal a signature.
type signingKeys struct {
	private ed25519.PrivateKey
	trusted signing.Keyring
}

// loadSigningKeys reads what the process needs; a process that signs and
// has no key configured is refused here, before it connects to anything.
func loadSigningKeys(cfg config, log *slog.Logger, signs, verifies bool) (signingKeys, error) {
	var k signingKeys
	if signs {
		key, err := privateKey(cfg)
		if err != nil {
			return k, err
		}
		k.private = key
		log.Info("signing with key", "key_id", signing.KeyID(publicKey(key)), "public", signing.PublicEntry(publicKey(key)))
	}
	if !verifies {
		return k, nil
	}
	list := cfg.SigningPublicKeys
	if cfg.SigningPublicKeysFile != "" {
		raw, err := os.ReadFile(cfg.SigningPublicKeysFile)
		if err != nil {
			return k, fmt.Errorf("SALESFLOW_SIGNING_PUBLIC_KEYS_FILE: %w", err)
		}
		list += "\n" + string(raw)
	}
	trusted, err := signing.ParseKeyring(list)
	if err != nil {
		return k, fmt.Errorf("SALESFLOW_SIGNING_PUBLIC_KEYS: %w", err)
	}
	if k.private != nil { // `salesflow all` trusts the key it signs with
		trusted = trusted.With(publicKey(k.private))
	}
	k.trusted = trusted
	switch {
	case len(trusted.IDs()) == 0:
		log.Warn("no trusted signing keys: every contract signature will verify as unknown_key; " +
			"set SALESFLOW_SIGNING_PUBLIC_KEYS to the worker's `salesflow signing-key public`")
	case !signs && cfg.SigningKey != "":
		log.Warn("the API ignores SALESFLOW_SIGNING_KEY: only the worker signs; give the API the public key")
	}
	log.Info("trusted signing keys", "key_ids", trusted.IDs())
	return k, nil
}

// privateKey loads the worker's key, explaining a refusal in terms of the
// settings an operator can change.
func privateKey(cfg config) (ed25519.PrivateKey, error) {
	key, err := signing.LoadPrivateKey(signing.KeySource{Seed: cfg.SigningKey, File: cfg.SigningKeyFile,
		Generate: cfg.SigningKeyGenerate})
	if errors.Is(err, signing.ErrNoKey) || errors.Is(err, signing.ErrDevelopmentKeyUse) {
		return nil, fmt.Errorf("%w: the worker seals contract signatures (R5.5) and needs SALESFLOW_SIGNING_KEY "+
			"(or SALESFLOW_SIGNING_KEY_FILE); `salesflow signing-key new` makes one. "+
			"SALESFLOW_SIGNING_KEY_GENERATE=true generates a development key, for `make run` only", err)
	}
	return key, err
}

func publicKey(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }

// signingKeyCommand is `salesflow signing-key new|public`: a fresh seed for
// a worker with its public entry, or the public entry ("id:base64") of the
// configured key, to add to the API's SALESFLOW_SIGNING_PUBLIC_KEYS.
func signingKeyCommand(cfg config, w io.Writer, args []string) error {
	sub := ""
	if len(args) > 0 {
		sub = args[0]
	}
	switch sub {
	case "new":
		seed, err := signing.NewSeed()
		if err != nil {
			return err
		}
		key, err := signing.LoadPrivateKey(signing.KeySource{Seed: seed})
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "SALESFLOW_SIGNING_KEY=%s\nSALESFLOW_SIGNING_PUBLIC_KEYS=%s\n", seed, signing.PublicEntry(publicKey(key)))
		return nil
	case "public":
		key, err := privateKey(cfg)
		if err != nil {
			return err
		}
		fmt.Fprintln(w, signing.PublicEntry(publicKey(key)))
		return nil
	}
	return errors.New("usage: salesflow signing-key new | public")
}
