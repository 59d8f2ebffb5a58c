package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/lipgloss/v2"

	"warroom/model"
	"warroom/ui/theme"
)

// Styles is every style the console uses, built once per background (and
// once for no colour) and handed to the panels. Nothing builds a style in
// View: a style is cheap, a thousand of them a frame are not.
type Styles struct {
	NoColor bool
	Dark    bool

	Plain, Bold, Dim, Muted, Accent, Error, OK lipgloss.Style

	Header, HeaderName, Mode lipgloss.Style
	Level                    [5]lipgloss.Style // indexed by model.Level
	Spark, SparkNeg          lipgloss.Style

	Border, BorderFocused lipgloss.Style
	Title, TitleFocused   lipgloss.Style
	Tab, TabActive        lipgloss.Style
	Marker                lipgloss.Style // the selected row's marker

	Time, Badge, Author, Verified, Category, Highlight lipgloss.Style
	Sev                                                [4]lipgloss.Style // low, medium, high, critical

	Clock [5]lipgloss.Style // indexed by model.ClockState
	Bar   lipgloss.Style
	Track lipgloss.Style

	Banner, FooterKey, FooterDesc lipgloss.Style

	Help   help.Styles
	Cursor lipgloss.Style
}

// NewStyles builds the styles for a dark or light background; noColor gives
// plain text with no escape sequences at all, as NO_COLOR asks.
func NewStyles(dark, noColor bool) *Styles {
	s := &Styles{NoColor: noColor, Dark: dark}
	p := lipgloss.NewStyle()
	if noColor {
		s.Plain, s.Bold, s.Dim, s.Muted, s.Accent, s.Error, s.OK = p, p, p, p, p, p, p
		s.Header, s.HeaderName, s.Mode, s.Spark, s.SparkNeg = p, p, p, p, p
		s.Level = [5]lipgloss.Style{p, p, p, p, p}
		s.Border, s.BorderFocused, s.Title, s.TitleFocused, s.Tab, s.TabActive, s.Marker = p, p, p, p, p, p, p
		s.Time, s.Badge, s.Author, s.Verified, s.Category, s.Highlight = p, p, p, p, p, p
		s.Sev = [4]lipgloss.Style{p, p, p, p}
		s.Clock = [5]lipgloss.Style{p, p, p, p, p}
		s.Bar, s.Track, s.Banner, s.FooterKey, s.FooterDesc = p, p, p, p, p
		s.Help = help.Styles{Ellipsis: p, ShortKey: p, ShortDesc: p, ShortSeparator: p, FullKey: p, FullDesc: p, FullSeparator: p}
		s.Cursor = p
		return s
	}
	pal := theme.New(dark)
	fg, dim, muted, accent := pal.FG, pal.Dim, pal.Muted, pal.Accent
	red, green, amber, orange, blue := pal.Red, pal.Green, pal.Amber, pal.Orange, pal.Blue

	s.Plain = p.Foreground(fg)
	s.Bold = p.Bold(true)
	s.Dim = p.Foreground(dim)
	s.Muted = p.Foreground(muted)
	s.Accent = p.Foreground(accent).Bold(true)
	s.Error = p.Foreground(red).Bold(true)
	s.OK = p.Foreground(green)

	s.Header = p.Foreground(fg)
	s.HeaderName = p.Bold(true).Foreground(fg)
	s.Mode = p.Bold(true).Foreground(accent)
	white, black := pal.White, pal.Black
	s.Level = [5]lipgloss.Style{
		model.LevelNone:   p.Foreground(muted),
		model.LevelBlue:   p.Bold(true).Foreground(white).Background(lipgloss.Color("#1F6FEB")),
		model.LevelYellow: p.Bold(true).Foreground(black).Background(pal.MarkYellow),
		model.LevelOrange: p.Bold(true).Foreground(black).Background(lipgloss.Color("#F0883E")),
		model.LevelRed:    p.Bold(true).Foreground(white).Background(lipgloss.Color("#DA3633")),
	}
	s.Spark = p.Foreground(blue)
	s.SparkNeg = p.Foreground(red)

	s.Border = p.Foreground(dim)
	s.BorderFocused = p.Foreground(accent)
	s.Title = p.Foreground(muted).Bold(true)
	s.TitleFocused = p.Foreground(accent).Bold(true)
	s.Tab = p.Foreground(muted)
	s.TabActive = p.Foreground(accent).Bold(true).Underline(true)
	s.Marker = p.Foreground(accent).Bold(true)

	s.Time = p.Foreground(muted)
	s.Badge = p.Foreground(blue).Bold(true)
	s.Author = p.Foreground(fg)
	s.Verified = p.Foreground(orange).Bold(true)
	s.Category = p.Foreground(muted)
	s.Highlight = p.Foreground(black).Background(pal.MarkYellow)
	s.Sev = [4]lipgloss.Style{p.Foreground(dim), p.Foreground(amber), p.Foreground(orange).Bold(true), p.Foreground(red).Bold(true)}

	s.Clock = [5]lipgloss.Style{
		model.ClockPending:  p.Foreground(dim),
		model.ClockRunning:  p.Foreground(fg),
		model.ClockDueSoon:  p.Foreground(amber).Bold(true),
		model.ClockMet:      p.Foreground(green),
		model.ClockBreached: p.Foreground(red).Bold(true),
	}
	s.Bar = p.Foreground(blue)
	s.Track = p.Foreground(dim)

	s.Banner = p.Bold(true).Foreground(white).Background(lipgloss.Color("#DA3633"))
	s.FooterKey = p.Foreground(accent).Bold(true)
	s.FooterDesc = p.Foreground(muted)

	s.Help = help.DefaultStyles(dark)
	s.Cursor = p.Reverse(true)
	return s
}

// sevStyle picks the colour of a severity score.
func (s *Styles) sevStyle(sev int) lipgloss.Style {
	switch {
	case sev >= 90:
		return s.Sev[3]
	case sev >= 70:
		return s.Sev[2]
	case sev >= 50:
		return s.Sev[1]
	}
	return s.Sev[0]
}

// levelStyle is the style of a warning level, safe for out-of-range values.
func (s *Styles) levelStyle(l model.Level) lipgloss.Style {
	if l < 0 || int(l) >= len(s.Level) {
		return s.Level[0]
	}
	return s.Level[l]
}

// clockStyle is the style of a clock state, safe for out-of-range values.
func (s *Styles) clockStyle(c model.ClockState) lipgloss.Style {
	if c < 0 || int(c) >= len(s.Clock) {
		return s.Plain
	}
	return s.Clock[c]
}

// cursor draws the text cursor over one cell. Without colour it cannot be
// drawn over a character, so it shows only at the end of the text.
func (s *Styles) cursor(cell string) string {
	if s.NoColor {
		if cell == " " {
			return "_"
		}
		return cell
	}
	return s.Cursor.Render(cell)
}
