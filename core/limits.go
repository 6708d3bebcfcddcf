package core

import (
	"unicode/utf8"

	"certinspect/core/i18n"
	"certinspect/core/report"
)

// Names of the whole-request limits, as reported in Report.Limits (the
// per-file limits are named in package decode, the connection-string limits
// in package mongouri, the CRL and OCSP limits in package revocation).
const (
	LimitFiles                = "maxFiles"
	LimitTotalBytes           = "maxTotalBytes"
	LimitHosts                = "maxHosts"
	LimitPathCertificates     = "maxPathCertificates"
	LimitChainDepth           = "maxChainDepth"
	LimitNameConstraintChecks = "maxNameConstraintChecks"
	LimitNameBytes            = "maxNameBytes"
)

// MaxNameBytes bounds a file's name: the report repeats it for every
// certificate the file holds, so a hostile name must not multiply the
// report's size (a path of a real file is far shorter).
const MaxNameBytes = 512

// boundName keeps the end of a long name (the file's own name, at the end
// of a path) within MaxNameBytes, cut at a character boundary.
func boundName(name string) string {
	const mark = "…"
	cut := len(name) - (MaxNameBytes - len(mark))
	for cut < len(name) && !utf8.RuneStart(name[cut]) {
		cut++
	}
	return mark + name[cut:]
}

// MaxPathCertificates bounds the distinct certificates of one request that
// are described and considered for path building (the bundled roots do not
// count). A server sends at most about 100 KiB of certificates (OpenSSL's
// max_cert_list) and a large CA bundle holds a few hundred, so the bound is
// far above real inputs and keeps the leaf search, which compares the
// presented certificates pairwise, to about a second.
const MaxPathCertificates = 10000

// limitPathCertificates records that certificates past MaxPathCertificates
// were left out.
func (in *inspection) limitPathCertificates(total int) {
	in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: LimitPathCertificates, Max: MaxPathCertificates,
		Detail: in.p.T("limit.pathCertificates", "The files hold {n} distinct certificates; only the first {max} were described and used to build the chain.", i18n.Args{"n": total, "max": MaxPathCertificates})})
}

// serverLimits records the limits path building and host checking reached.
func (in *inspection) serverLimits(a *serverAnalysis) {
	p := in.p
	if n := len(in.req.Hosts); n > MaxHosts {
		in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: LimitHosts, Max: MaxHosts,
			Detail: p.T("limit.hosts", "Only the first {max} of {n} host names were checked against the server certificate.", i18n.Args{"max": MaxHosts, "n": n})})
	}
	if a == nil || a.leaf == nil {
		return
	}
	if a.result.end == endTooLong {
		in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: LimitChainDepth, Max: maxChainDepth, Input: a.leaf.from,
			Detail: p.T("limit.chainDepth", "The chain was followed for {max} certificates without reaching a trusted root; OpenSSL stops there too (verify depth 100).", i18n.Args{"max": maxChainDepth})})
	}
	for _, pr := range a.problems {
		if pr.kind == "nameConstraintsBudget" {
			in.rep.Limits = append(in.rep.Limits, report.LimitHit{Limit: LimitNameConstraintChecks, Max: maxNameConstraintChecks,
				Detail: p.T("limit.nameConstraints", "The certificates ask for more than {max} name-constraint comparisons; the check stopped there.", i18n.Args{"max": maxNameConstraintChecks})})
			break
		}
	}
}
