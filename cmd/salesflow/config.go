package main

import (
	"fmt"
	"io"
	"net/url"
	"time"

	"github.com/caarlos0/env/v11"
)

// config is read from the environment; every field has a default that
// works on a developer machine set up by `make run`.
type config struct {
	DatabaseURL       string        `env:"DATABASE_URL" envDefault:"postgres://salesflow:salesflow@127.0.0.1:5432/salesflow?sslmode=disable"`
	TemporalAddress   string        `env:"TEMPORAL_ADDRESS" envDefault:"127.0.0.1:7233"`
	TemporalNamespace string        `env:"TEMPORAL_NAMESPACE" envDefault:"default"`
	TemporalUIURL     string        `env:"TEMPORAL_UI_URL" envDefault:"http://127.0.0.1:8233"` // admins' links into the Web UI
	TaskQueue         string        `env:"SALESFLOW_TASK_QUEUE" envDefault:"salesflow"`
	HTTPAddr          string        `env:"SALESFLOW_HTTP_ADDR" envDefault:"127.0.0.1:8080"`
	SessionTTL        time.Duration `env:"SALESFLOW_SESSION_TTL" envDefault:"12h"`
	CookieSecure      bool          `env:"SALESFLOW_COOKIE_SECURE" envDefault:"false"`
	DemoPassword      string        `env:"SALESFLOW_DEMO_PASSWORD"`
	LogLevel          string        `env:"SALESFLOW_LOG_LEVEL" envDefault:"info"`
	// F2: the server's Ed25519 seed (base64), else the file generated once.
	SigningKey     string `env:"SALESFLOW_SIGNING_KEY"`
	SigningKeyFile string `env:"SALESFLOW_SIGNING_KEY_FILE" envDefault:".data/signing.key"`
	PDFFont        string `env:"SALESFLOW_PDF_FONT" envDefault:"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"`
	// Waiting approval steps remind and escalate after these; 0 means one
	// and three working days.
	ContractRemindAfter   time.Duration `env:"SALESFLOW_CONTRACT_REMIND_AFTER" envDefault:"0"`
	ContractEscalateAfter time.Duration `env:"SALESFLOW_CONTRACT_ESCALATE_AFTER" envDefault:"0"`
	// R2.5: the week to contact a newly owned customer, and how long before
	// its end the owner is reminded.
	ContactDeadline       time.Duration `env:"SALESFLOW_CONTACT_DEADLINE" envDefault:"168h"`
	ContactReminderBefore time.Duration `env:"SALESFLOW_CONTACT_REMINDER_BEFORE" envDefault:"24h"`
}

func loadConfig() (config, error) {
	var c config
	if err := env.Parse(&c); err != nil {
		return config{}, fmt.Errorf("configuration: %w", err)
	}
	return c, nil
}

// print writes the effective configuration with secrets masked, so an
// operator sees what the process runs with.
func (c config) print(w io.Writer) {
	fmt.Fprintln(w, "configuration:")
	rows := [][2]string{
		{"DATABASE_URL", maskURL(c.DatabaseURL)},
		{"TEMPORAL_ADDRESS", c.TemporalAddress},
		{"TEMPORAL_NAMESPACE", c.TemporalNamespace},
		{"TEMPORAL_UI_URL", c.TemporalUIURL},
		{"SALESFLOW_TASK_QUEUE", c.TaskQueue},
		{"SALESFLOW_HTTP_ADDR", c.HTTPAddr},
		{"SALESFLOW_SESSION_TTL", c.SessionTTL.String()},
		{"SALESFLOW_COOKIE_SECURE", fmt.Sprint(c.CookieSecure)},
		{"SALESFLOW_DEMO_PASSWORD", mask(c.DemoPassword)},
		{"SALESFLOW_LOG_LEVEL", c.LogLevel},
		{"SALESFLOW_SIGNING_KEY", mask(c.SigningKey)},
		{"SALESFLOW_SIGNING_KEY_FILE", c.SigningKeyFile},
		{"SALESFLOW_PDF_FONT", c.PDFFont},
		{"SALESFLOW_CONTRACT_REMIND_AFTER", durationOrDefault(c.ContractRemindAfter, "1 working day")},
		{"SALESFLOW_CONTRACT_ESCALATE_AFTER", durationOrDefault(c.ContractEscalateAfter, "3 working days")},
		{"SALESFLOW_CONTACT_DEADLINE", c.ContactDeadline.String()},
		{"SALESFLOW_CONTACT_REMINDER_BEFORE", c.ContactReminderBefore.String()},
	}
	for _, r := range rows {
		fmt.Fprintf(w, "  %-34s %s\n", r[0], r[1])
	}
}

func mask(secret string) string {
	if secret == "" {
		return "(unset)"
	}
	return "****"
}

// maskURL hides the password of a connection URL (as xxxxx).
func maskURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable)"
	}
	return u.Redacted()
}

func durationOrDefault(d time.Duration, def string) string {
	if d <= 0 {
		return def
	}
	return d.String()
}
