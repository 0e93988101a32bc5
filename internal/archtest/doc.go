// Package archtest holds the repository's architecture tests: the one-way
// flow of stages (source → discover → extract → resolve → enrich → evaluate
// → render) is checked on the import graph of every package, so the
// package tree keeps telling the truth about the design. It has no code of
// its own.
package archtest
