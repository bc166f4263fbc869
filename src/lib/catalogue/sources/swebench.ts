import type { UncertaintyRule } from '../../analysis/uncertainty';
import type { SourceInfo } from '../contract';

/**
 * The site is built from this file, so it is exactly what the live leaderboard pages show: a
 * `live-page` feed (there is no separate official dataset to rank it against). The built site does
 * not serve `data/` (build.py copies only css, img and js), hence the raw GitHub path, on `master` as
 * public fetchers of this file use it (override with RANKDRIFT_URL_SWEBENCH_LEADERBOARDS). Past 4 MB
 * since December 2025: well inside the HTTP client's limit.
 */
const LEADERBOARDS_JSON = 'https://raw.githubusercontent.com/SWE-bench/swe-bench.github.io/master/data/leaderboards.json';

/**
 * % resolved over the board's instances. The counts are the ones the benchmark states, and every
 * entry's published % on Test (2,294), Lite (300) and Multimodal (517) in the 2025-12-10 file is an
 * integer count over them; on Verified and bash-only all but averaged multi-run entries are /500.
 * Multilingual's 300 is the count the benchmark states (no recorded file of that board here).
 */
function resolvedOf(tasks: number, basis: string): UncertaintyRule {
	return { kind: 'pass-rate', tasks, basis };
}

export const swebench: SourceInfo = {
	id: 'swebench',
	name: 'SWE-bench',
	homepage: 'https://www.swebench.com',
	scoreMeaning:
		'% Resolved: the share of the benchmark’s real GitHub issues (2,294 in Test, 500 in Verified and bash-only, 300 in Lite, 517 in Multimodal, 300 in Multilingual) whose tests pass after the system’s patch.',
	rankNote:
		'The site lists entries without a rank; rankdrift ranks them by % resolved, highest first, and entries with the same % share a rank (1, 2, 2, 4). Entries are agent systems (scaffold + model(s)), each keyed by its results folder; the underlying model is in the tag_model extra. Only bash-only runs every model in the same minimal agent, so it is the closest to a per-model ranking; from 2026-02-26 it lists only mini-SWE-agent v2.x runs, as the site’s default view does (method version "mini-SWE-agent v2.x"). Entries the site hides (flagged with a warning) are left out.',
	license: { name: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
	attribution: 'Data: SWE-bench leaderboards (swebench.com), CC BY-NC 4.0',
	boards: [
		{ id: 'swebench/verified', title: 'SWE-bench Verified', uncertainty: resolvedOf(500, 'the 500 Verified instances') },
		{ id: 'swebench/bash-only', title: 'SWE-bench bash-only (mini-SWE-agent, Verified)', uncertainty: resolvedOf(500, 'the 500 Verified instances it runs on') },
		{ id: 'swebench/lite', title: 'SWE-bench Lite', uncertainty: resolvedOf(300, 'the 300 Lite instances') },
		{ id: 'swebench/test', title: 'SWE-bench Test (full)', uncertainty: resolvedOf(2294, 'the 2,294 Test instances') },
		{ id: 'swebench/multimodal', title: 'SWE-bench Multimodal', uncertainty: resolvedOf(517, 'the 517 Multimodal test instances') },
		// Published since 2026-01-20.
		{ id: 'swebench/multilingual', title: 'SWE-bench Multilingual', uncertainty: resolvedOf(300, 'the 300 Multilingual instances') }
	],
	// bash-only runs every model in one minimal agent: the per-model ranking to set beside other boards.
	headlineBoards: ['swebench/bash-only'],
	// The file changes a few times a month, by hand-merged submissions: once a day is plenty.
	schedule: '41 5 * * *',
	endpoints: [{ name: 'leaderboards', defaultUrl: LEADERBOARDS_JSON, feed: 'live-page', format: 'leaderboards-json' }]
};
