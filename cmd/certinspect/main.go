// Command certinspect explains why PyMongo would or would not complete a TLS
// handshake, from the files of a support ticket.
//
//	certinspect [--uri URI] [--tlsCAFile F] [--tlsCertificateKeyFile F] [--tlsCertificateKeyFilePassword P]
//	            [--tlsCRLFile F] [--chain F] [--ocsp F] [--host H]... [--at RFC3339] [--json] [FILE...]
//
// Exit status: 0 no check failed, 1 some check failed, 2 the inputs could not
// be used.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"certinspect/core"
	"certinspect/core/mongouri"
)

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

// usageError is an input problem: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, time.Now))
}

// options are the parsed command line.
type options struct {
	uri, caFile, keyFile, password, crlFile, chain, ocsp, at, errorText, dnsAnswer, lang string
	hosts, ocspExtra                                                                     multiFlag
	json, noColor                                                                        bool
	files                                                                                []string
}

func parseArgs(args []string, stderr io.Writer) (*options, error) {
	o := &options{}
	fs := flag.NewFlagSet("certinspect", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.uri, "uri", "", "MongoDB connection string (mongodb:// or mongodb+srv://)")
	fs.StringVar(&o.caFile, "tlsCAFile", "", "CA file PyMongo trusts (PEM)")
	fs.StringVar(&o.keyFile, "tlsCertificateKeyFile", "", "client certificate and key file (PEM)")
	fs.StringVar(&o.password, "tlsCertificateKeyFilePassword", "", "password of the client key")
	fs.StringVar(&o.crlFile, "tlsCRLFile", "", "CRL file")
	fs.StringVar(&o.chain, "chain", "", "server chain (PEM, DER, PKCS#7 or openssl s_client -showcerts output)")
	fs.StringVar(&o.ocsp, "ocsp", "", "OCSP response (DER, PEM or base64)")
	fs.StringVar(&o.errorText, "error-text", "", "the error the customer saw (text, or @FILE to read it from a file)")
	fs.StringVar(&o.dnsAnswer, "dns-answer", "", "for mongodb+srv://: the answer of dig SRV/TXT (text, or @FILE)")
	fs.Var(&o.hosts, "host", "host name to check against the server certificate (repeatable)")
	fs.StringVar(&o.at, "at", "", "evaluate as of this time (RFC 3339), default now")
	fs.BoolVar(&o.json, "json", false, "print the report as JSON")
	fs.StringVar(&o.lang, "lang", "", "language of the report: en or ja (default: from LANG)")
	fs.BoolVar(&o.noColor, "no-color", false, "never colour the output")
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: certinspect [flags] [FILE...]\n\nFlags carry PyMongo's option names. Bare FILEs are sniffed.\n\n")
		fs.PrintDefaults()
	}
	// Flags and FILEs may be mixed: parse, take the next bare argument as a
	// file, and go on.
	rest := normalizeFlags(args)
	for {
		if err := fs.Parse(rest); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		rest = fs.Args()
		if len(rest) == 0 {
			return o, nil
		}
		if rest[0] == "--" {
			o.files = append(o.files, rest[1:]...)
			return o, nil
		}
		o.files = append(o.files, rest[0])
		rest = rest[1:]
	}
}

// normalizeFlags lets users write PyMongo's names in any case, as PyMongo
// itself accepts them (--tlscafile works like --tlsCAFile).
func normalizeFlags(args []string) []string {
	names := []string{"uri", "tlsCAFile", "tlsCertificateKeyFile", "tlsCertificateKeyFilePassword", "tlsCRLFile", "chain", "ocsp", "host", "at", "json", "no-color", "error-text", "dns-answer", "lang"}
	out := make([]string, 0, len(args))
	for i, a := range args {
		if a == "--" {
			return append(out, args[i:]...)
		}
		if strings.HasPrefix(a, "-") {
			body := strings.TrimLeft(a, "-")
			key, val, hasVal := strings.Cut(body, "=")
			for _, n := range names {
				if strings.EqualFold(n, key) {
					a = "--" + n
					if hasVal {
						a += "=" + val
					}
					break
				}
			}
		}
		out = append(out, a)
	}
	return out
}

func run(args []string, stdout, stderr io.Writer, now func() time.Time) int {
	o, err := parseArgs(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(stderr, "certinspect:", err)
		return 2
	}
	req, err := buildRequest(o, now)
	if err != nil {
		fmt.Fprintln(stderr, "certinspect:", err)
		return 2
	}
	rep := core.Inspect(req)
	if o.json {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			fmt.Fprintln(stderr, "certinspect:", err)
			return 2
		}
	} else {
		renderText(stdout, rep, useColor(stdout, o.noColor))
	}
	for _, c := range rep.Checks {
		if c.Status == "fail" {
			return 1
		}
	}
	return 0
}

func useColor(w io.Writer, off bool) bool {
	if off || os.Getenv("NO_COLOR") != "" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// maxCLIFileBytes is the largest file the CLI reads; core enforces its own
// documented limits too, but the CLI must not read a huge file into memory
// just to have it refused.
const maxCLIFileBytes = 128 << 20

func readFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, usageError{fmt.Sprintf("%s: no such file", path)}
		}
		return nil, usageError{fmt.Sprintf("%s: %v", path, err)}
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.IsDir() {
		return nil, usageError{fmt.Sprintf("%s is a directory; give the file inside it", path)}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxCLIFileBytes+1))
	if err != nil {
		return nil, usageError{fmt.Sprintf("%s: %v", path, err)}
	}
	if len(data) > maxCLIFileBytes {
		return nil, usageError{fmt.Sprintf("%s is larger than %d MiB; certinspect does not read files that large", path, maxCLIFileBytes>>20)}
	}
	return data, nil
}

func buildRequest(o *options, now func() time.Time) (core.Request, error) {
	req := core.Request{URI: o.uri, KeyPassword: o.password, Hosts: o.hosts, ErrorText: o.errorText, Lang: o.lang}
	for _, v := range []*string{&o.errorText, &o.dnsAnswer} {
		if strings.HasPrefix(*v, "@") {
			data, err := readFile((*v)[1:])
			if err != nil {
				return req, err
			}
			*v = string(data)
		}
	}
	req.ErrorText, req.DNSAnswer = o.errorText, o.dnsAnswer
	if req.Lang == "" {
		req.Lang = os.Getenv("LANG") // "ja_JP.UTF-8" → ja; anything else → en
	}
	if o.at != "" {
		t, err := time.Parse(time.RFC3339, o.at)
		if err != nil {
			return req, usageError{fmt.Sprintf("--at %q is not an RFC 3339 time (for example 2026-06-01T00:00:00Z)", o.at)}
		}
		req.At = t
	} else {
		req.At = now().UTC().Truncate(time.Second)
	}
	add := func(path string, role core.Role) error {
		if path == "" {
			return nil
		}
		data, err := readFile(path)
		if err != nil {
			return err
		}
		req.Files = append(req.Files, core.File{Name: path, Role: role, Data: data})
		return nil
	}
	for _, f := range []struct {
		path string
		role core.Role
	}{
		{o.caFile, core.RoleCAFile}, {o.keyFile, core.RoleCertKeyFile}, {o.crlFile, core.RoleCRLFile},
		{o.chain, core.RoleServerChain}, {o.ocsp, core.RoleOCSPResponse},
	} {
		if err := add(f.path, f.role); err != nil {
			return req, err
		}
	}
	for _, f := range o.files {
		if err := add(f, core.RoleAuto); err != nil {
			return req, err
		}
	}
	// Files named in the connection string (tlsCAFile=...) are read from
	// disk when no flag gave that role; a path that does not exist here is
	// simply reported as not supplied.
	if o.uri != "" {
		given := map[core.Role]bool{}
		for _, f := range req.Files {
			given[f.Role] = true
		}
		r := mongouri.Parse(o.uri)
		for _, opt := range []struct {
			name string
			role core.Role
		}{{"tlsCAFile", core.RoleCAFile}, {"tlsCertificateKeyFile", core.RoleCertKeyFile}, {"tlsCRLFile", core.RoleCRLFile}} {
			path := r.Files[opt.name]
			if path == "" || given[opt.role] {
				continue
			}
			if data, err := readFile(path); err == nil {
				req.Files = append(req.Files, core.File{Name: path, Role: core.RoleAuto, Data: data}) // core gives it the role the string names, as the API does
			}
		}
	}
	if len(req.Files) == 0 && req.URI == "" && req.ErrorText == "" {
		return req, usageError{"nothing to inspect: give --uri, --chain, --tlsCAFile, ... or files (see --help)"}
	}
	return req, nil
}
