package explain

import (
	"net"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/pemfile"
	"certinspect/core/shell"
)

// b collects the parts of one explanation.
type b struct {
	ex *Explanation
	p  *i18n.Printer
	a  i18n.Args
}

func (x *b) cause(text, confirm string) {
	x.ex.Causes = append(x.ex.Causes, Cause{Text: text, Confirm: confirm})
}
func (x *b) fix(s ...string)    { x.ex.Fixes = append(x.ex.Fixes, s...) }
func (x *b) cmd(s ...string)    { x.ex.Commands = append(x.ex.Commands, s...) }
func (x *b) checks(s ...string) { x.ex.CheckIDs = append(x.ex.CheckIDs, s...) }

// hostParts returns "host:port" and "host" for commands, with placeholders
// when the text did not name the host.
func hostParts(h string) (hostPort, name string) {
	if h == "" {
		return "HOST:27017", "HOST"
	}
	name, _, err := net.SplitHostPort(h)
	if err != nil {
		return h, h
	}
	return h, name
}

// Commands every certificate diagnosis uses (not translated: shell).
func sclientCmd(hostPort, name string) string {
	return "openssl s_client -connect " + hostPort + " -servername " + name + " -showcerts </dev/null"
}
func verifyCmd(name string) string {
	return "openssl verify -CAfile ca.pem -untrusted chain.pem -verify_hostname " + name + " server.pem"
}

// ncCmd tries the TCP connection alone (5 s at most).
func ncCmd(hostPort string) string {
	return "nc -vz -w 5 " + hostOnly(hostPort) + " " + portOf(hostPort)
}

// lastGroup is the last group a rule matched.
func lastGroup(g []string) string {
	for i := len(g) - 1; i > 0; i-- {
		if g[i] != "" {
			return g[i]
		}
	}
	return ""
}

const pyOpenSSLVersion = `python -c "import ssl; print(ssl.OPENSSL_VERSION)"`

// describe fills Meaning, Causes, Fixes, Commands, CheckIDs and OpenSSLCode.
func describe(ex *Explanation, g []string, p *i18n.Printer) {
	hp, name := hostParts(ex.Host)
	x := &b{ex: ex, p: p, a: i18n.Args{"host": hp, "name": name, "quote": ex.Quote}}
	id := ex.ID
	if i := strings.IndexByte(id, '/'); i >= 0 {
		vname := id[i+1:]
		if ve, ok := VerifyErrorByName(vname); ok {
			ex.OpenSSLCode = ve.Code
			x.a["code"] = ve.Code
			x.a["text"] = ve.Text
			x.a["errName"] = ve.Name
		}
		if strings.HasPrefix(id, "SSL_PEER_CERTIFICATE_VALIDATION_FAILED/") {
			describeServerSide(x)
			return
		}
		describeVerify(x, vname, g)
		return
	}
	switch id {
	case "CERTIFICATE_VERIFY_FAILED":
		ex.Meaning = p.T("explain.verifyFailed.meaning", "The client (OpenSSL, as PyMongo uses it) could not verify the server's certificate chain for {host}; the message does not say which check failed.", x.a)
		x.cause(p.T("explain.verifyFailed.c1", "The CA that issued the server certificate is not in tlsCAFile or the system trust store.", x.a),
			p.T("explain.verifyFailed.c1.confirm", "Supply the CA file and the server chain here, or run openssl s_client and read \"Verify return code\".", x.a))
		x.cause(p.T("explain.verifyFailed.c2", "A certificate of the chain has expired or the server does not send its intermediate CA.", x.a),
			p.T("explain.verifyFailed.c2.confirm", "The checks chain.trusted and validity.period of this report name the certificate.", x.a))
		x.fix(p.T("explain.verifyFailed.fix", "Find the exact reason with the commands below, then pass the issuing CA with tlsCAFile=<file>; do not turn verification off with tlsAllowInvalidCertificates except to test.", x.a))
		x.cmd(sclientCmd(hp, name), pyOpenSSLVersion)
		x.checks("chain.trusted", "validity.period", "hostname.match")
	case "HOSTNAME_MISMATCH", "NO_SUBJECT_ALT_NAMES", "LEGACY_COMMON_NAME":
		describeHostname(x, g)
	case "UNKNOWN_AUTHORITY", "PKIX_PATH_BUILDING_FAILED", "DOTNET_UNTRUSTED_ROOT", "DOTNET_PARTIAL_CHAIN", "DOTNET_REMOTE_CERTIFICATE_INVALID":
		ex.Meaning = p.T("explain.unknownAuthority.meaning", "The driver could not build a path from the server's certificate to a CA it trusts (the other drivers' wording of OpenSSL's \"unable to get local issuer certificate\").", x.a)
		x.cause(p.T("explain.unknownAuthority.c1", "The server's CA (a private or corporate CA) is not in the CA file or trust store the driver uses.", x.a),
			p.T("explain.unknownAuthority.c1.confirm", "Supply the CA file and the server chain: chain.trusted names the issuer that is missing.", x.a))
		x.cause(p.T("explain.unknownAuthority.c2", "The server sends only its own certificate, without the intermediate CA.", x.a),
			p.T("explain.unknownAuthority.c2.confirm", "Count the certificates in openssl s_client -showcerts output: one certificate issued by an intermediate means the intermediate is missing.", x.a))
		x.cause(p.T("explain.unknownAuthority.c3", "A TLS-inspecting proxy replaces the server certificate with one of its own.", x.a),
			p.T("explain.unknownAuthority.c3.confirm", "The issuer shown by openssl s_client is the proxy's CA, not the database's.", x.a))
		x.fix(p.T("explain.unknownAuthority.fix", "Give the driver the CA that issued the server certificate (PyMongo: tlsCAFile=<ca.pem>; Java: a trust store; Go: tls.Config.RootCAs; .NET: add the CA to the machine store), or configure the server to send its full chain.", x.a))
		x.cmd(sclientCmd(hp, name))
		x.checks("chain.trusted")
	case "CERT_EXPIRED_OR_NOT_YET_VALID":
		ex.Meaning = p.T("explain.goValidity.meaning", "A certificate of the server's chain is outside its validity period at the client's clock (Go prints the same text for both cases).", x.a)
		if ex.Source == "Java driver" {
			ex.Meaning = p.T("explain.javaValidity.meaning", "Java found a certificate of the server's chain outside its validity period at the client's clock (\"validity check failed\"); this line does not say whether it has expired or is not valid yet: a \"Caused by: java.security.cert.CertificateExpiredException\" (or CertificateNotYetValidException) line further down the stack trace does.", x.a)
		}
		causeExpired(x)
		causeClock(x)
		x.fix(p.T("explain.expired.fix", "Renew the certificate (and install the new one with its intermediate on every member), then restart or rotate certificates on the server; check the client's clock.", x.a))
		x.cmd(sclientCmd(hp, name) + " | openssl x509 -noout -dates")
		x.checks("validity.period")
	case "TLSV1_ALERT_PROTOCOL_VERSION", "UNSUPPORTED_PROTOCOL":
		ex.Meaning = p.T("explain.protocolVersion.meaning", "Client and server have no TLS version in common: one side offered only versions the other refuses.", x.a)
		x.cause(p.T("explain.protocolVersion.c1", "The client's OpenSSL is too old for TLS 1.1 or newer (below 1.0.1; macOS before 10.13 with the system Python), while the server requires TLS 1.1+ (MongoDB disables TLS 1.0 where 1.1 is available; Atlas requires 1.2).", x.a),
			p.T("explain.protocolVersion.c1.confirm", "Run openssl version and the python command below on the client; anything before OpenSSL 1.0.1 cannot speak TLS 1.1.", x.a))
		x.cause(p.T("explain.protocolVersion.c2", "The server was restricted (net.tls.disabledProtocols) to versions the client disabled, or a client policy (OpenSSL MinProtocol, Python 3.10+ minimum TLS 1.2) refuses the server's only version.", x.a),
			p.T("explain.protocolVersion.c2.confirm", "Try openssl s_client with -tls1_2 and -tls1_3 against the server and see which one completes.", x.a))
		x.fix(p.T("explain.protocolVersion.fix", "Upgrade the client's Python/OpenSSL to one that speaks TLS 1.2 (install Python from python.org, Homebrew or the OS vendor on old macOS); PyMongo has no option to choose TLS versions.", x.a))
		x.cmd("openssl version", pyOpenSSLVersion, "openssl s_client -connect "+hp+" -servername "+name+" -tls1_2 </dev/null")
		x.checks("tls.enabled")
	case "INVALID_STATUS_RESPONSE":
		ex.Meaning = p.T("explain.ocsp.meaning", "PyMongo's OCSP check (PyOpenSSL, installed with pymongo[ocsp]) rejected the certificate status of {host}: the stapled or fetched OCSP response says revoked, is not signed correctly, or is not current.", x.a)
		x.cause(p.T("explain.ocsp.c1", "The server certificate is revoked.", x.a),
			p.T("explain.ocsp.c1.confirm", "Supply the OCSP response (openssl s_client -status) here: check ocsp.status shows the status and its dates.", x.a))
		x.cause(p.T("explain.ocsp.c2", "The stapled response is stale (nextUpdate in the past) or signed by a responder the client cannot verify.", x.a),
			p.T("explain.ocsp.c2.confirm", "Look at This Update/Next Update and Responder Id in the s_client -status output.", x.a))
		x.fix(p.T("explain.ocsp.fix", "If the certificate is revoked, replace it. If the responder is the problem, fix stapling on the server; as a stop-gap tlsDisableOCSPEndpointCheck=true skips the responder call (a stapled response is still checked), and uninstalling PyOpenSSL disables OCSP checking in PyMongo altogether.", x.a))
		x.cmd("openssl s_client -connect "+hp+" -servername "+name+" -status </dev/null", `python -m pip show pyopenssl`)
		x.checks("ocsp.status")
	case "SSLV3_ALERT_HANDSHAKE_FAILURE", "NO_SHARED_CIPHER":
		ex.Meaning = p.T("explain.handshakeFailure.meaning", "The server aborted the handshake: it found no cipher suite or signature algorithm it shares with the client, or it required a client certificate the client did not send.", x.a)
		x.cause(p.T("explain.handshakeFailure.c1", "Python 3.10+ (OpenSSL security level 2, TLS 1.2 minimum, no weak ciphers) against MongoDB before 4.0, whose TLS configuration offers only ciphers Python refuses; the server log then says \"no shared cipher\".", x.a),
			p.T("explain.handshakeFailure.c1.confirm", "Check the server version (db.version()) and the Python version; look for \"no shared cipher\" in the mongod log.", x.a))
		x.cause(p.T("explain.handshakeFailure.c2", "The server requires a client certificate (net.tls.mode requireTLS with CAFile and no allowConnectionsWithoutCertificates) and none was sent (TLS 1.2).", x.a),
			p.T("explain.handshakeFailure.c2.confirm", "openssl s_client shows \"Acceptable client certificate CA names\" when the server asks for one.", x.a))
		x.fix(p.T("explain.handshakeFailure.fix", "Upgrade MongoDB to 4.0 or newer (recommended), or run the client on Python 3.9 or older until then; if the server asks for a client certificate, pass tlsCertificateKeyFile=<client.pem>.", x.a))
		x.cmd("openssl s_client -connect "+hp+" -servername "+name+" -tls1_2 </dev/null", "python --version")
		x.checks("tls.enabled", "key.present")
	case "UNEXPECTED_EOF_WHILE_READING":
		ex.Meaning = p.T("explain.eof.meaning", "The connection to {host} was closed in the middle of the TLS handshake, without a TLS alert saying why.", x.a)
		x.cause(p.T("explain.eof.c1", "The server rejected the client: no or an unacceptable client certificate under TLS 1.3, or Python 3.10+ against MongoDB before 4.0 (no shared cipher).", x.a),
			p.T("explain.eof.c1.confirm", "The mongod log at the same time says why (\"no SSL certificate provided by peer\", \"no shared cipher\", \"peer did not return a certificate\").", x.a))
		x.cause(p.T("explain.eof.c2", "A firewall, load balancer or the Atlas IP access list drops the connection.", x.a),
			p.T("explain.eof.c2.confirm", "openssl s_client from the same machine fails the same way; from an allowed machine it works.", x.a))
		x.cause(p.T("explain.eof.c3", "Nothing on that port speaks TLS: a mongod with net.tls.mode disabled, or another service, closes the connection when the TLS hello arrives (the client did use TLS: adding tls=true changes nothing).", x.a),
			p.T("explain.eof.c3.confirm", "openssl s_client to the port ends the same way without showing a certificate; the mongod log says \"SSL handshake received but server is started without SSL support\".", x.a))
		x.cause(p.T("explain.eof.c4", "The server is overloaded or at its connection limit (net.maxIncomingConnections) and closes new connections.", x.a),
			p.T("explain.eof.c4.confirm", "The mongod log says \"connection refused because too many open connections\", or monitoring shows the load at that time.", x.a))
		x.fix(p.T("explain.eof.fix", "Read the server log for the matching connection; pass tlsCertificateKeyFile when the server requires client certificates; add the client's address to the IP access list; upgrade MongoDB before 4.0.", x.a))
		x.cmd(ncCmd(hp), sclientCmd(hp, name))
		x.checks("key.present", "tls.enabled")
	case "TLSV13_ALERT_CERTIFICATE_REQUIRED", "PEER_DID_NOT_RETURN_A_CERTIFICATE", "NO_CLIENT_CERTIFICATE":
		ex.Meaning = p.T("explain.certRequired.meaning", "The server requires a client certificate and the client did not send one.", x.a)
		x.cause(p.T("explain.certRequired.c1", "No tlsCertificateKeyFile was given, or the option was misspelled and ignored (PyMongo only warns about unknown URI options).", x.a),
			p.T("explain.certRequired.c1.confirm", "Look at the connection string: check key.present and uri.warning.", x.a))
		x.cause(p.T("explain.certRequired.c2", "The file holds a certificate the server's CA did not issue, so the client had nothing acceptable to send.", x.a),
			p.T("explain.certRequired.c2.confirm", "Compare \"Acceptable client certificate CA names\" from openssl s_client with the issuer of the client certificate.", x.a))
		x.fix(p.T("explain.certRequired.fix", "Pass the client certificate and key as one PEM file: MongoClient(host, tls=True, tlsCertificateKeyFile=\"client.pem\"); or allow connections without certificates on the server (net.tls.allowConnectionsWithoutCertificates).", x.a))
		x.cmd("openssl s_client -connect " + hp + " -servername " + name + " -cert client.pem -key client.pem </dev/null")
		x.checks("key.present", "purpose.client")
	case "SSLV3_ALERT_BAD_CERTIFICATE", "SSLV3_ALERT_CERTIFICATE_UNKNOWN", "TLSV1_ALERT_UNKNOWN_CA", "SSLV3_ALERT_CERTIFICATE_EXPIRED":
		ex.Meaning = p.T("explain.clientCertRejected.meaning", "The server rejected the client certificate the client sent (the alert comes from the server).", x.a)
		x.cause(p.T("explain.clientCertRejected.c1", "The client certificate was not issued by a CA in the server's net.tls.CAFile (\"unknown ca\").", x.a),
			p.T("explain.clientCertRejected.c1.confirm", "Compare the issuer of the client certificate with \"Acceptable client certificate CA names\" from openssl s_client; the mongod log names the verification error.", x.a))
		x.cause(p.T("explain.clientCertRejected.c2", "The client certificate has expired, lacks the clientAuth extended key usage, or the file misses its intermediate CA.", x.a),
			p.T("explain.clientCertRejected.c2.confirm", "Supply tlsCertificateKeyFile here: checks validity.period and purpose.client name the problem.", x.a))
		x.cause(p.T("explain.clientCertRejected.c3", "The server could not verify the client certificate for another reason: the mongod log line \"SSL peer certificate validation failed: <reason>\" says which.", x.a),
			p.T("explain.clientCertRejected.c3.confirm", "Find the log line of the same time on the server.", x.a))
		x.fix(p.T("explain.clientCertRejected.fix", "Issue the client certificate from the CA the server trusts (with extendedKeyUsage clientAuth), include its intermediate in the PEM file, and pass it as tlsCertificateKeyFile.", x.a))
		x.cmd("openssl x509 -in client.pem -noout -issuer -dates -ext extendedKeyUsage", "openssl verify -CAfile server-ca.pem -purpose sslclient client.pem")
		x.checks("purpose.client", "validity.period", "key.present")
	case "TLSV1_UNRECOGNIZED_NAME":
		ex.Meaning = p.T("explain.sni.meaning", "The server (or a proxy/load balancer in front of it) does not know the host name the client sent in SNI.", x.a)
		x.cause(p.T("explain.sni.c1", "The client connects through a name or IP the proxy is not configured for (for example an IP address: PyMongo sends no SNI for IP literals).", x.a),
			p.T("explain.sni.c1.confirm", "openssl s_client with and without -servername <name> shows which name the proxy accepts.", x.a))
		x.fix(p.T("explain.sni.fix", "Connect with the host name the server's certificate and proxy are configured for (use the names of the connection string Atlas or the operator gives), not an IP or alias.", x.a))
		x.cmd(sclientCmd(hp, name))
		x.checks("hostname.match")
	case "TLSV1_ALERT_INTERNAL_ERROR":
		ex.Meaning = p.T("explain.internalError.meaning", "The server side aborted the handshake with an internal error alert; MongoDB Atlas and proxies do this when they refuse the connection.", x.a)
		x.cause(p.T("explain.internalError.c1", "The client's IP address is not in the Atlas project's IP access list (the most common cause with Atlas).", x.a),
			p.T("explain.internalError.c1.confirm", "Check Network Access in Atlas for the client's public address; connecting from an allowed machine works.", x.a))
		x.cause(p.T("explain.internalError.c2", "A proxy or load balancer in front of mongod has no certificate for the name sent in SNI, or no backend.", x.a),
			p.T("explain.internalError.c2.confirm", "openssl s_client -servername <name> fails the same way.", x.a))
		x.fix(p.T("explain.internalError.fix", "Add the client's public IP address to the Atlas IP access list (or the firewall/proxy allow list), then retry.", x.a))
		x.cmd(sclientCmd(hp, name), "curl -s https://checkip.amazonaws.com")
		x.checks("tls.enabled")
	case "WRONG_VERSION_NUMBER", "TLS_TO_NON_TLS_SERVER", "TLS_CLIENT_TO_NON_TLS_SERVER":
		ex.Meaning = p.T("explain.wrongVersion.meaning", "The client spoke TLS but the answer was not TLS: the server at {host} does not have TLS enabled (or something that is not mongod answers on that port).", x.a)
		x.cause(p.T("explain.wrongVersion.c1", "TLS is on in the client (tls=true, a +srv URI, or a TLS file option that implies it) while the server runs with net.tls.mode disabled.", x.a),
			p.T("explain.wrongVersion.c1.confirm", "openssl s_client to the port prints \"wrong version number\" too; check net.tls.mode in mongod.conf.", x.a))
		x.cause(p.T("explain.wrongVersion.c2", "The port is wrong or an HTTP proxy answers instead of mongod.", x.a),
			p.T("explain.wrongVersion.c2.confirm", "Check the port in the connection string against the server's net.port.", x.a))
		x.fix(p.T("explain.wrongVersion.fix", "Either enable TLS on the server (net.tls.mode: requireTLS with a certificate) or connect without TLS (remove tls=true and the tls* file options); check the port.", x.a))
		x.cmd(sclientCmd(hp, name))
		x.checks("tls.enabled")
	case "NON_TLS_CLIENT_TO_TLS_SERVER":
		ex.Meaning = p.T("explain.plainToTLS.meaning", "A client connected without TLS to a server that accepts only TLS connections (server log).", x.a)
		x.cause(p.T("explain.plainToTLS.c1", "The connection string has no tls=true (or has tls=false/ssl=false); a mongodb:// URI without TLS options does not use TLS.", x.a),
			p.T("explain.plainToTLS.c1.confirm", "Check tls.enabled for the customer's connection string; the client sees \"connection closed\" or \"Connection reset by peer\".", x.a))
		x.fix(p.T("explain.plainToTLS.fix", "Add tls=true to the connection string (and tlsCAFile=<ca.pem> if the server's CA is private).", x.a))
		x.checks("tls.enabled")
	case "TLS_HANDSHAKE_RESET", "REMOTE_HOST_TERMINATED_HANDSHAKE":
		describeHandshakeReset(x)
	case "CONNECTION_CLOSED", "CONNECTION_RESET":
		if ex.tls {
			describeClosedAfterTLS(x)
			break
		}
		ex.Meaning = p.T("explain.closed.meaning", "The server at {host} closed the connection before a reply; with TLS-only servers this is what a client without TLS sees.", x.a)
		x.cause(p.T("explain.closed.c1", "The server requires TLS and the client did not use it (server log: \"The server is configured to only allow SSL connections\").", x.a),
			p.T("explain.closed.c1.confirm", "Check tls.enabled for the connection string and the server's net.tls.mode.", x.a))
		x.cause(p.T("explain.closed.c2", "The server requires a client certificate and rejected the connection, or a firewall/IP access list closes it.", x.a),
			p.T("explain.closed.c2.confirm", "The mongod log at the same time names the reason.", x.a))
		x.fix(p.T("explain.closed.fix", "Add tls=true to the connection string when the server requires TLS; otherwise read the server log for the rejected connection.", x.a))
		x.cmd(sclientCmd(hp, name))
		x.checks("tls.enabled", "key.present")
	case "TLS_HANDSHAKE_TIMEOUT":
		ex.Meaning = p.T("explain.handshakeTimeout.meaning", "The TCP connection to {host} was made and the client sent its TLS hello, but no TLS answer came before connectTimeoutMS ran out (\"The handshake operation timed out\"). No certificate was exchanged, so this is not a certificate problem: something on that port accepts connections but does not answer TLS in time.", x.a)
		x.cause(p.T("explain.handshakeTimeout.c1", "What listens on that port is not a TLS server and waits for the client to say more (another service, or a proxy port meant for something else).", x.a),
			p.T("explain.handshakeTimeout.c1.confirm", "openssl s_client -connect {host} prints CONNECTED and then hangs without a certificate; check which process owns the port on the server (ss -ltnp).", x.a))
		x.cause(p.T("explain.handshakeTimeout.c2", "A proxy, load balancer or firewall accepts the connection and then holds or drops it (no healthy backend, a TLS passthrough to a closed port, packet inspection).", x.a),
			p.T("explain.handshakeTimeout.c2.confirm", "nc -vz connects at once, but openssl s_client hangs; from inside the server's network, or straight to mongod, the handshake completes.", x.a))
		x.cause(p.T("explain.handshakeTimeout.c3", "The server is overloaded (CPU, memory or too many connections) and answers the handshake later than connectTimeoutMS.", x.a),
			p.T("explain.handshakeTimeout.c3.confirm", "The mongod log and monitoring show load at that time; the same connection succeeds with a larger connectTimeoutMS or at a quieter time.", x.a))
		x.fix(p.T("explain.handshakeTimeout.fix", "Find what answers on that port with the commands below: connect to mongod's own TLS port, give the proxy or load balancer a healthy backend, or relieve the server; a larger connectTimeoutMS helps only when the server is just slow.", x.a))
		x.cmd(ncCmd(hp), "timeout 10 "+sclientCmd(hp, name))
		x.checks("sclient.handshake")
	case "CONNECTION_REFUSED":
		ex.Meaning = p.T("explain.refused.meaning", "Nothing accepted the TCP connection to {host}: the machine answered that no program listens on that port (connection refused). This happens before TLS, so it is not a certificate problem: the certificates and TLS options play no part yet.", x.a)
		x.cause(p.T("explain.refused.c1", "mongod/mongos is not running on that machine, or listens on another port (net.port) or only on another address (net.bindIp: localhost only by default).", x.a),
			p.T("explain.refused.c1.confirm", "On the server, ss -ltnp | grep mongo shows the address and port it listens on; from the client, nc -vz says the connection is refused.", x.a))
		x.cause(p.T("explain.refused.c2", "The connection string names the wrong host or port: a port forward or SSH tunnel that is not running, or localhost inside a container (the container itself, not the machine running it).", x.a),
			p.T("explain.refused.c2.confirm", "Compare the host and port of the error with where mongod runs.", x.a))
		x.cause(p.T("explain.refused.c3", "A firewall on the way rejects the connection (a REJECT rule rather than a silent drop).", x.a),
			p.T("explain.refused.c3.confirm", "nc -vz from a machine in the server's own network connects.", x.a))
		x.fix(p.T("explain.refused.fix", "Start mongod, or correct the host and port, and let it listen on an address the client can reach (net.bindIp); the TLS settings can be judged only once the connection is accepted.", x.a))
		x.cmd(ncCmd(hp), "ss -ltnp | grep mongo")
	case "HOST_NOT_RESOLVED":
		if n := lastGroup(g); n != "" && !strings.Contains(n, ":") {
			name = n
			x.a["name"] = n
		}
		if strings.Contains(ex.Quote, "-3]") || strings.Contains(ex.Quote, "EAI_AGAIN") {
			ex.Meaning = p.T("explain.noName.meaningTemporary", "The client could not look up the host name {name}: no DNS server answered (\"temporary failure\"), so it never reached the server. This is not a certificate problem.", x.a)
		} else {
			ex.Meaning = p.T("explain.noName.meaning", "The client could not resolve the host name {name}: the DNS says no such name exists (for this client), so it never reached the server. This is not a certificate problem.", x.a)
		}
		x.cause(p.T("explain.noName.c1", "The host name is wrong: a typo, a server or cluster renamed or deleted, or a name that exists only in another network (an internal name, a private endpoint or peering name).", x.a),
			p.T("explain.noName.c1.confirm", "getent hosts {name} (or nslookup {name}) fails on the client; on a machine in the server's network it answers.", x.a))
		x.cause(p.T("explain.noName.c2", "The client's DNS is not reachable or not configured (no network, a VPN or container without DNS): \"Temporary failure in name resolution\" means no name server answered, not that the name does not exist.", x.a),
			p.T("explain.noName.c2.confirm", "cat /etc/resolv.conf shows the name servers; nslookup {name} 8.8.8.8 answers while nslookup {name} does not.", x.a))
		x.cause(p.T("explain.noName.c3", "The replica set advertises member names (rs.conf()) that the client cannot resolve: the name in the connection string resolves, the members' names do not.", x.a),
			p.T("explain.noName.c3.confirm", "The name that fails is a member's name from rs.conf(), not the one in the connection string.", x.a))
		x.fix(p.T("explain.noName.fix", "Correct the host name, or make the client able to resolve it (its DNS, a VPN; /etc/hosts for a test); the certificates matter only once the name resolves and the connection is made.", x.a))
		x.cmd("getent hosts "+name, "nslookup "+name, "cat /etc/resolv.conf")
	case "SOCKET_TIMEOUT":
		ex.Meaning = p.T("explain.timeout.meaning", "The connection to {host} timed out (connectTimeoutMS, 20 s by default): the server did not accept the connection, or did not answer the first command, in time. PyMongo prints this form when no TLS handshake was under way, so it is not a certificate problem.", x.a)
		x.cause(p.T("explain.timeout.c1", "A firewall, a cloud security group or an IP access list (Atlas Network Access included) silently drops the client's packets.", x.a),
			p.T("explain.timeout.c1.confirm", "nc -vz -w 5 hangs and times out from the client, and connects from an allowed machine; in Atlas, check that the client's public address (curl -s https://checkip.amazonaws.com) is in the project's IP access list.", x.a))
		x.cause(p.T("explain.timeout.c2", "The host or port is wrong and the address does not answer at all (an address of another network, a server that is down).", x.a),
			p.T("explain.timeout.c2.confirm", "getent hosts {name} shows the address the client uses; check that it is the server's.", x.a))
		x.cause(p.T("explain.timeout.c3", "Something accepts the connection but never answers (a proxy or load balancer without a healthy backend, a hung or overloaded server).", x.a),
			p.T("explain.timeout.c3.confirm", "nc -vz connects at once: then the network is fine and the server side is slow; read the mongod log and its load.", x.a))
		x.fix(p.T("explain.timeout.fix", "Allow the client's address (firewall, security group, Atlas Network Access) and check the host and port; the TLS settings and certificates can be judged only once the connection is answered.", x.a))
		x.cmd(ncCmd(hp), "getent hosts "+name, "curl -s https://checkip.amazonaws.com")
	case "NO_SERVERS_FOUND_YET":
		ex.Meaning = p.T("explain.noServersYet.meaning", "PyMongo's server selection gave up (serverSelectionTimeoutMS) before its first attempt to connect to {host} had finished, so no error was recorded: the TCP connection, the TLS handshake or the first command was still waiting for an answer. The text names no TLS error, so nothing here points to the certificates.", x.a)
		x.cause(p.T("explain.noServersYet.c1", "The server does not answer: a firewall, security group or IP access list drops the packets, or the host is down, and the connection waits until connectTimeoutMS (20 s by default).", x.a),
			p.T("explain.noServersYet.c1.confirm", "nc -vz -w 5 hangs and times out instead of connecting or being refused.", x.a))
		x.cause(p.T("explain.noServersYet.c2", "serverSelectionTimeoutMS is shorter than the connection takes (a small value set for a test, or a slow link), so selection ends first.", x.a),
			p.T("explain.noServersYet.c2.confirm", "Retry with serverSelectionTimeoutMS larger than connectTimeoutMS: PyMongo then reports the connection's own error (timed out, refused, or a TLS error).", x.a))
		x.cause(p.T("explain.noServersYet.c3", "Something accepts the connection but never answers (a listener that is not mongod, a proxy or load balancer without a healthy backend, an overloaded server).", x.a),
			p.T("explain.noServersYet.c3.confirm", "nc -vz connects, but openssl s_client hangs without printing a certificate.", x.a))
		x.fix(p.T("explain.noServersYet.fix", "Retry with serverSelectionTimeoutMS larger than connectTimeoutMS (for example serverSelectionTimeoutMS=30000) to see the real error, and check with the commands below that the port answers and speaks TLS.", x.a))
		x.cmd(ncCmd(hp), "timeout 10 "+sclientCmd(hp, name))
	case "AUTHENTICATION_FAILED":
		ex.Meaning = p.T("explain.auth.meaning", "The server rejected the credentials (code 18, AuthenticationFailed). The connection, and the TLS handshake when TLS is on, had already succeeded, so the server certificate is not the problem: the user name, password, authSource or mechanism is.", x.a)
		x.cause(p.T("explain.auth.c1", "Wrong user name or password, or a password with special characters (@ : / ? # [ ] %) that are not percent-encoded in the connection string.", x.a),
			p.T("explain.auth.c1.confirm", "Log in with mongosh as the same user (command below); print the encoded password with urllib.parse.quote_plus.", x.a))
		x.cause(p.T("explain.auth.c2", "The user is defined in another database than authSource (default: the database of the connection string, else admin; Atlas database users are in admin).", x.a),
			p.T("explain.auth.c2.confirm", "db.getSiblingDB(\"admin\").getUsers() (or in the database meant to hold the user) lists it.", x.a))
		x.cause(p.T("explain.auth.c3", "The mechanism does not fit the user: authMechanism=MONGODB-X509 with a client certificate whose subject is not a user of $external, or a SCRAM mechanism the user was not created with.", x.a),
			p.T("explain.auth.c3.confirm", "The mongod log's \"Authentication failed\" line names the user and mechanism; for X.509, compare the certificate's subject (command below) with the $external user's name.", x.a))
		x.fix(p.T("explain.auth.fix", "Correct the user name, password (percent-encoded), authSource or authMechanism; the TLS settings and certificates need no change for this error.", x.a))
		x.cmd("mongosh 'mongodb://"+hp+"/' --username USER --authenticationDatabase admin",
			`python -c "import urllib.parse, getpass; print(urllib.parse.quote_plus(getpass.getpass()))"`,
			"openssl x509 -in client.pem -noout -subject -nameopt RFC2253")
	case "SSL_HANDSHAKE_FAILED":
		ex.Meaning = p.T("explain.handshakeFailed.meaning", "The TLS handshake with {host} failed; this part of the text does not say why.", x.a)
		x.cause(p.T("explain.handshakeFailed.c1", "Any of the certificate, version or client-certificate problems: the full message (after \"SSL handshake failed: host:port:\") or the server log names it.", x.a),
			p.T("explain.handshakeFailed.c1.confirm", "Paste the complete error text or the mongod log line; run openssl s_client against the host.", x.a))
		x.fix(p.T("explain.handshakeFailed.fix", "Collect the complete message and an openssl s_client transcript, then paste them here with the customer's files.", x.a))
		x.cmd(sclientCmd(hp, name))
		x.checks("chain.trusted", "tls.enabled")
	case "DH_KEY_TOO_SMALL", "UNSAFE_LEGACY_RENEGOTIATION_DISABLED":
		ex.Meaning = p.T("explain.weakServer.meaning", "The client's OpenSSL refused the server's TLS parameters as insecure (a Diffie-Hellman group under 2048 bits, or no secure renegotiation, typical of old servers and TLS-inspecting proxies).", x.a)
		x.cause(p.T("explain.weakServer.c1", "An old MongoDB/OpenSSL on the server or a middlebox in between.", x.a),
			p.T("explain.weakServer.c1.confirm", "openssl s_client shows \"Server Temp Key\" and \"Secure Renegotiation IS NOT supported\".", x.a))
		x.fix(p.T("explain.weakServer.fix", "Upgrade the server (or the proxy) so it offers ECDHE and secure renegotiation; PyMongo has no option to lower OpenSSL's security level.", x.a))
		x.cmd(sclientCmd(hp, name))
		x.checks("crypto.strength")
	case "KEY_VALUES_MISMATCH", "NO_CERTIFICATE_ASSIGNED", "PRIVATE_KEY_DOES_NOT_MATCH":
		ex.Meaning = p.T("explain.keyMismatch.meaning", "PyMongo could not load tlsCertificateKeyFile: the private key in the file does not belong to the certificate in it (or the file holds no usable certificate).", x.a)
		x.cause(p.T("explain.keyMismatch.c1", "The PEM file combines a certificate and the key of another certificate (for example after a renewal only the certificate was replaced).", x.a),
			p.T("explain.keyMismatch.c1.confirm", "Compare the public keys with the commands below; check key.match names the pair.", x.a))
		x.fix(p.T("explain.keyMismatch.fix", "Build the file from the matching pair: cat client.crt client.key > client.pem, and pass it as tlsCertificateKeyFile.", x.a))
		x.cmd("openssl x509 -in client.pem -noout -pubkey | openssl sha256", "openssl pkey -in client.pem -pubout | openssl sha256")
		x.checks("key.match", "key.present")
	case "PEM_LIB":
		ex.Meaning = p.T("explain.pemLib.meaning", "PyMongo (Python's ssl) could not read the certificate or key from tlsCertificateKeyFile (\"PEM lib\" is OpenSSL's generic PEM loading error).", x.a)
		x.cause(p.T("explain.pemLib.c1", "The key is encrypted and tlsCertificateKeyFilePassword is missing or wrong.", x.a),
			p.T("explain.pemLib.c1.confirm", "The file has \"BEGIN ENCRYPTED PRIVATE KEY\" or \"Proc-Type: 4,ENCRYPTED\": check key.decrypt.", x.a))
		x.cause(p.T("explain.pemLib.c2", "The file is not PEM (PKCS#12 .p12/.pfx or DER), or holds only the certificate without its key.", x.a),
			p.T("explain.pemLib.c2.confirm", "Supply the file here: check key.present says what it contains.", x.a))
		x.fix(p.T("explain.pemLib.fix", "Give the right tlsCertificateKeyFilePassword, or convert the file to one PEM with certificate and key (commands below).", x.a))
		x.cmd("openssl pkcs12 -in client.p12 -out client.pem -nodes", "cat client.crt client.key > client.pem")
		x.checks("key.decrypt", "key.present", "key.match")
	case "BAD_DECRYPT", "PEM_PASS_PHRASE_PROMPT":
		ex.Meaning = p.T("explain.password.meaning", "The private key of tlsCertificateKeyFile is encrypted and could not be decrypted: the password is missing or wrong.", x.a)
		x.cause(p.T("explain.password.c1", "tlsCertificateKeyFilePassword is not set (OpenSSL then asks \"Enter PEM pass phrase:\" on the terminal) or is wrong, or it contains characters that were not percent-encoded in the URI.", x.a),
			p.T("explain.password.c1.confirm", "Supply the key file and password here: check key.decrypt.", x.a))
		x.fix(p.T("explain.password.fix", "Pass the password with tlsCertificateKeyFilePassword (as a keyword argument, or percent-encoded in the URI).", x.a))
		x.cmd("openssl pkey -in client.pem -noout")
		x.checks("key.decrypt")
	case "NO_CERTIFICATE_OR_CRL_FOUND":
		ex.Meaning = p.T("explain.noCertFound.meaning", "OpenSSL found no PEM certificate (or CRL) in the file given as tlsCAFile or tlsCRLFile.", x.a)
		x.cause(p.T("explain.noCertFound.c1", "The file is DER, PKCS#7 or PKCS#12, or holds a key instead of certificates; PyMongo reads tlsCRLFile as PEM only.", x.a),
			p.T("explain.noCertFound.c1.confirm", "Supply the file here: its input summary lists what it contains.", x.a))
		x.cause(p.T("explain.noCertFound.c2", "The file is base64 text (a Kubernetes secret value copied without decoding it), UTF-16 (written by PowerShell's >), or its BEGIN lines are indented or quoted: OpenSSL reads a block only where -----BEGIN starts a line.", x.a),
			p.T("explain.noCertFound.c2.confirm", "Supply the file here as the CA file: check ca.load says what OpenSSL makes of it.", x.a))
		x.fix(p.T("explain.noCertFound.fix", "Convert the file to PEM (commands below) and pass that.", x.a))
		x.cmd("openssl x509 -inform DER -in ca.cer -out ca.pem", "openssl crl -inform DER -in crl.der -out crl.pem", "openssl pkcs7 -print_certs -in ca.p7b -out ca.pem", "base64 -d ca.crt > ca.pem")
		x.checks("ca.load", "chain.trusted", "crl.revocation")
	case "X509_PEM_LIB":
		ex.Meaning = p.T("explain.x509PemLib.meaning", "Python's ssl could not load the tlsCAFile or the tlsCRLFile: OpenSSL stopped at a PEM block it could not read (\"PEM lib\" is its generic PEM loading error), so PyMongo failed before connecting.", x.a)
		x.cause(p.T("explain.x509PemLib.c1", "A block of the file is damaged: a character that is not base64, a line or character missing, no END line, or a blank line just before an END line. One such block stops the whole file, even if the other certificates are fine.", x.a),
			p.T("explain.x509PemLib.c1.confirm", "Supply the file here: check ca.load (or crl.revocation) names the line.", x.a))
		x.fix(p.T("explain.x509PemLib.fix", "Ask for the file again, attached rather than pasted, or remove the damaged block.", x.a))
		x.cmd(pemfile.PythonLoadCommand("ca.pem"))
		x.checks("ca.load", "crl.revocation")
	case "PEM_BLOCK_DAMAGED":
		ex.Meaning = p.T("explain.pemBlockDamaged.meaning", "PyMongo could not load tlsCertificateKeyFile: OpenSSL read the client certificate, then stopped at a damaged PEM block after it.", x.a)
		x.cause(p.T("explain.pemBlockDamaged.c1", "A block after the client certificate (an intermediate CA certificate or the key) has a character that is not base64, a line missing, or no END line.", x.a),
			p.T("explain.pemBlockDamaged.c1.confirm", "Supply the key file here: check key.present names the line.", x.a))
		x.fix(p.T("explain.pemBlockDamaged.fix", "Ask for the key file again, attached rather than pasted, or rebuild it: cat client.crt client.key > client.pem.", x.a))
		x.cmd(pemfile.PythonCertChainCommand("client.pem"))
		x.checks("key.present")
	case "CA_MD_TOO_WEAK", "EE_KEY_TOO_SMALL", "CA_KEY_TOO_SMALL":
		ex.Meaning = p.T("explain.secLevel.meaning", "OpenSSL's security level (2 on current systems) rejected a certificate while loading it: a SHA-1/MD5 signature or an RSA key under 2048 bits.", x.a)
		x.cause(p.T("explain.secLevel.c1", "The client certificate (tlsCertificateKeyFile) or a CA in tlsCAFile is weak.", x.a),
			p.T("explain.secLevel.c1.confirm", "Check crypto.strength names the certificate and its algorithm.", x.a))
		x.fix(p.T("explain.secLevel.fix", "Reissue the certificate with SHA-256 and RSA 2048+ (or ECDSA P-256).", x.a))
		x.cmd("openssl x509 -in client.pem -noout -text | grep -E 'Signature Algorithm|Public-Key'")
		x.checks("crypto.strength")
	case "TLS_NOT_ENABLED_BUT_TLS_OPTIONS":
		ex.Meaning = p.T("explain.tlsNotEnabled.meaning", "PyMongo refused the options: tls (or ssl) is false while TLS file or validation options are set.", x.a)
		x.cause(p.T("explain.tlsNotEnabled.c1", "The connection string or keyword arguments contain tls=false/ssl=false together with tlsCAFile, tlsCertificateKeyFile, tlsAllowInvalid* or similar.", x.a),
			p.T("explain.tlsNotEnabled.c1.confirm", "Check uri.valid for the connection string.", x.a))
		x.fix(p.T("explain.tlsNotEnabled.fix", "Set tls=true, or remove the listed tls options.", x.a))
		x.checks("uri.valid", "tls.enabled")
	case "URI_OPTIONS_CONFLICT", "CRL_WITH_INSECURE_OPTION":
		ex.Meaning = p.T("explain.optionConflict.meaning", "PyMongo refused the options: tlsInsecure cannot be combined with the options it sets, and CRL checking cannot be combined with disabled verification.", x.a)
		x.cause(p.T("explain.optionConflict.c1", "Both tlsInsecure and one of tlsAllowInvalidCertificates, tlsAllowInvalidHostnames, tlsDisableOCSPEndpointCheck are present (any values), or tlsCRLFile is set with one of them true.", x.a),
			p.T("explain.optionConflict.c1.confirm", "Check uri.valid for the connection string.", x.a))
		x.fix(p.T("explain.optionConflict.fix", "Keep only one of the conflicting options.", x.a))
		x.checks("uri.valid")
	case "TLS_SSL_CONFLICT":
		ex.Meaning = p.T("explain.tlsSslConflict.meaning", "tls and ssl are both given with different values (a mongodb+srv URI implies tls=true, so ssl=false conflicts with it).", x.a)
		x.cause(p.T("explain.tlsSslConflict.c1", "The URI or keyword arguments hold both ssl and tls; values such as True and true count as different.", x.a),
			p.T("explain.tlsSslConflict.c1.confirm", "Check uri.valid for the connection string.", x.a))
		x.fix(p.T("explain.tlsSslConflict.fix", "Use only tls=true or tls=false; remove ssl.", x.a))
		x.checks("uri.valid")
	case "CRL_WITH_PYOPENSSL":
		ex.Meaning = p.T("explain.crlPyOpenSSL.meaning", "tlsCRLFile works only with Python's ssl module; PyMongo 4 uses PyOpenSSL when it is installed (pymongo[ocsp]) and then refuses tlsCRLFile.", x.a)
		x.cause(p.T("explain.crlPyOpenSSL.c1", "PyOpenSSL is installed in the environment.", x.a),
			p.T("explain.crlPyOpenSSL.c1.confirm", "Run python -m pip show pyopenssl.", x.a))
		x.fix(p.T("explain.crlPyOpenSSL.fix", "Either uninstall PyOpenSSL to use tlsCRLFile, or drop tlsCRLFile and rely on OCSP.", x.a))
		x.cmd("python -m pip show pyopenssl")
		x.checks("crl.revocation", "uri.valid")
	case "UNKNOWN_OPTION":
		ex.Meaning = p.T("explain.unknownOption.meaning", "The option is not one the driver knows; PyMongo ignores it in a URI (with a warning) and refuses it as a keyword argument, the Node.js driver refuses it.", x.a)
		x.cause(p.T("explain.unknownOption.c1", "A misspelled or legacy option (ssl_cert_reqs, sslCAFile, tlsDisableCertificateRevocationCheck) that does nothing in PyMongo 4.", x.a),
			p.T("explain.unknownOption.c1.confirm", "Check uri.warning for the connection string.", x.a))
		x.fix(p.T("explain.unknownOption.fix", "Use the PyMongo 4 names: tlsCAFile, tlsCertificateKeyFile, tlsAllowInvalidCertificates, tlsAllowInvalidHostnames.", x.a))
		x.checks("uri.warning", "uri.valid")
	case "DNS_SRV_NOT_FOUND", "DNS_SRV_NO_ANSWER", "DNS_RESOLVER_FAILED", "DNS_TIMEOUT", "DNSPYTHON_MISSING", "SRV_INVALID_HOST":
		describeSRV(x, id, g)
	case "FILE_NOT_READABLE":
		x.a["path"] = g[1]
		if g[1] == "" {
			x.a["path"] = g[2]
		}
		ex.Meaning = p.T("explain.fileNotReadable.meaning", "PyMongo could not open {path}, a file the connection string names (tlsCAFile, tlsCertificateKeyFile or tlsCRLFile): MongoClient fails before any connection, so the certificates play no part yet.", x.a)
		x.cause(p.T("explain.fileNotReadable.c1", "The path is relative and the program runs from another working directory, or it has a typo, or ~ (which PyMongo does not expand).", x.a),
			p.T("explain.fileNotReadable.c1.confirm", "Run ls -l with the exact path, from the directory the program starts in.", x.a))
		x.cause(p.T("explain.fileNotReadable.c2", "The file exists but the user the program runs as may not read it (a container, a service account, SELinux).", x.a),
			p.T("explain.fileNotReadable.c2.confirm", "Run the ls and head commands below as that user.", x.a))
		x.fix(p.T("explain.fileNotReadable.fix", "Give the absolute path of a file the program's user can read, in the connection string or as a keyword argument: MongoClient(uri, tlsCAFile=\"/abs/path/ca.pem\").", x.a))
		if g[1] != "" {
			x.cmd("ls -l "+shell.Quote(g[1]), "head -c 200 "+shell.Quote(g[1]))
		}
		x.checks("uri.files")
	case "NO_SYSTEM_CA_CERTIFICATES":
		ex.Meaning = p.T("explain.noSystemCA.meaning", "PyMongo with PyOpenSSL on macOS found no system CA certificates to verify the server.", x.a)
		causeMissingRoots(x)
		x.fix(p.T("explain.noSystemCA.fix", "Install certifi (python -m pip install certifi) or pass tlsCAFile=<ca.pem>.", x.a))
		x.cmd("python -m pip install certifi")
		x.checks("chain.trusted")
	case "PYOPENSSL_FALLBACK":
		ex.Meaning = p.T("explain.pyopensslFallback.meaning", "PyMongo could not use the installed PyOpenSSL and fell back to Python's ssl module: OCSP checking is off.", x.a)
		x.cause(p.T("explain.pyopensslFallback.c1", "PyOpenSSL older than 23.2.0 with cryptography 42 or newer.", x.a),
			p.T("explain.pyopensslFallback.c1.confirm", "python -m pip show pyopenssl cryptography", x.a))
		x.fix(p.T("explain.pyopensslFallback.fix", "Upgrade PyOpenSSL to 23.2.0 or newer (python -m pip install -U \"pymongo[ocsp]\").", x.a))
		x.cmd(`python -m pip install -U "pymongo[ocsp]"`)
		x.checks("ocsp.status")
	default:
		ex.Meaning = p.T("explain.generic.meaning", "TLS failure {quote}.", x.a)
		x.checks("tls.enabled")
	}
}

// describeVerify explains an OpenSSL certificate-verification failure seen by the client.
func describeVerify(x *b, vname string, g []string) {
	p, ex := x.p, x.ex
	hp, name := hostParts(ex.Host)
	x.cmd(sclientCmd(hp, name), verifyCmd(name))
	switch vname {
	case "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
		ex.Meaning = p.T("explain.v.localIssuer.meaning", "OpenSSL could not find the CA that issued a certificate of {host}'s chain among the trusted certificates (tlsCAFile, or the system store when tlsCAFile is not set).", x.a)
		causeMissingRoots(x)
		x.cause(p.T("explain.v.localIssuer.c2", "tlsCAFile names a file without the right CA (another CA, or only the intermediate: OpenSSL needs the root).", x.a),
			p.T("explain.v.localIssuer.c2.confirm", "Supply tlsCAFile and the server chain: chain.trusted names the missing issuer.", x.a))
		x.cause(p.T("explain.v.localIssuer.c3", "The server does not send its intermediate CA and the CA file has only the root.", x.a),
			p.T("explain.v.localIssuer.c3.confirm", "openssl s_client -showcerts lists one certificate only.", x.a))
		x.fix(p.T("explain.v.localIssuer.fix", "Install the system CA certificates (Linux: the ca-certificates package; macOS with python.org Python: run \"Install Certificates.command\"), or pass tlsCAFile=certifi.where() (python -m pip install certifi) or the private CA file; SSL_CERT_FILE=$(python -m certifi) also works.", x.a))
		x.cmd("sudo apt-get install ca-certificates", `open "/Applications/Python 3.12/Install Certificates.command"`, `export SSL_CERT_FILE=$(python -m certifi)`, pyOpenSSLVersion)
		x.checks("chain.trusted")
	case "X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT", "X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE":
		ex.Meaning = p.T("explain.v.missingIssuer.meaning", "OpenSSL could not find the issuer of a certificate the server sent ({text}): the chain stops at a certificate whose CA is neither sent by the server nor trusted.", x.a)
		x.cause(p.T("explain.v.missingIssuer.c1", "The server sends only its own certificate, without the intermediate CA (its certificateKeyFile lacks the chain).", x.a),
			p.T("explain.v.missingIssuer.c1.confirm", "openssl s_client -showcerts shows one certificate; chain.trusted says the intermediate is missing.", x.a))
		x.cause(p.T("explain.v.missingIssuer.c2", "tlsCAFile holds an intermediate but not the root it chains to.", x.a),
			p.T("explain.v.missingIssuer.c2.confirm", "Supply tlsCAFile here: chain.trusted shows where the path ends.", x.a))
		x.fix(p.T("explain.v.missingIssuer.fix", "Append the intermediate CA to the server's PEM file (leaf first, then intermediates) and restart mongod, or add the intermediate and root to tlsCAFile.", x.a))
		x.checks("chain.trusted")
	case "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT", "X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN":
		ex.Meaning = p.T("explain.v.selfSigned.meaning", "The server's chain ends in a self-signed certificate that the client does not trust ({text}).", x.a)
		x.cause(p.T("explain.v.selfSigned.c1", "The server uses a private CA or a self-signed certificate and the client was not given it as tlsCAFile (tlsCAFile replaces the system store; mongosh and Compass also use the OS store, so they may work where PyMongo fails).", x.a),
			p.T("explain.v.selfSigned.c1.confirm", "Supply the CA file: chain.trusted shows whether the root in the chain is in it.", x.a))
		x.cause(p.T("explain.v.selfSigned.c2", "A TLS-inspecting proxy re-signs the connection with its own root.", x.a),
			p.T("explain.v.selfSigned.c2.confirm", "The issuer in openssl s_client output is the proxy's CA.", x.a))
		x.fix(p.T("explain.v.selfSigned.fix", "Pass the CA certificate that signed the server certificate: MongoClient(host, tls=True, tlsCAFile=\"ca.pem\"); use tlsAllowInvalidCertificates=True only to test.", x.a))
		x.checks("chain.trusted")
	case "X509_V_ERR_CERT_HAS_EXPIRED":
		ex.Meaning = p.T("explain.v.expired.meaning", "A certificate of {host}'s chain has passed its notAfter date at the client's clock.", x.a)
		causeExpired(x)
		causeClock(x)
		x.fix(p.T("explain.expired.fix", "Renew the certificate (and install the new one with its intermediate on every member), then restart or rotate certificates on the server; check the client's clock.", x.a))
		x.cmd(sclientCmd(hp, name) + " | openssl x509 -noout -dates")
		x.checks("validity.period")
	case "X509_V_ERR_CERT_NOT_YET_VALID":
		ex.Meaning = p.T("explain.v.notYetValid.meaning", "A certificate of {host}'s chain is not valid yet at the client's clock (its notBefore is in the future).", x.a)
		causeClock(x)
		x.cause(p.T("explain.v.notYetValid.c2", "The certificate was issued with a start date in the future (wrong clock on the CA, or deliberate).", x.a),
			p.T("explain.v.notYetValid.c2.confirm", "validity.period shows the notBefore date.", x.a))
		x.fix(p.T("explain.v.notYetValid.fix", "Fix the client's clock (NTP), or wait until notBefore, or reissue the certificate.", x.a))
		x.checks("validity.period")
	case "X509_V_ERR_HOSTNAME_MISMATCH", "X509_V_ERR_IP_ADDRESS_MISMATCH":
		describeHostname(x, g)
	case "X509_V_ERR_CERT_REVOKED", "X509_V_ERR_UNABLE_TO_GET_CRL", "X509_V_ERR_CRL_HAS_EXPIRED", "X509_V_ERR_CRL_NOT_YET_VALID",
		"X509_V_ERR_CRL_SIGNATURE_FAILURE", "X509_V_ERR_UNABLE_TO_GET_CRL_ISSUER", "X509_V_ERR_UNHANDLED_CRITICAL_CRL_EXTENSION", "X509_V_ERR_ERROR_IN_CRL_NEXT_UPDATE_FIELD", "X509_V_ERR_ERROR_IN_CRL_LAST_UPDATE_FIELD", "X509_V_ERR_DIFFERENT_CRL_SCOPE", "X509_V_ERR_KEYUSAGE_NO_CRL_SIGN", "X509_V_ERR_UNABLE_TO_DECRYPT_CRL_SIGNATURE":
		ex.Meaning = p.T("explain.v.crl.meaning", "Revocation checking with tlsCRLFile failed: {text}.", x.a)
		if vname == "X509_V_ERR_CERT_REVOKED" {
			ex.Meaning = p.T("explain.v.revoked.meaning", "The server certificate of {host} is revoked: its serial number is on the CRL (tlsCRLFile) or the OCSP response says revoked.", x.a)
		}
		x.cause(p.T("explain.v.crl.c1", "The CRL lists the server certificate (revoked), or the CRL is not for the server certificate's issuer (\"unable to get certificate CRL\": PyMongo checks the leaf only and needs its issuer's CRL).", x.a),
			p.T("explain.v.crl.c1.confirm", "Supply tlsCRLFile and the server chain: crl.revocation names the CRL, its issuer and dates.", x.a))
		x.cause(p.T("explain.v.crl.c2", "The CRL is out of date (nextUpdate passed) or its signature does not verify with the CA in tlsCAFile.", x.a),
			p.T("explain.v.crl.c2.confirm", "openssl crl -in crl.pem -noout -lastupdate -nextupdate -issuer", x.a))
		x.fix(p.T("explain.v.crl.fix", "Replace a revoked server certificate; otherwise download the current CRL from the issuing CA and pass it as tlsCRLFile (PEM).", x.a))
		x.cmd("openssl crl -in crl.pem -noout -text", "openssl verify -crl_check -CAfile ca.pem -CRLfile crl.pem -untrusted chain.pem server.pem")
		x.checks("crl.revocation", "ocsp.status")
	case "X509_V_ERR_INVALID_CA", "X509_V_ERR_PATH_LENGTH_EXCEEDED", "X509_V_ERR_KEYUSAGE_NO_CERTSIGN", "X509_V_ERR_INVALID_NON_CA":
		ex.Meaning = p.T("explain.v.invalidCA.meaning", "A certificate used as a CA in {host}'s chain may not issue certificates ({text}): it is not marked as a CA, lacks keyCertSign, or its path length limit is exceeded.", x.a)
		x.cause(p.T("explain.v.invalidCA.c1", "The chain was assembled wrongly (a leaf certificate placed where the intermediate belongs) or the private CA was created without CA:TRUE / keyCertSign.", x.a),
			p.T("explain.v.invalidCA.c1.confirm", "chain.trusted names the certificate; openssl x509 -noout -ext basicConstraints,keyUsage shows its extensions.", x.a))
		x.fix(p.T("explain.v.invalidCA.fix", "Reissue the CA certificate with basicConstraints CA:TRUE (and a sufficient pathlen) and keyUsage keyCertSign, or fix the order of the chain file.", x.a))
		x.checks("chain.trusted")
	case "X509_V_ERR_CERT_REJECTED":
		ex.Meaning = p.T("explain.v.rejected.meaning", "OpenSSL found a CA for {host}'s chain in the trust store, but that CA's trust settings refuse it for TLS server authentication ({text}).", x.a)
		x.cause(p.T("explain.v.rejected.c1", "The tlsCAFile holds the CA as a TRUSTED CERTIFICATE block (written by openssl x509 -trustout, or a system trust bundle such as ca-bundle.trust.crt) whose settings reject serverAuth or trust it only for other uses (clientAuth, emailProtection).", x.a),
			p.T("explain.v.rejected.c1.confirm", "chain.trusted names the CA and its settings; grep 'BEGIN TRUSTED CERTIFICATE' in the CA file shows such blocks.", x.a))
		x.fix(p.T("explain.v.rejected.fix", "Give PyMongo the CA certificate as a plain -----BEGIN CERTIFICATE----- block (openssl x509 -in ca.pem -out ca-plain.pem drops the trust settings); if a system bundle distrusts the CA on purpose, use the issuing CA's own certificate.", x.a))
		x.checks("chain.trusted")
	case "X509_V_ERR_INVALID_PURPOSE":
		ex.Meaning = p.T("explain.v.purpose.meaning", "The server certificate is not allowed for TLS servers: its extendedKeyUsage lacks serverAuth (or a CA in the chain restricts it).", x.a)
		x.cause(p.T("explain.v.purpose.c1", "A client-only certificate (clientAuth) is used as the server certificate, or the CA issued it from a template without serverAuth.", x.a),
			p.T("explain.v.purpose.c1.confirm", "purpose.server names the certificate and its extended key usages.", x.a))
		x.fix(p.T("explain.v.purpose.fix", "Reissue the server certificate with extendedKeyUsage serverAuth (and clientAuth too if members use it for cluster authentication).", x.a))
		x.checks("purpose.server")
	case "X509_V_ERR_CERT_SIGNATURE_FAILURE", "X509_V_ERR_UNABLE_TO_DECRYPT_CERT_SIGNATURE", "X509_V_ERR_UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY":
		ex.Meaning = p.T("explain.v.signature.meaning", "A certificate's signature in {host}'s chain does not verify with its issuer's key ({text}).", x.a)
		x.cause(p.T("explain.v.signature.c1", "The CA file holds a different CA with the same name (for example an old CA after a re-key), or a certificate was corrupted.", x.a),
			p.T("explain.v.signature.c1.confirm", "chain.trusted names the link that fails; compare the subject key identifiers.", x.a))
		x.fix(p.T("explain.v.signature.fix", "Use the CA certificate that actually signed the chain (match Authority Key Identifier to Subject Key Identifier).", x.a))
		x.checks("chain.trusted")
	case "X509_V_ERR_CA_MD_TOO_WEAK", "X509_V_ERR_EE_KEY_TOO_SMALL", "X509_V_ERR_CA_KEY_TOO_SMALL":
		ex.Meaning = p.T("explain.v.weak.meaning", "OpenSSL's security level rejected a certificate of {host}'s chain: {text} (SHA-1/MD5 signatures and RSA keys under 2048 bits fail at level 2).", x.a)
		x.cause(p.T("explain.v.weak.c1", "An old certificate or CA (SHA-1, RSA 1024).", x.a),
			p.T("explain.v.weak.c1.confirm", "crypto.strength names the certificate and its algorithm.", x.a))
		x.fix(p.T("explain.v.weak.fix", "Reissue the certificate with SHA-256 and RSA 2048+ or ECDSA P-256.", x.a))
		x.checks("crypto.strength")
	case "X509_V_ERR_PERMITTED_VIOLATION", "X509_V_ERR_EXCLUDED_VIOLATION", "X509_V_ERR_SUBTREE_MINMAX", "X509_V_ERR_UNSUPPORTED_CONSTRAINT_TYPE", "X509_V_ERR_UNSUPPORTED_CONSTRAINT_SYNTAX", "X509_V_ERR_UNSUPPORTED_NAME_SYNTAX":
		ex.Meaning = p.T("explain.v.nameConstraints.meaning", "A CA in {host}'s chain has name constraints that the server certificate's names break ({text}).", x.a)
		x.cause(p.T("explain.v.nameConstraints.c1", "The server certificate names a host outside the domains the CA may issue for.", x.a),
			p.T("explain.v.nameConstraints.c1.confirm", "chain.trusted lists the constraint and the name.", x.a))
		x.fix(p.T("explain.v.nameConstraints.fix", "Issue the server certificate from a CA allowed to issue for its names, or only put permitted names in it.", x.a))
		x.checks("chain.trusted")
	case "X509_V_ERR_UNHANDLED_CRITICAL_EXTENSION":
		ex.Meaning = p.T("explain.v.criticalExt.meaning", "A certificate of {host}'s chain has an extension marked critical that OpenSSL does not understand, so it must reject it.", x.a)
		x.cause(p.T("explain.v.criticalExt.c1", "A private CA added a custom or vendor extension as critical.", x.a),
			p.T("explain.v.criticalExt.c1.confirm", "The certificate report lists unknown critical extensions.", x.a))
		x.fix(p.T("explain.v.criticalExt.fix", "Reissue the certificate without the extension or with it marked non-critical.", x.a))
		x.checks("chain.trusted")
	default:
		ex.Meaning = p.T("explain.v.generic.meaning", "OpenSSL rejected {host}'s certificate chain: {text} ({errName}, code {code}).", x.a)
		x.cause(p.T("explain.v.generic.c1", "The certificate named by openssl verify does not meet this rule.", x.a),
			p.T("explain.v.generic.c1.confirm", "Run openssl verify on the chain (command below); the checks of this report name the certificate.", x.a))
		x.fix(p.T("explain.v.generic.fix", "Reissue or replace the certificate openssl verify names.", x.a))
		x.checks("chain.trusted")
	}
}

func describeHostname(x *b, g []string) {
	p, ex := x.p, x.ex
	hp, name := hostParts(ex.Host)
	wanted := ""
	switch {
	case strings.Contains(ex.Quote, "is not valid for '") && len(g) > 2:
		wanted = g[2]
	case strings.HasPrefix(ex.Quote, "x509: certificate is valid for") && len(g) > 2:
		wanted = g[2]
		x.a["valid"] = g[1]
	case strings.HasPrefix(ex.Quote, "x509: certificate is not valid for any names") && len(g) > 1:
		wanted = g[1]
	case strings.HasPrefix(ex.Quote, "Hostname/IP") && len(g) > 1:
		wanted = g[1]
		if len(g) > 2 {
			x.a["valid"] = g[2]
		}
	case strings.HasPrefix(ex.Quote, "No ") && len(g) > 3:
		wanted = g[1] + g[2] + g[3]
	}
	if wanted == "" {
		wanted = name
	} else {
		name = wanted
		if ex.Host == "" {
			// The text names the host but not the port: use it with the default port.
			hp = net.JoinHostPort(wanted, portOf(hp))
		} else {
			x.cmd(sclientCmd(net.JoinHostPort(wanted, portOf(hp)), wanted))
		}
	}
	x.a["wanted"] = wanted
	switch ex.ID {
	case "NO_SUBJECT_ALT_NAMES":
		ex.Meaning = p.T("explain.noSAN.meaning", "The server certificate has no subjectAltName extension; Java (and Go, Node.js) do not fall back to the common name, Python still does.", x.a)
	case "LEGACY_COMMON_NAME":
		ex.Meaning = p.T("explain.legacyCN.meaning", "The server certificate names the host only in its common name; Go since 1.15 requires a subjectAltName (PyMongo still accepts the common name).", x.a)
	default:
		if v, ok := x.a["valid"]; ok && v != "" {
			ex.Meaning = p.T("explain.hostname.meaningValid", "The server certificate is not valid for {wanted}, the name the client connected to; it is valid for {valid}.", x.a)
		} else {
			ex.Meaning = p.T("explain.hostname.meaning", "The server certificate is not valid for {wanted}, the name the client connected to: no subjectAltName (or, in Python, common name without SANs) matches it.", x.a)
		}
	}
	x.cause(p.T("explain.hostname.c1", "The client connects by an IP address, an alias, a load-balancer or SSH-tunnel name (localhost, 127.0.0.1), or a name missing from the certificate's subjectAltName.", x.a),
		p.T("explain.hostname.c1.confirm", "hostname.match lists the certificate's names and which rule failed for {wanted}.", x.a))
	x.cause(p.T("explain.hostname.c2", "The replica set config (rs.conf() host names) differs from the names in the members' certificates: drivers connect to the names the replica set advertises.", x.a),
		p.T("explain.hostname.c2.confirm", "Compare rs.conf().members[].host with the certificates' names.", x.a))
	x.fix(p.T("explain.hostname.fix", "Connect with a name listed in the certificate, or reissue the certificate with {wanted} in subjectAltName (DNS, or IP for addresses); tlsAllowInvalidHostnames=true only to test.", x.a))
	_ = name
	x.cmd(sclientCmd(hp, hostOnly(hp)) + " | openssl x509 -noout -ext subjectAltName")
	x.checks("hostname.match")
}

// describeHandshakeReset explains a connection reset or closed during the
// TLS handshake: the client did use TLS, so "add tls=true" is never the fix.
func describeHandshakeReset(x *b) {
	p, ex := x.p, x.ex
	hp, name := hostParts(ex.Host)
	ex.Meaning = p.T("explain.handshakeReset.meaning", "The client started a TLS handshake with {host} and the connection was reset (or closed) before the handshake finished, without a TLS alert saying why. The client did use TLS, so adding tls=true changes nothing; no certificate was checked yet.", x.a)
	x.cause(p.T("explain.handshakeReset.c1", "The server does not speak TLS on that port: mongod runs with net.tls.mode disabled (it logs \"SSL handshake received but server is started without SSL support\" and drops the connection), or the port belongs to another service.", x.a),
		p.T("explain.handshakeReset.c1.confirm", "openssl s_client to the port is reset too, or prints \"wrong version number\", instead of showing a certificate; check net.tls.mode in the server's configuration.", x.a))
	x.cause(p.T("explain.handshakeReset.c2", "A proxy, load balancer or firewall on the way resets TLS connections (a filtering or TLS-inspecting device, an IP allow list).", x.a),
		p.T("explain.handshakeReset.c2.confirm", "nc -vz connects (TCP is allowed) but openssl s_client from the same machine is reset; from another network, or from the server itself, the handshake completes.", x.a))
	x.cause(p.T("explain.handshakeReset.c3", "The server refuses the client's TLS versions or cipher suites and drops the connection without an alert (an old server, or net.tls.disabledProtocols leaving only versions the client does not offer).", x.a),
		p.T("explain.handshakeReset.c3.confirm", "openssl s_client with -tls1_2 and with -tls1_3 against the port: one completes, the other is reset; python -c \"import ssl; print(ssl.OPENSSL_VERSION)\" shows the client's OpenSSL.", x.a))
	x.fix(p.T("explain.handshakeReset.fix", "Find which of these with the commands below: connect to the port where mongod speaks TLS, or enable TLS on the server (net.tls.mode requireTLS with a certificate); let TLS through the proxy or firewall; make the TLS versions overlap. Keep tls=true if the server is meant to use TLS.", x.a))
	x.cmd(ncCmd(hp), sclientCmd(hp, name), "openssl s_client -connect "+hp+" -servername "+name+" -tls1_2 </dev/null")
	x.checks("sclient.handshake")
}

// describeClosedAfterTLS explains a closed or reset connection when the
// client used TLS and the text names no failed handshake: the handshake
// completed from the client's side, then the server closed.
func describeClosedAfterTLS(x *b) {
	p, ex := x.p, x.ex
	hp, name := hostParts(ex.Host)
	ex.Meaning = p.T("explain.closedTLS.meaning", "The client used TLS and the server at {host} closed (or reset) the connection without a TLS error on the client's side: the handshake had completed, then the server ended the connection. The client did use TLS, so adding tls=true changes nothing.", x.a)
	x.cause(p.T("explain.closedTLS.c1", "The server rejected the client certificate: with TLS 1.3 the server checks it after the client has finished the handshake, so a missing or untrusted client certificate shows as a closed connection (the mongod log names the reason, \"no SSL certificate provided by peer\" or the verification error).", x.a),
		p.T("explain.closedTLS.c1.confirm", "Read the mongod log at the same time; supply tlsCertificateKeyFile here: key.present and purpose.client check it.", x.a))
	x.cause(p.T("explain.closedTLS.c2", "What answers on that port is not mongod: a TLS proxy or load balancer without a backend, or another TLS service.", x.a),
		p.T("explain.closedTLS.c2.confirm", "openssl s_client shows whose certificate is served; it should be the MongoDB server's.", x.a))
	x.cause(p.T("explain.closedTLS.c3", "The server is at its connection limit (net.maxIncomingConnections) and closes new connections.", x.a),
		p.T("explain.closedTLS.c3.confirm", "The mongod log says \"connection refused because too many open connections\".", x.a))
	x.fix(p.T("explain.closedTLS.fix", "Read the mongod log for this connection; pass a client certificate issued by the server's CA (tlsCertificateKeyFile) when the server requires one; check that the port belongs to mongod. Do not change tls=true.", x.a))
	x.cmd(sclientCmd(hp, name), "openssl s_client -connect "+hp+" -servername "+name+" -cert client.pem -key client.pem </dev/null")
	x.checks("key.present", "purpose.client", "sclient.handshake")
}

func portOf(hp string) string {
	if _, port, err := net.SplitHostPort(hp); err == nil {
		return port
	}
	return "27017"
}

func hostOnly(hp string) string {
	if h, _, err := net.SplitHostPort(hp); err == nil {
		return h
	}
	return hp
}

// describeServerSide explains a certificate error in the server's log: the
// server could not verify the client's certificate.
func describeServerSide(x *b) {
	p, ex := x.p, x.ex
	ex.Meaning = p.T("explain.serverSide.meaning", "mongod/mongos could not verify the certificate the client presented: {text}. This is the server's log, so the certificate at fault is the client's (tlsCertificateKeyFile), checked against the server's net.tls.CAFile.", x.a)
	x.cause(p.T("explain.serverSide.c1", "The client certificate was issued by a CA that is not in the server's CAFile, or its intermediate is missing from the client's PEM file.", x.a),
		p.T("explain.serverSide.c1.confirm", "openssl verify -CAfile <server CAFile> -untrusted <client chain> client.pem on the same files.", x.a))
	x.cause(p.T("explain.serverSide.c2", "The client certificate has expired or lacks clientAuth.", x.a),
		p.T("explain.serverSide.c2.confirm", "Supply tlsCertificateKeyFile here: validity.period and purpose.client name the certificate.", x.a))
	x.fix(p.T("explain.serverSide.fix", "Reissue or complete the client certificate from the CA in the server's net.tls.CAFile (include intermediates in the client PEM), or add that CA to the server's CAFile.", x.a))
	x.cmd("openssl verify -CAfile server-ca.pem -untrusted client-chain.pem -purpose sslclient client.pem")
	x.checks("purpose.client", "validity.period", "key.present")
}

func causeMissingRoots(x *b) {
	p := x.p
	x.cause(p.T("explain.cause.systemRoots", "Python finds no system CA certificates: python.org Python on macOS ships without them until \"Install Certificates.command\" is run, minimal Linux images lack the ca-certificates package, and virtual environments may point SSL_CERT_FILE elsewhere.", x.a),
		p.T("explain.cause.systemRoots.confirm", "Run python -c \"import ssl; print(ssl.get_default_verify_paths())\" and check the file exists; connecting with tlsCAFile=certifi.where() works.", x.a))
}

func causeExpired(x *b) {
	p := x.p
	x.cause(p.T("explain.cause.expired", "The server certificate (or an intermediate) expired and was not renewed, or was renewed but mongod still serves the old one (not restarted or rotateCertificates not run, or one member forgotten).", x.a),
		p.T("explain.cause.expired.confirm", "validity.period names the certificate and its notAfter date; openssl s_client shows what the server serves now.", x.a))
}

func causeClock(x *b) {
	p := x.p
	x.cause(p.T("explain.cause.clock", "The client's clock is wrong (a VM or container with a bad time).", x.a),
		p.T("explain.cause.clock.confirm", "Run date -u on the client and compare.", x.a))
}

// describeSRV explains the DNS lookups of a mongodb+srv:// connection string:
// PyMongo asks for the SRV record _mongodb._tcp.<host> (and a TXT record)
// when MongoClient is created, before any TLS.
func describeSRV(x *b, id string, g []string) {
	p := x.p
	srv := "<cluster host>"
	if id != "SRV_INVALID_HOST" && len(g) > 2 && g[len(g)-1] != "" {
		srv = g[len(g)-1] // the SRV name's host is the last group of these rules
	}
	x.a["srv"] = srv
	dig := []string{"dig +short SRV _mongodb._tcp." + srv, "dig +short TXT " + srv}
	public := "dig @8.8.8.8 +short SRV _mongodb._tcp." + srv
	switch id {
	case "DNS_SRV_NOT_FOUND":
		x.ex.Meaning = p.T("explain.srvNotFound.meaning", "The client looked up the SRV record _mongodb._tcp.{srv} for the mongodb+srv:// connection string, and the DNS answered that no such name exists. PyMongo does this when MongoClient is created, before any connection or TLS.", x.a)
		x.cause(p.T("explain.srvNotFound.c1", "The host name in the connection string is wrong (a typo, a cluster that was renamed or deleted, or a placeholder left in).", x.a),
			p.T("explain.srvNotFound.c1.confirm", "Compare it with the string the Atlas UI (Connect) or the cluster's owner gives; the dig command below fails from any machine.", x.a))
		x.cause(p.T("explain.srvNotFound.c2", "The client's DNS resolver does not answer for that name (a corporate or VPN split-horizon DNS, some routers and container DNS set-ups), while public resolvers do.", x.a),
			p.T("explain.srvNotFound.c2.confirm", "The same query against a public resolver (dig @8.8.8.8) returns the hosts.", x.a))
		x.fix(p.T("explain.srvNotFound.fix", "Correct the host name. If only the client's resolver fails, have its DNS answer SRV and TXT queries, or use the standard mongodb:// string with the hosts listed (Atlas shows it for older drivers).", x.a))
		x.cmd(append(dig, public)...)
	case "DNS_SRV_NO_ANSWER":
		x.ex.Meaning = p.T("explain.srvNoAnswer.meaning", "The name {srv} exists, but the DNS has no SRV record _mongodb._tcp.{srv}: the host is not a mongodb+srv:// seed name.", x.a)
		x.cause(p.T("explain.srvNoAnswer.c1", "The connection string uses mongodb+srv:// with the name of one server (or of a load balancer), not the cluster's SRV name.", x.a),
			p.T("explain.srvNoAnswer.c1.confirm", "dig SRV returns nothing while dig A returns an address.", x.a))
		x.fix(p.T("explain.srvNoAnswer.fix", "Use mongodb:// with that host (and its port), or the cluster's SRV name with mongodb+srv://.", x.a))
		x.cmd(append(dig, "dig +short A "+srv)...)
	case "DNS_RESOLVER_FAILED":
		x.ex.Meaning = p.T("explain.dnsFailed.meaning", "The client could not resolve the mongodb+srv:// records: its DNS servers refused or failed the query, or none is configured.", x.a)
		x.cause(p.T("explain.dnsFailed.c1", "The machine's resolver configuration has no usable name server (containers, some Windows and WSL set-ups, or an /etc/resolv.conf dnspython cannot read).", x.a),
			p.T("explain.dnsFailed.c1.confirm", "The dig commands below fail on the client machine; cat /etc/resolv.conf shows the name servers.", x.a))
		x.fix(p.T("explain.dnsFailed.fix", "Fix the client's DNS configuration, or use the standard mongodb:// string with the hosts listed, which needs no SRV lookup.", x.a))
		x.cmd(append(dig, "cat /etc/resolv.conf")...)
	case "DNS_TIMEOUT":
		x.ex.Meaning = p.T("explain.dnsTimeout.meaning", "The DNS lookup of the mongodb+srv:// records timed out (PyMongo waits up to connectTimeoutMS, 20 s by default), before any connection or TLS.", x.a)
		x.cause(p.T("explain.dnsTimeout.c1", "A firewall or VPN blocks DNS to the configured server, or that server does not answer SRV/TXT queries.", x.a),
			p.T("explain.dnsTimeout.c1.confirm", "dig against the same server times out; against another resolver it answers.", x.a))
		x.fix(p.T("explain.dnsTimeout.fix", "Let the client reach a resolver that answers SRV and TXT queries, or use the standard mongodb:// string with the hosts listed.", x.a))
		x.cmd(append(dig, public)...)
	case "DNSPYTHON_MISSING":
		x.ex.Meaning = p.T("explain.dnspython.meaning", "mongodb+srv:// needs the dnspython package, and the client's Python does not have it (PyMongo before 4.3 did not install it).", x.a)
		x.cause(p.T("explain.dnspython.c1", "PyMongo was installed without the srv extra, or into another environment than the one that runs.", x.a),
			p.T("explain.dnspython.c1.confirm", "python -c \"import dns\" fails with the same interpreter.", x.a))
		x.fix(p.T("explain.dnspython.fix", "Install it for that interpreter: python -m pip install \"pymongo[srv]\" (or upgrade to PyMongo 4.3 or newer, which depends on dnspython).", x.a))
		x.cmd(`python -m pip install "pymongo[srv]"`)
	case "SRV_INVALID_HOST":
		x.a["target"] = "<target>"
		if len(g) > 1 {
			x.a["target"] = g[1]
		}
		x.ex.Meaning = p.T("explain.srvInvalidHost.meaning", "The SRV record names the server {target}, which is not in the domain of the mongodb+srv:// host, so PyMongo refuses it (the SRV targets must share the seed name's parent domain).", x.a)
		x.cause(p.T("explain.srvInvalidHost.c1", "The SRV record points at hosts of another domain (a CNAME set-up, or records copied from another cluster).", x.a),
			p.T("explain.srvInvalidHost.c1.confirm", "dig SRV shows the targets; give that output to certinspect's DNS answer field to see each one judged.", x.a))
		x.fix(p.T("explain.srvInvalidHost.fix", "Publish SRV targets under the seed name's parent domain, or use the standard mongodb:// string with the hosts listed.", x.a))
		x.cmd(dig...)
	}
	x.checks("uri.srv", "uri.valid")
}
