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
	Services map[string]struct {
		Image       string         `yaml:"image"`
		Command     []string       `yaml:"command"`
		Environment map[string]any `yaml:"environment"`
		DependsOn   map[string]any `yaml:"depends_on"`
	} `yaml:"services"`
}

// TestComposeFileMatchesTheApp keeps the production-style compose file honest
// where no Docker engine can run it: it parses, every dependency names a
// service, the app services run the right subcommands, and every variable
// it gives the app is one the app reads.
func TestComposeFileMatchesTheApp(t *testing.T) {
	raw, err := os.ReadFile("../../docker-compose.yml")
	if err != nil {
		t.Fatal(err)
	}
	var f composeFile
	if err := yaml.Unmarshal(raw, &f); err != nil {
		t.Fatalf("docker-compose.yml does not parse: %v", err)
	}
	for _, name := range []string{"postgres", "temporal", "temporal-ui", "migrate", "api", "worker"} {
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
