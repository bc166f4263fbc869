import { NotASnapshotError } from '../../errors';
import type { Adjustment } from '../../../src/lib/model/snapshot';
import type { BoardInfo, Endpoint, SnapshotFormat, SourceDefinition } from '../../source';
import { arenaCaptureCsvFormat, arenaPageHtmlFormat } from './arena-table';
import { catalogJsonFormat, type CatalogArena } from './catalog-json';
import { datasetRowsFormat, fetchDataset, parquetUrl } from './dataset-rows';
import { hfspaceCsvFormat, pklCsvFormat } from './hfspace-csv';
import { historyLongCsvFormat } from './history-long-csv';
import { historyWideCsvFormat } from './history-wide-csv';
import { overviewCsvFormat, overviewHtmlFormat } from './overview-html';
import { webdevBlogCsvFormat, webdevBlogHtmlFormat, webdevCsvFormat } from './webdev-tables';

const shared = {
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

/** The arena a recorded file's folder or name says it belongs to (`pkl_vision/…`, `leaderboard-image/…`), if any. */
function arenaInPath(path: string): string | null {
	const parts = path.split(/[\\/]/).slice(-3).join('/').toLowerCase();
	const m = parts.match(/(^|[^a-z])(vision|search|document|text[-_]to[-_]image|image[-_]edit|image|text[-_]to[-_]video|image[-_]to[-_]video|video[-_]edit|video)([^a-z]|$)/);
	if (!m) return null;
	return /video/.test(m[2]) ? 'video' : /image/.test(m[2]) ? 'image' : m[2];
}

/**
 * One LMArena arena. Each dataset config is an endpoint feeding its own series: the unadjusted config
 * the arena's board, the `_style_control` one `<board>/style-control`; further configs (image edit,
 * image to video) are named boards below the arena. Categories come from the data.
 */
interface ArenaSpec {
	id: string;
	name: string;
	/** What recorded files name this arena in their path (null: files that name no arena, the text arena's history). */
	pathArena: string | null;
	/** Which arena's catalog JSON files it reads (none published for video). */
	catalogArena: CatalogArena | null;
	homepage: string;
	/** Category boards worth naming in advance (the others appear from the data). */
	namedBoards?: BoardInfo[];
	configs: { config: string; board?: string; title: string; styleControl?: boolean }[];
	/** The arena.ai page, and the rating it shows by default (see arenaFormats). */
	page?: { url: string; view: Adjustment };
	world: SourceDefinition['world'];
	headlineBoards: string[];
	schedule: string;
	extraFormats?: (board: string) => SnapshotFormat[];
}

function arenaFormats(board: string, spec: ArenaSpec): SnapshotFormat[] {
	const view = spec.page?.view ?? null;
	return [
		...(spec.extraFormats?.(board) ?? []),
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

function arena(spec: ArenaSpec): SourceDefinition {
	const boardOf = (c: ArenaSpec['configs'][number]) => (c.board ? `${spec.id}/${c.board}` : c.styleControl ? `${spec.id}/style-control` : spec.id);
	const boards: BoardInfo[] = [...spec.configs.map((c) => ({ id: boardOf(c), title: c.title })), ...(spec.namedBoards ?? [])];
	const endpoints: Endpoint[] = spec.configs.map((c) => ({
		name: c.styleControl ? 'dataset-style-control' : c.board ? `dataset-${c.board}` : 'dataset',
		defaultUrl: parquetUrl(c.config, 'latest'),
		feed: 'official-dataset',
		format: 'dataset-rows-json',
		fetch: fetchDataset
	}));
	if (spec.page) endpoints.push({ name: 'page', defaultUrl: spec.page.url, feed: 'live-page', format: 'arena-page-html' });
	return {
		id: spec.id,
		name: spec.name,
		publisher: 'lmarena',
		homepage: spec.homepage,
		...shared,
		boards,
		headlineBoards: spec.headlineBoards,
		world: spec.world,
		schedule: spec.schedule,
		endpoints,
		formats: arenaFormats(spec.id, spec),
		skipReason(path) {
			const named = arenaInPath(path);
			if (named === spec.pathArena) return null;
			return named ? `the ${named} arena, not ${spec.name}` : `not named for ${spec.name} (its files sit in folders named for the arena)`;
		}
	};
}

export const lmarenaText = arena({
	id: 'lmarena-text',
	name: 'LMArena Text',
	pathArena: null,
	catalogArena: 'text',
	homepage: 'https://arena.ai/leaderboard/text',
	configs: [
		{ config: 'text', title: 'LMArena Text — unadjusted' },
		{ config: 'text_style_control', styleControl: true, title: 'LMArena Text — style control' }
	],
	// arena.ai has shown Text style-controlled by default since 2025.
	page: { url: 'https://arena.ai/leaderboard/text', view: 'style-control' },
	namedBoards: [{ id: 'lmarena-text/coding', title: 'LMArena Text — coding' }],
	world: 'llm',
	// Both fits of the text arena: the unadjusted one has the long history, style control is what arena.ai shows.
	headlineBoards: ['lmarena-text', 'lmarena-text/coding', 'lmarena-text/style-control'],
	schedule: '17 */6 * * *'
});

export const lmarenaWebdev = arena({
	id: 'lmarena-webdev',
	name: 'LMArena WebDev',
	pathArena: null,
	catalogArena: 'text',
	homepage: 'https://arena.ai/leaderboard/code/webdev',
	configs: [{ config: 'webdev', title: 'WebDev Arena' }],
	// WebDev publishes one fit only, and its page does not say which: captures stay unlabelled.
	page: { url: 'https://arena.ai/leaderboard/code/webdev', view: null },
	world: 'llm',
	headlineBoards: ['lmarena-webdev'],
	schedule: '29 */6 * * *',
	extraFormats: (board) => [webdevCsvFormat(board), webdevBlogCsvFormat(board), webdevBlogHtmlFormat(board)]
});

const llmArena = (id: string, name: string, config: string, minute: number) =>
	arena({
		id: `lmarena-${id}`,
		name: `LMArena ${name}`,
		pathArena: id,
		catalogArena: id === 'vision' ? 'vision' : 'text',
		homepage: `https://arena.ai/leaderboard/${id}`,
		configs: [
			{ config, title: `LMArena ${name} — unadjusted` },
			{ config: `${config}_style_control`, styleControl: true, title: `LMArena ${name} — style control` }
		],
		world: 'llm',
		// Compared only on demand: each ranks a task (images in, web search, long documents) the headline boards do not.
		headlineBoards: [],
		schedule: `${minute} */12 * * *`
	});

export const lmarenaVision = llmArena('vision', 'Vision', 'vision', 35);
export const lmarenaSearch = llmArena('search', 'Search', 'search', 41);
export const lmarenaDocument = llmArena('document', 'Document', 'document', 47);

export const lmarenaImage = arena({
	id: 'lmarena-image',
	name: 'LMArena Image',
	pathArena: 'image',
	catalogArena: 'image',
	homepage: 'https://arena.ai/leaderboard/text-to-image',
	configs: [
		{ config: 'text_to_image', title: 'Text-to-Image Arena' },
		{ config: 'image_edit', board: 'edit', title: 'Image Edit Arena' }
	],
	world: 'image',
	headlineBoards: [],
	schedule: '53 */12 * * *'
});

export const lmarenaVideo = arena({
	id: 'lmarena-video',
	name: 'LMArena Video',
	pathArena: 'video',
	catalogArena: null,
	homepage: 'https://arena.ai/leaderboard/text-to-video',
	configs: [
		{ config: 'text_to_video', title: 'Text-to-Video Arena' },
		{ config: 'image_to_video', board: 'image-to-video', title: 'Image-to-Video Arena' },
		{ config: 'video_edit', board: 'edit', title: 'Video Edit Arena' }
	],
	world: 'video',
	headlineBoards: [],
	schedule: '59 */12 * * *'
});
