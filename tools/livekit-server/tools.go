//go:build tools

// Package tools pins the LiveKit server's main package for `go mod tidy`.
package tools

import _ "github.com/livekit/livekit-server/cmd/server"
