// Package sclient reads the output of `openssl s_client` (OpenSSL 1.0.2
// through 3.x): the server's certificate chain, the negotiated protocol and
// cipher, the verification result, whether the server asked for a client
// certificate (and which CAs it accepts), and the stapled OCSP response when
// `-status` was used.
//
// It is pure and bounded: the input is cut at MaxInput bytes, at most
// MaxCerts certificates and MaxNames CA names are kept.
package sclient

import (
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// Limits of the reader.
const (
	MaxInput     = 1 << 20 // bytes of transcript read
	MaxCerts     = 32      // certificates kept
	MaxCertBytes = 64 << 10
	MaxNames     = 100 // acceptable client CA names kept
	maxErrors    = 50
	maxOCSPText  = 64 << 10
)

// Transcript is what one s_client run printed.
type Transcript struct {
	// Connect is the host:port of `-connect` when the command line was pasted too.
	Connect string `json:"connect,omitempty"`
	// ServerName is the SNI name of `-servername` when the command line was
	// pasted, otherwise the "Verified peername" s_client printed.
	ServerName string `json:"serverName,omitempty"`
	// VerifiedPeername is the name `-verify_hostname` matched ("Verified peername:").
	VerifiedPeername string `json:"verifiedPeername,omitempty"`
	// Connected is true when the TCP connection was made ("CONNECTED(...)").
	Connected bool `json:"connected"`
	// HandshakeDone is true when a protocol and cipher were negotiated.
	HandshakeDone bool `json:"handshakeDone"`
	// Protocol is "TLSv1.3", "TLSv1.2", ... (empty when none was negotiated).
	Protocol string `json:"protocol,omitempty"`
	// Cipher is the OpenSSL cipher name, e.g. "TLS_AES_256_GCM_SHA384".
	Cipher string `json:"cipher,omitempty"`
	// VerifyCode is the X509_V_ERR code of "Verify return code: N (...)", -1 when absent.
	VerifyCode int `json:"verifyCode"`
	// VerifyText is the text in the parentheses of that line ("ok", "certificate has expired").
	VerifyText string `json:"verifyText,omitempty"`
	// Depths are the verify callback lines (depth=N subject, verify error:num=...).
	Depths []DepthLine `json:"depths,omitempty"`
	// ClientCertRequested is true when the server sent a CertificateRequest.
	ClientCertRequested bool `json:"clientCertRequested"`
	// AcceptableClientCAs are the distinguished names the server listed.
	AcceptableClientCAs []string `json:"acceptableClientCAs,omitempty"`
	// PeerCerts describe the certificates the server sent, in order.
	PeerCerts []PeerCert `json:"peerCerts,omitempty"`
	// PeerCertsPEM are the PEM blocks of PeerCerts (normalised: no indentation, LF line ends).
	PeerCertsPEM [][]byte `json:"-"`
	// NoPeerCertificate is true when s_client printed "no peer certificate available".
	NoPeerCertificate bool `json:"noPeerCertificate,omitempty"`
	// OCSPRequested is true when `-status` was used ("OCSP response:" printed).
	OCSPRequested bool `json:"ocspRequested,omitempty"`
	// OCSPStapled is true when the server stapled a response.
	OCSPStapled bool `json:"ocspStapled,omitempty"`
	// OCSPResponseText is the printed response (as `openssl ocsp -resp_text` shows it).
	OCSPResponseText string `json:"ocspResponseText,omitempty"`
	// OCSPCertStatus is the "Cert Status:" of the stapled response (good, revoked, unknown).
	OCSPCertStatus string `json:"ocspCertStatus,omitempty"`
	// PeerSigningDigest, PeerSignatureType, ServerTempKey as printed.
	PeerSigningDigest string `json:"peerSigningDigest,omitempty"`
	PeerSignatureType string `json:"peerSignatureType,omitempty"`
	ServerTempKey     string `json:"serverTempKey,omitempty"`
	// ServerPublicKeyBits from "Server public key is N bit".
	ServerPublicKeyBits int `json:"serverPublicKeyBits,omitempty"`
	// Errors are OpenSSL error-queue lines ("...:error:0A000410:SSL routines:...").
	Errors []OpenSSLErrorLine `json:"errors,omitempty"`
	// Truncated is true when the input was longer than MaxInput or a limit was hit.
	Truncated bool `json:"truncated,omitempty"`
}

// DepthLine is one certificate the verify callback reported.
type DepthLine struct {
	Depth     int    `json:"depth"`
	Subject   string `json:"subject"`
	ErrorCode int    `json:"errorCode,omitempty"`
	ErrorText string `json:"errorText,omitempty"`
}

// PeerCert is one certificate of the "Certificate chain" section.
type PeerCert struct {
	Index   int    `json:"index"`
	Subject string `json:"subject,omitempty"`
	Issuer  string `json:"issuer,omitempty"`
}

// OpenSSLErrorLine is one line of OpenSSL's error queue.
type OpenSSLErrorLine struct {
	Code    string `json:"code"`    // "0A000410"
	Library string `json:"library"` // "SSL routines"
	Func    string `json:"func,omitempty"`
	Reason  string `json:"reason"` // "sslv3 alert handshake failure"
	Line    string `json:"line"`
}

// patterns are compiled on first use, not when the package loads: every
// Worker request starts a fresh instance and must not pay for them.
type patterns struct {
	reConnected  *regexp.Regexp
	reDepth      *regexp.Regexp
	reVerifyErr  *regexp.Regexp
	reNew        *regexp.Regexp
	reVerifyRC   *regexp.Regexp
	reChainLine  *regexp.Regexp
	reIssuerLine *regexp.Regexp
	reSessProto  *regexp.Regexp
	reSessCipher *regexp.Regexp
	reKeyBits    *regexp.Regexp
	reErrLine    *regexp.Regexp
	reCmdArg     *regexp.Regexp
}

var re = sync.OnceValue(func() *patterns {
	return &patterns{
		reConnected:  regexp.MustCompile(`^CONNECTED\(`),
		reDepth:      regexp.MustCompile(`^depth=(\d+) ?(.*)$`),
		reVerifyErr:  regexp.MustCompile(`^verify error:num=(\d+):(.*)$`),
		reNew:        regexp.MustCompile(`^(?:New|Reused), (\(NONE\)|[A-Za-z0-9.]+), Cipher is (\S+)`),
		reVerifyRC:   regexp.MustCompile(`^Verify return code: (-?\d+) \((.*)\)`),
		reChainLine:  regexp.MustCompile(`^(\d+) s:(.*)$`),
		reIssuerLine: regexp.MustCompile(`^i:(.*)$`),
		reSessProto:  regexp.MustCompile(`^Protocol\s*: (\S+)`),
		reSessCipher: regexp.MustCompile(`^Cipher\s*: (\S+)`),
		reKeyBits:    regexp.MustCompile(`^Server public key is (\d+) bit`),
		// OpenSSL 3: 40A75BE7877F0000:error:0A000410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:../ssl/record/rec_layer_s3.c:1601:SSL alert number 40
		// OpenSSL 1.1: 140735:error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure:ssl/record/rec_layer_s3.c:1544:SSL alert number 40
		// OpenSSL 3 without function names: ...:error:0A000086:SSL routines::certificate verify failed:...
		reErrLine: regexp.MustCompile(`(?:^|\s)[0-9A-Fa-f]+:error:([0-9A-Fa-f]{8}):([^:]*):([^:]*):([^:]*)`),
		reCmdArg:  regexp.MustCompile(`(?:^|\s)-(connect|servername)\s+(\S+)`),
	}
})

// markers are lines only s_client prints; two of them make a transcript.
var markers = []string{
	"CONNECTED(",
	"Certificate chain",
	"Server certificate",
	"Verify return code:",
	"SSL handshake has read",
	"no peer certificate available",
	"Cipher is ",
	"Verification: OK",
	"Verification error:",
	"No client certificate CA names sent",
	"Acceptable client certificate CA names",
	"verify error:num=",
	"SSL-Session:",
}

// Looks reports whether text looks like s_client output (cheap; Parse is
// the authority).
func Looks(text string) bool {
	if len(text) > MaxInput {
		text = text[:MaxInput]
	}
	n := 0
	for _, m := range markers {
		if strings.Contains(text, m) {
			n++
			if n >= 2 {
				return true
			}
		}
	}
	return false
}

// Parse reads an s_client transcript. It returns false when text is not one.
// Pasted text may be indented, quoted with "> ", or have CRLF line ends.
func Parse(text string) (*Transcript, bool) {
	t := &Transcript{VerifyCode: -1}
	if len(text) > MaxInput {
		text = text[:MaxInput]
		t.Truncated = true
	}
	if !Looks(text) {
		return nil, false
	}
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	lines := strings.Split(text, "\n")

	const (
		secNone = iota
		secChain
		secServerCert
		secOCSP
		secClientCAs
		secSession
	)
	sec := secNone
	var pemBuf []string // lines of the PEM block being read
	inPEM := false
	var serverCertPEM [][]byte // blocks in "Server certificate" (no -showcerts)
	var serverSubject, serverIssuer string
	var ocsp []string
	curDepth := -1
	var sessProto, sessCipher string

	for _, raw := range lines {
		line := strings.TrimSpace(stripQuote(raw))
		if inPEM {
			if len(pemBuf) < MaxCertBytes/32 {
				pemBuf = append(pemBuf, line)
			}
			if strings.HasPrefix(line, "-----END ") {
				inPEM = false
				block := []byte(strings.Join(pemBuf, "\n") + "\n")
				switch sec {
				case secChain:
					if len(t.PeerCertsPEM) < MaxCerts {
						t.PeerCertsPEM = append(t.PeerCertsPEM, block)
					} else {
						t.Truncated = true
					}
				case secServerCert:
					serverCertPEM = append(serverCertPEM, block)
				}
				pemBuf = nil
			}
			if sec == secOCSP {
				appendOCSP(&ocsp, raw)
			}
			continue
		}
		if strings.HasPrefix(line, "-----BEGIN ") {
			inPEM = strings.HasPrefix(line, "-----BEGIN CERTIFICATE") || strings.HasPrefix(line, "-----BEGIN X509 CERTIFICATE") || strings.HasPrefix(line, "-----BEGIN TRUSTED CERTIFICATE")
			if inPEM {
				pemBuf = []string{line}
			}
			if sec == secOCSP {
				appendOCSP(&ocsp, raw)
			}
			continue
		}
		if line == "---" {
			sec = secNone
			continue
		}
		// Error-queue lines can appear anywhere (stderr interleaved).
		if m := re().reErrLine.FindStringSubmatch(line); m != nil && len(t.Errors) < maxErrors {
			t.Errors = append(t.Errors, OpenSSLErrorLine{Code: strings.ToUpper(m[1]), Library: m[2], Func: m[3], Reason: m[4], Line: line})
			continue
		}
		if m := re().reCmdArg.FindAllStringSubmatch(line, -1); m != nil && strings.Contains(line, "s_client") {
			for _, a := range m {
				switch a[1] {
				case "connect":
					t.Connect = a[2]
				case "servername":
					t.ServerName = a[2]
				}
			}
			continue
		}
		switch {
		case re().reConnected.MatchString(line):
			t.Connected = true
			continue
		case line == "Certificate chain":
			sec = secChain
			continue
		case line == "Server certificate":
			sec = secServerCert
			continue
		case strings.HasPrefix(line, "OCSP response:"):
			t.OCSPRequested = true
			rest := strings.TrimSpace(strings.TrimPrefix(line, "OCSP response:"))
			if rest == "" {
				sec = secOCSP
			} // "no response sent" means not stapled
			continue
		case line == "Acceptable client certificate CA names":
			t.ClientCertRequested = true
			sec = secClientCAs
			continue
		case line == "SSL-Session:" || line == "Post-Handshake New Session Ticket arrived:":
			sec = secSession
			continue
		case line == "no peer certificate available":
			t.NoPeerCertificate = true
			continue
		}
		switch sec {
		case secChain:
			if m := re().reChainLine.FindStringSubmatch(line); m != nil {
				i, _ := strconv.Atoi(m[1])
				if len(t.PeerCerts) < MaxCerts {
					t.PeerCerts = append(t.PeerCerts, PeerCert{Index: i, Subject: m[2]})
				}
			} else if m := re().reIssuerLine.FindStringSubmatch(line); m != nil && len(t.PeerCerts) > 0 {
				t.PeerCerts[len(t.PeerCerts)-1].Issuer = m[1]
			}
			continue
		case secServerCert:
			if v, ok := strings.CutPrefix(line, "subject="); ok {
				serverSubject = v
			} else if v, ok := strings.CutPrefix(line, "issuer="); ok {
				serverIssuer = v
			}
			continue
		case secOCSP:
			appendOCSP(&ocsp, raw)
			if v, ok := strings.CutPrefix(line, "Cert Status: "); ok && t.OCSPCertStatus == "" {
				t.OCSPCertStatus = strings.TrimSpace(v)
			}
			continue
		case secClientCAs:
			if isClientCAsEnd(line) {
				sec = secNone
			} else {
				if line != "" {
					if len(t.AcceptableClientCAs) < MaxNames {
						t.AcceptableClientCAs = append(t.AcceptableClientCAs, line)
					} else {
						t.Truncated = true
					}
				}
				continue
			}
		case secSession:
			if t.Protocol == "" {
				if m := re().reSessProto.FindStringSubmatch(line); m != nil {
					sessProto = m[1]
				}
			}
			if m := re().reSessCipher.FindStringSubmatch(line); m != nil && sessCipher == "" {
				sessCipher = m[1]
			}
			if m := re().reVerifyRC.FindStringSubmatch(line); m != nil && t.VerifyCode < 0 {
				t.VerifyCode, _ = strconv.Atoi(m[1])
				t.VerifyText = m[2]
			}
			continue
		}
		// Lines outside sections.
		if m := re().reDepth.FindStringSubmatch(line); m != nil {
			d, _ := strconv.Atoi(m[1])
			curDepth = d
			if len(t.Depths) < 4*MaxCerts {
				t.Depths = append(t.Depths, DepthLine{Depth: d, Subject: m[2]})
			}
			continue
		}
		if m := re().reVerifyErr.FindStringSubmatch(line); m != nil && curDepth >= 0 && len(t.Depths) > 0 {
			d := &t.Depths[len(t.Depths)-1]
			d.ErrorCode, _ = strconv.Atoi(m[1])
			d.ErrorText = m[2]
			continue
		}
		if m := re().reNew.FindStringSubmatch(line); m != nil {
			if m[1] != "(NONE)" {
				t.Protocol = m[1]
				t.Cipher = m[2]
				t.HandshakeDone = true
			}
			continue
		}
		if m := re().reVerifyRC.FindStringSubmatch(line); m != nil {
			t.VerifyCode, _ = strconv.Atoi(m[1])
			t.VerifyText = m[2]
			continue
		}
		if v, ok := strings.CutPrefix(line, "Verified peername: "); ok {
			t.VerifiedPeername = v
			continue
		}
		if v, ok := strings.CutPrefix(line, "Peer signing digest: "); ok {
			t.PeerSigningDigest = v
			continue
		}
		if v, ok := strings.CutPrefix(line, "Peer signature type: "); ok {
			t.PeerSignatureType = v
			continue
		}
		if v, ok := strings.CutPrefix(line, "Server Temp Key: "); ok {
			t.ServerTempKey = v
			continue
		}
		if strings.HasPrefix(line, "Client Certificate Types:") || strings.HasPrefix(line, "Requested Signature Algorithms:") {
			t.ClientCertRequested = true
			continue
		}
		if m := re().reKeyBits.FindStringSubmatch(line); m != nil {
			t.ServerPublicKeyBits, _ = strconv.Atoi(m[1])
			continue
		}
	}
	// Without -showcerts only the leaf is printed, under "Server certificate".
	if len(t.PeerCertsPEM) == 0 && len(serverCertPEM) > 0 {
		t.PeerCertsPEM = serverCertPEM[:1]
		if len(t.PeerCerts) == 0 {
			t.PeerCerts = []PeerCert{{Index: 0, Subject: serverSubject, Issuer: serverIssuer}}
		}
	}
	if !t.HandshakeDone && sessProto != "" && sessCipher != "" && sessCipher != "0000" && sessCipher != "(NONE)" {
		t.Protocol, t.Cipher, t.HandshakeDone = sessProto, sessCipher, true
	}
	if len(ocsp) > 0 {
		t.OCSPResponseText = strings.TrimRight(strings.Join(ocsp, "\n"), "\n") + "\n"
		t.OCSPStapled = strings.Contains(t.OCSPResponseText, "OCSP Response Status")
	}
	if t.ServerName == "" {
		t.ServerName = t.VerifiedPeername
	}
	return t, true
}

// stripQuote removes a leading e-mail/markdown quote ("> ").
func stripQuote(s string) string {
	t := strings.TrimLeft(s, " \t")
	for strings.HasPrefix(t, ">") {
		t = strings.TrimLeft(t[1:], " \t")
	}
	if len(t) != len(strings.TrimLeft(s, " \t")) {
		return t
	}
	return s
}

func appendOCSP(ocsp *[]string, raw string) {
	n := 0
	for _, l := range *ocsp {
		n += len(l) + 1
	}
	if n+len(raw) < maxOCSPText {
		*ocsp = append(*ocsp, strings.TrimRight(raw, " \t"))
	}
}

func isClientCAsEnd(line string) bool {
	for _, p := range []string{"Client Certificate Types:", "Requested Signature Algorithms:", "Shared Requested Signature Algorithms:", "Peer signing digest:", "Peer signature type:", "Server Temp Key:", "SSL handshake has read"} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}
