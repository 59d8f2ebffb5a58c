// Package drill runs offline crisis drills: a scenario feeds realistic
// synthetic Chinese mentions into an incident on a virtual clock, and the
// crowd reacts to what the team does.
//
// A scenario is a TOML file (FORMAT.md beside this file has the full
// reference; Parse validates it and reports every problem with its line and
// field). It has:
//
//   - id, name (zh/en), brand (fictional) and brand_en, category,
//     description, duration;
//   - placeholders: values for the crisis plan's statement templates that
//     the scenario knows ({product}…), filled when the drill runs on the
//     built-in plan (Rebrand);
//   - phases: start, length, rate per minute (rate_end to ramp), negative
//     share, positive share of the rest, comment and repost shares,
//     platform weights, author mix (ordinary, kol, media, official, bot),
//     hashtags, and texts;
//   - texts: templates per sentiment for posts, comments, repost remarks,
//     media, official accounts and bot spam, in [texts], per phase and per
//     platform. "{a|b}" picks an alternative, "{=slot}" fills a slot
//     (brand, city, province, emoji, emoji_neg, emoji_pos, at, tag, when,
//     num, or the file's own [slots]);
//   - accounts: named KOL, media and official accounts with follower counts;
//   - events: scripted posts at set times (the influencer with 2,300万
//     followers at +40m, the media report, the regulator's notice), with a
//     volume boost, its half-life, and if_silent to call one off when the
//     brand has already spoken;
//   - chatter: background positive and neutral talk about the brand;
//   - response: how the crowd answers the team (see below);
//   - best: the statements of the best-case run.
//
// The crowd model: each minute has a topical rate and a negative share,
// from the phase, the key events' boosts, and the team's actions. A
// published statement is judged by the draft checks (model/draft): a
// sincere one lowers the negative share and volume (less outside the
// golden hours, less again for each further one), a defensive one raises
// them (the backlash), a neutral one barely moves them. Missing a silence
// deadline without any statement raises them, and what silence added
// stays. A quick acknowledgement of the first alert takes a little heat
// out. Effects ramp in linearly and start at the first minute boundary
// after the action.
//
// Determinism: mentions are made one virtual minute at a time, each minute
// from its own PCG stream seeded by the seed and the minute, so the output
// depends on the scenario, the seed and the actions only; not on how often
// Until is called. ExternalIDs are "drill-<seed>-<n>".
//
// The generator writes texts meant to carry a sentiment (UntilLabeled says
// which) but does not classify: the pipeline does. For the debrief, Cases
// reruns the drill up to the moment scored in its best case (BestCase) and
// its worst (silence), judged by the pipeline's classifier, for model/score
// to compare the team's file with. Simulate computes the expected negative
// share from the model alone, to check how a scenario's crowd responds.
package drill
