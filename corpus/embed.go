// Package corpus embeds zonebrief's sample corpus: the seed newspaper page
// (中国高新技术产业导报, June 2023) ingested with --date 2023-06-19. It is the
// default that `zonebrief run` reads when the user has no corpus of their own.
package corpus

import "embed"

// FS holds the sample corpus files (*.yaml at its root).
//
//go:embed *.yaml
var FS embed.FS
