// Package e2e drives the real warroom binary in tmux, as a person at a
// terminal would: it types keys with send-keys and reads the screen with
// capture-pane. The tests skip with a message where tmux is missing.
package e2e
