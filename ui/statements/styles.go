package statements

import (
	"charm.land/lipgloss/v2"

	"warroom/model"
	"warroom/model/draft"
	"warroom/ui/theme"
)

// Styles is every style the three components use, built once per
// background (or once without colour) and handed to them; nothing builds a
// style in View. The palette matches ui.NewStyles, so the overlays look like
// the rest of the console. ui cannot lend its own Styles here without an
// import cycle (ui will import this package).
type Styles struct {
	NoColor bool

	Plain, Bold, Dim, Muted, Accent, Error, OK, Warn lipgloss.Style

	Border, BorderFocused, Title, TitleFocused, Marker lipgloss.Style

	// Status colours a statement status; see status.
	Draft, Review, Approved, Rejected, Published lipgloss.Style

	// Finding colours a draft-check finding kind in the checks list; Mark
	// highlights the same phrase in the text.
	Forbidden, Liability, Missing, Blame, Length lipgloss.Style
	Mark, MarkBlame, Placeholder                 lipgloss.Style

	Positive, Negative lipgloss.Style // sentiment of a post
	Badge              lipgloss.Style // platform badges

	Cursor lipgloss.Style
}

// NewStyles builds the styles for a dark or light background; noColor gives
// plain text with no escape sequences at all, as NO_COLOR asks.
func NewStyles(dark, noColor bool) *Styles {
	s := &Styles{NoColor: noColor}
	p := lipgloss.NewStyle()
	if noColor {
		for _, x := range []*lipgloss.Style{&s.Plain, &s.Bold, &s.Dim, &s.Muted, &s.Accent, &s.Error, &s.OK, &s.Warn,
			&s.Border, &s.BorderFocused, &s.Title, &s.TitleFocused, &s.Marker,
			&s.Draft, &s.Review, &s.Approved, &s.Rejected, &s.Published,
			&s.Forbidden, &s.Liability, &s.Missing, &s.Blame, &s.Length, &s.Mark, &s.MarkBlame, &s.Placeholder,
			&s.Positive, &s.Negative, &s.Badge, &s.Cursor} {
			*x = p
		}
		return s
	}
	pal := theme.New(dark)
	fg, dim, muted, accent := pal.FG, pal.Dim, pal.Muted, pal.Accent
	red, green, amber, orange, blue := pal.Red, pal.Green, pal.Amber, pal.Orange, pal.Blue
	black := pal.Black

	s.Plain = p.Foreground(fg)
	s.Bold = p.Bold(true)
	s.Dim = p.Foreground(dim)
	s.Muted = p.Foreground(muted)
	s.Accent = p.Foreground(accent).Bold(true)
	s.Error = p.Foreground(red).Bold(true)
	s.OK = p.Foreground(green)
	s.Warn = p.Foreground(amber).Bold(true)

	s.Border = p.Foreground(dim)
	s.BorderFocused = p.Foreground(accent)
	s.Title = p.Foreground(muted).Bold(true)
	s.TitleFocused = p.Foreground(accent).Bold(true)
	s.Marker = p.Foreground(accent).Bold(true)

	s.Draft = p.Foreground(muted)
	s.Review = p.Foreground(amber).Bold(true)
	s.Approved = p.Foreground(green).Bold(true)
	s.Rejected = p.Foreground(red).Bold(true)
	s.Published = p.Foreground(blue).Bold(true)

	s.Forbidden = p.Foreground(red).Bold(true)
	s.Liability = p.Foreground(orange).Bold(true)
	s.Missing = p.Foreground(amber).Bold(true)
	s.Blame = p.Foreground(red).Bold(true)
	s.Length = p.Foreground(orange).Bold(true)
	s.Mark = p.Foreground(black).Background(pal.MarkYellow)
	s.MarkBlame = p.Foreground(black).Background(pal.MarkRed)
	s.Placeholder = p.Foreground(black).Background(pal.MarkBlue)

	s.Positive = p.Foreground(green)
	s.Negative = p.Foreground(red).Bold(true)
	s.Badge = p.Foreground(blue).Bold(true)

	s.Cursor = p.Reverse(true)
	return s
}

// status is the style of a statement status.
func (s *Styles) status(x model.StatementStatus) lipgloss.Style {
	switch x {
	case model.StatementInReview:
		return s.Review
	case model.StatementApproved:
		return s.Approved
	case model.StatementRejected:
		return s.Rejected
	case model.StatementPublished:
		return s.Published
	}
	return s.Draft
}

// finding is the style of a finding kind's label.
func (s *Styles) finding(k draft.Kind) lipgloss.Style {
	switch k {
	case draft.Forbidden:
		return s.Forbidden
	case draft.Liability:
		return s.Liability
	case draft.Missing:
		return s.Missing
	case draft.Blame:
		return s.Blame
	}
	return s.Length
}

// sentiment is the style of a post's sentiment.
func (s *Styles) sentiment(m *model.Mention) lipgloss.Style {
	switch {
	case m.Negative || m.Sentiment < -0.2:
		return s.Negative
	case m.Sentiment > 0.2:
		return s.Positive
	}
	return s.Muted
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
