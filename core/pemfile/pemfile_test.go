package pemfile

import (
	"strings"
	"testing"
)

func TestRead(t *testing.T) {
	const body = "QUJD\nREVG\n" // "ABCDEF"
	tests := []struct {
		name   string
		in     string
		types  []string // blocks read, in order
		reason Reason   // "" when the end of the file was reached cleanly
		line   int      // line of the error
	}{
		{"one block", "-----BEGIN CERTIFICATE-----\n" + body + "-----END CERTIFICATE-----\n", []string{"CERTIFICATE"}, "", 0},
		{"text around", "hello\n-----BEGIN X-----\n" + body + "-----END X-----\nbye\n", []string{"X"}, "", 0},
		{"indented begin is not seen", "  -----BEGIN X-----\n" + body + "-----END X-----\n", nil, "", 0},
		{"trailing space and CR", "-----BEGIN X----- \r\n" + body + "-----END X-----\t\r\n", []string{"X"}, "", 0},
		{"BOM on the first line", "\xef\xbb\xbf-----BEGIN X-----\n" + body + "-----END X-----\n", []string{"X"}, "", 0},
		{"BOM on a later line", "a\n\xef\xbb\xbf-----BEGIN X-----\n" + body + "-----END X-----\n", nil, "", 0},
		{"no END line", "-----BEGIN X-----\n" + body, nil, BadEndLine, 3},
		{"END of another type", "-----BEGIN X-----\n" + body + "-----END Y-----\n", nil, BadEndLine, 4},
		{"bad character", "-----BEGIN X-----\nQU*D\n-----END X-----\n", nil, BadBase64, 3},
		{"length not a multiple of 4", "-----BEGIN X-----\nQUJ\n-----END X-----\n", nil, BadBase64, 3},
		{"data after padding", "-----BEGIN X-----\nQQ==QUJD\n-----END X-----\n", nil, BadBase64, 3},
		{"second block broken stops the file", "-----BEGIN X-----\n" + body + "-----END X-----\n-----BEGIN Y-----\n!\n-----END Y-----\n", []string{"X"}, BadBase64, 7},
		{"blank line before END leaves no body", "-----BEGIN X-----\n" + body + "\n-----END X-----\n", nil, NoData, 5},
		{"two blank lines", "-----BEGIN X-----\n\n\n" + body + "-----END X-----\n", nil, BadEndLine, 3},
		{"short line in an encrypted body", "-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\n\nQUJD\nREVG\n-----END X-----\n", nil, BadEndLine, 5},
		{"nested BEGIN ends the data", "-----BEGIN X-----\nQUJD\n-----BEGIN X-----\nREVG\n-----END X-----\n", []string{"X"}, "", 0},
		{"long line", "-----BEGIN X-----\n" + strings.Repeat("QUJD", 100) + "\n-----END X-----\n", []string{"X"}, "", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			blocks, err := Read([]byte(tc.in))
			var types []string
			for _, b := range blocks {
				types = append(types, b.Type)
			}
			if strings.Join(types, ",") != strings.Join(tc.types, ",") {
				t.Errorf("blocks %q, want %q", types, tc.types)
			}
			switch {
			case tc.reason == "" && err != nil:
				t.Errorf("error %+v, want none", *err)
			case tc.reason != "" && err == nil:
				t.Errorf("no error, want %s", tc.reason)
			case err != nil && (err.Reason != tc.reason || err.Line != tc.line):
				t.Errorf("error %s at line %d, want %s at line %d", err.Reason, err.Line, tc.reason, tc.line)
			}
		})
	}
}

func TestReadDecodes(t *testing.T) {
	blocks, err := Read([]byte("-----BEGIN X-----\nQUJD\n REVG \n-----END X-----\n"))
	if err != nil || len(blocks) != 1 || string(blocks[0].Bytes) != "ABCDEF" || blocks[0].Line != 1 {
		t.Fatalf("got %+v, %v", blocks, err)
	}
}

func TestLoadStoreHeaderFails(t *testing.T) {
	s := LoadStore([]byte("-----BEGIN CERTIFICATE-----\nComment: x\n\nQUJD\n-----END CERTIFICATE-----\n"))
	if !s.Fails() || s.BadHeader == nil {
		t.Fatalf("a certificate block with a header must fail the load: %+v", s)
	}
	s = LoadStore([]byte("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nQUJD\n-----END RSA PRIVATE KEY-----\n"))
	if s.Fails() || len(s.Keys) != 1 {
		t.Fatalf("an encrypted key in a CA file is read and left alone: %+v", s)
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte("-----BEGIN CERTIFICATE-----\nQUJD\n-----END CERTIFICATE-----\n"))
	f.Add([]byte("\xef\xbb\xbf-----BEGIN X-----\nProc-Type: 4,ENCRYPTED\n\nQUJD\n\n-----END X-----"))
	f.Add([]byte("-----BEGIN TRUSTED CERTIFICATE-----\nMAMCAQcwDDAKBggrBgEFBQcDAQ==\n-----END TRUSTED CERTIFICATE-----\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		blocks, err := Read(data)
		for _, b := range blocks {
			if b.Line < 1 || len(b.Bytes) == 0 {
				t.Fatalf("block %+v", b)
			}
			// Any body may be a TRUSTED CERTIFICATE's: the certificate is
			// always a prefix of it.
			if cert, _, _ := SplitTrusted(b.Bytes); len(cert) > len(b.Bytes) || string(cert) != string(b.Bytes[:len(cert)]) {
				t.Fatalf("SplitTrusted: % x is not a prefix of % x", cert, b.Bytes)
			}
		}
		if err != nil && err.Line < err.BeginLine {
			t.Fatalf("error %+v", *err)
		}
		LoadStore(data)
		LoadChain(data)
	})
}
