// Package rubygems owns the Ruby extractor: Gemfile.lock (and gems.locked)
// files written by Bundler.
//
// Bundler's lockfile format has no grammar outside Bundler's own Ruby code
// and no Go parser worth depending on, so it is parsed here, line by line,
// following the indentation rules Bundler writes: section headers at the
// start of a line (GEM, GIT, PATH, PLUGIN SOURCE, PLATFORMS, DEPENDENCIES,
// CHECKSUMS, RUBY VERSION, BUNDLED WITH), source attributes and "specs:" at
// two spaces, locked gems at four and their dependencies at six.
//
// Every locked gem is a package at the line of its spec. Gems from a GIT
// or PLUGIN SOURCE section carry "gem:source" (the remote) and, for git,
// "gem:revision"; gems from a PATH section carry "gem:path" (when PATH "."
// locks a single gem, from a Gemfile with `gemspec`, that gem also names
// the project). A gem locked for a specific platform ("nokogiri
// (1.16.0-x86_64-linux)") has version 1.16.0, the purl qualifier
// platform=x86_64-linux and "gem:platform". A gem locked for several
// platforms is one package per platform: each is a different artifact with
// its own checksum and, often, its own advisories.
// Dependencies name gems, not platforms, so an edge goes to every platform
// variant of the gem it names.
//
// DEPENDENCIES lists the Gemfile's own dependencies: they are the direct
// dependencies of the project ("!" marks those from a non-rubygems source).
// Gemfile.lock does not record Bundler groups, so every edge is runtime. A
// dependency that no spec locks (a gem for another platform) is reported
// as an unresolved package. CHECKSUMS lines add "gem:checksum". The Ruby
// and Bundler versions are not packages and are skipped.
package rubygems
