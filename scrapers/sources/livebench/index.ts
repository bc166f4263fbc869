import type { SourceModule } from '../../../src/lib/catalogue/contract';
import { categoriesJsonFormat, companionReason } from './categories';
import { groupedCsvFormat } from './grouped-csv';
import { fetchNewestRelease } from './live-fetch';
import { renderedCsvFormat } from './rendered-csv';
import { renderedHtmlFormat } from './rendered-html';
import { tableCsvFormat } from './table-csv';

export const livebench: SourceModule = {
	id: 'livebench',
	formats: [categoriesJsonFormat, tableCsvFormat, renderedHtmlFormat, renderedCsvFormat, groupedCsvFormat],
	// The site's own data files, read the way its page reads them: the same numbers the page renders.
	fetchers: { site: fetchNewestRelease },
	skipReason: companionReason
};
