// Package explain turns a pasted error text (a PyMongo traceback, a
// ServerSelectionTimeoutError with per-host messages, a mongod/mongos log line,
// s_client output, messages of the Node.js, Java, Go and C# drivers, mongosh
// or Compass) into explanations: a stable id, the host, what it means, the
// likely causes ranked with how to confirm each, and the fixes. Link ties the
// explanations to the checks of a report; Checks turns them into report checks.
//
// The package is pure and bounded: at most MaxInput bytes of text are read and
// at most MaxExplanations explanations are returned.
package explain

import (
	"regexp"
	"sort"
	"strings"
	"sync"

	"certinspect/core/i18n"
	"certinspect/core/sclient"
)

// Limits.
const (
	MaxInput        = 256 << 10
	MaxExplanations = 64
	maxQuote        = 300
)

// Explanation is one recognised failure.
type Explanation struct {
	// ID is stable: the OpenSSL reason or X509_V_ERR_* name where there is one
	// ("CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_HAS_EXPIRED",
	// "TLSV1_ALERT_PROTOCOL_VERSION"), a descriptive name otherwise
	// ("HOSTNAME_MISMATCH", "TLS_TO_NON_TLS_SERVER").
	ID string `json:"id"`
	// Host is the host:port the message was about, when the text says (or
	// its topology description lists one server only), else the connection
	// string's host when it has only one.
	Host string `json:"host,omitempty"`
	// Quote is the matched fragment of the pasted text.
	Quote   string  `json:"quote"`
	Meaning string  `json:"meaning"`
	Causes  []Cause `json:"causes"`
	// Fixes are what to tell the customer: PyMongo options, commands, upgrades.
	Fixes    []string `json:"fixes"`
	Commands []string `json:"commands,omitempty"`
	// Evidence is filled by Link: which checks of the report confirm or contradict.
	Evidence []Evidence `json:"evidence,omitempty"`
	// CheckIDs are the report check ids that would confirm this explanation.
	CheckIDs []string `json:"checkIds"`
	// OpenSSLCode is the X509_V_ERR code when there is one.
	OpenSSLCode int `json:"opensslCode,omitempty"`
	// ServerSide is true when the text is the server's log (mongod/mongos):
	// then a certificate error is about the client's certificate.
	ServerSide bool `json:"serverSide,omitempty"`
	// Source names who printed the text: "PyMongo", "OpenSSL", "mongod", "Go driver", ...
	Source string `json:"source,omitempty"`
	// tls: the text shows the client used TLS (see UsedTLS).
	tls bool
}

// Cause is one possible cause and how to confirm or rule it out.
type Cause struct {
	Text    string `json:"text"`
	Confirm string `json:"confirm"`
}

// Evidence is one check of the report that confirms or contradicts an explanation.
type Evidence struct {
	CheckID string `json:"checkId"`
	Subject string `json:"subject,omitempty"`
	Status  string `json:"status"`
	Agrees  bool   `json:"agrees"`
	Text    string `json:"text"`
}

// match is one rule hit before it becomes an Explanation.
type match struct {
	id         string
	start, end int
	groups     []string
	hostGroup  int
	prio       int
	tier       int // 0 specific; higher = more generic
	source     string
}

// rule recognises one family of messages.
type rule struct {
	re *regexp.Regexp
	// id returns the explanation id for a match (groups as FindStringSubmatch).
	id   func(g []string) string
	tier int // 0 specific; 1, 2 generic: dropped when a more specific explanation covers the same message
	// kw, when set, are lower-case literals one of which must occur in the
	// text for the rule to run (most texts hold none of the ~100 table texts).
	kw     []string
	source string // who prints it
	// hostGroup, when set, is the group holding the host:port (or the host
	// name alone) the message is about, for messages that name it inside
	// (Node's "connect ECONNREFUSED ::1:27017").
	hostGroup int
}

func fixed(id string) func([]string) string { return func([]string) string { return id } }

var (
	// Patterns are compiled on first use (and once, even when reports are
	// made concurrently): a Worker request must not pay for them at start-up.
	hostRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?:^|[\s,('"/=\[])((?:[A-Za-z0-9][A-Za-z0-9_.-]*)|(?:\[[0-9A-Fa-f:.]+\])):([1-9]\d{0,4})\b`)
	})
	pemRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)-----BEGIN [A-Z0-9 ]+-----.*?-----END [A-Z0-9 ]+-----`)
	})
	sourceExt = []string{".c", ".cc", ".h", ".py", ".java", ".js", ".ts", ".cs", ".go", ".rb", ".rs", ".cpp", ".kt"}
	rules     = sync.OnceValue(compileRules)
)

func compileRules() []rule {
	const vfPrefix = `(?:\[SSL: CERTIFICATE_VERIFY_FAILED\]\s*)?(?:certificate verify failed:\s*)?(?:SSL peer certificate validation failed:\s*)?`
	var rs []rule
	// The literals are taken from the pattern as written, with single
	// spaces: they are looked up in the text with its white space folded.
	add := func(expr string, id func([]string) string, source string) {
		rs = append(rs, rule{re: regexp.MustCompile(wrapTolerant(expr)), id: id, source: source, kw: requiredLiterals(expr)})
	}
	addFallback := func(expr string, id string, tier int, source string) {
		rs = append(rs, rule{re: regexp.MustCompile(wrapTolerant(expr)), id: fixed(id), tier: tier, source: source, kw: requiredLiterals(expr)})
	}

	// Configuration errors (PyMongo ConfigurationError / InvalidURI, Node MongoParseError).
	add(`TLS has not been enabled but the following tls parameters have been set: [^.]*\.(?: Please set `+"`tls=True`"+` or remove\.)?|ssl has not been enabled but the following ssl parameters have been set: [^.]*\.`, fixed("TLS_NOT_ENABLED_BUT_TLS_OPTIONS"), "PyMongo")
	add(`URI options (\S+) and (\S+) cannot be specified simultaneously\.?|The '(tlsInsecure)' option cannot be used with the '(\w+)' option`, fixed("URI_OPTIONS_CONFLICT"), "PyMongo")
	add(`Can not specify conflicting values for URI options (\S+) and (\S+?)\.|All values of tls/ssl must be the same\.?`, fixed("TLS_SSL_CONFLICT"), "PyMongo")
	add(`URI option (\S+)=True cannot be specified when CRL checking is enabled\.?`, fixed("CRL_WITH_INSECURE_OPTION"), "PyMongo")
	add(`tlsCRLFile cannot be used with PyOpenSSL`, fixed("CRL_WITH_PYOPENSSL"), "PyMongo")
	add(`Unknown option:? ?(\w+)(?:\. Did you mean one of \(([^)]*)\)[^.]*\. Refer to docstring\.)?|option (\w+) is not supported`, fixed("UNKNOWN_OPTION"), "PyMongo")
	add(`no system CA certificates could be loaded[^\n]*`, fixed("NO_SYSTEM_CA_CERTIFICATES"), "PyMongo")
	// A path option naming a file the client cannot open: PyMongo 4 opens it
	// while parsing (FileNotFoundError/PermissionError with the path),
	// PyMongo 3 says "The tlscafile file is not readable".
	add(`(?:FileNotFoundError|PermissionError|IsADirectoryError): \[Errno \d+\] (?:No such file or directory|Permission denied|Is a directory): '([^'\n]{1,400})'|\[Errno \d+\] The (tlscafile|tlscertificatekeyfile|tlscrlfile|ssl_ca_certs|ssl_certfile|ssl_keyfile|ssl_crlfile) file is not readable`, fixed("FILE_NOT_READABLE"), "PyMongo")
	add(`Failed to use the installed version of PyOpenSSL[^\n]*`, fixed("PYOPENSSL_FALLBACK"), "PyMongo")

	// mongodb+srv:// lookups: dnspython's texts, which PyMongo raises as
	// ConfigurationError when MongoClient resolves the SRV (and TXT) records.
	const srvName = `_([A-Za-z0-9-]{1,63})\._tcp\.([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)\.?`
	add(`(?:None of DNS query names exist|The DNS query name does not exist): `+srvName, fixed("DNS_SRV_NOT_FOUND"), "PyMongo")
	add(`The DNS response does not contain an answer to the question: `+srvName+` IN SRV`, fixed("DNS_SRV_NO_ANSWER"), "PyMongo")
	add(`All nameservers failed to answer the query (?:`+srvName+` IN SRV)?[^\n]*|Resolver configuration could not be read or specified no nameservers\.?`, fixed("DNS_RESOLVER_FAILED"), "PyMongo")
	add(`The resolution lifetime expired after [\d.]+ seconds[^\n]*|The DNS operation timed out(?: after [\d.]+ seconds)?`, fixed("DNS_TIMEOUT"), "PyMongo")
	add(`The "dnspython" module must be installed to use mongodb\+srv:// URIs[^\n]*`, fixed("DNSPYTHON_MISSING"), "PyMongo")
	add(`Invalid SRV host: ([A-Za-z0-9._-]+)`, fixed("SRV_INVALID_HOST"), "PyMongo")
	nodeDNS := func(g []string) string {
		switch g[1] {
		case "ENOTFOUND":
			return "DNS_SRV_NOT_FOUND"
		case "ENODATA":
			return "DNS_SRV_NO_ANSWER"
		case "ETIMEOUT":
			return "DNS_TIMEOUT"
		}
		return "DNS_RESOLVER_FAILED"
	}
	const nodeDNSCodes = `(ENOTFOUND|ENODATA|ETIMEOUT|ECONNREFUSED|ESERVFAIL|EREFUSED)`
	add(`querySrv `+nodeDNSCodes+` `+srvName, nodeDNS, "Node.js driver")
	add(`queryTxt `+nodeDNSCodes+` ([A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?)`, nodeDNS, "Node.js driver")

	// tlsCertificateKeyFile / tlsCAFile loading (PyMongo wraps these as
	// "Private key doesn't match certificate: <OpenSSL text>").
	add(`(?:Private key doesn't match certificate: )?\[(?:SSL|X509): KEY_VALUES_MISMATCH\] key values mismatch(?: \(_ssl\.c:\d+\))?|KEY_VALUES_MISMATCH|key values mismatch`, fixed("KEY_VALUES_MISMATCH"), "PyMongo")
	add(`(?:Private key doesn't match certificate: )?\[SSL: NO_CERTIFICATE_ASSIGNED\] no certificate assigned(?: \(_ssl\.c:\d+\))?|NO_CERTIFICATE_ASSIGNED`, fixed("NO_CERTIFICATE_ASSIGNED"), "PyMongo")
	add(`(?:Private key doesn't match certificate: )?\[SSL\] PEM lib(?: \(_ssl\.c:\d+\))?`, fixed("PEM_LIB"), "PyMongo")
	add(`(?i)\[X509: NO_CERTIFICATE_OR_CRL_FOUND\] no certificate or crl found(?: \(_ssl\.c:\d+\))?|no certificate or crl found`, fixed("NO_CERTIFICATE_OR_CRL_FOUND"), "PyMongo")
	// load_verify_locations (tlsCAFile, tlsCRLFile) stopping at a PEM block
	// it cannot read; load_cert_chain stopping after the client certificate.
	add(`\[X509\] PEM lib(?: \(_ssl\.c:\d+\))?`, fixed("X509_PEM_LIB"), "PyMongo")
	add(`(?:Private key doesn't match certificate: )?\[PEM: (?:BAD_BASE64_DECODE|BAD_END_LINE)\] (?:bad base64 decode|bad end line)(?: \(_ssl\.c:\d+\))?`, fixed("PEM_BLOCK_DAMAGED"), "PyMongo")
	add(`Enter PEM pass ?phrase:?`, fixed("PEM_PASS_PHRASE_PROMPT"), "OpenSSL")
	add(`(?i)\bBAD_DECRYPT\b|bad decrypt`, fixed("BAD_DECRYPT"), "OpenSSL")
	add(`(?i)\[SSL: CA_MD_TOO_WEAK\] ca md too weak|\bca md too weak\b`, fixed("CA_MD_TOO_WEAK"), "OpenSSL")
	add(`(?i)\[SSL: EE_KEY_TOO_SMALL\] ee key too small|\bee key too small\b`, fixed("EE_KEY_TOO_SMALL"), "OpenSSL")
	add(`(?i)\[SSL: CA_KEY_TOO_SMALL\] ca key too small|\bca key too small\b`, fixed("CA_KEY_TOO_SMALL"), "OpenSSL")
	add(`Private key doesn't match certificate`, fixed("PRIVATE_KEY_DOES_NOT_MATCH"), "PyMongo")

	// Hostname checks, Python/OpenSSL wording first (it carries the name).
	add(`(?i)`+vfPrefix+`(Hostname|IP address) mismatch, certificate is not valid for '([^'\n]{1,255})'\.?`, func(g []string) string {
		if strings.EqualFold(g[1], "IP address") {
			return "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_IP_ADDRESS_MISMATCH"
		}
		return "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_HOSTNAME_MISMATCH"
	}, "PyMongo")
	add(`x509: certificate is valid for ((?:[^\n]|\n[ \t>]*){1,500}?), not ([^\s,;)}'"]+)`, fixed("HOSTNAME_MISMATCH"), "Go driver")
	add(`x509: certificate is not valid for any names, but wanted to match ([^\s,;)}'"]+)`, fixed("HOSTNAME_MISMATCH"), "Go driver")
	add(`x509: certificate relies on legacy Common Name field, use SANs instead`, fixed("LEGACY_COMMON_NAME"), "Go driver")
	add(`Hostname/IP (?:does not|doesn't) match certificate's altnames(?::\s*(?:Host|IP): ([^\s.]+(?:\.[^\s.]+)*)\.? is not (?:in the cert's list|in the cert's altnames|cert's CN)(?::\s*([^\n'"]*))?)?|ERR_TLS_CERT_ALTNAME_INVALID`, fixed("HOSTNAME_MISMATCH"), "Node.js driver")
	add(`No subject alternative DNS name matching (\S+) found\.?|No subject alternative names matching IP address (\S+) found\.?|No name matching (\S+) found`, fixed("HOSTNAME_MISMATCH"), "Java driver")
	add(`No subject alternative names present`, fixed("NO_SUBJECT_ALT_NAMES"), "Java driver")
	add(`RemoteCertificateNameMismatch`, fixed("HOSTNAME_MISMATCH"), "C# driver")
	add(`The server certificate does not match the host ?name[^\n]*`, fixed("HOSTNAME_MISMATCH"), "mongo shell")

	// Other drivers' chain errors.
	add(`x509: certificate signed by unknown authority`, fixed("UNKNOWN_AUTHORITY"), "Go driver")
	add(`x509: certificate has expired or is not yet valid(?::? current time (\S+) is (after|before) (\S+))?`, func(g []string) string {
		switch g[2] {
		case "after":
			return "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_HAS_EXPIRED"
		case "before":
			return "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_NOT_YET_VALID"
		}
		return "CERT_EXPIRED_OR_NOT_YET_VALID"
	}, "Go driver")
	add(`x509: certificate is not authorized to sign other certificates`, fixed("CERTIFICATE_VERIFY_FAILED/X509_V_ERR_INVALID_CA"), "Go driver")
	add(`x509: certificate specifies an incompatible key usage`, fixed("CERTIFICATE_VERIFY_FAILED/X509_V_ERR_INVALID_PURPOSE"), "Go driver")
	add(`(?:sun\.security\.validator\.ValidatorException: )?PKIX path building failed(?:: sun\.security\.provider\.certpath\.SunCertPathBuilderException: unable to find valid certification path to requested target)?|unable to find valid certification path to requested target`, fixed("PKIX_PATH_BUILDING_FAILED"), "Java driver")
	// OpenJDK 17 (java-out.txt of the PyMongo/Java comparison): the first
	// line does not say whether the certificate has expired or is not valid
	// yet; a "Caused by: ...CertificateExpiredException" line further down
	// does, and wins (tier 1).
	addFallback(`(?:(?:sun\.security\.validator\.ValidatorException: )?PKIX path validation failed: )?java\.security\.cert\.CertPathValidatorException: validity check failed`, "CERT_EXPIRED_OR_NOT_YET_VALID", 1, "Java driver")
	add(`CertificateExpiredException(?:: NotAfter: ([^\n]+))?`, fixed("CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_HAS_EXPIRED"), "Java driver")
	add(`CertificateNotYetValidException(?:: NotBefore: ([^\n]+))?`, fixed("CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_NOT_YET_VALID"), "Java driver")
	add(`Received fatal alert: (handshake_failure|protocol_version|bad_certificate|certificate_unknown|unknown_ca|certificate_required|internal_error|certificate_expired|unrecognized_name)`, func(g []string) string {
		return map[string]string{
			"handshake_failure": "SSLV3_ALERT_HANDSHAKE_FAILURE", "protocol_version": "TLSV1_ALERT_PROTOCOL_VERSION",
			"bad_certificate": "SSLV3_ALERT_BAD_CERTIFICATE", "certificate_unknown": "SSLV3_ALERT_CERTIFICATE_UNKNOWN",
			"unknown_ca": "TLSV1_ALERT_UNKNOWN_CA", "certificate_required": "TLSV13_ALERT_CERTIFICATE_REQUIRED",
			"internal_error": "TLSV1_ALERT_INTERNAL_ERROR", "certificate_expired": "SSLV3_ALERT_CERTIFICATE_EXPIRED",
			"unrecognized_name": "TLSV1_UNRECOGNIZED_NAME",
		}[g[1]]
	}, "Java driver")
	add(`Remote host terminated the handshake|Remote host closed connection during handshake`, fixed("REMOTE_HOST_TERMINATED_HANDSHAKE"), "Java driver")
	add(`Unsupported or unrecognized SSL message`, fixed("TLS_TO_NON_TLS_SERVER"), "Java driver")
	add(`The remote certificate is invalid because of errors in the certificate chain: (\w+)|RemoteCertificateChainErrors|The remote certificate is invalid according to the validation procedure\.?`, func(g []string) string {
		switch g[1] {
		case "PartialChain":
			return "DOTNET_PARTIAL_CHAIN"
		case "UntrustedRoot":
			return "DOTNET_UNTRUSTED_ROOT"
		case "NotTimeValid":
			return "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_HAS_EXPIRED"
		case "Revoked":
			return "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_REVOKED"
		}
		return "DOTNET_REMOTE_CERTIFICATE_INVALID"
	}, "C# driver")
	add(`Authentication failed because the remote party has closed the transport stream\.?|Received an unexpected EOF or 0 bytes from the transport stream\.?`, fixed("UNEXPECTED_EOF_WHILE_READING"), "C# driver")
	add(`Client network socket disconnected before secure TLS connection was established`, fixed("UNEXPECTED_EOF_WHILE_READING"), "Node.js driver")

	// OpenSSL X509_V_ERR_* names, Node's short codes.
	add(`\b(X509_V_ERR_[A-Z0-9_]+)\b`, func(g []string) string {
		if _, ok := VerifyErrorByName(g[1]); ok {
			return "CERTIFICATE_VERIFY_FAILED/" + g[1]
		}
		return ""
	}, "OpenSSL")
	add(`\b(UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|CERT_HAS_EXPIRED|CERT_NOT_YET_VALID|UNABLE_TO_GET_ISSUER_CERT_LOCALLY|UNABLE_TO_GET_ISSUER_CERT|CERT_REVOKED|CERT_UNTRUSTED|CERT_REJECTED|CERT_CHAIN_TOO_LONG|CERT_SIGNATURE_FAILURE|INVALID_CA|INVALID_PURPOSE|PATH_LENGTH_EXCEEDED)\b`, func(g []string) string {
		return "CERTIFICATE_VERIFY_FAILED/X509_V_ERR_" + g[1]
	}, "Node.js driver")

	// Every text of OpenSSL's verification table, longest first so that
	// "self-signed certificate in certificate chain" wins over "self-signed certificate".
	rows := OpenSSLVerifyErrors()
	type vt struct{ name, text string }
	var texts []vt
	for _, r := range rows {
		if needsContext[r.Name] {
			continue
		}
		texts = append(texts, vt{r.Name, r.Text})
		for _, l := range legacyTexts[r.Name] {
			texts = append(texts, vt{r.Name, l})
		}
	}
	sort.SliceStable(texts, func(i, j int) bool { return len(texts[i].text) > len(texts[j].text) })
	for _, t := range texts {
		name := t.name
		add(`(?i)`+vfPrefix+textPattern(t.text), func([]string) string { return "CERTIFICATE_VERIFY_FAILED/" + name }, "OpenSSL")
		rs[len(rs)-1].kw = keywords(t.text)
	}
	// Short or vague texts count only after "certificate verify failed:" or in s_client/verify output.
	for name := range needsContext {
		if r, ok := VerifyErrorByName(name); ok {
			n := name
			add(`(?i)(?:certificate verify failed:\s*|validation failed:\s*|verify error:num=\d+:|lookup:\s*|Verify return code: \d+ \(|Verification error: )`+textPattern(r.Text), func([]string) string { return "CERTIFICATE_VERIFY_FAILED/" + n }, "OpenSSL")
			rs[len(rs)-1].kw = keywords(r.Text)
		}
	}

	// TLS alerts and handshake errors (OpenSSL reasons, as Python and Node print them).
	alert := func(reason, text, id string) {
		add(`(?i)(?:\[SSL: `+reason+`\]\s*)?`+regexp.QuoteMeta(text)+`(?: \(_ssl\.c:\d+\))?|\b(?:ERR_SSL_)?`+reason+`\b`, fixed(id), "OpenSSL")
	}
	alert("TLSV1_ALERT_PROTOCOL_VERSION", "tlsv1 alert protocol version", "TLSV1_ALERT_PROTOCOL_VERSION")
	alert("UNSUPPORTED_PROTOCOL", "unsupported protocol", "UNSUPPORTED_PROTOCOL")
	alert("NO_PROTOCOLS_AVAILABLE", "no protocols available", "UNSUPPORTED_PROTOCOL")
	alert("SSLV3_ALERT_HANDSHAKE_FAILURE", "sslv3 alert handshake failure", "SSLV3_ALERT_HANDSHAKE_FAILURE")
	alert("TLSV13_ALERT_CERTIFICATE_REQUIRED", "tlsv13 alert certificate required", "TLSV13_ALERT_CERTIFICATE_REQUIRED")
	alert("SSLV3_ALERT_BAD_CERTIFICATE", "sslv3 alert bad certificate", "SSLV3_ALERT_BAD_CERTIFICATE")
	alert("SSLV3_ALERT_CERTIFICATE_UNKNOWN", "sslv3 alert certificate unknown", "SSLV3_ALERT_CERTIFICATE_UNKNOWN")
	alert("SSLV3_ALERT_CERTIFICATE_EXPIRED", "sslv3 alert certificate expired", "SSLV3_ALERT_CERTIFICATE_EXPIRED")
	alert("TLSV1_ALERT_UNKNOWN_CA", "tlsv1 alert unknown ca", "TLSV1_ALERT_UNKNOWN_CA")
	alert("TLSV1_UNRECOGNIZED_NAME", "tlsv1 unrecognized name", "TLSV1_UNRECOGNIZED_NAME")
	alert("TLSV1_ALERT_INTERNAL_ERROR", "tlsv1 alert internal error", "TLSV1_ALERT_INTERNAL_ERROR")
	alert("WRONG_VERSION_NUMBER", "wrong version number", "WRONG_VERSION_NUMBER")
	alert("NO_SHARED_CIPHER", "no shared cipher", "NO_SHARED_CIPHER")
	alert("DH_KEY_TOO_SMALL", "dh key too small", "DH_KEY_TOO_SMALL")
	alert("UNSAFE_LEGACY_RENEGOTIATION_DISABLED", "unsafe legacy renegotiation disabled", "UNSAFE_LEGACY_RENEGOTIATION_DISABLED")
	alert("PEER_DID_NOT_RETURN_A_CERTIFICATE", "peer did not return a certificate", "PEER_DID_NOT_RETURN_A_CERTIFICATE")
	alert("UNEXPECTED_EOF_WHILE_READING", "unexpected eof while reading", "UNEXPECTED_EOF_WHILE_READING")
	add(`(?i)(?:\[SSL: UNEXPECTED_EOF_WHILE_READING\]\s*)?EOF occurred in violation of protocol(?: \(_ssl\.c:\d+\))?`, fixed("UNEXPECTED_EOF_WHILE_READING"), "PyMongo")
	add(`no cipher suites in common`, fixed("NO_SHARED_CIPHER"), "Java driver")
	add(`invalid status response`, fixed("INVALID_STATUS_RESPONSE"), "PyMongo")
	add(`(?i)OCSP response (?:has )?(?:status )?revoked|certificate (?:status )?is revoked`, fixed("CERTIFICATE_VERIFY_FAILED/X509_V_ERR_CERT_REVOKED"), "OpenSSL")

	// mongod/mongos log lines.
	add(`no SSL certificate provided by peer(?:; connection rejected)?`, fixed("NO_CLIENT_CERTIFICATE"), "mongod")
	add(`The server is configured to only allow SSL connections`, fixed("NON_TLS_CLIENT_TO_TLS_SERVER"), "mongod")
	add(`(?i)Client is attempting to connect with TLS but TLS is disabled|SSL handshake received but server is started without SSL support`, fixed("TLS_CLIENT_TO_NON_TLS_SERVER"), "mongod")

	// Failures before or around the handshake that are not about
	// certificates. Texts: PyMongo 3.11 (Debian's python3-pymongo, Python
	// 3.11), Node 20's net module (what the Node.js driver prints), OpenJDK
	// 17's java.net.Socket.
	addHost := func(expr string, id string, hostGroup int, source string) {
		add(expr, fixed(id), source)
		rs[len(rs)-1].hostGroup = hostGroup
	}
	add(`SSL handshake failed: `+hostPortPattern+`: \[Errno 104\] Connection reset by peer`, fixed("TLS_HANDSHAKE_RESET"), "PyMongo")
	add(`(?:_ssl\.c:\d+: )?The handshake operation timed out`, fixed("TLS_HANDSHAKE_TIMEOUT"), "PyMongo")
	// Python 3.10 and 3.11 with OpenSSL 3 print an EOF in the handshake this
	// way (they set SSL_OP_IGNORE_UNEXPECTED_EOF); others "EOF occurred in
	// violation of protocol".
	add(`TLS/SSL connection has been closed \(EOF\)(?: \(_ssl\.c:\d+\))?`, fixed("UNEXPECTED_EOF_WHILE_READING"), "PyMongo")
	add(`\[Errno 111\] Connection refused`, fixed("CONNECTION_REFUSED"), "PyMongo")
	addHost(`connect ECONNREFUSED (`+nodeAddrPattern+`)`, "CONNECTION_REFUSED", 1, "Node.js driver")
	add(`java\.net\.ConnectException: Connection refused`, fixed("CONNECTION_REFUSED"), "Java driver")
	add(`\[Errno -2\] Name or service not known|\[Errno -3\] Temporary failure in name resolution`, fixed("HOST_NOT_RESOLVED"), "PyMongo")
	addHost(`getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([A-Za-z0-9][A-Za-z0-9_.-]*)`, "HOST_NOT_RESOLVED", 1, "Node.js driver")
	addHost(`java\.net\.UnknownHostException: ([A-Za-z0-9][A-Za-z0-9_.-]*)`, "HOST_NOT_RESOLVED", 1, "Java driver")
	addHost(`(`+hostPortPattern+`): timed out\b`, "SOCKET_TIMEOUT", 1, "PyMongo")
	add(`No (?:servers|replica set members|mongoses) found yet`, fixed("NO_SERVERS_FOUND_YET"), "PyMongo")
	add(`Authentication failed\.(?:, full error: \{[^{}\n]{0,400}\})?`, fixed("AUTHENTICATION_FAILED"), "PyMongo")

	// Connection-level symptoms (fallbacks: a specific reason for the same host wins).
	addFallback(`(?i)\[SSL: CERTIFICATE_VERIFY_FAILED\]\s*certificate verify failed|CERTIFICATE_VERIFY_FAILED|certificate verify failed|Failed certificate verification`, "CERTIFICATE_VERIFY_FAILED", 1, "OpenSSL")
	addFallback(`(?::\s|^|\s)connection closed\b|connection <monitor> to \S+ closed|\bconnection \d+ to \S+ closed`, "CONNECTION_CLOSED", 1, "PyMongo")
	addFallback(`\[Errno 104\] Connection reset by peer|Connection reset by peer|\bECONNRESET\b`, "CONNECTION_RESET", 1, "PyMongo")
	addFallback(`SSLHandshakeFailed|SSL handshake failed|TLS handshake failed`, "SSL_HANDSHAKE_FAILED", 2, "PyMongo")
	return rs
}

// hostPortPattern matches a host:port as the drivers print it.
const hostPortPattern = `(?:[A-Za-z0-9][A-Za-z0-9_.-]*|\[[0-9A-Fa-f:.]+\]):\d{1,5}`

// nodeAddrPattern matches Node's address:port, IPv6 without brackets ("::1:27017").
const nodeAddrPattern = `(?:[A-Za-z0-9][A-Za-z0-9_.-]*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*):\d{1,5}`

// lineBreak matches what a space of a message may have become when the text
// was wrapped by an email client, a ticket system or a terminal: a line
// break, with the next line's indentation and email quoting ("> ").
const lineBreak = `(?:[ \t]*\r?\n[ \t>]*|[ \t]+)`

// wrapTolerant lets every space of a pattern (outside character classes)
// match a line break too, so that a message wrapped in the middle of its
// reason ("certificate has\nexpired") is still recognised.
func wrapTolerant(expr string) string {
	var out strings.Builder
	inClass := false
	for i := 0; i < len(expr); i++ {
		c := expr[i]
		switch {
		case c == '\\' && i+1 < len(expr):
			out.WriteByte(c)
			i++
			out.WriteByte(expr[i])
			continue
		case c == '[':
			inClass = true
		case c == ']':
			inClass = false
		case c == ' ' && !inClass:
			out.WriteString(lineBreak)
			continue
		}
		out.WriteByte(c)
	}
	return out.String()
}

// foldSpace lower-cases text and folds each run of white space (with the
// email quoting of a wrapped line) into one space, for the rules' literal
// look-ups, which are written with single spaces.
func foldSpace(text string) string {
	var out strings.Builder
	out.Grow(len(text))
	space, lineStart := false, false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\n':
			space, lineStart = true, true
			continue
		case c == ' ' || c == '\t' || c == '\r':
			space = true
			continue
		case c == '>' && lineStart:
			continue // email quoting of a wrapped line
		}
		if space {
			out.WriteByte(' ')
			space = false
		}
		lineStart = false
		out.WriteByte(c)
	}
	return strings.ToLower(out.String())
}

// unwrap joins the lines of a quoted fragment into one, without their
// indentation and email quoting.
func unwrap(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " \t\r")
		if i > 0 {
			l = strings.TrimLeft(l, " \t>")
		}
		lines[i] = l
	}
	return strings.Join(lines, " ")
}

// needsContext are table texts too short or vague to match alone.
var needsContext = map[string]bool{
	"X509_V_OK": true, "X509_V_ERR_UNSPECIFIED": true, "X509_V_ERR_OUT_OF_MEM": true, "X509_V_ERR_PATH_LOOP": true,
	"X509_V_ERR_NO_EXPLICIT_POLICY": true, "X509_V_ERR_APPLICATION_VERIFICATION": true, "X509_V_ERR_DIFFERENT_CRL_SCOPE": true,
	"X509_V_ERR_HOSTNAME_MISMATCH": true, "X509_V_ERR_IP_ADDRESS_MISMATCH": true, "X509_V_ERR_EMAIL_MISMATCH": true,
	"X509_V_ERR_SUBJECT_ISSUER_MISMATCH": true, "X509_V_ERR_CERT_REJECTED": true, "X509_V_ERR_CERT_UNTRUSTED": true,
	"X509_V_ERR_ISSUER_NAME_EMPTY": true, "X509_V_ERR_SUBJECT_NAME_EMPTY": true, "X509_V_ERR_INVALID_CALL": true,
}

// keywords returns the literals that must occur (lower case) for a table text to match.
func keywords(text string) []string {
	l := strings.ToLower(text)
	if strings.Contains(l, "self-signed") {
		return []string{l, strings.ReplaceAll(l, "self-signed", "self signed")}
	}
	return []string{l}
}

// textPattern turns an OpenSSL text into a pattern tolerant of the
// "self signed"/"self-signed" spelling change.
func textPattern(text string) string {
	q := regexp.QuoteMeta(text)
	q = strings.ReplaceAll(q, `self\-signed`, `self(?:-| )signed`)
	q = strings.ReplaceAll(q, `self signed`, `self(?:-| )signed`)
	if c := text[0]; isWord(c) {
		q = `\b` + q
	}
	if c := text[len(text)-1]; isWord(c) {
		q += `\b`
	}
	return q
}

func isWord(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// Context is what the rest of a request says about the connection the
// pasted error came from.
type Context struct {
	// TLS is "on" or "off" when a connection string says, "" when unknown.
	TLS string
	// Hosts are the host:port pairs the client connects to (the connection
	// string's), in order. When there is exactly one, it is the host of the
	// explanations whose text names none.
	Hosts []string
}

// Explain finds every TLS-related failure in text. Several hosts may have
// different errors; the same error for the same host is reported once.
func Explain(text string, p *i18n.Printer) []Explanation {
	return ExplainIn(text, Context{}, p)
}

// ExplainIn is Explain with what the request says beyond the text: whether
// the connection string turns TLS on, and its hosts.
func ExplainIn(text string, ctx Context, p *i18n.Printer) []Explanation {
	if len(text) > MaxInput {
		text = text[:MaxInput]
	}
	if strings.TrimSpace(text) == "" {
		return nil
	}
	text = unescape(text)
	var ms []match
	lower := foldSpace(text)
	for prio, r := range rules() {
		if !r.mayMatch(lower) {
			continue
		}
		for _, loc := range r.re.FindAllStringSubmatchIndex(text, 200) {
			g := make([]string, len(loc)/2)
			for i := range g {
				if loc[2*i] >= 0 {
					g[i] = unwrap(text[loc[2*i]:loc[2*i+1]])
				}
			}
			id := r.id(g)
			if id == "" {
				continue
			}
			ms = append(ms, match{id: id, start: loc[0], end: loc[1], groups: g, hostGroup: r.hostGroup, prio: prio, tier: r.tier, source: r.source})
		}
	}
	// Most specific rule first; a match that overlaps an accepted one is dropped.
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].prio != ms[j].prio {
			return ms[i].prio < ms[j].prio
		}
		return ms[i].start < ms[j].start
	})
	var accepted []match
	for _, m := range ms {
		overlap := false
		for _, a := range accepted {
			if m.start < a.end && a.start < m.end {
				overlap = true
				break
			}
		}
		if !overlap {
			accepted = append(accepted, m)
		}
	}
	sort.SliceStable(accepted, func(i, j int) bool { return accepted[i].start < accepted[j].start })

	type key struct{ id, host string }
	seen := map[key]int{}
	var out []Explanation
	hosts := make([]string, len(accepted))
	// PyMongo's topology description lists the servers it tried, with
	// their errors: a message without its host is about the only server, or
	// the only server with that error.
	servers := topologyServers(text)
	for i, m := range accepted {
		hosts[i] = hostFor(text, m)
		if hosts[i] == "" && len(servers) > 0 {
			hosts[i] = topologyHost(servers, strings.TrimLeft(quote(text[m.start:m.end]), ": "))
		}
	}
	// covered reports whether a more specific match explains the same message
	// as the generic match i: same host, or right after it in the text when
	// the specific one names no host ("SSL handshake failed: [SSL: ...]
	// reason"), or anywhere when the generic one names no host.
	covered := func(i int) bool {
		g := accepted[i]
		for j, s := range accepted {
			if s.tier >= g.tier {
				continue
			}
			if hosts[j] == hosts[i] || hosts[i] == "" || (hosts[j] == "" && s.start >= g.end && s.start-g.end < 200) {
				return true
			}
		}
		return false
	}
	// The client used TLS when the text says so (PyMongo's "SSL handshake
	// failed", an [SSL: ...] reason) or the connection string turns it on.
	tlsUsed := ctx.TLS == "on" || showsTLS(text)
	var fallbackHost string
	if len(ctx.Hosts) == 1 {
		fallbackHost = ctx.Hosts[0]
	}
	for i, m := range accepted {
		host := hosts[i]
		serverSide := isServerSide(text, m.start)
		if serverSide {
			host = ""
		} else if host == "" {
			host = fallbackHost
		}
		if m.tier > 0 && covered(i) {
			continue
		}
		id := m.id
		if serverSide && strings.HasPrefix(id, "CERTIFICATE_VERIFY_FAILED/") {
			id = "SSL_PEER_CERTIFICATE_VALIDATION_FAILED/" + strings.TrimPrefix(id, "CERTIFICATE_VERIFY_FAILED/")
		}
		k := key{id, host}
		if _, ok := seen[k]; ok {
			continue
		}
		if len(out) >= MaxExplanations {
			break
		}
		seen[k] = len(out)
		ex := Explanation{ID: id, Host: host, Quote: quote(text[m.start:m.end]), ServerSide: serverSide, Source: m.source, tls: tlsUsed && !serverSide || !notTLS[id]}
		if serverSide {
			ex.Source = "mongod"
		}
		describe(&ex, m.groups, p)
		if ex.CheckIDs == nil {
			ex.CheckIDs = []string{}
		}
		out = append(out, ex)
	}
	return dropHostless(out)
}

// notTLS are the explanations of failures that happen without TLS or
// before it (the name, the TCP connection, authentication afterwards):
// their text alone does not show that the client used TLS.
var notTLS = map[string]bool{
	"CONNECTION_REFUSED": true, "HOST_NOT_RESOLVED": true, "SOCKET_TIMEOUT": true, "NO_SERVERS_FOUND_YET": true,
	"AUTHENTICATION_FAILED": true, "CONNECTION_CLOSED": true, "CONNECTION_RESET": true,
	"DNS_SRV_NOT_FOUND": true, "DNS_SRV_NO_ANSWER": true, "DNS_RESOLVER_FAILED": true, "DNS_TIMEOUT": true,
	"DNSPYTHON_MISSING": true, "SRV_INVALID_HOST": true, "UNKNOWN_OPTION": true, "TLS_SSL_CONFLICT": true,
	"URI_OPTIONS_CONFLICT": true, "TLS_NOT_ENABLED_BUT_TLS_OPTIONS": true, "NON_TLS_CLIENT_TO_TLS_SERVER": true,
}

// UsedTLS reports whether the pasted text shows that the client used TLS:
// an error of the handshake or of the certificates, or a text that says so
// next to a connection error.
func (e Explanation) UsedTLS() bool { return e.tls }

// showsTLS reports whether a text shows a client's TLS handshake: PyMongo's
// "SSL handshake failed" prefix, an OpenSSL reason in brackets, Python's
// ssl module.
func showsTLS(text string) bool {
	for _, s := range []string{"SSL handshake failed", "[SSL: ", "[SSL]", "_ssl.c:", "ssl.SSL", "SSLHandshakeException", "TLS handshake failed"} {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// dropHostless drops an explanation that names no host when the same
// explanation is there for a host: PyMongo repeats each server's error in
// its topology description, where the host is known.
func dropHostless(ex []Explanation) []Explanation {
	withHost := map[string]bool{}
	for _, e := range ex {
		if e.Host != "" {
			withHost[e.ID] = true
		}
	}
	out := ex[:0]
	for _, e := range ex {
		if e.Host == "" && !e.ServerSide && withHost[e.ID] {
			continue
		}
		out = append(out, e)
	}
	return out
}

// unescape undoes the JSON escaping of log lines and tracebacks pasted from
// JSON (\" \n \t \/), so the patterns see the original text.
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	r := strings.NewReplacer(`\"`, `"`, `\n`, "\n", `\t`, "\t", `\/`, "/", `\\`, `\`)
	return r.Replace(s)
}

func quote(s string) string {
	s = unwrap(strings.TrimSpace(s))
	if len(s) > maxQuote {
		s = s[:maxQuote] + "…"
	}
	return s
}

// hostFor finds the host:port the message at m is about: the one inside
// the match (Node's "connect ECONNREFUSED host:port", "connection <monitor>
// to host:port closed"), right after a prefix ("SSL handshake failed:
// host:port: reason"), else the nearest one before it in the same entry
// (PyMongo's "host:port: message", its topology description's
// "('host', port)", Go's "Addr: host:port", Java's "connecting to server
// host:port").
func hostFor(text string, m match) string {
	if m.hostGroup > 0 && m.hostGroup < len(m.groups) {
		if h := nodeHostPort(m.groups[m.hostGroup]); h != "" {
			return h
		}
	}
	seg := text[m.start:m.end]
	if loc := hostRe().FindStringSubmatchIndex(seg); loc != nil {
		if h := seg[loc[2]:loc[3]]; plausibleHost(h) {
			return h + ":" + seg[loc[4]:loc[5]]
		}
	}
	if loc := afterPrefixRe().FindStringSubmatch(text[m.end:min(len(text), m.end+300)]); loc != nil && plausibleHost(loc[1]) {
		return loc[1] + ":" + loc[2]
	}
	from := m.start - 400
	if from < 0 {
		from = 0
	}
	// Do not look past the previous line break more than 2 lines back.
	win := text[from:m.start]
	if i := strings.LastIndex(win, "\n\n"); i >= 0 {
		win = win[i:]
	}
	best, bestAt := "", -1
	for _, loc := range hostRe().FindAllStringSubmatchIndex(win, -1) {
		h, port := win[loc[2]:loc[3]], win[loc[4]:loc[5]]
		if !plausibleHost(h) {
			continue
		}
		best, bestAt = h+":"+port, loc[2]
	}
	for _, loc := range tupleRe().FindAllStringSubmatchIndex(win, -1) {
		if loc[2] > bestAt {
			best, bestAt = tupleHost(win[loc[2]:loc[3]], win[loc[4]:loc[5]]), loc[2]
		}
	}
	return best
}

var (
	// afterPrefixRe is the host:port right after a prefix such as "SSL
	// handshake failed" (the text may be wrapped there).
	afterPrefixRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^:[\s>]*((?:[A-Za-z0-9][A-Za-z0-9_.-]*)|(?:\[[0-9A-Fa-f:.]+\])):([1-9]\d{0,4}):`)
	})
	// tupleRe is PyMongo's address tuple ("<ServerDescription ('localhost', 27017) ...").
	tupleRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`\('([A-Za-z0-9][A-Za-z0-9_.-]*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)',[\s>]*([1-9]\d{0,4})\)`)
	})
	// serverDescRe is a server of PyMongo's topology description, with its
	// error when it has one (in single or double quotes, as repr prints it).
	serverDescRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`<ServerDescription\s+\('([A-Za-z0-9][A-Za-z0-9_.-]*|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)',\s*([1-9]\d{0,4})\)[^<>]*?(?:error=\w+\((?:'([^']*)'|"([^"]*)")\)|>)`)
	})
)

func tupleHost(h, port string) string {
	if strings.Contains(h, ":") {
		return "[" + h + "]:" + port
	}
	return h + ":" + port
}

// nodeHostPort turns Node's "::1:27017" into "[::1]:27017"; a name without
// a port is not a host:port.
func nodeHostPort(s string) string {
	i := strings.LastIndexByte(s, ':')
	if i <= 0 {
		return ""
	}
	h, port := s[:i], s[i+1:]
	if strings.Contains(h, ":") && !strings.HasPrefix(h, "[") {
		return "[" + h + "]:" + port
	}
	return s
}

// server is one server of PyMongo's topology description.
type server struct{ host, err string }

// topologyServers lists the servers of PyMongo's topology description
// ("<ServerDescription ('host', port) ... error=AutoReconnect('message')>").
func topologyServers(text string) []server {
	if !strings.Contains(text, "<ServerDescription") {
		return nil
	}
	var out []server
	// Without the line breaks and email quoting of a wrapped text.
	for _, m := range serverDescRe().FindAllStringSubmatch(unwrap(text), 100) {
		out = append(out, server{tupleHost(m[1], m[2]), m[3] + m[4]})
	}
	return out
}

// topologyHost is the host of the message quoted q, from PyMongo's
// topology description: its only server, or the only server whose error
// holds the message (PyMongo 3.x prints "connection closed" without the
// host in the message, with it in the description).
func topologyHost(servers []server, q string) string {
	found := ""
	for _, s := range servers {
		if found != "" && s.host != found {
			found = ""
			break
		}
		found = s.host
	}
	if found != "" {
		return found
	}
	for _, s := range servers {
		if q == "" || !strings.Contains(s.err, q) {
			continue
		}
		if found != "" && s.host != found {
			return ""
		}
		found = s.host
	}
	return found
}

func plausibleHost(h string) bool {
	l := strings.ToLower(h)
	for _, e := range sourceExt {
		if strings.HasSuffix(l, e) {
			return false
		}
	}
	if strings.HasPrefix(h, "[") {
		return true
	}
	letters, dots := 0, 0
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case c == '.':
			dots++
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			letters++
		}
	}
	if letters == 0 {
		return dots == 3 // IPv4
	}
	// Dates and times ("2024-02-28T23") are not hosts.
	if len(h) >= 10 && h[4] == '-' && h[7] == '-' {
		return false
	}
	switch l {
	case "timeout", "error", "http", "https", "ssl", "tls", "line", "port", "at", "localhost":
		return l == "localhost"
	}
	return true
}

// isServerSide reports whether the line holding pos is a mongod/mongos log
// line about a client connection.
func isServerSide(text string, pos int) bool {
	start := jsonLineStart(text, strings.LastIndexByte(text[:pos], '\n')+1)
	end := strings.IndexByte(text[pos:], '\n')
	if end < 0 {
		end = len(text)
	} else {
		end += pos
	}
	line := text[start:end]
	for _, s := range []string{"Error receiving request from client", "Ending connection from", `"ctx":"conn`, "[conn", `"c":"NETWORK"`, "connection accepted from"} {
		if strings.Contains(line, s) {
			return true
		}
	}
	return false
}

// jsonLineStart returns where the log line holding the line at start
// begins: a JSON log line wrapped when it was pasted continues on the lines
// after its "{" until one ends with "}".
func jsonLineStart(text string, start int) int {
	s := start
	for k := 0; k < 10 && s > 0; k++ {
		prevStart := strings.LastIndexByte(text[:s-1], '\n') + 1
		prev := strings.TrimRight(text[prevStart:s-1], " \t\r")
		if prev == "" || strings.HasSuffix(prev, "}") {
			break
		}
		s = prevStart
		if strings.HasPrefix(strings.TrimLeft(prev, " \t>"), "{") {
			return s
		}
	}
	return start
}

// LooksLikeError reports whether pasted text is an error message (as opposed
// to PEM or s_client output), for the page's paste-box sniffing.
func LooksLikeError(text string) bool {
	if len(text) > MaxInput {
		text = text[:MaxInput]
	}
	if strings.TrimSpace(text) == "" || sclient.Looks(text) {
		return false
	}
	if strings.Contains(text, "-----BEGIN ") {
		// PEM with a little prose around it is not an error message; an error
		// that quotes a certificate is rare.
		outside := pemRe().ReplaceAllString(text, "")
		if len(strings.TrimSpace(outside)) < len(text)/4 {
			return false
		}
		text = outside
	}
	lower := foldSpace(text)
	for _, r := range rules() {
		if r.mayMatch(lower) && r.re.MatchString(text) {
			return true
		}
	}
	for _, k := range []string{"Traceback (most recent call last)", "ServerSelectionTimeoutError", "MongoServerSelectionError", "MongoNetworkError", "Exception", "errmsg", "Error:"} {
		if strings.Contains(text, k) {
			return true
		}
	}
	return false
}
