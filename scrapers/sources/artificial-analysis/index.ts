import type { SourceDefinition } from '../../source';
import { disabledReason, fetchModels } from './api-fetch';
import { apiJsonFormat } from './api-json';
import { flatExportCsvFormat } from './flat-export';
import { renderedTableCsvFormat } from './rendered-table';
import { BOARD } from './shared';

export const artificialAnalysis: SourceDefinition = {
	id: 'artificial-analysis',
	name: 'Artificial Analysis',
	homepage: 'https://artificialanalysis.ai/leaderboards/models',
	scoreMeaning:
		'Artificial Analysis Intelligence Index: a 0–100 composite of the evaluations Artificial Analysis runs itself (v4: agents, coding, general knowledge and scientific reasoning); higher is better. The index is re-versioned from time to time (v3 → v4 rescaled it), so compare scores only within one version.',
	rankNote:
		'The board publishes no rank: rankdrift ranks by the index, highest first; equal values share a rank (the page shows whole points). Models listed without an index value are not ranked. Price, speed, latency, context window and the coding and math indexes travel as extras.',
	license: { name: 'Artificial Analysis API terms (free tier, attribution required)', url: 'https://artificialanalysis.ai/documentation' },
	attribution: 'Data: Artificial Analysis (artificialanalysis.ai)',
	boards: [{ id: BOARD, title: 'Artificial Analysis Intelligence Index' }],
	schedule: '0 4 * * *',
	disabledReason,
	endpoints: [
		{
			name: 'api',
			defaultUrl: 'https://artificialanalysis.ai/api/v2/data/llms/models',
			feed: 'official-dataset',
			format: apiJsonFormat.name,
			fetch: fetchModels
		}
	],
	formats: [apiJsonFormat, flatExportCsvFormat, renderedTableCsvFormat]
};
