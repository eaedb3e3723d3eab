package main

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"

	"salesflow/worker"
)

// config is read from the environment; every field has a default that
// works on a developer machine set up by `make run`.
type config struct {
	DatabaseURL string `env:"DATABASE_URL" envDefault:"postgres://salesflow:salesflow@127.0.0.1:5432/salesflow?sslmode=disable"`
	// DBRuntimeRole, for `salesflow migrate`: the role the running system
	// connects as, granted after the migrations what it needs and only
	// INSERT on the audit trail and ledgers (issue 11); the migrations run
	// as DATABASE_URL's role, the owner.
	DBRuntimeRole     string        `env:"SALESFLOW_DB_RUNTIME_ROLE"`
	TemporalAddress   string        `env:"TEMPORAL_ADDRESS" envDefault:"127.0.0.1:7233"`
	TemporalNamespace string        `env:"TEMPORAL_NAMESPACE" envDefault:"default"`
	TemporalUIURL     string        `env:"TEMPORAL_UI_URL" envDefault:"http://127.0.0.1:8233"` // admins' links into the Web UI
	TaskQueue         string        `env:"SALESFLOW_TASK_QUEUE" envDefault:"salesflow"`
	HTTPAddr          string        `env:"SALESFLOW_HTTP_ADDR" envDefault:"127.0.0.1:8080"`
	SessionTTL        time.Duration `env:"SALESFLOW_SESSION_TTL" envDefault:"12h"`
	CookieSecure      bool          `env:"SALESFLOW_COOKIE_SECURE" envDefault:"false"`
	DemoPassword      string        `env:"SALESFLOW_DEMO_PASSWORD"`
	LogLevel          string        `env:"SALESFLOW_LOG_LEVEL" envDefault:"info"`
	// JSON lines for log collectors; `make run` sets text for a terminal.
	LogFormat string `env:"SALESFLOW_LOG_FORMAT" envDefault:"json"`
	// The admin listener of /metrics and /livez; empty means the role's
	// default (api and all 127.0.0.1:9090, worker 127.0.0.1:9091), "off" none.
	MetricsAddr string `env:"SALESFLOW_METRICS_ADDR"`
	// The reverse proxies (addresses or CIDRs, by comma) whose
	// X-Forwarded-For names the client, for the sign-in throttle; unset,
	// the peer's own address counts and the header is ignored.
	TrustedProxies []string `env:"SALESFLOW_TRUSTED_PROXIES" envSeparator:","`
	// F2 (R5.5): the worker's Ed25519 seed (base64), else a file holding
	// it; the worker refuses to start without one. Only with GENERATE
	// (scripts/run.sh, for `make run`) is a missing file created, marked
	// as a development key. The API holds only the trusted public keys
	// ("id:base64" entries, by comma or line), which must include the
	// worker's current key and every earlier one still to verify.
	SigningKey            string `env:"SALESFLOW_SIGNING_KEY"`
	SigningKeyFile        string `env:"SALESFLOW_SIGNING_KEY_FILE" envDefault:".data/signing.key"`
	SigningKeyGenerate    bool   `env:"SALESFLOW_SIGNING_KEY_GENERATE" envDefault:"false"`
	SigningPublicKeys     string `env:"SALESFLOW_SIGNING_PUBLIC_KEYS"`
	SigningPublicKeysFile string `env:"SALESFLOW_SIGNING_PUBLIC_KEYS_FILE"`
	PDFFont               string `env:"SALESFLOW_PDF_FONT" envDefault:"/usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf"`
	// Waiting approval steps remind and escalate after these; 0 means one
	// and three working days.
	ContractRemindAfter   time.Duration `env:"SALESFLOW_CONTRACT_REMIND_AFTER" envDefault:"0"`
	ContractEscalateAfter time.Duration `env:"SALESFLOW_CONTRACT_ESCALATE_AFTER" envDefault:"0"`
	// Issue 13: how many working days a hold of a resource line lasts (and
	// a renewal adds).
	HoldWorkingDays int `env:"SALESFLOW_HOLD_WORKING_DAYS" envDefault:"7"`
	// R2.5: the week to contact a newly owned customer, and how long before
	// its end the owner is reminded.
	ContactDeadline       time.Duration `env:"SALESFLOW_CONTACT_DEADLINE" envDefault:"168h"`
	ContactReminderBefore time.Duration `env:"SALESFLOW_CONTACT_REMINDER_BEFORE" envDefault:"24h"`
	ContactRecheckEvery   time.Duration `env:"SALESFLOW_CONTACT_RECHECK" envDefault:"1h"`
	// The longest a delegation may last (R5.5), in days.
	DelegationMaxDays int `env:"SALESFLOW_DELEGATION_MAX_DAYS" envDefault:"30"`
	// Visits (R3.6, R3.8): 0 means two working days, a reminder that
	// morning, and a working day ending at 18:00 Asia/Shanghai.
	VisitReportDueAfter    time.Duration `env:"SALESFLOW_VISIT_REPORT_DUE_AFTER" envDefault:"0"`
	VisitReportRemindAfter time.Duration `env:"SALESFLOW_VISIT_REPORT_REMIND_AFTER" envDefault:"0"`
	WorkdayEnd             time.Duration `env:"SALESFLOW_WORKDAY_END" envDefault:"18h"`
	// Activity targets (R1.2, R3.7).
	TargetRecordsPerDay int `env:"SALESFLOW_TARGET_RECORDS_PER_DAY" envDefault:"10"`
	TargetVisitsPerWeek int `env:"SALESFLOW_TARGET_VISITS_PER_WEEK" envDefault:"10"`
	// Notification email; disabled while SALESFLOW_SMTP_ADDR is unset.
	SMTPAddr     string `env:"SALESFLOW_SMTP_ADDR"`
	SMTPFrom     string `env:"SALESFLOW_SMTP_FROM" envDefault:"salesflow@localhost"`
	SMTPUser     string `env:"SALESFLOW_SMTP_USER"`
	SMTPPassword string `env:"SALESFLOW_SMTP_PASSWORD"`
	SMTPTLS      string `env:"SALESFLOW_SMTP_TLS" envDefault:"opportunistic"`
	// The address customers reach the app under, in the customer links
	// (R5.5); unset: the address of the owner's request.
	PublicURL string `env:"SALESFLOW_PUBLIC_URL"`
	// Notification webhook (HMAC-SHA256 signed); off while the URL is unset.
	WebhookURL    string `env:"SALESFLOW_WEBHOOK_URL"`
	WebhookSecret string `env:"SALESFLOW_WEBHOOK_SECRET"`
	// The database pool of each process, and the worker sized to it; 0
	// means the pool's size (see worker.Config).
	DBMaxConns                int           `env:"SALESFLOW_DB_MAX_CONNS" envDefault:"20"`
	WorkerMaxActivities       int           `env:"SALESFLOW_WORKER_MAX_ACTIVITIES" envDefault:"0"`
	WorkerMaxLocalActivities  int           `env:"SALESFLOW_WORKER_MAX_LOCAL_ACTIVITIES" envDefault:"0"`
	WorkerStopTimeout         time.Duration `env:"SALESFLOW_WORKER_STOP_TIMEOUT" envDefault:"30s"`
	WorkerStickyWorkflowCache int           `env:"SALESFLOW_WORKER_STICKY_CACHE" envDefault:"10000"`
	WorkerPollers             int           `env:"SALESFLOW_WORKER_POLLERS" envDefault:"8"`
	// How often the worker seals a checkpoint of the audit trail (issue 12).
	AuditCheckpointEvery time.Duration `env:"SALESFLOW_AUDIT_CHECKPOINT_EVERY" envDefault:"10m"`
	// How long a finished customer import job and its rows' results are
	// kept (90 days; 0 keeps them for ever).
	ImportJobRetention time.Duration `env:"SALESFLOW_IMPORT_JOB_RETENTION" envDefault:"2160h"`
	// How long an Idempotency-Key stays bound to its first request (30
	// days; 0 keeps them for ever).
	IdempotencyKeyRetention time.Duration `env:"SALESFLOW_IDEMPOTENCY_KEY_RETENTION" envDefault:"720h"`
}

// workerConfig is the worker's sizing from c.
func (c config) workerConfig() worker.Config {
	return worker.Config{DBMaxConns: c.DBMaxConns, MaxConcurrentActivities: c.WorkerMaxActivities,
		MaxConcurrentLocalActivities: c.WorkerMaxLocalActivities, StopTimeout: c.WorkerStopTimeout,
		StickyCacheSize: c.WorkerStickyWorkflowCache, Pollers: c.WorkerPollers}
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
	for _, r := range c.rows() {
		fmt.Fprintf(w, "  %-34s %s\n", r[0], r[1])
	}
}

// logAttrs is the configuration as print shows it, as the attributes of
// one log line (for JSON logs, where a table would be lines of no format).
func (c config) logAttrs() []any {
	var attrs []any
	for _, r := range c.rows() {
		attrs = append(attrs, r[0], r[1])
	}
	return attrs
}

// rows is every setting, secrets masked.
func (c config) rows() [][2]string {
	return [][2]string{
		{"DATABASE_URL", maskURL(c.DatabaseURL)},
		{"SALESFLOW_DB_RUNTIME_ROLE", orUnset(c.DBRuntimeRole, "(unset: migrate grants no runtime role)")},
		{"TEMPORAL_ADDRESS", c.TemporalAddress},
		{"TEMPORAL_NAMESPACE", c.TemporalNamespace},
		{"TEMPORAL_UI_URL", c.TemporalUIURL},
		{"SALESFLOW_TASK_QUEUE", c.TaskQueue},
		{"SALESFLOW_HTTP_ADDR", c.HTTPAddr},
		{"SALESFLOW_SESSION_TTL", c.SessionTTL.String()},
		{"SALESFLOW_COOKIE_SECURE", fmt.Sprint(c.CookieSecure)},
		{"SALESFLOW_TRUSTED_PROXIES", orUnset(strings.Join(c.TrustedProxies, ","), "(unset: none)")},
		{"SALESFLOW_DEMO_PASSWORD", mask(c.DemoPassword)},
		{"SALESFLOW_LOG_LEVEL", c.LogLevel},
		{"SALESFLOW_LOG_FORMAT", c.LogFormat},
		{"SALESFLOW_METRICS_ADDR", orUnset(c.MetricsAddr, "(unset: 127.0.0.1:9090 api, 127.0.0.1:9091 worker)")},
		{"SALESFLOW_SIGNING_KEY", mask(c.SigningKey)},
		{"SALESFLOW_SIGNING_KEY_FILE", c.SigningKeyFile},
		{"SALESFLOW_SIGNING_KEY_GENERATE", fmt.Sprint(c.SigningKeyGenerate)},
		{"SALESFLOW_SIGNING_PUBLIC_KEYS", orUnset(c.SigningPublicKeys, "(unset)")},
		{"SALESFLOW_SIGNING_PUBLIC_KEYS_FILE", orUnset(c.SigningPublicKeysFile, "(unset)")},
		{"SALESFLOW_PDF_FONT", c.PDFFont},
		{"SALESFLOW_CONTRACT_REMIND_AFTER", durationOrDefault(c.ContractRemindAfter, "1 working day")},
		{"SALESFLOW_CONTRACT_ESCALATE_AFTER", durationOrDefault(c.ContractEscalateAfter, "3 working days")},
		{"SALESFLOW_HOLD_WORKING_DAYS", fmt.Sprint(c.HoldWorkingDays)},
		{"SALESFLOW_CONTACT_DEADLINE", c.ContactDeadline.String()},
		{"SALESFLOW_CONTACT_REMINDER_BEFORE", c.ContactReminderBefore.String()},
		{"SALESFLOW_CONTACT_RECHECK", c.ContactRecheckEvery.String()},
		{"SALESFLOW_DELEGATION_MAX_DAYS", fmt.Sprint(c.DelegationMaxDays)},
		{"SALESFLOW_VISIT_REPORT_DUE_AFTER", durationOrDefault(c.VisitReportDueAfter, "2 working days")},
		{"SALESFLOW_VISIT_REPORT_REMIND_AFTER", durationOrDefault(c.VisitReportRemindAfter, "09:00 on the due day")},
		{"SALESFLOW_WORKDAY_END", c.WorkdayEnd.String()},
		{"SALESFLOW_TARGET_RECORDS_PER_DAY", fmt.Sprint(c.TargetRecordsPerDay)},
		{"SALESFLOW_TARGET_VISITS_PER_WEEK", fmt.Sprint(c.TargetVisitsPerWeek)},
		{"SALESFLOW_SMTP_ADDR", orUnset(c.SMTPAddr, "(unset: email off)")},
		{"SALESFLOW_SMTP_FROM", c.SMTPFrom},
		{"SALESFLOW_SMTP_USER", orUnset(c.SMTPUser, "(unset)")},
		{"SALESFLOW_SMTP_PASSWORD", mask(c.SMTPPassword)},
		{"SALESFLOW_SMTP_TLS", c.SMTPTLS},
		{"SALESFLOW_PUBLIC_URL", orUnset(c.PublicURL, "(unset: the owner's request's address)")},
		{"SALESFLOW_WEBHOOK_URL", orUnset(c.WebhookURL, "(unset: webhook off)")},
		{"SALESFLOW_WEBHOOK_SECRET", mask(c.WebhookSecret)},
		{"SALESFLOW_DB_MAX_CONNS", fmt.Sprint(c.DBMaxConns)},
		{"SALESFLOW_WORKER_MAX_ACTIVITIES", zeroAs(c.WorkerMaxActivities, "(the pool's size)")},
		{"SALESFLOW_WORKER_MAX_LOCAL_ACTIVITIES", zeroAs(c.WorkerMaxLocalActivities, "(the pool's size)")},
		{"SALESFLOW_WORKER_STOP_TIMEOUT", c.WorkerStopTimeout.String()},
		{"SALESFLOW_WORKER_STICKY_CACHE", fmt.Sprint(c.WorkerStickyWorkflowCache)},
		{"SALESFLOW_WORKER_POLLERS", fmt.Sprint(c.WorkerPollers)},
		{"SALESFLOW_AUDIT_CHECKPOINT_EVERY", c.AuditCheckpointEvery.String()},
		{"SALESFLOW_IMPORT_JOB_RETENTION", orUnset(durationOrEmpty(c.ImportJobRetention), "0 (kept for ever)")},
		{"SALESFLOW_IDEMPOTENCY_KEY_RETENTION", orUnset(durationOrEmpty(c.IdempotencyKeyRetention), "0 (kept for ever)")},
	}
}

func zeroAs(n int, zero string) string {
	if n <= 0 {
		return zero
	}
	return fmt.Sprint(n)
}

// durationOrEmpty is d written out, or "" for zero.
func durationOrEmpty(d time.Duration) string {
	if d <= 0 {
		return ""
	}
	return d.String()
}

func orUnset(v, unset string) string {
	if v == "" {
		return unset
	}
	return v
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
