package prodshape

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// signatures verifies every signed contract through the API processes in
// turn — which hold only the public key once apiHoldsOnlyPublicKey is on —
// and checks the document they serve is the one signed (issue 9 points 1
// and 4).
func (ck *checker) signatures(ctx context.Context) {
	var verified, sigs, contracts, served int
	var bad, badDoc []string
	for i, f := range ck.flows {
		if contractOf(f) == "" || f.err != nil {
			continue
		}
		contracts++
		owner := ck.as(f)
		owner.home = i % len(owner.pool.bases) // alternate the verifying process
		res, err := owner.get(ctx, "/api/v1/contracts/"+f.contractID+"/verification")
		if err != nil {
			bad = append(bad, err.Error())
			continue
		}
		list, _ := res.Body["signatures"].([]any)
		ok := res.Body["valid"] == true && len(list) == 2
		for _, it := range list {
			s := it.(map[string]any)
			sigs++
			if s["signature_valid"] == true && s["document_matches"] == true {
				verified++
			} else {
				ok = false
			}
		}
		if !ok {
			bad = append(bad, fmt.Sprintf("%s via %s: %s", f.contractID, owner.pool.bases[owner.home], truncate(res.Raw, 300)))
		}
		sum, err := ck.documentSHA(ctx, owner, f.contractID)
		switch {
		case err != nil:
			badDoc = append(badDoc, err.Error())
		case sum != res.str("document_sha256"):
			badDoc = append(badDoc, fmt.Sprintf("%s: served %s, signed %s", f.contractID, sum, res.str("document_sha256")))
		default:
			served++
		}
	}
	ck.check(len(bad) == 0, "signatures verify via the API", "%d/%d signatures on %d contracts%s",
		verified, sigs, contracts, listed(first(bad, 3)))
	ck.check(len(badDoc) == 0, "signed document served", "%d/%d documents served with the signed SHA-256%s",
		served, contracts, listed(first(badDoc, 3)))
}

// documentSHA is the X-Document-SHA256 of the contract's document as served.
func (ck *checker) documentSHA(ctx context.Context, u *user, id string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", u.pool.bases[u.home]+"/api/v1/contracts/"+id+"/document", nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("Authorization", "Bearer "+u.token)
	res, err := u.http.Do(req)
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, res.Body)
	if res.StatusCode != http.StatusOK {
		return "", fmt.Errorf("document of %s: status %d", id, res.StatusCode)
	}
	return res.Header.Get("X-Document-SHA256"), nil
}

// audit re-hashes the whole audit chain through an API process.
func (ck *checker) audit(ctx context.Context) {
	res, err := ck.admin.get(ctx, "/api/v1/audit/verification")
	if err != nil {
		ck.check(false, "audit chain verifies", "%v", err)
		return
	}
	checked, _ := res.Body["checked"].(float64)
	ck.check(res.Body["valid"] == true, "audit chain verifies", "valid=%v over %d events", res.Body["valid"], int(checked))
}

// metrics reads /metrics on every process's admin listener (issue 9
// "Operable", SALESFLOW_METRICS_ADDR): each answers in the Prometheus
// text format, and what was injected shows: the refused mail as a
// dead-lettered notification.
func (ck *checker) metrics(ctx context.Context) {
	var answered, total int
	var deadLettered float64
	var problems []string
	targets := []string{}
	for _, p := range append(append([]*proc{}, ck.c.apis...), ck.c.workers...) {
		targets = append(targets, "http://"+p.metrics+"/metrics")
	}
	for _, url := range targets {
		total++
		text, err := scrape(ctx, url)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		answered++
		deadLettered = max(deadLettered, sumSeries(text, "dead"))
	}
	ck.check(answered == total, "/metrics on every process", "%d/%d answered%s", answered, total, listed(problems))
	ck.check(deadLettered > 0, "dead letter shows in /metrics", "largest dead-letter gauge %v", deadLettered)
}

func scrape(ctx context.Context, url string) (string, error) {
	req, err := http.NewRequestWithContext(ctx, "GET", url, nil)
	if err != nil {
		return "", err
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return "", fmt.Errorf("%s: %v", url, err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK || !strings.Contains(string(b), "# TYPE") {
		return "", fmt.Errorf("%s: status %d, %d bytes, not Prometheus text", url, res.StatusCode, len(b))
	}
	return string(b), nil
}

// sumSeries adds the values of the samples whose metric name contains part.
func sumSeries(text, part string) float64 {
	var sum float64
	for _, line := range strings.Split(text, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		name, rest, _ := strings.Cut(line, " ")
		if i := strings.IndexByte(name, '{'); i >= 0 {
			name, rest = name[:i], line[strings.LastIndexByte(line, '}')+2:]
		}
		if !strings.Contains(name, part) {
			continue
		}
		v, _, _ := strings.Cut(rest, " ")
		if f, err := strconv.ParseFloat(v, 64); err == nil {
			sum += f
		}
	}
	return sum
}
