// Command api is the example web shop's back end; ossaudit's quick start
// scans this folder. It is a separate module, so it is not built with
// ossaudit itself.
package main

import (
	"fmt"

	"github.com/google/uuid"
	"golang.org/x/text/cases"
	"golang.org/x/text/language"
)

func main() {
	fmt.Println(cases.Title(language.English).String("order"), uuid.NewString())
}
