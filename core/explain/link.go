package explain

import (
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// Link fills each explanation's Evidence from the report's checks: a failing
// or warning check among its CheckIDs confirms it; a passing one contradicts
// it (the files supplied do not show the problem the error describes).
func Link(ex []Explanation, checks []report.Check, p *i18n.Printer) {
	for i := range ex {
		e := &ex[i]
		e.Evidence = nil
		for _, c := range checks {
			if !wants(e.CheckIDs, c.ID) {
				continue
			}
			subj := c.SubjectLabel
			if subj == "" {
				subj = c.Subject
			}
			a := i18n.Args{"title": c.Title, "detail": c.Detail, "subject": subj, "check": c.ID}
			ev := Evidence{CheckID: c.ID, Subject: c.Subject, Status: string(c.Status)}
			switch c.Status {
			case report.Fail, report.Warn:
				ev.Agrees = true
				if c.Detail != "" {
					ev.Text = p.T("explain.evidence.agrees", "Confirmed by the supplied files: {title} ({subject}): {detail}", a)
				} else {
					ev.Text = p.T("explain.evidence.agreesShort", "Confirmed by the supplied files: {title} ({subject}).", a)
				}
			case report.Pass:
				if strings.HasPrefix(c.ID, "validity.") {
					ev.Text = p.T("explain.evidence.validityDisagrees", "The supplied chain is valid at the evaluation time ({title}, {subject}): was the error seen before the certificate was renewed, or is the server still serving the old certificate?", a)
				} else {
					ev.Text = p.T("explain.evidence.disagrees", "The supplied files pass {check} ({title}, {subject}): was the error seen before a change (new certificate, new CA file, other settings), or against another host or other files than those supplied?", a)
				}
			default:
				continue
			}
			e.Evidence = append(e.Evidence, ev)
		}
	}
}

func wants(ids []string, checkID string) bool {
	for _, id := range ids {
		if checkID == id || strings.HasPrefix(checkID, id+".") {
			return true
		}
	}
	return false
}

// Agreed reports whether some evidence confirms the explanation.
func (e Explanation) Agreed() bool {
	for _, ev := range e.Evidence {
		if ev.Agrees {
			return true
		}
	}
	return false
}

// CheckID is the report check id of an explanation: "explain." followed by
// the explanation id in lower case with "/" as ".".
func CheckID(id string) string {
	return "explain." + strings.ToLower(strings.ReplaceAll(id, "/", "."))
}

// Checks turns explanations into report checks "explain.<id>": warn when the
// supplied files confirm the failure, info otherwise.
func Checks(ex []Explanation, p *i18n.Printer) []report.Check {
	var out []report.Check
	for _, e := range ex {
		st := report.Info
		if e.Agreed() {
			st = report.Warn
		}
		a := i18n.Args{"id": e.ID, "host": e.Host, "quote": e.Quote}
		title := p.T("explain.check.title", "Error explained: {id}", a)
		if e.Host != "" {
			title = p.T("explain.check.titleHost", "Error explained for {host}: {id}", a)
		}
		var detail strings.Builder
		detail.WriteString(e.Meaning)
		for i, c := range e.Causes {
			detail.WriteString("\n")
			detail.WriteString(p.T("explain.check.cause", "{n}. {cause} To confirm: {confirm}", i18n.Args{"n": i + 1, "cause": c.Text, "confirm": c.Confirm}))
		}
		for _, ev := range e.Evidence {
			detail.WriteString("\n")
			detail.WriteString(ev.Text)
		}
		c := report.Check{
			ID:       CheckID(e.ID),
			Status:   st,
			Subject:  e.Host,
			Title:    title,
			Detail:   detail.String(),
			Fix:      strings.Join(e.Fixes, " "),
			Commands: e.Commands,
		}
		if e.OpenSSLCode > 0 {
			if i := strings.IndexByte(e.ID, '/'); i >= 0 {
				if ve, ok := VerifyErrorByName(e.ID[i+1:]); ok {
					c.OpenSSLError = &report.OpenSSLError{Code: ve.Code, Name: ve.Name, Text: ve.Text}
				}
			}
		}
		out = append(out, c)
	}
	return out
}
