package main

import (
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/clausetrack/clausetrack/web"
)

type serveOptions struct {
	addr, token, playbook, by string
}

func newServeCmd(e *env) *cobra.Command {
	opts := &serveOptions{}
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the workspace to a browser: agreements, rights, redlines, search, reviews",
		Long: `Serve runs a web server for the workspace: the agreements and their versions
on a timeline, each agreement's rights ledger, the redline between any two
versions (with filters, and decision buttons when a review covers the pair),
search with facets and clause history, and reviews with their progress and
memo. The same data is served as JSON under /api/, in the contracts the
commands print.

The server binds 127.0.0.1:8080 by default. Any address that is not a
loopback address needs a token (--token, or CLAUSETRACK_TOKEN), which every
request must then carry: open the address once with ?token=TOKEN (a cookie
keeps it), or send 'Authorization: Bearer TOKEN'.

While it runs the server owns the workspace's search index, and records its
process id and address in .clausetrack/serve.json; commands that need the
index say so instead of waiting. Ctrl-C (SIGINT) or SIGTERM stops it after the
requests in flight finish: every decision acknowledged is in the review log.` + exitCodes,
		Example: `  clausetrack serve
  clausetrack serve --workspace ws --addr 127.0.0.1:9000
  CLAUSETRACK_TOKEN=$(openssl rand -hex 16) clausetrack serve --addr 0.0.0.0:8080`,
		Args: exactArgs(0),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runServe(e, cmd, opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.addr, "addr", "127.0.0.1:8080", "the `HOST:PORT` to listen on; not loopback needs --token")
	f.StringVar(&opts.token, "token", "", "the `TOKEN` every request must carry (default: $CLAUSETRACK_TOKEN)")
	f.StringVar(&opts.playbook, "playbook", "", "playbook `FILE` naming the rights to track (default: playbook.yaml in the workspace, if any)")
	f.StringVar(&opts.by, "by", "", "the reviewer's `NAME` for decisions made without one (default: $CLAUSETRACK_USER, else the user name)")
	return cmd
}

func runServe(e *env, cmd *cobra.Command, opts *serveOptions) error {
	token := opts.token
	if token == "" {
		token = e.getenv("CLAUSETRACK_TOKEN")
	}
	if err := web.CheckAddr(opts.addr, token); err != nil {
		return usageError{err}
	}
	w, err := e.workspace(cmd, false)
	if err != nil {
		return err
	}
	pb, err := loadPlaybook(e, w, opts.playbook)
	if err != nil {
		return err
	}
	s, err := web.New(web.Options{Workspace: w, Token: token, Playbook: pb, Reviewer: reviewer(e, opts.by),
		Now: e.now, Log: log.New(e.err, "clausetrack: ", 0)})
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return web.Run(ctx, s, opts.addr, 10*time.Second, func(addr string) {
		fmt.Fprintf(e.err, "clausetrack: serving %s on http://%s/ (Ctrl-C stops)\n", w.Dir, addr)
		if token != "" {
			fmt.Fprintf(e.err, "clausetrack: hint: open http://%s/?token=TOKEN once; the browser keeps it\n", addr)
		}
	})
}
