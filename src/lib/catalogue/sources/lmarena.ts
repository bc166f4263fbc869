import type { Adjustment } from '../../snapshots/snapshot';
import type { BoardInfo, EndpointInfo, SourceInfo } from '../contract';

const shared = {
	scoreMeaning:
		'Arena score: a Bradley–Terry rating fitted to anonymous pairwise human votes (higher is preferred more often); the 95% interval comes from bootstrapping the votes.',
	rankNote:
		'The published rank is an upper-bound rank: 1 + the number of models whose interval lies wholly above, so several models can share a rank. Some captures renumber rows 1..N and give the interval as a rank spread.',
	license: { name: 'CC BY 4.0 (official leaderboard dataset)', url: 'https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset' },
	attribution: 'Data: LMArena (arena.ai), lmarena-ai/leaderboard-dataset, CC BY 4.0'
};

const DATASET_FILES = 'https://huggingface.co/datasets/lmarena-ai/leaderboard-dataset/resolve/main';

/** The parquet file of a dataset config's split: the endpoint rankdrift reads first. */
export const parquetUrl = (config: string, split: 'latest' | 'full') => `${DATASET_FILES}/${config}/${split}-00000-of-00001.parquet`;

/** The dataset server's rows API, paged when a parquet file cannot be had (RANKDRIFT_LMARENA_ROWS_URL points elsewhere). */
export const DATASET_ROWS_URL = 'https://datasets-server.huggingface.co/rows?dataset=lmarena-ai%2Fleaderboard-dataset';

/** Which arena's catalog JSON files a source reads. */
export type CatalogArena = 'text' | 'vision' | 'image';

export interface DatasetConfig {
	config: string;
	board?: string;
	title: string;
	styleControl?: boolean;
}

/**
 * One LMArena arena. Each dataset config is an endpoint feeding its own series: the unadjusted config
 * the arena's board, the `_style_control` one `<board>/style-control`; further configs (image edit,
 * image to video) are named boards below the arena. Categories come from the data.
 */
export interface ArenaSpec {
	id: string;
	name: string;
	/** What recorded files name this arena in their path (null: files that name no arena, the text arena's history). */
	pathArena: string | null;
	/** Which arena's catalog JSON files it reads (none published for video). */
	catalogArena: CatalogArena | null;
	homepage: string;
	/** Category boards worth naming in advance (the others appear from the data). */
	namedBoards?: BoardInfo[];
	configs: DatasetConfig[];
	/** The arena.ai page, and the rating it shows by default. */
	page?: { url: string; view: Adjustment };
	world: SourceInfo['world'];
	headlineBoards: string[];
	schedule: string;
}

/** The board a dataset config feeds. */
export function configBoard(spec: ArenaSpec, c: DatasetConfig): string {
	return c.board ? `${spec.id}/${c.board}` : c.styleControl ? `${spec.id}/style-control` : spec.id;
}

function arenaInfo(spec: ArenaSpec): SourceInfo {
	const boards: BoardInfo[] = [...spec.configs.map((c) => ({ id: configBoard(spec, c), title: c.title })), ...(spec.namedBoards ?? [])];
	const endpoints: EndpointInfo[] = spec.configs.map((c) => ({
		name: c.styleControl ? 'dataset-style-control' : c.board ? `dataset-${c.board}` : 'dataset',
		defaultUrl: parquetUrl(c.config, 'latest'),
		feed: 'official-dataset',
		format: 'dataset-rows-json'
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
		endpoints
	};
}

const llmArena = (id: string, name: string, config: string, minute: number): ArenaSpec => ({
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

/** Every LMArena arena rankdrift tracks, in display order. */
export const ARENAS: ArenaSpec[] = [
	{
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
	},
	{
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
		schedule: '29 */6 * * *'
	},
	llmArena('vision', 'Vision', 'vision', 35),
	llmArena('search', 'Search', 'search', 41),
	llmArena('document', 'Document', 'document', 47),
	{
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
	},
	{
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
	}
];

export const lmarenaArenas: SourceInfo[] = ARENAS.map(arenaInfo);
