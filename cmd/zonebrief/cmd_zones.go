package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/zonebrief/zonebrief/report/zones"
)

func runZones(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "zones", "[--province P] [--json] [NAME...]")
	province := fs.String("province", "", "only the zones of this province (广东省 or 广东)")
	asJSON := fs.Bool("json", false, "one JSON object per line instead of a table")
	names, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	g := zones.Default()
	var list []zones.Zone
	if len(names) > 0 {
		for _, n := range names {
			z, ok := g.Lookup(n)
			if !ok {
				return usagef("%q is not a zone of the gazetteer (try 'zonebrief zones' for the list)", n)
			}
			list = append(list, z)
		}
	} else {
		for _, z := range g.All() {
			if *province == "" || strings.HasPrefix(z.Province, *province) {
				list = append(list, z)
			}
		}
	}
	if *asJSON {
		enc := json.NewEncoder(e.stdout)
		enc.SetEscapeHTML(false)
		for _, z := range list {
			if err := enc.Encode(map[string]any{
				"slug": z.Slug, "short_name": z.ShortName, "name": z.Name, "aliases": z.Aliases,
				"province": z.Province, "city": z.City,
			}); err != nil {
				return err
			}
		}
		return nil
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SLUG\tSHORT NAME\tPROVINCE\tCITY\tOFFICIAL NAME")
	for _, z := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", z.Slug, z.ShortName, z.Province, z.City, z.Name)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if len(names) == 0 {
		fmt.Fprintf(e.stderr, "%d zones\n", len(list))
	}
	return nil
}
