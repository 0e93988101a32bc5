package golang

import (
	"bytes"
	"context"
	"debug/buildinfo"
	"encoding/binary"
	"fmt"
	"io"
	"path"
	"runtime/debug"
	"strings"

	"github.com/ossaudit/ossaudit/internal/diag"
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/model"
)

// Binary reads the build information of Go executables.
type Binary struct{}

// Name implements extract.Extractor.
func (Binary) Name() string { return "golang/binary" }

// Ecosystem implements extract.Extractor.
func (Binary) Ecosystem() model.Ecosystem { return model.Go }

// Kind implements extract.Extractor.
func (Binary) Kind() extract.Kind { return extract.KindBinary }

// Description implements extract.Extractor.
func (Binary) Description() string {
	return "Go modules: build information of Go executables (ELF, Mach-O, PE, Plan 9), found by content"
}

// Match implements extract.Extractor: binaries are found by Sniff, never by
// name.
func (Binary) Match(string) bool { return false }

// Sniff implements extract.Sniffer: it accepts the executable formats Go
// builds.
func (Binary) Sniff(h []byte) bool {
	switch {
	case bytes.HasPrefix(h, []byte("\x7fELF")),
		bytes.HasPrefix(h, []byte("MZ")),
		bytes.HasPrefix(h, []byte{0xfe, 0xed, 0xfa, 0xce}), bytes.HasPrefix(h, []byte{0xce, 0xfa, 0xed, 0xfe}),
		bytes.HasPrefix(h, []byte{0xfe, 0xed, 0xfa, 0xcf}), bytes.HasPrefix(h, []byte{0xcf, 0xfa, 0xed, 0xfe}),
		bytes.HasPrefix(h, []byte{0xca, 0xfe, 0xba, 0xbe}): // Mach-O universal
		return true
	}
	if len(h) >= 4 {
		switch binary.BigEndian.Uint32(h) {
		case 0x01eb, 0x8a97, 0x0647: // Plan 9 386, amd64, arm
			return true
		}
	}
	return false
}

// Extract implements extract.Extractor.
func (Binary) Extract(ctx context.Context, in *extract.Input) (*extract.Result, error) {
	bi, err := readBuildInfo(in)
	if err != nil {
		if strings.Contains(err.Error(), notGoExe) {
			// A valid executable built by another compiler: nothing to
			// report, and nothing wrong.
			return &extract.Result{}, nil
		}
		return nil, err
	}
	return buildInfoResult(in.Path, bi), nil
}

// notGoExe is the message of debug/buildinfo's (unexported) error for a
// well-formed executable without Go build information.
const notGoExe = "not a Go executable"

// readBuildInfo reads the build information of the binary at in.Path,
// straight from the file when it allows random access, else from a copy in
// memory within the size cap.
func readBuildInfo(in *extract.Input) (*debug.BuildInfo, error) {
	f, err := in.FS.Open(in.Path)
	if err != nil {
		return nil, fmt.Errorf("reading go binary: %w", err)
	}
	defer f.Close()
	var r io.ReaderAt
	if ra, ok := f.(io.ReaderAt); ok {
		r = ra
	} else {
		data, err := in.ReadFile()
		if err != nil {
			return nil, fmt.Errorf("reading go binary: %w", err)
		}
		r = bytes.NewReader(data)
	}
	bi, err := buildinfo.Read(r)
	if err != nil {
		return nil, diag.At(in.Path, 0, 0, "reading go build information: %v", err)
	}
	return bi, nil
}

// buildInfoResult maps the build information of the binary at file.
func buildInfoResult(file string, bi *debug.BuildInfo) *extract.Result {
	b := newBuilder()
	loc := model.Location{Path: file}
	proj := model.Project{
		ID:        extract.ProjectID(model.Go, path.Dir(file), path.Base(file)),
		Ecosystem: model.Go,
		Name:      bi.Main.Path,
		Dir:       path.Dir(file),
		Sources:   []string{file},
	}
	if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		proj.Version = bi.Main.Version
	}
	if bi.Main.Path != "" {
		u := modulePURL(bi.Main.Path, proj.Version)
		proj.PURL = u.ToString()
	} else {
		proj.Name = path.Base(file)
	}
	b.res.Projects = append(b.res.Projects, proj)
	for _, d := range bi.Deps {
		if d == nil || d.Path == "" {
			continue
		}
		b.res.AddEdge(proj.ID, b.add(depPackage(d, loc)), model.ScopeRuntime)
	}
	if v := stdlibVersion(bi.GoVersion); v != "" && v[0] >= '0' && v[0] <= '9' { // not "devel ..."
		b.res.AddEdge(proj.ID, b.add(newStdlib(v, loc)), model.ScopeRuntime)
	}
	return b.res
}

// depPackage maps one dependency of a binary, following its replacement.
func depPackage(d *debug.Module, loc model.Location) model.Package {
	var p model.Package
	sum := d.Sum
	switch r := d.Replace; {
	case r == nil:
		p = newModule(d.Path, d.Version, loc)
	case r.Version == "": // local folder
		p = extract.Unresolved(newModule(d.Path, "", loc), r.Path, "replaced by a local folder")
		sum = ""
	default:
		p = newModule(r.Path, r.Version, loc)
		sum = r.Sum
	}
	if d.Replace != nil {
		replaces := d.Path
		if d.Version != "" {
			replaces += "@" + d.Version
		}
		setProp(&p, "go:replaces", replaces)
	}
	if d.Version == "" && d.Replace == nil {
		p = extract.Unresolved(newModule(d.Path, "", loc), "", "no version recorded in the binary")
	}
	if sum != "" {
		setProp(&p, "go:sum", sum)
	}
	return p
}
