import type { SourceInfo } from '../contract';

const TRPC = 'https://yupp.ai/api/trpc/leaderboard.getLeaderboard?batch=1&input=';

/** The query the site itself sent; the coding view adds `codingModels: true`. */
function trpcUrl(flags: Record<string, boolean> = {}): string {
	const input = { '0': { json: { offset: 0, numResults: 500, collectStats: true, backendTier: 'stable', ...flags } } };
	return TRPC + encodeURIComponent(JSON.stringify(input));
}

export const yupp: SourceInfo = {
	id: 'yupp',
	name: 'Yupp',
	homepage: 'https://yupp.ai/leaderboard',
	scoreMeaning:
		'VIBE score: a Bradley–Terry rating (Elo-like scale) fitted to pairwise preferences of Yupp users choosing between model answers; higher is preferred more often. The site\'s API also gave a rating interval.',
	rankNote:
		'Yupp numbered its rows 1..N by VIBE score. The recorded captures have scores only, so rank is computed from the score: on a list in board order (the text board) ties in the rounded score follow the board\'s own order; elsewhere (the coding column) equal scores share a rank.',
	license: { name: 'no licence stated', url: null },
	attribution: 'Data: Yupp (yupp.ai), captured before the service closed in April 2026',
	boards: [
		{ id: 'yupp', title: 'Yupp — text (VIBE score)' },
		{ id: 'yupp/coding', title: 'Yupp — coding' }
	],
	// Never scheduled while retired; kept valid for the record of how often the board was read.
	schedule: '41 5 * * *',
	retired: {
		since: '2026-04-15',
		note: 'Yupp shut down (announced 2026-03-31, service ended mid-April 2026); no live fetches, recorded history is kept and used'
	},
	// Replay only: the scheduler and CLI skip a retired source, but a recording server can stand in (RANKDRIFT_URL_YUPP_TRPC).
	endpoints: [
		{ name: 'trpc', defaultUrl: trpcUrl(), feed: 'live-page', format: 'yupp-trpc-json' },
		{ name: 'trpc-coding', defaultUrl: trpcUrl({ codingModels: true }), feed: 'live-page', format: 'yupp-trpc-json' }
	]
};
