package revocation

import (
	"bytes"
	"fmt"

	"golang.org/x/crypto/cryptobyte"
)

// scan walks every entry once: counts them, finds the targets' serials and
// notes entry extensions OpenSSL cares about. It builds nothing per entry.
//
// A 1M-entry CRL is a million entries of a few elements each, so the walk
// reads DER with index arithmetic (der) instead of cryptobyte's general
// reader: the same rules, a fifth of the time in wasm. It accepts and refuses
// exactly what the cryptobyte walk did (scan_test.go keeps that walk and
// compares them on fixtures and under fuzzing).
func (d *crlDoc) scan(targets []target, max int, progress progressFunc) error {
	d.scanned = true
	d.hits = map[int]entryHit{}
	list := []byte(d.entries)
	total := len(list)
	var count int64
	for pos := 0; pos < len(list); {
		if count >= int64(max) {
			d.limitHit = true
			break
		}
		tag, es, ee, ok := der(list, pos)
		if !ok || tag != 0x30 {
			return fmt.Errorf("malformed CRL entry %d", count+1)
		}
		pos = ee
		tag, ss, se, ok := der(list[:ee], es) // userCertificate
		if !ok || tag != 0x02 {
			return fmt.Errorf("malformed CRL entry %d", count+1)
		}
		if raw := list[ss:se]; len(raw) == 0 || len(raw) > 1 && (raw[0] == 0 && raw[1]&0x80 == 0 || raw[0] == 0xff && raw[1]&0x80 != 0) {
			// DER: OpenSSL refuses the padding (c2i_ibuf) and the whole file.
			return fmt.Errorf("malformed CRL entry %d: its serial number is not minimally encoded", count+1)
		}
		s := minimalInt(list[ss:se])
		hit := -1
		for i := range targets {
			if bytes.Equal(s, targets[i].serial) {
				hit = i
				break
			}
		}
		tag, _, de, ok := der(list[:ee], se) // revocationDate: list[se:de]
		if !ok || tag != 0x17 && tag != 0x18 {
			return fmt.Errorf("malformed CRL entry %d: no revocation date", count+1)
		}
		reason := -1
		if de < ee {
			tag, xs, xe, ok := der(list[:ee], de) // crlEntryExtensions
			if !ok || tag != 0x30 {
				return fmt.Errorf("malformed CRL entry %d: bad extensions", count+1)
			}
			for x := xs; x < xe; {
				tag, ext, next, ok := der(list[:xe], x)
				if !ok || tag != 0x30 {
					return fmt.Errorf("malformed CRL entry %d: bad extension", count+1)
				}
				x = next
				tag, os, oe, ok := der(list[:next], ext)
				if !ok || tag != 0x06 {
					return fmt.Errorf("malformed CRL entry %d: bad extension", count+1)
				}
				critical, p := false, oe
				if p < next && list[p] == 0x01 { // BOOLEAN: exactly 0x00 or 0xff
					tag, bs, be, ok := der(list[:next], p)
					if !ok || tag != 0x01 || be-bs != 1 || list[bs] != 0 && list[bs] != 0xff {
						return fmt.Errorf("malformed CRL entry %d: bad extension", count+1)
					}
					critical, p = list[bs] == 0xff, be
				}
				tag, vs, ve, ok := der(list[:next], p)
				if !ok || tag != 0x04 {
					return fmt.Errorf("malformed CRL entry %d: bad extension", count+1)
				}
				oid := list[os:oe]
				if bytes.Equal(oid, derCertIssuer) {
					d.entryIssuer = true
				} else if critical {
					d.entryCrit = true
				}
				if hit >= 0 && bytes.Equal(oid, derReasonCode) {
					val := cryptobyte.String(list[vs:ve])
					var e int
					if val.ReadASN1Enum(&e) {
						reason = e
					}
				}
			}
		}
		if _, again := d.hits[hit]; hit >= 0 && !again { // OpenSSL takes the first entry for a serial
			t := cryptobyte.String(list[se:de])
			date, _ := readTime(&t)
			d.hits[hit] = entryHit{date: date, reason: reason}
		}
		count++
		if progress != nil && count&0xffff == 0 {
			progress(int64(pos))
		}
	}
	if progress != nil {
		progress(int64(total))
	}
	d.info.Entries = count
	d.info.EntriesComplete = !d.limitHit
	if d.entryIssuer {
		d.info.Unsupported = append(d.info.Unsupported, "entries with a certificate issuer (indirect CRL)")
	}
	if d.entryCrit {
		d.info.Unsupported = append(d.info.Unsupported, "an entry with an unhandled critical extension")
	}
	return nil
}

// der reads the DER element at b[i:] by cryptobyte's rules (ReadASN1): a
// low tag number, a definite length in the fewest octets (at most four). It
// returns the tag and the bounds of the contents.
func der(b []byte, i int) (tag byte, start, end int, ok bool) {
	if i < 0 || len(b)-i < 2 {
		return 0, 0, 0, false
	}
	tag, n := b[i], int(b[i+1])
	if tag&0x1f == 0x1f {
		return 0, 0, 0, false
	}
	start = i + 2
	if n&0x80 != 0 {
		ll := n & 0x7f
		if ll == 0 || ll > 4 || len(b)-start < ll {
			return 0, 0, 0, false
		}
		n = 0
		for _, c := range b[start : start+ll] {
			n = n<<8 | int(c)
		}
		if n < 0x80 || n>>((ll-1)*8) == 0 {
			return 0, 0, 0, false
		}
		start += ll
	}
	if n > len(b)-start {
		return 0, 0, 0, false
	}
	return tag, start, start + n, true
}
