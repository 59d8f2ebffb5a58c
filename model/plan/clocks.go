package plan

import (
	"time"

	"warroom/model"
)

// DefaultClocks returns the clocks a declaration starts when no scenario is
// chosen: the deadlines Chinese crisis practice holds every brand to,
// whatever the crisis.
//
//   - The alert is acknowledged inside the team within 15 minutes. It runs
//     from the first alert, not the declaration, because a slow declaration
//     is exactly the delay it exists to expose.
//   - A holding statement (态度声明) is out within an hour: silence is read as
//     indifference or a cover-up long before the facts are in.
//   - A first public statement on Weibo within the "golden four hours"
//     (黄金4小时), where the public conversation is set.
//   - A full statement with facts and remedies within 24 hours.
func DefaultClocks() []ClockTemplate {
	return []ClockTemplate{
		{ID: "ack", Name: Text{"内部确认告警（15分钟）", "Acknowledge the alert (15 min)"},
			Anchor: model.KindAlert, Duration: 15 * time.Minute, DueSoon: 5 * time.Minute, MetBy: model.KindAlertAck},
		{ID: "holding", Name: Text{"首次表态：态度声明（1小时）", "Holding statement (1 h)"},
			Anchor: model.KindDeclared, Duration: time.Hour, DueSoon: 15 * time.Minute,
			MetBy: model.KindPublish + ":" + string(model.StatementHolding)},
		{ID: "golden4", Name: Text{"黄金4小时：微博正式回应", "Golden four hours: first statement on Weibo"},
			Anchor: model.KindDeclared, Duration: 4 * time.Hour, DueSoon: 30 * time.Minute,
			MetBy: model.KindPublish + "@" + string(model.Weibo)},
		{ID: "full", Name: Text{"完整声明：事实与补救（24小时）", "Full statement with facts and remedies (24 h)"},
			Anchor: model.KindDeclared, Duration: 24 * time.Hour, DueSoon: 2 * time.Hour,
			MetBy: model.KindPublish + ":" + string(model.StatementFull)},
	}
}
