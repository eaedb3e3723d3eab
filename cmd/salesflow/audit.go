package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"

	"salesflow/store"
)

// errAuditBroken makes `salesflow audit verify` exit non-zero on a trail
// that does not verify, so a cron job or CI step notices.
var errAuditBroken = errors.New("the audit trail does not verify")

// auditCommand is `salesflow audit verify [-full]`: the API's verification
// off-request, with the API's trusted keys. -full re-hashes every event,
// which on a large trail takes longer than a request may.
func auditCommand(ctx context.Context, cfg config, log *slog.Logger, w io.Writer, args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return errors.New("usage: salesflow audit verify [-full]")
	}
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	full := fs.Bool("full", false, "re-hash every event, not only those after the newest checkpoint")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	keys, err := loadSigningKeys(cfg, log, false, true)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer st.Close()
	report, err := st.VerifyAudit(ctx, keys.trusted.VerifyMessage, *full)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(report); err != nil {
		return err
	}
	if !report.Valid {
		return errAuditBroken
	}
	return nil
}
