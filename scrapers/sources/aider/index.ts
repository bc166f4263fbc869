import type { SourceModule } from '../../../src/lib/catalogue/contract';
import { pageCsvFormat } from './page-csv';
import { runsYamlFormat } from './runs-yaml';

export const aiderPolyglot: SourceModule = {
	id: 'aider-polyglot',
	formats: [runsYamlFormat('edit'), runsYamlFormat('polyglot'), pageCsvFormat()]
};
