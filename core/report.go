package core

import (
	"time"

	"certinspect/core/explain"
	"certinspect/core/keyfile"
	"certinspect/core/mongouri"
	"certinspect/core/report"
	"certinspect/core/revocation"
)

// Report is what Inspect returns, and exactly what the CLI prints with --json,
// the page renders and the Worker's API answers. Its schema is documented in
// docs/report.md.
type Report struct {
	SchemaVersion int                  `json:"schemaVersion"`
	Tool          report.Tool          `json:"tool"`
	At            time.Time            `json:"at"`
	Lang          string               `json:"lang"`
	Verdict       Verdict              `json:"verdict"`
	Inputs        []report.Input       `json:"inputs"`
	Certificates  []report.Certificate `json:"certificates"`
	Chain         *report.Chain        `json:"chain,omitempty"`
	Hosts         []report.HostMatch   `json:"hosts,omitempty"`
	URI           *mongouri.Report     `json:"uri,omitempty"`
	// KeyFiles describes each tlsCertificateKeyFile (never any key material).
	KeyFiles []*keyfile.Summary `json:"keyFiles,omitempty"`
	// Revocation holds the CRLs and OCSP responses read, and what they say
	// about the server's certificates.
	Revocation *revocation.Result `json:"revocation,omitempty"`
	// Transcripts are the handshakes of supplied openssl s_client transcripts.
	Transcripts []Transcript `json:"transcripts,omitempty"`
	// Explain explains the pasted error, each explanation tied to the checks
	// that confirm or contradict it.
	Explain []explain.Explanation `json:"explain,omitempty"`
	// Handover is what to paste into the ticket: corrected settings, client
	// code and the commands that reproduce the verdict.
	Handover *Handover      `json:"handover,omitempty"`
	Checks   []report.Check `json:"checks"`
	// Limits names every limit an input hit (never a silent truncation).
	Limits []report.LimitHit `json:"limits,omitempty"`
}

// Verdict sums the report up.
type Verdict struct {
	// Status is "ok", "warn" or "fail".
	Status   string `json:"status"`
	Headline string `json:"headline"`
	// PyMongoError is the first error PyMongo would raise, in PyMongo's framing,
	// when Status is "fail".
	PyMongoError string `json:"pymongoError,omitempty"`
	// FirstFix is the fix of the first failing check.
	FirstFix string `json:"firstFix,omitempty"`
	// CheckID is the check the headline is about.
	CheckID string `json:"checkId,omitempty"`
}
