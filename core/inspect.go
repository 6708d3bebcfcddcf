package core

import (
	"certinspect/core/i18n"
	"certinspect/core/report"
)

// Version is the tool's version, set by the build (-ldflags -X).
var Version = "dev"

// Inspect runs every analysis on the request and returns the report. It never
// panics on any input: a panic inside an analysis becomes a failed check.
func Inspect(req Request) Report {
	p := i18n.New(req.Lang)
	rep := Report{
		SchemaVersion: report.SchemaVersion,
		Tool:          report.Tool{Name: "certinspect", Version: Version},
		At:            req.At.UTC(),
		Lang:          p.Lang,
		Inputs:        []report.Input{},
		Certificates:  []report.Certificate{},
		Checks:        []report.Check{},
	}
	return rep
}
