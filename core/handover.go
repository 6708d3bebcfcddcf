package core

import (
	"fmt"
	"net"
	"strconv"
	"strings"

	"certinspect/core/i18n"
	"certinspect/core/mongouri"
	"certinspect/core/pemfile"
	"certinspect/core/shell"
)

// Handover is what an engineer copies into the ticket: the client code and
// connection string that match the customer's settings (corrected), and the
// commands that gather what is missing or reproduce the verdict elsewhere.
// Secrets are always placeholders.
type Handover struct {
	// ConnectionString is the corrected string (PyMongo 4 names, booleans
	// PyMongo reads, no verification-weakening options, secrets as
	// placeholders).
	ConnectionString string                `json:"connectionString,omitempty"`
	Corrections      []mongouri.Correction `json:"corrections,omitempty"`
	// PyMongo is Python code that connects with these settings.
	PyMongo string `json:"pymongo"`
	// Mongosh is the equivalent mongosh command line.
	Mongosh string `json:"mongosh"`
	// Commands gather evidence or reproduce the verdict with OpenSSL.
	Commands []HandoverCommand `json:"commands"`
}

// HandoverCommand is one command with what it is for.
type HandoverCommand struct {
	Purpose string `json:"purpose"`
	Command string `json:"command"`
}

func pyString(s string) string { return strconv.Quote(s) }

// suppliedFileOptions maps TLS file options to the file the engineer supplied
// for them (the path the connection string names, else the file's name).
func (in *inspection) suppliedFileOptions() map[string]string {
	out := map[string]string{}
	for _, it := range in.inputs {
		var opt string
		switch it.role {
		case RoleCAFile:
			opt = "tlsCAFile"
		case RoleCertKeyFile:
			opt = "tlsCertificateKeyFile"
		case RoleCRLFile:
			opt = "tlsCRLFile"
		default:
			continue
		}
		if _, ok := out[opt]; ok {
			continue
		}
		p := it.file.Name
		if in.uri != nil && in.uri.Files[opt] != "" {
			p = in.uri.Files[opt]
		}
		out[opt] = p
	}
	return out
}

func (in *inspection) buildHandover() {
	h := &Handover{}
	files := in.suppliedFileOptions()
	uri := "mongodb://<host>:27017/"
	if in.uri != nil && in.uri.Err == nil {
		uri, h.Corrections = in.uri.Corrected(files)
		h.ConnectionString = uri
	} else if len(in.hosts()) > 0 {
		var hp []string
		for _, x := range in.hosts() {
			hp = append(hp, hostPort(x))
		}
		uri = "mongodb://" + strings.Join(hp, ",") + "/"
	}
	// PyMongo code: the corrected string carries every option, so only the
	// secrets stay outside it (read from the environment).
	var py strings.Builder
	py.WriteString("import os\nfrom pymongo import MongoClient\n\n")
	fmt.Fprintf(&py, "client = MongoClient(\n    %s,\n", pyString(uri))
	// Without a connection string TLS is assumed only where something shows
	// it: TLS files, a server chain, or a pasted error of a TLS handshake;
	// mongosh the same.
	_, hasCA := files["tlsCAFile"]
	_, hasKey := files["tlsCertificateKeyFile"]
	tlsShown := in.tls.enabled && (hasCA || hasKey || anyRole(in.inputs, RoleServerChain) || in.errorShowsTLS())
	if in.uri == nil || in.uri.Err != nil {
		if tlsShown {
			py.WriteString("    tls=True,\n")
		}
		for _, k := range []string{"tlsCAFile", "tlsCertificateKeyFile", "tlsCRLFile"} {
			if f, ok := files[k]; ok {
				fmt.Fprintf(&py, "    %s=%s,\n", k, pyString(f))
			}
		}
	}
	if _, _, given := in.keyPassword(); (given || in.hasEncryptedKey()) && !strings.Contains(uri, mongouri.KeyPasswordPlaceholder) {
		py.WriteString("    tlsCertificateKeyFilePassword=os.environ[\"MONGODB_KEY_PASSWORD\"],\n")
	}
	py.WriteString(")\nprint(client.admin.command(\"ping\"))\n")
	h.PyMongo = py.String()

	mongosh := []string{"mongosh", shell.Quote(uri)}
	if in.uri == nil || in.uri.Err != nil {
		if tlsShown {
			mongosh = append(mongosh, "--tls")
		}
		if hasCA {
			mongosh = append(mongosh, "--tlsCAFile", shell.Quote(files["tlsCAFile"]))
		}
		if hasKey {
			mongosh = append(mongosh, "--tlsCertificateKeyFile", shell.Quote(files["tlsCertificateKeyFile"]))
		}
	}
	h.Mongosh = strings.Join(mongosh, " ")
	h.Commands = in.reproduceCommands(files)
	in.rep.Handover = h
}

// errorShowsTLS reports whether the pasted error shows that the client used TLS.
func (in *inspection) errorShowsTLS() bool {
	for _, e := range in.explanations() {
		if e.UsedTLS() {
			return true
		}
	}
	return false
}

func (in *inspection) hasEncryptedKey() bool {
	for _, it := range in.inputs {
		for _, k := range it.dec.Keys {
			if k.Type == "ENCRYPTED PRIVATE KEY" || k.Headers["Proc-Type"] != "" {
				return true
			}
		}
	}
	return false
}

// reproduceCommands lists the commands that gather what is missing and run
// OpenSSL on the same files, configured as Python's ssl configures it.
func (in *inspection) reproduceCommands(files map[string]string) []HandoverCommand {
	p := in.p
	var out []HandoverCommand
	hosts := in.hosts()
	host := "<host>"
	port := "27017"
	if len(hosts) > 0 {
		host = normalizeHost(hosts[0])
		if hp := hostPort(hosts[0]); strings.LastIndex(hp, ":") > 0 {
			port = hp[strings.LastIndex(hp, ":")+1:]
		}
	}
	out = append(out, HandoverCommand{
		Purpose: p.T("handover.sclient", "See the chain the server really sends (run where the client runs)", nil),
		Command: fmt.Sprintf("openssl s_client -connect %s:%s -servername %s -showcerts </dev/null", host, port, host)})
	ca := files["tlsCAFile"]
	if ca == "" {
		ca = "ca.pem"
	}
	chain := "chain.pem"
	for _, it := range in.inputs {
		if it.role == RoleServerChain {
			chain = it.file.Name
			break
		}
	}
	store := shell.Quote(ca)
	crl := files["tlsCRLFile"]
	if crl != "" {
		// PyMongo loads the CRL file, then the CA file, into one store
		// (certificates and CRLs of both count): so does this command.
		// -CRLfile would read only CRLs and prefer them to the store's.
		store = "pymongo-store.pem"
	}
	verify := []string{"openssl verify", "-CAfile", store, "-untrusted", shell.Quote(chain), "-purpose sslserver -auth_level 2"}
	if crl != "" {
		verify = append([]string{"cat", shell.Quote(crl), shell.Quote(ca), "> pymongo-store.pem &&"}, verify...)
	}
	if host != "<host>" {
		if isIP(host) {
			verify = append(verify, "-verify_ip", host)
		} else {
			verify = append(verify, "-verify_hostname", host)
		}
	}
	verify = append(verify, "-attime", strconv.FormatInt(in.req.At.Unix(), 10))
	if crl != "" {
		verify = append(verify, "-crl_check")
	}
	verify = append(verify, "server.pem")
	out = append(out, HandoverCommand{
		Purpose: p.T("handover.verify", "Reproduce the verdict with OpenSSL (server.pem: the server certificate alone; -attime: the evaluation time)", nil),
		Command: strings.Join(verify, " ")})
	if load, which := loadFilesCommand(files); load != "" {
		out = append(out, HandoverCommand{Purpose: p.T("handover.loadFiles", "Load {files} as PyMongo does, with the client's Python (an error here is the one MongoClient raises)", i18n.Args{"files": which}), Command: load})
	}
	if crl := files["tlsCRLFile"]; crl != "" {
		out = append(out, HandoverCommand{Purpose: p.T("handover.crl", "Read the CRL", nil), Command: "openssl crl -in " + shell.Quote(crl) + " -noout -text"})
	}
	for _, it := range in.inputs {
		if it.role == RoleOCSPResponse {
			out = append(out, HandoverCommand{Purpose: p.T("handover.ocsp", "Read the OCSP response", nil),
				Command: "openssl ocsp -respin " + shell.Quote(it.file.Name) + " -resp_text -noverify"})
			break
		}
	}
	if kf := files["tlsCertificateKeyFile"]; kf != "" {
		out = append(out, HandoverCommand{Purpose: p.T("handover.keymatch", "Check that the key in the key file belongs to its certificate (the two hashes must be equal)", nil),
			Command: fmt.Sprintf("openssl x509 -in %s -noout -pubkey | openssl sha256 && openssl pkey -in %s -pubout | openssl sha256", shell.Quote(kf), shell.Quote(kf))})
	}
	out = append(out,
		HandoverCommand{Purpose: p.T("handover.pyssl", "The OpenSSL that Python (and so PyMongo) uses on the client", nil),
			Command: `python -c "import ssl; print(ssl.OPENSSL_VERSION)"`},
		HandoverCommand{Purpose: p.T("handover.pymongoVersion", "PyMongo's version, and whether PyOpenSSL (OCSP support) is installed", nil),
			Command: `python -c "import pymongo, importlib.util; print(pymongo.version, 'pyopenssl' if importlib.util.find_spec('OpenSSL') else 'stdlib ssl')"`})
	if in.uri != nil && in.uri.SRV {
		for _, c := range in.uri.DNSCommands() {
			out = append(out, HandoverCommand{Purpose: p.T("handover.dns", "Resolve the mongodb+srv records PyMongo looks up", nil), Command: c})
		}
	}
	return out
}

func isIP(h string) bool { return net.ParseIP(h) != nil }

// loadFilesCommand loads the supplied tlsCRLFile and tlsCAFile with Python's
// ssl, in PyMongo's order, and names the options; "" when neither was
// supplied.
func loadFilesCommand(files map[string]string) (cmd, which string) {
	var args, opts []string
	for _, opt := range []string{"tlsCRLFile", "tlsCAFile"} {
		if f := files[opt]; f != "" {
			args, opts = append(args, shell.Quote(f)), append(opts, opt)
		}
	}
	if len(args) == 0 {
		return "", ""
	}
	return pemfile.PythonLoadCommand(args...),
		strings.Join(opts, " + ")
}
