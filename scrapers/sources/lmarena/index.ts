import { NotASnapshotError } from '../../../src/lib/catalogue/errors';
import type { SnapshotFormat, SourceModule } from '../../../src/lib/catalogue/contract';
import { ARENAS, type ArenaSpec } from '../../../src/lib/catalogue/sources/lmarena';
import { arenaCaptureCsvFormat, arenaPageHtmlFormat } from './arena-table';
import { catalogJsonFormat } from './catalog-json';
import { datasetRowsFormat, fetchDataset } from './dataset-rows';
import { fullHistory } from './full-history';
import { hfspaceCsvFormat, pklCsvFormat } from './hfspace-csv';
import { historyLongCsvFormat } from './history-long-csv';
import { historyWideCsvFormat } from './history-wide-csv';
import { overviewCsvFormat, overviewHtmlFormat } from './overview-html';
import { webdevBlogCsvFormat, webdevBlogHtmlFormat, webdevCsvFormat } from './webdev-tables';

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

/** The arena a recorded file's folder or name says it belongs to (`pkl_vision/…`, `leaderboard-image/…`), if any. */
function arenaInPath(path: string): string | null {
	const parts = path.split(/[\\/]/).slice(-3).join('/').toLowerCase();
	const m = parts.match(/(^|[^a-z])(vision|search|document|text[-_]to[-_]image|image[-_]edit|image|text[-_]to[-_]video|image[-_]to[-_]video|video[-_]edit|video)([^a-z]|$)/);
	if (!m) return null;
	return /video/.test(m[2]) ? 'video' : /image/.test(m[2]) ? 'image' : m[2];
}

function arenaFormats(spec: ArenaSpec): SnapshotFormat[] {
	const board = spec.id;
	const view = spec.page?.view ?? null;
	return [
		// WebDev's own captures and blog tables.
		...(spec.id === 'lmarena-webdev' ? [webdevCsvFormat(board), webdevBlogCsvFormat(board), webdevBlogHtmlFormat(board)] : []),
		nonLeaderboards(),
		datasetRowsFormat(board, (config) => spec.configs.find((c) => c.config === config)?.board ?? null),
		...(spec.catalogArena ? [catalogJsonFormat(board, spec.catalogArena)] : []),
		pklCsvFormat(board),
		hfspaceCsvFormat(board),
		historyWideCsvFormat(board),
		historyLongCsvFormat(board, view),
		arenaCaptureCsvFormat(board, view),
		overviewHtmlFormat(board, view),
		overviewCsvFormat(board, view),
		arenaPageHtmlFormat(board, view)
	];
}

function arenaModule(spec: ArenaSpec): SourceModule {
	const datasetEndpoints = spec.configs.map((c) => (c.styleControl ? 'dataset-style-control' : c.board ? `dataset-${c.board}` : 'dataset'));
	return {
		id: spec.id,
		formats: arenaFormats(spec),
		fetchers: Object.fromEntries(datasetEndpoints.map((name) => [name, fetchDataset])),
		history: fullHistory,
		skipReason(path) {
			const named = arenaInPath(path);
			if (named === spec.pathArena) return null;
			return named ? `the ${named} arena, not ${spec.name}` : `not named for ${spec.name} (its files sit in folders named for the arena)`;
		}
	};
}

/** One module per LMArena arena of the catalogue. */
export const lmarenaArenas: SourceModule[] = ARENAS.map(arenaModule);
