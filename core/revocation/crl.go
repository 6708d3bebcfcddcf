package revocation

import (
	"bytes"
	"crypto/x509"
	"crypto/x509/pkix"
	encasn1 "encoding/asn1"
	"encoding/base64"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"certinspect/core/certid"

	"golang.org/x/crypto/cryptobyte"
	"golang.org/x/crypto/cryptobyte/asn1"
)

// OIDs of the CRL and entry extensions.
var (
	oidCRLNumber       = encasn1.ObjectIdentifier{2, 5, 29, 20}
	oidReasonCode      = encasn1.ObjectIdentifier{2, 5, 29, 21}
	oidInvalidityDate  = encasn1.ObjectIdentifier{2, 5, 29, 24}
	oidDeltaCRL        = encasn1.ObjectIdentifier{2, 5, 29, 27}
	oidIDP             = encasn1.ObjectIdentifier{2, 5, 29, 28}
	oidCertIssuer      = encasn1.ObjectIdentifier{2, 5, 29, 29}
	oidAKI             = encasn1.ObjectIdentifier{2, 5, 29, 35}
	oidFreshestCRL     = encasn1.ObjectIdentifier{2, 5, 29, 46}
	oidExpiredCertsCRL = encasn1.ObjectIdentifier{2, 5, 29, 60}
	oidAIA             = encasn1.ObjectIdentifier{1, 3, 6, 1, 5, 5, 7, 1, 1}
)

// DER contents of the entry extension OIDs the scan compares without allocating.
var (
	derReasonCode = []byte{0x55, 0x1d, 0x15} // 2.5.29.21
	derCertIssuer = []byte{0x55, 0x1d, 0x1d} // 2.5.29.29
)

var crlExtNames = map[string]string{
	"2.5.29.20":         "CRL number",
	"2.5.29.27":         "delta CRL indicator",
	"2.5.29.28":         "issuing distribution point",
	"2.5.29.35":         "authority key identifier",
	"2.5.29.46":         "freshest CRL",
	"2.5.29.60":         "expired certificates on CRL",
	"1.3.6.1.5.5.7.1.1": "authority information access",
}

// crlDoc is one CRL read far enough to check it; its entries stay raw.
type crlDoc struct {
	info      CRLInfo
	der       []byte
	tbs       []byte
	sigAlg    []byte // outer AlgorithmIdentifier, whole element
	innerAlg  []byte // TBS signature AlgorithmIdentifier, whole element
	sig       []byte
	rawIssuer []byte
	entries   cryptobyte.String // contents of revokedCertificates (nil if absent)
	aki       []byte
	// thisBad, nextBad: thisUpdate, nextUpdate written as OpenSSL cannot
	// read them (no seconds, an offset): errors 15, 16.
	thisBad, nextBad bool
	// akidIssuer, akidSerial: the issuing CA's own issuer and serial as the
	// AKID gives them (certid.AKIDIssuerSerial), "" when it does not.
	akidIssuer, akidSerial string
	critical               bool // an unhandled critical CRL extension (OpenSSL EXFLAG_CRITICAL)
	critNames              []string
	idp                    *IDPInfo
	idpInvalid             bool
	delta                  bool
	// fromStore: the CRL is in another file of the trust store (the tlsCAFile).
	fromStore  bool
	this, next time.Time
	hasNext    bool

	// filled by scan
	scanned     bool
	entryCrit   bool // an entry has an unhandled critical extension
	entryIssuer bool // an entry has a certificateIssuer extension (indirect CRL)
	limitHit    bool
	hits        map[int]entryHit
	signer      *x509.Certificate
	issuerCands []*x509.Certificate
	sigChecked  bool
	sigValid    bool
	sigErr      string
	inputIdx    int
	verified    []verification // signature checks done (verifyWith)
}

type entryHit struct {
	date   time.Time
	reason int // -1 when absent
}

// crlBlock is one CRL found in an input, as DER.
type crlBlock struct {
	der    []byte
	format string
	err    error
	// line is the line of a PEM block's BEGIN line (0: not known).
	line int
}

// splitCRLFile finds the CRLs of a tlsCRLFile: PEM "X509 CRL" blocks, or DER
// CRLs (one or several concatenated). pemCRLs says how many came from PEM,
// which is all PyMongo reads; otherPEM counts other PEM blocks.
func splitCRLFile(data []byte) (blocks []crlBlock, pemCRLs, certs int, isPEM bool) {
	if bytes.Contains(data, []byte("-----BEGIN ")) {
		for _, b := range pemBlocks(data) {
			switch b.typ {
			case "X509 CRL":
				blocks = append(blocks, crlBlock{der: b.der, format: "PEM", err: b.err, line: b.line})
				pemCRLs++
			case "CERTIFICATE", "TRUSTED CERTIFICATE":
				certs++
			}
		}
		return blocks, pemCRLs, certs, true
	}
	s := cryptobyte.String(data)
	for len(s) > 0 {
		var elem cryptobyte.String
		if !s.ReadASN1Element(&elem, asn1.SEQUENCE) {
			blocks = append(blocks, crlBlock{der: s, format: "DER", err: errors.New("not a DER CRL (no ASN.1 SEQUENCE)")})
			break
		}
		blocks = append(blocks, crlBlock{der: elem, format: "DER"})
	}
	return blocks, 0, 0, false
}

type pemBlock struct {
	typ  string
	der  []byte
	err  error
	line int // of the BEGIN marker (1-based)
}

// pemBlocks splits PEM data into blocks. Unlike encoding/pem it finds the END
// line with a forward search and decodes the base64 in one pass, which keeps a
// 50 MB CRL fast; a block with headers or odd spacing falls back to
// encoding/pem. Only "X509 CRL" bodies are decoded.
func pemBlocks(data []byte) []pemBlock {
	var out []pemBlock
	begin := []byte("-----BEGIN ")
	orig := data
	counted, line := 0, 1 // newlines counted up to orig[counted]
	for {
		i := bytes.Index(data, begin)
		if i < 0 {
			return out
		}
		at := len(orig) - len(data) + i
		line += bytes.Count(orig[counted:at], []byte{'\n'})
		counted = at
		rest := data[i+len(begin):]
		j := bytes.Index(rest, []byte("-----"))
		nl := bytes.IndexByte(rest, '\n')
		if j < 0 || (nl >= 0 && nl < j) {
			data = rest
			continue
		}
		typ := string(rest[:j])
		end := []byte("-----END " + typ + "-----")
		k := bytes.Index(rest[j+5:], end)
		if k >= 0 {
			k += j + 5
		}
		if k < 0 {
			out = append(out, pemBlock{typ: typ, err: errors.New("PEM block without its END line"), line: line})
			return out
		}
		body := rest[j+5 : k]
		blockEnd := rest[k+len(end):]
		b := pemBlock{typ: typ, line: line}
		if typ == "X509 CRL" {
			der := make([]byte, base64.StdEncoding.DecodedLen(len(body)))
			n, err := base64.StdEncoding.Decode(der, body)
			if err != nil {
				// Headers, spaces or tabs: let encoding/pem have a go.
				full := data[i : len(data)-len(blockEnd)]
				if pb, _ := pem.Decode(full); pb != nil {
					der, n, err = pb.Bytes, len(pb.Bytes), nil
				}
			}
			if err != nil {
				b.err = fmt.Errorf("bad base64 in PEM block: %v", err)
			} else {
				b.der = der[:n]
			}
		}
		out = append(out, b)
		data = blockEnd
	}
}

// parseCRL reads a CRL's envelope and TBS fields, leaving the entries raw.
func parseCRL(der []byte) (*crlDoc, error) {
	d := &crlDoc{der: der}
	input := cryptobyte.String(der)
	var outer, tbsElem cryptobyte.String
	if !input.ReadASN1(&outer, asn1.SEQUENCE) || !input.Empty() {
		return nil, errors.New("malformed CRL: not one ASN.1 SEQUENCE")
	}
	if !outer.ReadASN1Element(&tbsElem, asn1.SEQUENCE) {
		return nil, errors.New("malformed CRL: no tbsCertList")
	}
	d.tbs = tbsElem
	var alg cryptobyte.String
	if !outer.ReadASN1Element(&alg, asn1.SEQUENCE) {
		return nil, errors.New("malformed CRL: no signatureAlgorithm")
	}
	d.sigAlg = alg
	var sig encasn1.BitString
	var sigBits cryptobyte.String
	if !outer.ReadASN1(&sigBits, asn1.BIT_STRING) || len(sigBits) < 1 || sigBits[0] != 0 {
		return nil, errors.New("malformed CRL: bad signature BIT STRING")
	}
	sig.Bytes = sigBits[1:]
	d.sig = sig.Bytes

	var tbs cryptobyte.String
	tbsCopy := cryptobyte.String(tbsElem)
	if !tbsCopy.ReadASN1(&tbs, asn1.SEQUENCE) {
		return nil, errors.New("malformed CRL: bad tbsCertList")
	}
	d.info.Version = 1
	if tbs.PeekASN1Tag(asn1.INTEGER) {
		var v int64
		if !tbs.ReadASN1Integer(&v) || v < 0 || v > 10 {
			return nil, errors.New("malformed CRL: bad version")
		}
		d.info.Version = int(v) + 1
	}
	var inner cryptobyte.String
	if !tbs.ReadASN1Element(&inner, asn1.SEQUENCE) {
		return nil, errors.New("malformed CRL: no signature algorithm in tbsCertList")
	}
	d.innerAlg = inner
	var issuer cryptobyte.String
	if !tbs.ReadASN1Element(&issuer, asn1.SEQUENCE) {
		return nil, errors.New("malformed CRL: no issuer")
	}
	d.rawIssuer = issuer
	d.info.Issuer = nameString(issuer)
	var err error
	d.thisBad = !openSSLTime(tbs)
	if d.this, err = readTime(&tbs); err != nil {
		return nil, fmt.Errorf("malformed CRL: thisUpdate: %v", err)
	}
	d.info.ThisUpdate = d.this
	if tbs.PeekASN1Tag(asn1.UTCTime) || tbs.PeekASN1Tag(asn1.GeneralizedTime) {
		d.nextBad = !openSSLTime(tbs)
		if d.next, err = readTime(&tbs); err != nil {
			return nil, fmt.Errorf("malformed CRL: nextUpdate: %v", err)
		}
		d.hasNext = true
		n := d.next
		d.info.NextUpdate = &n
	}
	if tbs.PeekASN1Tag(asn1.SEQUENCE) {
		var list cryptobyte.String
		if !tbs.ReadASN1(&list, asn1.SEQUENCE) {
			return nil, errors.New("malformed CRL: bad revokedCertificates")
		}
		d.entries = list
	}
	if tbs.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()) {
		var wrap, exts cryptobyte.String
		if !tbs.ReadASN1(&wrap, asn1.Tag(0).Constructed().ContextSpecific()) || !wrap.ReadASN1(&exts, asn1.SEQUENCE) {
			return nil, errors.New("malformed CRL: bad crlExtensions")
		}
		if err := d.readExtensions(exts); err != nil {
			return nil, err
		}
	}
	if !tbs.Empty() {
		return nil, errors.New("malformed CRL: trailing data in tbsCertList")
	}
	d.info.SignatureAlgorithm = sigAlgName(d.sigAlg)
	if !bytes.Equal(d.sigAlg, d.innerAlg) {
		d.info.Unsupported = append(d.info.Unsupported, "signature algorithm in tbsCertList differs from the outer one")
	}
	d.info.Size = len(der)
	return d, nil
}

func (d *crlDoc) readExtensions(exts cryptobyte.String) error {
	for !exts.Empty() {
		var ext cryptobyte.String
		var oid encasn1.ObjectIdentifier
		var critical bool
		var val cryptobyte.String
		if !exts.ReadASN1(&ext, asn1.SEQUENCE) || !ext.ReadASN1ObjectIdentifier(&oid) {
			return errors.New("malformed CRL: bad extension")
		}
		if ext.PeekASN1Tag(asn1.BOOLEAN) && !ext.ReadASN1Boolean(&critical) {
			return errors.New("malformed CRL: bad extension criticality")
		}
		if !ext.ReadASN1(&val, asn1.OCTET_STRING) {
			return errors.New("malformed CRL: bad extension value")
		}
		id := oid.String()
		e := ExtensionInfo{OID: id, Name: crlExtNames[id], Critical: critical, Supported: true}
		if e.Name == "" {
			e.Name = "unknown extension " + id
			e.Supported = false
		}
		switch {
		case oid.Equal(oidCRLNumber):
			var n big.Int
			v := cryptobyte.String(val)
			if v.ReadASN1Integer(&n) {
				d.info.Number = n.String()
				e.Value = n.String()
			}
		case oid.Equal(oidDeltaCRL):
			var n big.Int
			v := cryptobyte.String(val)
			if v.ReadASN1Integer(&n) {
				d.info.DeltaBaseNumber = n.String()
				e.Value = "base CRL number " + n.String()
			}
			d.delta = true
			d.info.Unsupported = append(d.info.Unsupported, "delta CRL: OpenSSL (and PyMongo) without delta support use it as if it were a complete CRL")
		case oid.Equal(oidIDP):
			d.idp, d.idpInvalid = parseIDP(val)
			if d.idp == nil && !critical {
				// Checked with openssl verify: OpenSSL uses such a CRL as if
				// it had no issuing distribution point.
				d.idpInvalid = false
				d.info.Unsupported = append(d.info.Unsupported, "undecodable issuing distribution point (ignored, as OpenSSL does)")
			}
			d.info.IssuingDistributionPoint = d.idp
			e.Value = idpSummary(d.idp)
			if d.idpInvalid {
				d.info.Unsupported = append(d.info.Unsupported, "invalid issuing distribution point")
			}
			if d.idp != nil && d.idp.IndirectCRL {
				d.info.Unsupported = append(d.info.Unsupported, "indirect CRL (OpenSSL ignores it without extended CRL support)")
			}
			if d.idp != nil && d.idp.OnlySomeReasons {
				d.info.Unsupported = append(d.info.Unsupported, "onlySomeReasons (OpenSSL ignores such a CRL without extended CRL support)")
			}
		case oid.Equal(oidAKI):
			v := cryptobyte.String(val)
			var seq, kid cryptobyte.String
			if v.ReadASN1(&seq, asn1.SEQUENCE) && seq.PeekASN1Tag(asn1.Tag(0).ContextSpecific()) && seq.ReadASN1(&kid, asn1.Tag(0).ContextSpecific()) {
				d.aki = kid
				d.info.AuthorityKeyID = hex.EncodeToString(kid)
				e.Value = d.info.AuthorityKeyID
			}
			d.akidIssuer, d.akidSerial = certid.AKIDIssuerSerial(val)
		case oid.Equal(oidFreshestCRL), oid.Equal(oidExpiredCertsCRL), oid.Equal(oidAIA):
			e.Supported = false
		}
		// OpenSSL (x_crl.c crl_cb) handles only these as critical.
		if critical && !oid.Equal(oidIDP) && !oid.Equal(oidAKI) && !oid.Equal(oidDeltaCRL) {
			d.critical = true
			d.critNames = append(d.critNames, e.Name)
		}
		if !e.Supported {
			d.info.Unsupported = append(d.info.Unsupported, e.Name)
		}
		d.info.Extensions = append(d.info.Extensions, e)
	}
	return nil
}

// parseIDP reads an IssuingDistributionPoint; invalid mirrors OpenSSL's
// IDP_INVALID (more than one "only" flag) and, with a nil info, marks one
// that does not decode.
func parseIDP(val []byte) (_ *IDPInfo, invalid bool) {
	info := &IDPInfo{}
	v := cryptobyte.String(val)
	var seq cryptobyte.String
	if !v.ReadASN1(&seq, asn1.SEQUENCE) {
		return nil, true
	}
	if seq.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()) {
		var dpn cryptobyte.String
		if !seq.ReadASN1(&dpn, asn1.Tag(0).Constructed().ContextSpecific()) {
			return nil, true
		}
		if dpn.PeekASN1Tag(asn1.Tag(0).Constructed().ContextSpecific()) {
			var names cryptobyte.String
			if !dpn.ReadASN1(&names, asn1.Tag(0).Constructed().ContextSpecific()) {
				return nil, true
			}
			for !names.Empty() {
				var gn cryptobyte.String
				var tag asn1.Tag
				if !names.ReadAnyASN1(&gn, &tag) {
					return nil, true
				}
				if tag == asn1.Tag(6).ContextSpecific() {
					info.URIs = append(info.URIs, string(gn))
				} else {
					info.OtherNames = true
				}
			}
		} else {
			info.OtherNames = true // nameRelativeToCRLIssuer
		}
	}
	readFlag := func(n uint8) bool {
		t := asn1.Tag(n).ContextSpecific()
		if !seq.PeekASN1Tag(t) {
			return false
		}
		var b cryptobyte.String
		seq.ReadASN1(&b, t)
		return len(b) == 1 && b[0] != 0
	}
	info.OnlyContainsUserCerts = readFlag(1)
	info.OnlyContainsCACerts = readFlag(2)
	if seq.PeekASN1Tag(asn1.Tag(3).ContextSpecific()) {
		var b cryptobyte.String
		seq.ReadASN1(&b, asn1.Tag(3).ContextSpecific())
		info.OnlySomeReasons = true
	}
	info.IndirectCRL = readFlag(4)
	info.OnlyContainsAttributeCerts = readFlag(5)
	n := 0
	for _, f := range []bool{info.OnlyContainsUserCerts, info.OnlyContainsCACerts, info.OnlyContainsAttributeCerts} {
		if f {
			n++
		}
	}
	if !seq.Empty() {
		return nil, true
	}
	return info, n > 1
}

func idpSummary(i *IDPInfo) string {
	if i == nil {
		return ""
	}
	var parts []string
	parts = append(parts, i.URIs...)
	if i.OtherNames {
		parts = append(parts, "(non-URI names)")
	}
	for _, f := range []struct {
		on   bool
		name string
	}{{i.OnlyContainsUserCerts, "onlyContainsUserCerts"}, {i.OnlyContainsCACerts, "onlyContainsCACerts"},
		{i.OnlySomeReasons, "onlySomeReasons"}, {i.IndirectCRL, "indirectCRL"}, {i.OnlyContainsAttributeCerts, "onlyContainsAttributeCerts"}} {
		if f.on {
			parts = append(parts, f.name)
		}
	}
	return strings.Join(parts, ", ")
}

// target is a certificate whose serial is looked up in a CRL.
type target struct {
	cert   *x509.Certificate
	serial []byte // DER INTEGER contents
	role   string
}

func serialContent(n *big.Int) []byte {
	b, err := encasn1.Marshal(n)
	if err != nil || len(b) < 2 {
		return nil
	}
	s := cryptobyte.String(b)
	var c cryptobyte.String
	if !s.ReadASN1(&c, asn1.INTEGER) {
		return nil
	}
	return c
}

// minimalInt drops redundant leading bytes of a DER INTEGER's contents so that
// a non-minimal encoding in a CRL still matches.
func minimalInt(b []byte) []byte {
	for len(b) > 1 && ((b[0] == 0 && b[1]&0x80 == 0) || (b[0] == 0xff && b[1]&0x80 != 0)) {
		b = b[1:]
	}
	return b
}

// progressFunc reports bytes scanned.
type progressFunc func(done int64)

// readTime reads a UTCTime or GeneralizedTime, leniently (fractions allowed).
// openSSLTime reports whether the time s starts with is written as OpenSSL
// reads X.509 times (certid.X509Time); s is not advanced.
func openSSLTime(s cryptobyte.String) bool {
	var v cryptobyte.String
	var tag asn1.Tag
	return s.ReadAnyASN1(&v, &tag) && certid.X509Time(tag, v)
}

func readTime(s *cryptobyte.String) (time.Time, error) {
	var elem cryptobyte.String
	var tag asn1.Tag
	if !s.ReadAnyASN1Element(&elem, &tag) {
		return time.Time{}, errors.New("missing time")
	}
	var t time.Time
	switch tag {
	case asn1.UTCTime:
		if _, err := encasn1.UnmarshalWithParams(elem, &t, "utc"); err != nil {
			return time.Time{}, err
		}
	case asn1.GeneralizedTime:
		if _, err := encasn1.UnmarshalWithParams(elem, &t, "generalized"); err != nil {
			return time.Time{}, err
		}
	default:
		return time.Time{}, errors.New("not a time")
	}
	return t.UTC(), nil
}

// nameString renders a DER Name as RFC 4514.
func nameString(der []byte) string {
	var rdn pkix.RDNSequence
	if rest, err := encasn1.Unmarshal(der, &rdn); err != nil || len(rest) != 0 {
		return "(unreadable name)"
	}
	return rdn.String()
}

// sameName compares two DER Names as OpenSSL does: byte-equal, or equal in
// the canonical form (case and white space folded in each value).
func sameName(a, b []byte) bool {
	if bytes.Equal(a, b) {
		return true
	}
	if len(a) > 4096 || len(b) > 4096 {
		return false
	}
	return certid.CanonicalName(a) == certid.CanonicalName(b)
}
