package core

import (
	"strings"

	"certinspect/core/explain"
	"certinspect/core/i18n"
	"certinspect/core/report"
	"certinspect/core/sclient"
)

// Transcript is what an `openssl s_client` transcript says beyond its
// certificates (which serve as the server chain).
type Transcript struct {
	Input string `json:"input"`
	*sclient.Transcript
}

// errorText is the pasted error plus any supplied file that is plain text
// without certificates (a ticket comment holding the error, say).
func (in *inspection) errorText() string {
	parts := []string{}
	if strings.TrimSpace(in.req.ErrorText) != "" {
		parts = append(parts, in.req.ErrorText)
	}
	for _, it := range in.inputs {
		if it.role == RoleErrorText {
			parts = append(parts, string(it.file.Data))
		}
	}
	return strings.Join(parts, "\n")
}

// explanations explains the pasted error text, once (nil: no text).
func (in *inspection) explanations() []explain.Explanation {
	if !in.explained {
		in.explained = true
		if text := in.errorText(); text != "" {
			in.explains = explain.ExplainIn(text, in.explainContext(), in.p)
			if in.explains == nil {
				in.explains = []explain.Explanation{}
			}
		}
	}
	return in.explains
}

// explainContext is what the request says about the connection the error
// came from: whether the connection string turns TLS on, and its hosts (or
// the hosts given to check) for an error text that names none.
func (in *inspection) explainContext() explain.Context {
	var ctx explain.Context
	if in.tls.known {
		ctx.TLS = "off"
		if in.tls.enabled {
			ctx.TLS = "on"
		}
	}
	hosts := in.uriHosts()
	if len(hosts) == 0 {
		hosts = in.req.Hosts
	}
	for _, h := range hosts {
		ctx.Hosts = append(ctx.Hosts, hostPort(h))
	}
	return ctx
}

// explainError explains the pasted error and ties each explanation to the
// evidence of the checks already made. It runs last, over all other checks.
func (in *inspection) explainError() {
	ex := in.explanations()
	if ex == nil {
		return
	}
	explain.Link(ex, in.rep.Checks, in.p)
	in.rep.Explain = ex
	if len(ex) == 0 {
		in.add(report.Check{ID: "explain.none", Status: report.Info,
			Title:  in.p.T("explain.none.title", "The pasted text holds no TLS error certinspect recognises", nil),
			Detail: in.p.T("explain.none.detail", "Paste the whole error, including the part after \"SSL:\" or the ServerSelectionTimeoutError line with its host messages.", nil)})
		return
	}
	in.add(explain.Checks(ex, in.p)...)
}

// readTranscripts records what s_client transcripts say about the handshake
// and compares their verify result with the prediction.
func (in *inspection) readTranscripts() {
	for _, it := range in.inputs {
		if it.dec.Format != "s_client" {
			continue
		}
		t, ok := sclient.Parse(string(it.file.Data))
		if !ok {
			continue
		}
		in.rep.Transcripts = append(in.rep.Transcripts, Transcript{Input: it.file.Name, Transcript: t})
		in.add(transcriptChecks(it.file.Name, t, in.p)...)
		if n := transcriptCount(it.file.Data); n > 1 && it.role == RoleServerChain {
			// Several servers' chains read as one: the path is not the server's.
			args := i18n.Args{"name": it.file.Name, "n": n}
			in.add(report.Check{ID: "sclient.several", Status: report.Warn, Subject: it.file.Name, SubjectLabel: it.file.Name,
				Title:  in.p.T("sclient.several.title", "{name} holds {n} s_client transcripts, read as one server chain", args),
				Detail: in.p.T("sclient.several.detail", "Each openssl s_client run shows one server's chain; their certificates together are not a chain any server sends, so the path and the prediction above may be wrong.", args),
				Fix:    in.p.T("sclient.several.fix", "Add each transcript as a file of its own (one per host), or only the one of the host that fails.", args)})
			in.undecided = append(in.undecided, "sclient.several")
			in.chainUnreliable = true
		}
		if t.ClientCertRequested {
			c := in.clientCertRequestCheck(it.file.Name, t)
			if c.Status == report.Warn {
				in.undecided = append(in.undecided, c.ID) // it depends on mongod's settings
			}
			in.add(c)
		}
	}
}

func transcriptChecks(name string, t *sclient.Transcript, p *i18n.Printer) []report.Check {
	var out []report.Check
	args := i18n.Args{"name": name, "protocol": orDash(t.Protocol), "cipher": orDash(t.Cipher), "code": t.VerifyCode, "text": orDash(t.VerifyText)}
	c := report.Check{ID: "sclient.handshake", Status: report.Info, Subject: name, SubjectLabel: name,
		Title:  p.T("sclient.handshake.title", "{name}: s_client negotiated {protocol} with {cipher}", args),
		Detail: p.T("sclient.handshake.detail", "Verify return code: {code} ({text}). That is what OpenSSL said on the machine that ran s_client, with its own CA store; the checks above use the supplied CA file.", args)}
	if !t.HandshakeDone {
		c.Title = p.T("sclient.noHandshake.title", "{name}: the TLS handshake did not complete", args)
		c.Status = report.Warn
		c.Fix = p.T("sclient.noHandshake.fix", "Look at the error lines of the transcript (see the explanation below, if any) and check that the port speaks TLS.", nil)
	}
	out = append(out, c)
	if t.OCSPRequested {
		status := t.OCSPCertStatus
		if !t.OCSPStapled {
			status = p.T("sclient.ocsp.none", "no response stapled", nil)
		}
		out = append(out, report.Check{ID: "sclient.ocsp", Status: report.Info, Subject: name, SubjectLabel: name,
			Title:  p.T("sclient.ocsp.title", "Stapled OCSP (s_client -status): {status}", i18n.Args{"status": status}),
			Detail: p.T("sclient.ocsp.detail", "PyMongo checks a stapled response only with PyOpenSSL (the pymongo[ocsp] extra). To check the response here, save it with openssl s_client -status and openssl ocsp -respout, and add the file as an OCSP response.", nil)})
	}
	return out
}

// transcriptCount is how many s_client runs a text holds (each prints one
// "Certificate chain" section; -showcerts or not).
func transcriptCount(data []byte) int {
	n := 0
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(strings.TrimLeft(line, " >"), "Certificate chain") {
			n++
		}
	}
	return n
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
