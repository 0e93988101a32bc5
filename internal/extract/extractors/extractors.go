// Package extractors holds the one explicit list of extractors. The walk,
// `ossaudit help ecosystems` and the registry test all read it; a test
// fails when an ecosystem package under internal/extract is missing from it.
package extractors

import (
	"github.com/ossaudit/ossaudit/internal/extract"
	"github.com/ossaudit/ossaudit/internal/extract/cargo"
	"github.com/ossaudit/ossaudit/internal/extract/composer"
	"github.com/ossaudit/ossaudit/internal/extract/conan"
	"github.com/ossaudit/ossaudit/internal/extract/golang"
	"github.com/ossaudit/ossaudit/internal/extract/hex"
	"github.com/ossaudit/ossaudit/internal/extract/maven"
	"github.com/ossaudit/ossaudit/internal/extract/npm"
	"github.com/ossaudit/ossaudit/internal/extract/nuget"
	"github.com/ossaudit/ossaudit/internal/extract/pub"
	"github.com/ossaudit/ossaudit/internal/extract/pypi"
	"github.com/ossaudit/ossaudit/internal/extract/rubygems"
	"github.com/ossaudit/ossaudit/internal/extract/sbom"
	"github.com/ossaudit/ossaudit/internal/extract/swift"
)

// All returns every extractor, in a fixed order.
func All() []extract.Extractor {
	var all []extract.Extractor
	for _, list := range [][]extract.Extractor{
		npm.Extractors(),
		golang.Extractors(),
		pypi.Extractors(),
		cargo.Extractors(),
		rubygems.Extractors(),
		composer.Extractors(),
		maven.Extractors(),
		nuget.Extractors(),
		pub.Extractors(),
		swift.Extractors(),
		hex.Extractors(),
		conan.Extractors(),
		sbom.Extractors(),
	} {
		all = append(all, list...)
	}
	return all
}
