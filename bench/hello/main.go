// Command hello is the floor for `make bench`: the smallest Go program, built
// for js/wasm exactly like the inspector (-trimpath -ldflags='-s -w').
package main

import "fmt"

func main() { fmt.Println("hello, world") }
