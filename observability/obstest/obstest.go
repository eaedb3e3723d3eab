// Package obstest reads metrics back in tests: from a registry, or from a
// /metrics answer in the Prometheus text format.
package obstest

import (
	"io"

	"github.com/prometheus/client_golang/prometheus"
	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
)

// Families is a scrape: metric families by name.
type Families map[string]*dto.MetricFamily

// Gather collects g as a scrape would.
func Gather(g prometheus.Gatherer) (Families, error) {
	list, err := g.Gather()
	if err != nil {
		return nil, err
	}
	out := Families{}
	for _, f := range list {
		out[f.GetName()] = f
	}
	return out, nil
}

// ParseText parses a /metrics body, failing on anything that is not the
// Prometheus text format.
func ParseText(r io.Reader) (Families, error) {
	p := expfmt.NewTextParser(model.UTF8Validation)
	return p.TextToMetricFamilies(r)
}

// Value is the value of the first series of family name whose labels
// include labels (a histogram's sample count), and whether there is one.
func (f Families) Value(name string, labels map[string]string) (float64, bool) {
	family, ok := f[name]
	if !ok {
		return 0, false
	}
	for _, m := range family.GetMetric() {
		if hasLabels(m, labels) {
			return value(m), true
		}
	}
	return 0, false
}

func hasLabels(m *dto.Metric, want map[string]string) bool {
	got := map[string]string{}
	for _, l := range m.GetLabel() {
		got[l.GetName()] = l.GetValue()
	}
	for k, v := range want {
		if got[k] != v {
			return false
		}
	}
	return true
}

func value(m *dto.Metric) float64 {
	switch {
	case m.Counter != nil:
		return m.Counter.GetValue()
	case m.Gauge != nil:
		return m.Gauge.GetValue()
	case m.Histogram != nil:
		return float64(m.Histogram.GetSampleCount())
	}
	return m.GetUntyped().GetValue()
}
