module certinspect

go 1.26.0

require (
	github.com/hack-pad/safejs v0.1.0 // indirect
	github.com/syumai/workers v0.33.0 // indirect
	github.com/youmark/pkcs8 v0.0.0-20240726163527-a2c0da244d78 // indirect
	golang.org/x/crypto v0.59.0 // indirect
	golang.org/x/crypto/x509roots/fallback v0.0.0-20261030153154-30a33513ff6d // indirect
)

godebug x509negativeserial=1
