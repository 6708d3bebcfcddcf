#!/bin/sh
# The openssl commands a support engineer runs by hand for the typical ticket,
# to reach the verdicts certinspect gives in one call (bench/run.mjs times this
# script against the CLI). Each step's output is what the engineer reads; a
# failing step does not stop the sequence.
#   sh bench/openssl-steps.sh DIR AT_UNIX
# DIR holds leaf.pem, intermediate.pem, chain.pem (leaf, intermediate, root),
# ca.pem, client.pem (certificate + encrypted key), crl.pem, ocsp.der.
D=$1
AT=$2
PW='correct horse battery staple'
# What is in the chain (names, dates, SANs)?
openssl x509 -in "$D/leaf.pem" -noout -subject -issuer -dates -ext subjectAltName
openssl x509 -in "$D/intermediate.pem" -noout -subject -issuer -dates
# Chain and host name, for each host of the connection string.
openssl verify -attime "$AT" -purpose sslserver -CAfile "$D/ca.pem" -untrusted "$D/chain.pem" -verify_hostname db0.example.net "$D/leaf.pem"
openssl verify -attime "$AT" -purpose sslserver -CAfile "$D/ca.pem" -untrusted "$D/chain.pem" -verify_hostname db1.example.net "$D/leaf.pem"
openssl verify -attime "$AT" -purpose sslserver -CAfile "$D/ca.pem" -untrusted "$D/chain.pem" -verify_ip 192.0.2.10 "$D/leaf.pem"
# The CRL: what it says, then the chain with CRL checking (tlsCRLFile).
openssl crl -in "$D/crl.pem" -noout -issuer -lastupdate -nextupdate
openssl verify -attime "$AT" -crl_check -CAfile "$D/ca.pem" -untrusted "$D/chain.pem" -CRLfile "$D/crl.pem" "$D/leaf.pem"
# The OCSP response: signature, status of the leaf, validity.
openssl ocsp -respin "$D/ocsp.der" -issuer "$D/intermediate.pem" -cert "$D/leaf.pem" -CAfile "$D/ca.pem" -no_nonce
# The client certificate and its encrypted key: decrypt, match, verify.
openssl pkey -in "$D/client.pem" -passin "pass:$PW" -noout
openssl pkey -in "$D/client.pem" -passin "pass:$PW" -pubout | openssl sha256
openssl x509 -in "$D/client.pem" -noout -pubkey | openssl sha256
openssl verify -attime "$AT" -purpose sslclient -CAfile "$D/ca.pem" -untrusted "$D/intermediate.pem" "$D/client.pem"
