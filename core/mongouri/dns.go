package mongouri

import (
	"strconv"
	"strings"
)

// SRVRecord is one SRV answer.
type SRVRecord struct {
	Owner  string // query name as printed ("" for a plain host:port list)
	Target string // as returned, without the final dot
	Port   int
}

// DNSAnswer is a pasted DNS answer, read from dig / nslookup output or a
// host:port list.
type DNSAnswer struct {
	SRV []SRVRecord
	// TXT holds one entry per TXT record, each the list of its strings.
	TXT [][]string
	// Ignored counts lines that were neither a record nor a host:port.
	Ignored int
}

// SRVQueryName is the SRV name PyMongo queries: _<srvServiceName>._tcp.<host>.
func (r *Result) SRVQueryName() string {
	svc := "mongodb"
	if o, ok := r.Option("srvServiceName"); ok {
		svc, _ = o.Value.(string)
	}
	return "_" + svc + "._tcp." + r.SRVHost
}

// ParseDNSAnswer reads dig/nslookup output or a host:port list (lines or commas).
func ParseDNSAnswer(answer string) (*DNSAnswer, *Error) {
	if len(answer) > MaxDNSAnswer {
		return nil, &Error{Class: "InputLimit", Stage: StageLimit, Limit: "dns.length", LimitMax: MaxDNSAnswer,
			Message: "the DNS answer is " + strconv.Itoa(len(answer)) + " bytes; the limit is " + strconv.Itoa(MaxDNSAnswer) + " bytes (64 KiB)"}
	}
	a := &DNSAnswer{}
	for _, line := range strings.Split(strings.ReplaceAll(answer, "\r", ""), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, ";") || strings.HasPrefix(line, "#") {
			continue
		}
		if len(a.SRV)+len(a.TXT) > MaxDNSRecords {
			return nil, &Error{Class: "InputLimit", Stage: StageLimit, Limit: "dns.records", LimitMax: MaxDNSRecords,
				Message: "the DNS answer has more than " + strconv.Itoa(MaxDNSRecords) + " records"}
		}
		f := strings.Fields(line)
		if rec, ok := digSRV(f); ok {
			a.SRV = append(a.SRV, rec)
			continue
		}
		if strs, ok := digTXT(line, f); ok {
			a.TXT = append(a.TXT, strs)
			continue
		}
		// nslookup: "name<TAB>service = 0 5 27017 target." / "name<TAB>text = "..." "
		if i := strings.Index(line, "service = "); i > 0 {
			g := strings.Fields(line[i+len("service = "):])
			if len(g) == 4 {
				if p, err := strconv.Atoi(g[2]); err == nil {
					a.SRV = append(a.SRV, SRVRecord{Owner: trimDot(strings.TrimSpace(line[:i])), Port: p, Target: trimDot(g[3])})
					continue
				}
			}
		}
		if i := strings.Index(line, "text = "); i > 0 {
			if strs, ok := quotedStrings(line[i+len("text = "):]); ok {
				a.TXT = append(a.TXT, strs)
				continue
			}
		}
		// host:port list
		ok := true
		var recs []SRVRecord
		for _, item := range strings.FieldsFunc(line, func(c rune) bool { return c == ',' || c == ' ' || c == '\t' }) {
			h, ps, hasPort := strings.Cut(item, ":")
			port := DefaultPort
			if hasPort {
				p, err := strconv.Atoi(ps)
				if err != nil || p <= 0 || p > 65535 {
					ok = false
					break
				}
				port = p
			}
			if h == "" || strings.ContainsAny(h, "\"=[]/@?") {
				ok = false
				break
			}
			recs = append(recs, SRVRecord{Target: trimDot(h), Port: port})
		}
		if ok && len(recs) > 0 {
			a.SRV = append(a.SRV, recs...)
		} else {
			a.Ignored++
		}
	}
	return a, nil
}

func trimDot(s string) string { return strings.TrimSuffix(s, ".") }

// digSRV reads "name [ttl] [class] SRV prio weight port target".
func digSRV(f []string) (SRVRecord, bool) {
	for i := 1; i < len(f) && i <= 3; i++ {
		if strings.EqualFold(f[i], "SRV") && len(f) == i+5 {
			p, err := strconv.Atoi(f[i+3])
			if err != nil {
				return SRVRecord{}, false
			}
			return SRVRecord{Owner: trimDot(f[0]), Port: p, Target: trimDot(f[i+4])}, true
		}
	}
	return SRVRecord{}, false
}

func digTXT(line string, f []string) ([]string, bool) {
	for i := 1; i < len(f) && i <= 3; i++ {
		if strings.EqualFold(f[i], "TXT") {
			// rdata starts after the i-th field
			rest := line
			for k := 0; k <= i; k++ {
				rest = strings.TrimLeft(rest, " \t")
				rest = rest[len(f[k]):]
			}
			return quotedStrings(strings.TrimSpace(rest))
		}
	}
	return nil, false
}

// quotedStrings reads "a" "b" with dig's escapes (\" \\ \DDD).
func quotedStrings(s string) ([]string, bool) {
	var out []string
	s = strings.TrimSpace(s)
	for s != "" {
		if s[0] != '"' {
			// unquoted single string (some tools print it bare)
			out = append(out, s)
			return out, true
		}
		var b []byte
		i := 1
		closed := false
		for i < len(s) {
			c := s[i]
			if c == '\\' && i+1 < len(s) {
				if i+3 < len(s) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) {
					n, _ := strconv.Atoi(s[i+1 : i+4])
					b = append(b, byte(n))
					i += 4
					continue
				}
				b = append(b, s[i+1])
				i += 2
				continue
			}
			if c == '"' {
				closed = true
				i++
				break
			}
			b = append(b, c)
			i++
		}
		if !closed {
			return nil, false
		}
		out = append(out, string(b))
		s = strings.TrimSpace(s[i:])
	}
	return out, len(out) > 0
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// ApplyDNS validates a pasted DNS answer for a mongodb+srv:// Result with
// PyMongo's rules (_SrvResolver and _parse_srv) and merges hosts and TXT options.
func (r *Result) ApplyDNS(answer string) {
	if !r.SRV {
		return
	}
	a, err := ParseDNSAnswer(answer)
	if err != nil {
		r.DNSApplied = true
		r.limitHit = err
		if r.Err == nil {
			r.Err = err
		}
		return
	}
	r.applyAnswer(a)
}

func (r *Result) applyAnswer(a *DNSAnswer) {
	r.DNSApplied = true
	if r.Err != nil {
		return // MongoClient raised before reaching DNS
	}
	dnsErr := func(class, msg string) { r.Err = &Error{Class: class, Stage: StageDNS, Message: msg} }
	qname := r.SRVQueryName()
	var recs []SRVRecord
	for _, s := range a.SRV {
		if s.Owner == "" || strings.EqualFold(s.Owner, qname) {
			recs = append(recs, s)
		} else {
			r.dnsNotes = append(r.dnsNotes, "ignored SRV record for "+s.Owner)
		}
	}
	if len(recs) == 0 {
		dnsErr("ConfigurationError", "The DNS query name does not exist: "+qname+".")
		return
	}
	fqdn := r.SRVHost
	split := strings.Split(fqdn, ".")
	plist := split
	if len(split) > 2 {
		plist = split[1:]
	}
	var nodes []Host
	for _, rec := range recs {
		h := strings.ToLower(rec.Target)
		if h == fqdn && len(split) < 3 {
			dnsErr("ConfigurationError", "Invalid SRV host: return address is identical to SRV hostname")
			return
		}
		nl := strings.Split(h, ".")[1:]
		if len(nl) > len(plist) {
			nl = nl[len(nl)-len(plist):]
		}
		if strings.Join(nl, ".") != strings.Join(plist, ".") || len(nl) != len(plist) {
			dnsErr("ConfigurationError", "Invalid SRV host: "+rec.Target)
			return
		}
		typ := "hostname"
		if isIPv4(rec.Target) {
			typ = "ipv4"
		}
		// seeds from SRV are (target, port) tuples; clean_node lowercases later
		nodes = append(nodes, Host{Name: h, Port: rec.Port, Type: typ})
	}
	maxHosts := int64(0)
	if o, ok := r.Option("srvMaxHosts"); ok {
		maxHosts = o.Value.(int64)
	}
	r.SRVHosts = nodes
	if maxHosts > 0 && int64(len(nodes)) > maxHosts {
		// PyMongo picks a random sample; certinspect keeps the first ones.
		nodes = nodes[:maxHosts]
	}
	// TXT
	if len(a.TXT) > 1 {
		dnsErr("ConfigurationError", "Only one TXT record is supported")
		return
	}
	if len(a.TXT) == 1 {
		txt := strings.Join(a.TXT[0], "")
		r.txtRaw = txt
		if txt != "" {
			parsed, err := r.splitOptionsTo(txt, "txt")
			if err != nil {
				err.Stage = StageDNS
				r.Err = err
				return
			}
			for _, o := range parsed {
				if o.Key != "authsource" && o.Key != "replicaset" && o.Key != "loadbalanced" {
					dnsErr("ConfigurationError", "Only authSource, replicaSet, and loadBalanced are supported from DNS")
					return
				}
			}
			for _, o := range parsed {
				if getOpt(r.Options, o.Key) == nil {
					r.Options = append(r.Options, o)
				}
			}
		}
	}
	if lb, _ := r.optBool("loadbalanced"); lb && maxHosts > 0 {
		dnsErr("InvalidURI", "You cannot specify loadBalanced with srvMaxHosts")
		return
	}
	if rs, _ := r.optBool("replicaset"); rs && maxHosts > 0 {
		dnsErr("InvalidURI", "You cannot specify replicaSet with srvMaxHosts")
		return
	}
	r.Hosts = nodes
	if e := checkOptions(len(nodes), r.optBool); e != nil {
		e.Stage = StageDNS
		r.Err = e
		return
	}
	opts, e := normalized(r.Options)
	if e == nil {
		e = clientOptions(r, opts, true)
	}
	if e != nil {
		e.Stage = StageDNS
		r.Err = e
	}
	r.computeTLS()
	r.scrubAll()
}
