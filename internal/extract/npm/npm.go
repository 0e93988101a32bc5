package npm

import "github.com/ossaudit/ossaudit/internal/extract"

// Extractors returns every extractor of this package.
func Extractors() []extract.Extractor {
	return []extract.Extractor{
		packageLockExtractor{},
		manifestExtractor{},
		pnpmExtractor{},
		yarnExtractor{},
		bunExtractor{},
		installedExtractor{},
	}
}
