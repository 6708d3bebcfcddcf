package main

// genRevocation writes CRL and OCSP fixtures (filled in by the revocation work).
func genRevocation(p *PKI) {}
