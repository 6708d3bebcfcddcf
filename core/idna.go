package core

import "strings"

// This file converts a host name written in Unicode to the ASCII form
// Python's ssl hands to OpenSSL: SSLContext.wrap_socket encodes
// server_hostname with the "idna" codec (IDNA 2003), so "bücher.example.net"
// is checked as "xn--bcher-kva.example.net". Nameprep is approximated by
// lower-casing (and ß → ss); ASCII labels are kept as written.

// idnaHost returns host in IDNA ASCII form (host itself when it is ASCII).
func idnaHost(host string) string {
	ascii := true
	for i := 0; i < len(host); i++ {
		if host[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return host
	}
	// Python's codec splits on the ideographic and full-width dots too.
	host = strings.NewReplacer("\u3002", ".", "\uff0e", ".", "\uff61", ".").Replace(host)
	labels := strings.Split(host, ".")
	for i, l := range labels {
		labels[i] = idnaLabel(l)
	}
	return strings.Join(labels, ".")
}

func idnaLabel(l string) string {
	for i := 0; i < len(l); i++ {
		if l[i] >= 0x80 {
			l = strings.ReplaceAll(strings.ToLower(l), "ß", "ss")
			for j := 0; j < len(l); j++ {
				if l[j] >= 0x80 {
					return "xn--" + punycode([]rune(l))
				}
			}
			return l
		}
	}
	return l
}

// punycode is RFC 3492's encoder.
func punycode(s []rune) string {
	const (
		base, tmin, tmax, skew, damp = 36, 1, 26, 38, 700
	)
	digit := func(d int) byte {
		if d < 26 {
			return byte('a' + d)
		}
		return byte('0' + d - 26)
	}
	adapt := func(delta, points int, first bool) int {
		if first {
			delta /= damp
		} else {
			delta /= 2
		}
		delta += delta / points
		k := 0
		for delta > ((base-tmin)*tmax)/2 {
			delta /= base - tmin
			k += base
		}
		return k + (base-tmin+1)*delta/(delta+skew)
	}
	var out []byte
	for _, r := range s {
		if r < 0x80 {
			out = append(out, byte(r))
		}
	}
	b := len(out)
	h := b
	if b > 0 {
		out = append(out, '-')
	}
	n, delta, bias := 128, 0, 72
	for h < len(s) {
		m := int(^uint32(0) >> 1)
		for _, r := range s {
			if int(r) >= n && int(r) < m {
				m = int(r)
			}
		}
		delta += (m - n) * (h + 1)
		n = m
		for _, r := range s {
			if int(r) < n {
				delta++
			}
			if int(r) != n {
				continue
			}
			q := delta
			for k := base; ; k += base {
				t := k - bias
				if t < tmin {
					t = tmin
				} else if t > tmax {
					t = tmax
				}
				if q < t {
					break
				}
				out = append(out, digit(t+(q-t)%(base-t)))
				q = (q - t) / (base - t)
			}
			out = append(out, digit(q))
			bias = adapt(delta, h+1, h == b)
			delta = 0
			h++
		}
		delta++
		n++
	}
	return string(out)
}
