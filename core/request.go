package core

import "time"

// Role says what a supplied file is for. It decides trust: a CA file is trusted,
// a server chain is not.
type Role string

const (
	RoleAuto         Role = "auto"
	RoleCAFile       Role = "tlsCAFile"
	RoleCertKeyFile  Role = "tlsCertificateKeyFile"
	RoleCRLFile      Role = "tlsCRLFile"
	RoleServerChain  Role = "serverChain"
	RoleOCSPResponse Role = "ocspResponse"
	// RoleErrorText is a pasted error message: it goes to the explainer.
	RoleErrorText Role = "errorText"
)

// Roles lists the valid roles, in the order front ends offer them.
var Roles = []Role{RoleAuto, RoleServerChain, RoleCAFile, RoleCertKeyFile, RoleCRLFile, RoleOCSPResponse, RoleErrorText}

// Valid reports whether r is a known role ("" counts as auto).
func (r Role) Valid() bool {
	if r == "" {
		return true
	}
	for _, k := range Roles {
		if r == k {
			return true
		}
	}
	return false
}

// File is one supplied input.
type File struct {
	Name string `json:"name"`
	Role Role   `json:"role,omitempty"`
	// Data is the file's content (base64 in JSON).
	Data []byte `json:"data"`
	// Pasted says Data is text pasted from a ticket, not the customer's
	// file: its layout (a mail reply's quoting, indentation) may come from
	// the copy, so what would stop PyMongo loading such a file is a warning.
	Pasted bool `json:"pasted,omitempty"`
}

// Request is everything a front end hands to Inspect.
type Request struct {
	// URI is the connection string (optional).
	URI   string `json:"uri,omitempty"`
	Files []File `json:"files,omitempty"`
	// KeyPassword is tlsCertificateKeyFilePassword when given outside the URI.
	// It is never echoed into the report.
	KeyPassword string `json:"keyPassword,omitempty"`
	// Hosts to check against the server certificate; when empty, the hosts of
	// the connection string.
	Hosts []string `json:"hosts,omitempty"`
	// At is the evaluation time. The zero value is refused by front ends: they
	// set it (to now, unless the user chose a date).
	At time.Time `json:"at"`
	// ErrorText is the error the customer saw, pasted (optional).
	ErrorText string `json:"errorText,omitempty"`
	// DNSAnswer is a pasted answer for a mongodb+srv lookup (optional).
	DNSAnswer string `json:"dnsAnswer,omitempty"`
	// Lang is the report's language: "en" (default) or "ja".
	Lang string `json:"lang,omitempty"`

	// Progress, when set, is called as long work (a large CRL scan) advances.
	Progress func(stage string, done, total int64) `json:"-"`
}
