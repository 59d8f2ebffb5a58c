// Package theme is the console's one colour palette, per terminal
// background. The root console's Styles and the statement overlays' Styles
// are both built from it, so a colour is chosen in one place.
package theme

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Palette is the named colours of one background.
type Palette struct {
	FG, Dim, Muted, Accent          color.Color
	Red, Green, Amber, Orange, Blue color.Color
	Black, White                    color.Color
	MarkYellow, MarkRed, MarkBlue   color.Color // highlight backgrounds, black text on top
}

// New returns the palette for a dark (or light) background.
func New(dark bool) Palette {
	ld := lipgloss.LightDark(dark)
	return Palette{
		FG:         ld(lipgloss.Color("#1F2328"), lipgloss.Color("#E6EDF3")),
		Dim:        ld(lipgloss.Color("#8C959F"), lipgloss.Color("#6E7681")),
		Muted:      ld(lipgloss.Color("#57606A"), lipgloss.Color("#9DA7B3")),
		Accent:     ld(lipgloss.Color("#8250DF"), lipgloss.Color("#BC8CFF")),
		Red:        ld(lipgloss.Color("#CF222E"), lipgloss.Color("#FF7B72")),
		Green:      ld(lipgloss.Color("#1A7F37"), lipgloss.Color("#3FB950")),
		Amber:      ld(lipgloss.Color("#9A6700"), lipgloss.Color("#D29922")),
		Orange:     ld(lipgloss.Color("#BC4C00"), lipgloss.Color("#F0883E")),
		Blue:       ld(lipgloss.Color("#0969DA"), lipgloss.Color("#58A6FF")),
		Black:      lipgloss.Color("#000000"),
		White:      lipgloss.Color("#FFFFFF"),
		MarkYellow: lipgloss.Color("#E3B341"),
		MarkRed:    lipgloss.Color("#FF9492"),
		MarkBlue:   lipgloss.Color("#79C0FF"),
	}
}
