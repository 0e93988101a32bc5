module example.com/demo

go 1.22.0

toolchain go1.22.3

require (
	example.com/local v0.0.0
	github.com/google/uuid v1.6.0
	github.com/stretchr/testify v1.9.0
	golang.org/x/text v0.14.0
)

require (
	github.com/davecgh/go-spew v1.1.1 // indirect
	github.com/pmezard/go-difflib v1.0.0 // indirect
	gopkg.in/yaml.v3 v3.0.1 // indirect
)

replace example.com/local => ./local

replace github.com/google/uuid v1.6.0 => github.com/google/uuid v1.5.0

exclude golang.org/x/text v0.13.0
