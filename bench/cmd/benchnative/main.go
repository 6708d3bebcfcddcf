// Command benchnative is the native side of `make bench` (bench/run.mjs runs it
// in fresh processes):
//
//	benchnative [-root DIR] request typical|roots|crl FILE|json FILE   the request as JSON (core.Request)
//	benchnative [-root DIR] time typical|roots [-n N]         first call and warm median, ms
//	benchnative [-root DIR] crl FILE                          one Inspect: ms and peak memory
//
// Output is one JSON object on stdout.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"

	"certinspect/bench"
	"certinspect/core"
)

func main() {
	root := flag.String("root", ".", "repository root")
	n := flag.Int("n", 30, "warm calls for time")
	flag.Parse()
	a := flag.Args()
	if len(a) < 2 {
		fail("usage: benchnative [-root DIR] [-n N] request typical|roots|crl FILE | time typical|roots | crl FILE")
	}
	switch a[0] {
	case "request":
		req := load(*root, a[1:])
		emit(req)
	case "time":
		req := load(*root, a[1:])
		first := timed(req)
		var warm []float64
		for i := 0; i < *n; i++ {
			warm = append(warm, timed(req))
		}
		emit(map[string]any{"firstMs": first, "warmMs": median(warm), "n": *n})
	case "crl":
		req := load(*root, []string{"crl", a[1]})
		runtime.GC()
		before := status("VmRSS")
		cpu0 := cpuTime()
		start := time.Now()
		rep := core.Inspect(req)
		ms := float64(time.Since(start).Nanoseconds()) / 1e6
		cpuMs := float64((cpuTime() - cpu0).Nanoseconds()) / 1e6
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		ok := rep.Revocation != nil && len(rep.Revocation.CRLs) == 1 && rep.Revocation.CRLs[0].SignatureValid
		entries := int64(0)
		if ok {
			entries = rep.Revocation.CRLs[0].Entries
		}
		emit(map[string]any{
			"ms": ms, "cpuMs": cpuMs, "ok": ok, "entries": entries, "verdict": rep.Verdict.Status,
			"fileBytes": len(req.Files[2].Data), "rssBeforeBytes": before, "peakRssBytes": status("VmHWM"),
			"goSysBytes": m.Sys, "goHeapSysBytes": m.HeapSys,
		})
	default:
		fail("unknown command " + a[0])
	}
}

func load(root string, a []string) core.Request {
	var (
		req core.Request
		err error
	)
	switch a[0] {
	case "typical":
		req, err = bench.Typical(root)
	case "roots":
		req, err = bench.RootStore(root)
	case "crl":
		if len(a) < 2 {
			fail("crl needs a FILE")
		}
		req, err = bench.BigCRL(root, a[1])
	case "json":
		if len(a) < 2 {
			fail("json needs a FILE")
		}
		var b []byte
		if b, err = os.ReadFile(a[1]); err == nil {
			err = json.Unmarshal(b, &req)
		}
	default:
		fail("unknown request " + a[0])
	}
	if err != nil {
		fail(err.Error())
	}
	return req
}

func timed(req core.Request) float64 {
	start := time.Now()
	core.Inspect(req)
	return float64(time.Since(start).Nanoseconds()) / 1e6
}

// cpuTime is the process's user+system CPU time (all threads, GC included).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(v []float64) float64 {
	sort.Float64s(v)
	if len(v) == 0 {
		return 0
	}
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// status reads a "Vm…: N kB" line of /proc/self/status, in bytes (0 if absent).
func status(key string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if v, ok := strings.CutPrefix(line, key+":"); ok {
			f := strings.Fields(v)
			if len(f) > 0 {
				kb, _ := strconv.ParseInt(f[0], 10, 64)
				return kb * 1024
			}
		}
	}
	return 0
}

func emit(v any) {
	enc := json.NewEncoder(os.Stdout)
	if err := enc.Encode(v); err != nil {
		fail(err.Error())
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "benchnative:", msg)
	os.Exit(2)
}
