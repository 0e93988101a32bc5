// Package extractors holds the one explicit list of extractors. The walk,
// `ossaudit help ecosystems` and the registry test all read it; a test
// fails when an ecosystem package under internal/extract is missing from it.
package extractors

import (
	"github.com/ossaudit/ossaudit/internal/extract"
)

// All returns every extractor, in a fixed order.
func All() []extract.Extractor {
	var all []extract.Extractor
	for _, list := range [][]extract.Extractor{} {
		all = append(all, list...)
	}
	return all
}
