// Command salesflow is the one binary of Salesflow:
//
//	salesflow api        the HTTP API and web pages
//	salesflow worker     the Temporal worker
//	salesflow all        both in one process (make run)
//	salesflow migrate    apply database migrations
//	salesflow user add   create a user
//	salesflow seed --demo  demo users and rate card
//	salesflow signing-key new|public  a worker's signing key, or its public entry
//	salesflow audit verify [-full]    verify the audit trail
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"salesflow/observability"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "salesflow:", err)
		os.Exit(1)
	}
}

const usage = `usage: salesflow <command>

commands:
  api                    serve the HTTP API and web pages
  worker                 run the Temporal worker
  all                    api and worker in one process
  migrate                apply database migrations
  user add -username U -name N -roles r1,r2 [-password P] [-manager USERNAME] [-authority PCT]
  seed --demo            create the demo users and rate card if absent
  signing-key new        print a fresh worker signing key and its public entry
  signing-key public     print the configured key's public entry for the API
  audit verify [-full]   verify the audit trail from its newest checkpoint (-full: every event)
`

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errors.New("no command")
	}
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	log, err := observability.NewLogger(os.Stderr, cfg.LogFormat, cfg.LogLevel)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	switch args[0] {
	case "api":
		return serve(ctx, cfg, log, true, false)
	case "worker":
		return serve(ctx, cfg, log, false, true)
	case "all":
		return serve(ctx, cfg, log, true, true)
	case "migrate":
		return migrate(ctx, cfg)
	case "user":
		return userCommand(ctx, cfg, args[1:])
	case "seed":
		return seed(ctx, cfg, args[1:])
	case "signing-key":
		return signingKeyCommand(cfg, os.Stdout, args[1:])
	case "audit":
		return auditCommand(ctx, cfg, log, os.Stdout, args[1:])
	case "help", "-h", "--help":
		fmt.Print(usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

// logConfig shows the effective configuration at start: a table on a
// terminal (text logs), one line for a log collector (JSON logs).
func logConfig(cfg config, log *slog.Logger) {
	if strings.EqualFold(cfg.LogFormat, "text") {
		cfg.print(os.Stderr)
		return
	}
	log.Info("configuration", cfg.logAttrs()...)
}
