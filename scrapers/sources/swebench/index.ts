import type { SourceDefinition } from '../../source';
import { SOURCE_ID } from './boards';
import { FORMAT_NAME, leaderboardsJsonFormat } from './leaderboards-json';

/**
 * The site is built from this file, so it is exactly what the live leaderboard pages show: a
 * `live-page` feed (there is no separate official dataset to rank it against). The built site does
 * not serve `data/` (build.py copies only css, img and js), hence the raw GitHub path, on `master` as
 * public fetchers of this file use it (override with RANKDRIFT_URL_SWEBENCH_LEADERBOARDS). Past 4 MB
 * since December 2025: well inside the HTTP client's limit.
 */
const LEADERBOARDS_JSON = 'https://raw.githubusercontent.com/SWE-bench/swe-bench.github.io/master/data/leaderboards.json';

export const swebench: SourceDefinition = {
	id: SOURCE_ID,
	name: 'SWE-bench',
	homepage: 'https://www.swebench.com',
	scoreMeaning:
		'% Resolved: the share of the benchmark’s real GitHub issues (2,294 in Test, 500 in Verified and bash-only, 300 in Lite, 517 in Multimodal) whose tests pass after the system’s patch.',
	rankNote:
		'The site lists entries without a rank; rankdrift ranks them by % resolved, highest first, and entries with the same % share a rank (1, 2, 2, 4). Entries are agent systems (scaffold + model(s)), each keyed by its results folder; the underlying model is in the tag_model extra. Only bash-only runs every model in the same minimal agent, so it is the closest to a per-model ranking. Entries the site hides (flagged with a warning) are left out.',
	license: { name: 'CC BY-NC 4.0', url: 'https://creativecommons.org/licenses/by-nc/4.0/' },
	attribution: 'Data: SWE-bench leaderboards (swebench.com), CC BY-NC 4.0',
	boards: [
		{ id: 'swebench/verified', title: 'SWE-bench Verified' },
		{ id: 'swebench/bash-only', title: 'SWE-bench bash-only (mini-SWE-agent, Verified)' },
		{ id: 'swebench/lite', title: 'SWE-bench Lite' },
		{ id: 'swebench/test', title: 'SWE-bench Test (full)' },
		{ id: 'swebench/multimodal', title: 'SWE-bench Multimodal' }
	],
	// bash-only runs every model in one minimal agent: the per-model ranking to set beside other boards.
	headlineBoards: ['swebench/bash-only'],
	// The file changes a few times a month, by hand-merged submissions: once a day is plenty.
	schedule: '41 5 * * *',
	endpoints: [{ name: 'leaderboards', defaultUrl: LEADERBOARDS_JSON, feed: 'live-page', format: FORMAT_NAME }],
	formats: [leaderboardsJsonFormat]
};
