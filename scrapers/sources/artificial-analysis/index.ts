import type { SourceModule } from '../../../src/lib/catalogue/contract';
import { fetchModels } from './api-fetch';
import { apiJsonFormat } from './api-json';
import { flatExportCsvFormat } from './flat-export';
import { renderedTableCsvFormat } from './rendered-table';

export const artificialAnalysis: SourceModule = {
	id: 'artificial-analysis',
	formats: [apiJsonFormat, flatExportCsvFormat, renderedTableCsvFormat],
	fetchers: { api: fetchModels }
};
