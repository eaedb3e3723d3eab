package main

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// composeFile is the part of docker-compose.yml this test reads.
type composeFile struct {
	Services map[string]composeService `yaml:"services"`
	Secrets  map[string]any            `yaml:"secrets"`
}

type composeService struct {
	Image       string         `yaml:"image"`
	Command     []string       `yaml:"command"`
	Entrypoint  []string       `yaml:"entrypoint"`
	Environment map[string]any `yaml:"environment"`
	DependsOn   map[string]any `yaml:"depends_on"`
	Secrets     []string       `yaml:"secrets"`
	Volumes     []string       `yaml:"volumes"`
	Deploy      struct {
		Replicas any `yaml:"replicas"`
	} `yaml:"deploy"`
}

func readCompose(t *testing.T) composeFile {
	t.Helper()
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("docker-compose.yml does not parse: %v", err)
	}
	return f
}

// TestComposeFileMatchesTheApp keeps the production-style compose file honest
// where no Docker engine can run it: it parses, every dependency names a
// service, the app services run the right subcommands, and every variable
// it gives the app is one the app reads.
func TestComposeFileMatchesTheApp(t *testing.T) {
	f := readCompose(t)
	for _, name := range []string{"postgres", "temporal-schema", "temporal", "temporal-admin-tools", "temporal-ui",
		"migrate", "api", "worker"} {
		if _, ok := f.Services[name]; !ok {
			t.Errorf("service %q is missing", name)
		}
	}
	for name, svc := range f.Services {
		for dep := range svc.DependsOn {
			if _, ok := f.Services[dep]; !ok {
				t.Errorf("service %s depends on unknown service %s", name, dep)
			}
		}
	}
	known := configVariables()
	for name, command := range map[string]string{"migrate": "migrate", "api": "api", "worker": "worker"} {
		svc := f.Services[name]
		if !slices.Equal(svc.Command, []string{command}) {
			t.Errorf("service %s runs %v, want [%s]", name, svc.Command, command)
		}
		if _, ok := svc.Environment["DATABASE_URL"]; !ok {
			t.Errorf("service %s is given no DATABASE_URL", name)
		}
		for v := range svc.Environment {
			if !known[v] {
				t.Errorf("service %s sets %s, which salesflow does not read", name, v)
			}
		}
	}
}

// configVariables lists the environment variables config reads.
func configVariables() map[string]bool {
	out := map[string]bool{}
	typ := reflect.TypeOf(config{})
	for i := range typ.NumField() {
		if tag, ok := typ.Field(i).Tag.Lookup("env"); ok {
			out[strings.Split(tag, ",")[0]] = true
		}
	}
	return out
}

// TestComposeFileIsTheProductionShape checks docker-compose.yml against the
// shape the production-shape suite (prodshape/) runs: a real Temporal
// server whose schemas a one-shot job sets up (not the deprecated
// auto-setup image), started with the repo's configuration file; the
// signing key a secret of the worker alone, the API holding only public
// keys; API and worker scalable; mail on, webhook off.
func TestComposeFileIsTheProductionShape(t *testing.T) {
	f := readCompose(t)
	for name, svc := range f.Services {
		if strings.Contains(svc.Image, "auto-setup") {
			t.Errorf("service %s uses %s; the schema job replaces auto-setup", name, svc.Image)
		}
	}
	schema, temporal := f.Services["temporal-schema"], f.Services["temporal"]
	if !strings.HasPrefix(schema.Image, "temporalio/admin-tools:") || !strings.Contains(strings.Join(schema.Command, " "), "update-schema") {
		t.Errorf("temporal-schema must run temporal-sql-tool update-schema from temporalio/admin-tools: %+v", schema)
	}
	if !strings.HasPrefix(temporal.Image, "temporalio/server:") {
		t.Errorf("temporal runs %q, want temporalio/server", temporal.Image)
	}
	if _, ok := temporal.DependsOn["temporal-schema"]; !ok {
		t.Error("temporal must wait for the schema job")
	}
	entry := strings.Join(temporal.Entrypoint, " ")
	if !strings.Contains(entry, "--env salesflow") || !slices.ContainsFunc(temporal.Volumes, func(v string) bool {
		return strings.HasPrefix(v, "./deploy/temporal:")
	}) {
		t.Errorf("temporal must start with deploy/temporal/salesflow.yaml, the suite's file: %v %v", temporal.Entrypoint, temporal.Volumes)
	}
	if _, err := os.Stat("../../deploy/temporal/salesflow.yaml"); err != nil {
		t.Error(err)
	}

	api, worker := f.Services["api"], f.Services["worker"]
	if len(api.Secrets) != 0 || !slices.Equal(worker.Secrets, []string{"signing_key"}) {
		t.Errorf("the signing key is the worker's secret alone: api %v, worker %v", api.Secrets, worker.Secrets)
	}
	if _, ok := f.Secrets["signing_key"]; !ok {
		t.Error("no top-level secret signing_key")
	}
	for _, v := range []string{"SALESFLOW_SIGNING_KEY", "SALESFLOW_SIGNING_KEY_FILE"} {
		if _, ok := api.Environment[v]; ok {
			t.Errorf("the API is given %s; it verifies with public keys only", v)
		}
	}
	if _, ok := api.Environment["SALESFLOW_SIGNING_PUBLIC_KEYS"]; !ok {
		t.Error("the API needs SALESFLOW_SIGNING_PUBLIC_KEYS to verify signatures")
	}
	if worker.Environment["SALESFLOW_SIGNING_KEY_FILE"] != "/run/secrets/signing_key" {
		t.Errorf("the worker reads its key from the secret, got %v", worker.Environment["SALESFLOW_SIGNING_KEY_FILE"])
	}
	for name, svc := range map[string]composeService{"api": api, "worker": worker} {
		if svc.Deploy.Replicas == nil {
			t.Errorf("service %s has no deploy.replicas", name)
		}
		if _, ok := svc.Environment["SALESFLOW_WEBHOOK_URL"]; ok {
			t.Errorf("service %s configures the webhook; the production shape mails only", name)
		}
	}
	if _, ok := worker.Environment["SALESFLOW_SMTP_ADDR"]; !ok {
		t.Error("the worker mails notifications: SALESFLOW_SMTP_ADDR")
	}
}
