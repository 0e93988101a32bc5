// Package composer owns the PHP extractor: composer.lock files, decoded
// with encoding/json.
//
// The entries of "packages" are runtime packages and those of
// "packages-dev" development packages (Package.Scope says so, as the lock
// file states it). Each entry's "require" map gives edges to the packages
// it needs; platform requirements (php, hhvm, ext-*, lib-*, composer,
// composer-plugin-api, composer-runtime-api) are not packages and are
// skipped. A requirement met by a package that "replace"s or "provide"s
// the name leads to that package; one the project itself replaces or
// provides (in composer.json, typically polyfills) needs no package.
//
// The project's direct dependencies come from the composer.json beside the
// lock file ("require" at runtime scope, "require-dev" at development
// scope). Without a composer.json they are derived: every locked package
// that no other locked package requires is taken as direct, with the scope
// of the list it is in.
//
// Versions lose a leading "v" ("v4.6.0" → "4.6.0"), which is how Packagist
// and advisories compare them; the spelling of the lock file is kept in
// "composer:version". Branch versions ("dev-master", "2.x-dev") keep their
// commit in "composer:reference". Names are compared lower-case.
//
// model.Project has no properties, so the project's PHP requirement
// ("platform" in the lock file) is not recorded.
//
// Lines are found by scanning for each entry's "name" key in order, as
// encoding/json keeps no positions.
package composer
