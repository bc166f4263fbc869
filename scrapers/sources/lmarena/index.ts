import { NotASnapshotError } from '../../errors';
import type { Adjustment } from '../../../src/lib/model/snapshot';
import type { SnapshotFormat, SourceDefinition } from '../../source';
import { arenaCaptureCsvFormat, arenaPageHtmlFormat } from './arena-table';
import { catalogJsonFormat } from './catalog-json';
import { datasetRowsFormat, fetchDatasetRows } from './dataset-rows';
import { hfspaceCsvFormat, pklCsvFormat } from './hfspace-csv';
import { historyWideCsvFormat } from './history-wide-csv';
import { overviewCsvFormat, overviewHtmlFormat } from './overview-html';
import { webdevBlogCsvFormat, webdevBlogHtmlFormat, webdevCsvFormat } from './webdev-tables';

const DATASET_ROWS = 'https://datasets-server.huggingface.co/rows?dataset=lmarena-ai%2Fleaderboard-dataset';

const shared = {
	homepage: 'https://arena.ai/leaderboard',
	scoreMeaning:
		'Arena score: a Bradley–Terry rating fitted to anonymous pairwise human votes (higher is preferred more often); the 95% interval comes from bootstrapping the votes.',
	rankNote:
		'The published rank is an upper-bound rank: 1 + the number of models whose interval lies wholly above, so several models can share a rank. Some captures renumber rows 1..N and give the interval as a rank spread.',
	license: { name: 'CC BY 4.0 (official leaderboard dataset)', url: 'https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset' },
	attribution: 'Data: LMArena (arena.ai), lmarena-ai/leaderboard-dataset, CC BY 4.0'
};

/** Recorded files next to LMArena data that are real but not a board of this source. */
function nonLeaderboards(): SnapshotFormat {
	const reasons: [RegExp, string][] = [
		[/"CHART_DATA_HIGHEST"|"CHART_DATA_LATEST"/, 'a per-lab flagship series (one model per lab per date), not a full board'],
		[/^\s*\[\s*\{\s*"name"\s*:[^]*?"model_api_name"/, 'a model name and price map (scatterplot data), not a leaderboard']
	];
	return {
		name: 'not-a-leaderboard',
		description: 'files that accompany LMArena data but hold no board (flagship series, price maps): skipped',
		detect: (doc) => reasons.some(([re]) => re.test(doc.text.slice(0, 2000))),
		parse(doc) {
			const hit = reasons.find(([re]) => re.test(doc.text.slice(0, 2000)));
			throw new NotASnapshotError(hit ? hit[1] : 'not a leaderboard');
		}
	};
}

// Vision and image arenas publish files of the same shapes; a folder or file named for them is not a text or WebDev board.
function otherArenaInPath(path: string): string | null {
	const parts = path.split(/[\\/]/).slice(-3).join('/').toLowerCase();
	const m = parts.match(/(^|[^a-z])(vision|image|text[-_]to[-_]image|image[-_]edit)([^a-z]|$)/);
	return m ? `the ${m[2]} arena, not a board rankdrift tracks` : null;
}

/**
 * `pageView` is the rating the arena's pages and their captures show: arena.ai has shown Text
 * style-controlled by default since 2025, so those land in the style-control series; WebDev publishes
 * one fit only and its page does not say which, so its page captures stay unlabelled.
 */
function arenaFormats(board: string, pageView: Adjustment): SnapshotFormat[] {
	return [
		nonLeaderboards(),
		datasetRowsFormat(board),
		catalogJsonFormat(board),
		pklCsvFormat(board),
		hfspaceCsvFormat(board),
		historyWideCsvFormat(board),
		arenaCaptureCsvFormat(board, pageView),
		overviewHtmlFormat(board, pageView),
		overviewCsvFormat(board, pageView),
		arenaPageHtmlFormat(board, pageView)
	];
}

export const lmarenaText: SourceDefinition = {
	id: 'lmarena-text',
	name: 'LMArena Text',
	...shared,
	boards: [
		{ id: 'lmarena-text', title: 'LMArena Text — default view' },
		{ id: 'lmarena-text/style-control', title: 'LMArena Text — style control' },
		{ id: 'lmarena-text/coding', title: 'LMArena Text — coding' }
	],
	headlineBoards: ['lmarena-text', 'lmarena-text/coding'],
	schedule: '17 */6 * * *',
	endpoints: [
		{ name: 'dataset', defaultUrl: `${DATASET_ROWS}&config=text&split=latest`, feed: 'official-dataset', format: 'dataset-rows-json', fetch: fetchDatasetRows },
		{ name: 'page', defaultUrl: 'https://arena.ai/leaderboard/text', feed: 'live-page', format: 'arena-page-html' }
	],
	formats: arenaFormats('lmarena-text', 'style-control'),
	skipReason: otherArenaInPath
};

export const lmarenaWebdev: SourceDefinition = {
	id: 'lmarena-webdev',
	name: 'LMArena WebDev',
	...shared,
	homepage: 'https://arena.ai/leaderboard/code/webdev',
	boards: [{ id: 'lmarena-webdev', title: 'WebDev Arena' }],
	schedule: '29 */6 * * *',
	endpoints: [
		{ name: 'dataset', defaultUrl: `${DATASET_ROWS}&config=webdev&split=latest`, feed: 'official-dataset', format: 'dataset-rows-json', fetch: fetchDatasetRows },
		{ name: 'page', defaultUrl: 'https://arena.ai/leaderboard/code/webdev', feed: 'live-page', format: 'arena-page-html' }
	],
	formats: [webdevCsvFormat('lmarena-webdev'), webdevBlogCsvFormat('lmarena-webdev'), webdevBlogHtmlFormat('lmarena-webdev'), ...arenaFormats('lmarena-webdev', null)],
	skipReason: otherArenaInPath
};
