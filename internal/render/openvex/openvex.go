// Package openvex renders a scan's vulnerabilities as an OpenVEX 0.2.0
// document, so triage done once can be shared: a finding suppressed by a
// VEX statement keeps its status and justification, a finding the policy
// file ignores becomes not_affected with its reason as the impact
// statement, and every other finding is affected, with the upgrade that
// clears it as the action statement. OpenVEX is small enough that the
// document is written with encoding/json; no Go library for it is kept up.
package openvex

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"

	"github.com/ossaudit/ossaudit/internal/render"
	"github.com/ossaudit/ossaudit/model"
)

// Renderers returns the OpenVEX renderer.
func Renderers() []render.Renderer { return []render.Renderer{renderer{}} }

type renderer struct{}

func (renderer) Name() string { return "openvex" }
func (renderer) Description() string {
	return "OpenVEX 0.2.0: one statement per vulnerability (affected, or not_affected/fixed as triaged)"
}

type vulnerability struct {
	Name    string   `json:"name"`
	Aliases []string `json:"aliases,omitempty"`
}

type product struct {
	ID string `json:"@id"`
}

type statement struct {
	Vulnerability   vulnerability `json:"vulnerability"`
	Products        []product     `json:"products"`
	Status          string        `json:"status"`
	Justification   string        `json:"justification,omitempty"`
	ImpactStatement string        `json:"impact_statement,omitempty"`
	ActionStatement string        `json:"action_statement,omitempty"`
	StatusNotes     string        `json:"status_notes,omitempty"`
}

type document struct {
	Context    string      `json:"@context"`
	ID         string      `json:"@id"`
	Author     string      `json:"author"`
	Timestamp  string      `json:"timestamp"`
	Version    int         `json:"version"`
	Tooling    string      `json:"tooling"`
	Statements []statement `json:"statements"`
}

// justifications are the values OpenVEX allows; others go into notes.
var justifications = map[string]bool{
	"component_not_present": true, "vulnerable_code_not_present": true, "vulnerable_code_not_in_execute_path": true,
	"vulnerable_code_cannot_be_controlled_by_adversary": true, "inline_mitigations_already_exist": true,
}

func (renderer) Render(w io.Writer, r *model.Result, opts render.Options) error {
	doc := document{
		Context:    "https://openvex.dev/ns/v0.2.0",
		Author:     "ossaudit",
		Timestamp:  opts.Now().UTC().Format(time.RFC3339),
		Version:    1,
		Tooling:    fmt.Sprintf("%s %s", r.Tool.Name, r.Tool.Version),
		Statements: []statement{},
	}
	h := sha256.New()
	fmt.Fprintln(h, r.Target)
	for _, v := range r.Vulnerabilities {
		s := statement{Vulnerability: vulnerability{Name: v.ID, Aliases: v.Aliases}}
		name := v.Package
		if p := r.Package(v.Package); p != nil {
			name = p.Name
			id := p.PURL
			if id == "" {
				id = p.ID
			}
			s.Products = []product{{ID: id}}
		} else {
			s.Products = []product{{ID: v.Package}}
		}
		switch {
		case v.Ignored != nil && v.Ignored.Status != "":
			s.Status = v.Ignored.Status
			if justifications[v.Ignored.Justification] {
				s.Justification = v.Ignored.Justification
			}
			if s.Status == "not_affected" && s.Justification == "" {
				s.ImpactStatement = v.Ignored.Reason
			} else {
				s.StatusNotes = v.Ignored.Reason
			}
		case v.Ignored != nil:
			s.Status = "not_affected"
			s.ImpactStatement = v.Ignored.Reason
			s.StatusNotes = "accepted in " + v.Ignored.Source
		default:
			s.Status = "affected"
			if v.UpgradeTo != "" {
				s.ActionStatement = fmt.Sprintf("Upgrade %s to %s.", name, v.UpgradeTo)
			} else {
				s.ActionStatement = fmt.Sprintf("No fixed version is known; remove or replace %s, or mitigate.", name)
			}
		}
		fmt.Fprintln(h, v.ID, v.Package, s.Status)
		doc.Statements = append(doc.Statements, s)
	}
	doc.ID = "https://openvex.dev/docs/ossaudit/" + hex.EncodeToString(h.Sum(nil))[:32]
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(doc)
}
