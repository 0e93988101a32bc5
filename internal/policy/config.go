package policy

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/ossaudit/ossaudit/internal/diag"
	"gopkg.in/yaml.v3"
)

// ConfigFile is the name of the policy file looked for at the scanned root.
const ConfigFile = ".ossaudit.yaml"

// Config is the policy file. Only the parts implemented so far are read;
// an unknown top-level key is an error, so a typo never passes silently.
type Config struct {
	// Ignore lists vulnerabilities accepted on purpose.
	Ignore []Ignore `yaml:"ignore"`
	// Profile describes the company (read by the licence and AI-model
	// rules; kept here so that the file validates today).
	Profile map[string]any `yaml:"profile"`
}

// Ignore accepts one vulnerability, optionally only for one package or
// version, for a stated reason, until an optional expiry date.
type Ignore struct {
	ID      string `yaml:"id" json:"id"`
	Package string `yaml:"package,omitempty" json:"package,omitempty"`
	Version string `yaml:"version,omitempty" json:"version,omitempty"`
	Reason  string `yaml:"reason" json:"reason"`
	// Expires is a date (2006-01-02); from that day on the entry no longer
	// applies.
	Expires string `yaml:"expires,omitempty" json:"expires,omitempty"`
	// Where is file:line of the entry, for messages.
	Where string `yaml:"-" json:"where,omitempty"`
}

var knownKeys = map[string]bool{"ignore": true, "profile": true}

// ParseConfig reads a policy file's content. Errors name the file, line and
// field.
func ParseConfig(path string, data []byte) (*Config, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		return nil, diag.Parse(path, data, fmt.Errorf("reading %s: %w", path, err))
	}
	if len(bytes.TrimSpace(data)) == 0 || len(doc.Content) == 0 {
		return &Config{}, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, diag.At(path, root.Line, root.Column, "the policy file must be a mapping of keys such as ignore:")
	}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k := root.Content[i]
		if !knownKeys[k.Value] {
			return nil, diag.At(path, k.Line, k.Column, "unknown key %q; the keys are %s", k.Value, "ignore, profile")
		}
	}
	var c Config
	if err := root.Decode(&c); err != nil {
		return nil, diag.Parse(path, data, fmt.Errorf("reading %s: %w", path, err))
	}
	// positions of the ignore entries
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "ignore" {
			continue
		}
		list := root.Content[i+1]
		for j, item := range list.Content {
			if j >= len(c.Ignore) {
				break
			}
			ig := &c.Ignore[j]
			ig.Where = fmt.Sprintf("%s:%d", path, item.Line)
			field := func(name string) (int, int) {
				for k := 0; k+1 < len(item.Content); k += 2 {
					if item.Content[k].Value == name {
						return item.Content[k+1].Line, item.Content[k+1].Column
					}
				}
				return item.Line, item.Column
			}
			if strings.TrimSpace(ig.ID) == "" {
				l, col := field("id")
				return nil, diag.At(path, l, col, "ignore entry %d has no id; name the vulnerability (an id or alias such as GHSA-…, CVE-…)", j+1)
			}
			if strings.TrimSpace(ig.Reason) == "" {
				l, col := field("reason")
				return nil, diag.At(path, l, col, "ignore entry for %s has no reason; say why it is accepted, so the next reader knows", ig.ID)
			}
			if ig.Expires != "" {
				if _, err := time.Parse("2006-01-02", ig.Expires); err != nil {
					l, col := field("expires")
					return nil, diag.At(path, l, col, "ignore entry for %s: expires %q is not a date like 2026-12-31", ig.ID, ig.Expires)
				}
			}
		}
	}
	return &c, nil
}
