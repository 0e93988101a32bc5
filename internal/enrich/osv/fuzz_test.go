package osv

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ossaudit/ossaudit/model"
)

// FuzzDecodeRecord checks that the decoder never panics and that a record
// it accepts, encoded again, is accepted again with the same id.
func FuzzDecodeRecord(f *testing.F) {
	files, _ := filepath.Glob("testdata/records/*.json")
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"id":"X","modified":"2024-01-01T00:00:00Z","affected":[{"ranges":[{"type":"GIT","repo":"r","events":[{"introduced":"0"}]}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := DecodeRecord(data)
		if err != nil {
			return
		}
		if r.ID == "" {
			t.Fatal("accepted a record without id")
		}
		again, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		r2, err := DecodeRecord(again)
		if err != nil {
			t.Fatalf("re-encoded record rejected: %v\n%s", err, again)
		}
		if r2.ID != r.ID {
			t.Fatalf("id %q became %q", r.ID, r2.ID)
		}
	})
}

// FuzzDBFile checks that a damaged database file gives errors, not panics.
// Each input overwrites part of a good file and may cut it short, so the
// fuzzer reaches the index and blobs rather than stopping at the header.
func FuzzDBFile(f *testing.F) {
	dir := f.TempDir()
	if _, err := Import(context.Background(), dir, []string{"testdata/records"}, ImportOptions{Now: fixedNow}); err != nil {
		f.Fatal(err)
	}
	good, err := os.ReadFile(filepath.Join(dir, FileName))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(uint32(0), []byte{}, uint32(0))
	f.Add(uint32(headerSize+3), []byte{0xff, 0xff}, uint32(0))
	f.Add(uint32(len(good)/2), []byte{0x80, 0x80, 0x80}, uint32(len(good)/2+100))
	f.Add(uint32(8), []byte{0, 0, 0, 0, 0, 0, 0, 1}, uint32(0))
	pkgs := []model.Package{
		{ID: "a", Ecosystem: "PyPI", Name: "pillow", Version: "9.2.0"},
		{ID: "b", Ecosystem: "npm", Name: "express", Version: "4.0.0"},
		{ID: "c", Ecosystem: "npm", Name: "git-only", Version: "1.0.0"},
	}
	f.Fuzz(func(t *testing.T, off uint32, patch []byte, trunc uint32) {
		data := bytes.Clone(good)
		if n := int(off) % len(data); len(patch) > 0 {
			copy(data[n:], patch)
		}
		if trunc > 0 {
			data = data[:int(trunc)%len(data)]
		}
		db := &DB{data: data}
		if db.parse() != nil {
			return
		}
		db.Status()
		db.Lookup("PyPI", "pillow")
		db.Record("GO-2020-0001")
		db.Advisory("PYSEC-2022-42980")
		db.Match(pkgs)
		for i := 0; i < db.n; i++ {
			key, blob, err := db.entry(i)
			if err != nil {
				continue
			}
			if len(key) > 0 && key[0] == 'i' {
				if ie, err := decodeIDBlob(string(blob)); err == nil {
					ie.d.advisory("x")
				}
			} else {
				decodeAffectedBlob(string(blob))
			}
		}
	})
}
