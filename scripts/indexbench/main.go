// Command indexbench measures the clause index: how fast versions are
// indexed, the peak memory of indexing, and how long searches take on the
// index it built.
//
//	go run ./scripts/indexbench                  # 200,000 clauses
//	go run ./scripts/indexbench -clauses 100000  # the ingest memory budget
//
// Each agreement is a generated pair of versions (internal/gen) of about
// 2,000 clauses each, generated and segmented (clauses.Segment) and
// indexed by index.Put (batches of index.ChunkSize clauses), two versions
// at a time, as reindex does; the time counts all of it. Peak memory is
// given three ways: the peak RSS, and its two parts sampled every 20 ms,
// anonymous memory (the Go heap and runtime) and resident pages of the
// index files Bleve maps (page cache the kernel can drop). Searches run 200 times each, after
// one warm-up, on every version and on the latest version of each
// agreement; the figures are the 50th and 99th percentiles.
package main

import (
	"flag"
	"fmt"
	"io/fs"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/clausetrack/clausetrack/clauses"
	"github.com/clausetrack/clausetrack/index"
	"github.com/clausetrack/clausetrack/internal/gen"
)

func main() {
	total := flag.Int("clauses", 200000, "clauses to index, about")
	per := flag.Int("per", 2000, "clauses per version, about")
	dir := flag.String("dir", "", "index folder (default: a temporary one, removed at the end)")
	runs := flag.Int("runs", 200, "runs of each query")
	gcPercent := flag.Int("gcpercent", 400, "GC percent, as clausetrack sets it")
	memLimit := flag.Int("memlimit", 250, "soft memory limit in `MB`, as clausetrack sets it (0: none)")
	searchOnly := flag.Bool("search-only", false, "only search the index already in -dir")
	chunk := flag.Int("chunk", index.ChunkSize, "clauses a batch")
	putters := flag.Int("putters", 2, "versions indexed at a time")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the ingest to `FILE`")
	flag.Parse()
	index.ChunkSize = *chunk
	nPutters = *putters
	log.SetFlags(0)
	debug.SetGCPercent(*gcPercent)
	if *memLimit > 0 {
		debug.SetMemoryLimit(int64(*memLimit) << 20)
	}
	if *dir == "" {
		d, err := os.MkdirTemp("", "indexbench-")
		if err != nil {
			log.Fatal(err)
		}
		defer os.RemoveAll(d)
		*dir = d
	}
	if !*searchOnly {
		ingest(*dir, *total, *per, *cpuprofile)
	}
	// The searches run on the index opened read-only, as a search
	// command opens it, with the heap the ingest left behind collected.
	runtime.GC()
	x, err := index.Open(*dir, true)
	if err != nil {
		log.Fatal(err)
	}
	queries := []index.Query{
		{Text: "indemnify"},
		{Text: "confidential information"},
		{Text: `"undisputed Fees"`},
		{Text: "terminate notice"},
		{Text: "audit", Changed: true},
		{Text: "+text:warrant -text:fees", Syntax: true},
		{Text: "indemnify", Facets: true},
	}
	fmt.Printf("%-34s %-8s %8s %9s %8s %8s\n", "query", "versions", "hits", "clauses", "p50 ms", "p99 ms")
	for _, scope := range []string{"latest", "all"} {
		for _, q := range queries {
			q.Limit = 20
			if scope == "latest" {
				q.Latest = true
			}
			res, err := x.Search(q)
			if err != nil {
				log.Fatal(err)
			}
			times := make([]float64, *runs)
			for i := range times {
				t0 := time.Now()
				if _, err := x.Search(q); err != nil {
					log.Fatal(err)
				}
				times[i] = float64(time.Since(t0).Microseconds()) / 1000
			}
			slices.Sort(times)
			name := fmt.Sprintf("%q", q.Text)
			if q.Facets {
				name += " + facets"
			}
			fmt.Printf("%-34s %-8s %8d %9d %8.2f %8.2f\n", name, scope, res.Total, res.Clauses,
				times[len(times)/2], times[len(times)*99/100])
		}
	}
	if err := x.Close(); err != nil {
		log.Fatal(err)
	}
	size, clauses := dirSize(filepath.Join(*dir, "gen-1")), 0
	if n, err := os.ReadFile(filepath.Join(*dir, "clauses")); err == nil {
		clauses, _ = strconv.Atoi(string(n))
	}
	if clauses > 0 {
		fmt.Printf("index: %.1f MB, %d bytes a clause\n", float64(size)/(1<<20), size/int64(clauses))
	}
	// grep printing every matching line of the same texts (every
	// version), for scale.
	for _, tool := range [][]string{{"grep", "-r", "-i", "-w"}, {"rg", "-i", "-w"}} {
		if _, err := exec.LookPath(tool[0]); err != nil {
			continue
		}
		for _, word := range []string{"indemnify", "audit"} {
			times := make([]float64, 9)
			for i := range times {
				cmd := exec.Command(tool[0], append(tool[1:], word, filepath.Join(*dir, "texts"))...)
				t0 := time.Now()
				cmd.Run()
				times[i] = float64(time.Since(t0).Microseconds()) / 1000
			}
			slices.Sort(times)
			fmt.Printf("%s %s over every version's text: median %.1f ms\n", strings.Join(tool, " "), word, times[len(times)/2])
		}
	}
}

var nPutters int

// rss returns the process's resident anonymous memory and resident
// mapped files, in kB, from /proc (zero elsewhere).
func rss() (anon, file int) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		n, _ := strconv.Atoi(f[1])
		switch f[0] {
		case "RssAnon:":
			anon = n
		case "RssFile:", "RssShmem:":
			file += n
		}
	}
	return anon, file
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// ingest indexes about total generated clauses into a new index in dir
// and prints the rate and the peak RSS.
func ingest(dir string, total, per int, cpuprofile string) {
	// The same texts as files, for grep to search.
	texts := filepath.Join(dir, "texts")
	if err := os.MkdirAll(texts, 0o755); err != nil {
		log.Fatal(err)
	}
	x, err := index.Create(dir)
	if err != nil {
		log.Fatal(err)
	}

	if cpuprofile != "" {
		f, err := os.Create(cpuprofile)
		if err != nil {
			log.Fatal(err)
		}
		pprof.StartCPUProfile(f)
	}
	// Two versions are indexed at a time, as indexer.Sync does; the
	// versions are generated and segmented beside them.
	indexed, versions := 0, 0
	jobs := make(chan index.Version)
	var wg sync.WaitGroup
	for range nPutters {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range jobs {
				if err := x.Put(v); err != nil {
					log.Fatal(err)
				}
			}
		}()
	}
	stop := make(chan struct{})
	var peakAnon, peakFile int
	go func() {
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				anon, file := rss()
				peakAnon, peakFile = max(peakAnon, anon), max(peakFile, file)
			}
		}
	}()
	start := time.Now()
	for a := 0; indexed < total; a++ {
		old, new, _ := gen.Pair(per, gen.Options{Seed: uint64(a + 1)})
		agreement := fmt.Sprintf("deal-%03d", a)
		for k, text := range [][]byte{old, new} {
			label := []string{"2019", "2023"}[k]
			doc := clauses.Segment(&clauses.Source{Name: label + ".txt", Format: "txt", Text: text})
			v := index.Version{Agreement: agreement, Label: label, Seq: k + 1, Stamp: label}
			for i, c := range doc.Clauses() {
				kind := "original"
				if k == 1 {
					kind = []string{"unchanged", "modified"}[i%2]
				}
				v.Docs = append(v.Docs, index.Doc{Agreement: agreement, Version: label, Seq: k + 1, Date: label,
					Clause: c.ID, Number: c.Number, Heading: c.Heading, Text: string(doc.Text[c.Body.Start:c.Body.End]),
					Level: c.Level, Order: i, Lineage: "2019/" + c.ID, Kind: kind, Parties: []string{"the Provider", "the Lab"}})
			}
			if err := os.WriteFile(filepath.Join(texts, agreement+"-"+label+".txt"), text, 0o644); err != nil {
				log.Fatal(err)
			}
			jobs <- v
			indexed += len(v.Docs)
			versions++
		}
	}
	close(jobs)
	wg.Wait()
	close(stop)
	os.WriteFile(filepath.Join(dir, "clauses"), []byte(strconv.Itoa(indexed)), 0o644)
	spent := time.Since(start)
	if cpuprofile != "" {
		pprof.StopCPUProfile()
	}
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	fmt.Printf("ingest: %d clauses in %d versions in %.1f s: %.0f clauses/s; peak RSS %d MB (GOMAXPROCS %d)\n",
		indexed, versions, spent.Seconds(), float64(indexed)/spent.Seconds(), ru.Maxrss/1024, runtime.GOMAXPROCS(0))
	fmt.Printf("ingest memory: peak anonymous %d MB (the heap and what Go holds), peak mapped index files %d MB (page cache, sampled every 20 ms)\n",
		peakAnon>>10, peakFile>>10)

	if err := x.Close(); err != nil {
		log.Fatal(err)
	}
}
