import type { SourceInfo } from '../contract';

/** The free language-models endpoint of the documented API base (https://artificialanalysis.ai/api/v2). */
export const LANGUAGE_MODELS_URL = 'https://artificialanalysis.ai/api/v2/language/models/free';

export const artificialAnalysis: SourceInfo = {
	id: 'artificial-analysis',
	name: 'Artificial Analysis',
	homepage: 'https://artificialanalysis.ai/leaderboards/models',
	scoreMeaning:
		'Artificial Analysis Intelligence Index: a 0–100 composite of the evaluations Artificial Analysis runs itself (v4: agents, coding, general knowledge and scientific reasoning); higher is better. The index is re-versioned from time to time (v3 → v4 rescaled it), so compare scores only within one version.',
	rankNote:
		'The board publishes no rank: rankdrift ranks by the index, highest first; equal values share a rank (the page shows whole points). Models listed without an index value are not ranked. Price, speed, latency, context window and the coding and math indexes travel as extras.',
	license: { name: 'Artificial Analysis data API terms (free tier, attribution required)', url: 'https://artificialanalysis.ai/data-api/docs' },
	attribution: 'Data: Artificial Analysis (https://artificialanalysis.ai/)',
	terms:
		'Free API tier: attribution to https://artificialanalysis.ai/ is required wherever the data is shown, and the free tier allows about 100 requests a day. The data-platform terms (v1.1, 2026-08-19, as third parties report them; not verified here) restrict use in products whose main purpose is ranking models unless Artificial Analysis consents: read them before publishing this board.',
	boards: [{ id: 'artificial-analysis', title: 'Artificial Analysis Intelligence Index' }],
	schedule: '0 4 * * *',
	apiKey: { variable: 'ARTIFICIAL_ANALYSIS_API_KEY', howToGet: 'free key from artificialanalysis.ai' },
	endpoints: [{ name: 'api', defaultUrl: LANGUAGE_MODELS_URL, feed: 'official-dataset', format: 'aa-api-json' }]
};
