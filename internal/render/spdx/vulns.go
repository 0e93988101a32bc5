package spdx

import (
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/ossaudit/ossaudit/model"
	"github.com/spdx/tools-golang/spdx/v2/common"
	"github.com/spdx/tools-golang/spdx/v2/v2_3"
)

// pathSep joins the IDs of a dependency path.
const pathSep = " > "

// vulnsByPackage groups r's vulnerabilities by package, each group sorted
// by id.
func vulnsByPackage(r *model.Result) map[string][]*model.Vulnerability {
	if len(r.Vulnerabilities) == 0 {
		return nil
	}
	out := map[string][]*model.Vulnerability{}
	for i := range r.Vulnerabilities {
		v := &r.Vulnerabilities[i]
		out[v.Package] = append(out[v.Package], v)
	}
	for _, vs := range out {
		slices.SortStableFunc(vs, func(a, b *model.Vulnerability) int { return strings.Compare(a.ID, b.ID) })
	}
	return out
}

// advisoryRef is the SECURITY reference for one vulnerability: its page on
// osv.dev, and in the comment what the reader needs to restore it.
func advisoryRef(v *model.Vulnerability) *v2_3.PackageExternalReference {
	var c comment
	c.add("vuln", v.ID)
	for _, a := range v.Aliases {
		c.add("alias", a)
	}
	rating := v.Rating
	if rating == "" {
		rating = model.RatingUnknown
	}
	c.add("severity", string(rating))
	if v.Score != 0 {
		c.add("score", strconv.FormatFloat(v.Score, 'g', -1, 64))
	}
	for _, x := range v.CVSS {
		c.add("cvss", x)
	}
	for _, f := range v.Fixed {
		c.add("fixed", f)
	}
	if v.UpgradeTo != "" {
		c.add("upgrade-to", v.UpgradeTo)
	}
	if v.Summary != "" {
		c.add("summary", v.Summary)
	}
	if !v.Published.IsZero() {
		c.add("published", v.Published.UTC().Format(time.RFC3339Nano))
	}
	if !v.Modified.IsZero() {
		c.add("modified", v.Modified.UTC().Format(time.RFC3339Nano))
	}
	for _, p := range v.Paths {
		c.add("path", strings.Join(p, pathSep))
	}
	for _, r := range v.References {
		c.add("reference", r)
	}
	if s := v.Ignored; s != nil {
		c.add("suppressed", s.Reason)
		for _, kv := range [][2]string{{"suppressed-status", s.Status}, {"suppressed-justification", s.Justification}, {"suppressed-by", s.Source}, {"expires", s.Expires}} {
			if kv[1] != "" {
				c.add(kv[0], kv[1])
			}
		}
	}
	return &v2_3.PackageExternalReference{
		Category:           common.CategorySecurity,
		RefType:            common.TypeSecurityAdvisory,
		Locator:            "https://osv.dev/vulnerability/" + url.PathEscape(v.ID),
		ExternalRefComment: c.String(),
	}
}
