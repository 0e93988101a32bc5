module example.com/webshop/api

go 1.22

toolchain go1.22.5

require (
	github.com/google/uuid v1.6.0
	golang.org/x/text v0.14.0
)

require golang.org/x/mod v0.17.0 // indirect
