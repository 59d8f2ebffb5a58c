package drill

import (
	"warroom/model"
	"warroom/model/draft"
)

// draftJudge judges a statement with the same checks the statement editor
// shows, for the statement's kind (a holding statement is not expected to
// carry the facts yet). Chinese explanations: only the verdict is used.
func draftJudge(text string, kind model.StatementKind, platform model.Platform) Verdict {
	if kind == "" {
		kind = model.StatementFull
	}
	r := draft.CheckKind(text, kind, platform, "zh")
	return Verdict{Sincere: r.Sincere && !r.Defensive, Defensive: r.Defensive}
}
