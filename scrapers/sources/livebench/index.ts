import type { SourceDefinition } from '../../source';
import { categoriesJsonFormat, companionReason } from './categories';
import { groupedCsvFormat } from './grouped-csv';
import { fetchNewestRelease } from './live-fetch';
import { renderedCsvFormat } from './rendered-csv';
import { renderedHtmlFormat } from './rendered-html';
import { BOARD } from './shared';
import { tableCsvFormat } from './table-csv';

export const livebench: SourceDefinition = {
	id: 'livebench',
	name: 'LiveBench',
	homepage: 'https://livebench.ai',
	scoreMeaning:
		'Global Average: the mean of the category averages (Reasoning, Coding, Agentic Coding, Mathematics, Data Analysis, Language, Instruction Following — as the release defines them), each the mean of its task scores (0–100, graded against objective ground truth); rounded to 2 decimals as the site shows it.',
	rankNote:
		'LiveBench publishes no rank: rankdrift ranks by the Global Average, as the site sorts by default (equal shown averages share a rank). Each question-set release is its own method version, and the newest release is the default view. Models missing a whole category have no Global Average and are left out.',
	license: { name: 'none stated (the site repository LiveBench/livebench.github.io has no licence file)', url: null },
	attribution: 'Data: LiveBench (livebench.ai)',
	boards: [{ id: BOARD, title: 'LiveBench — Global Average' }],
	schedule: '0 4 * * *',
	endpoints: [
		// The site's own data files, read the way its page reads them: the same numbers the page renders.
		{ name: 'site', defaultUrl: 'https://livebench.ai/', feed: 'live-page', format: tableCsvFormat.name, fetch: fetchNewestRelease }
	],
	formats: [categoriesJsonFormat, tableCsvFormat, renderedHtmlFormat, renderedCsvFormat, groupedCsvFormat],
	skipReason: companionReason
};
