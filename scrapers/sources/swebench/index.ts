import type { SourceModule } from '../../../src/lib/catalogue/contract';
import { SOURCE_ID } from './boards';
import { leaderboardsJsonFormat } from './leaderboards-json';

export const swebench: SourceModule = {
	id: SOURCE_ID,
	formats: [leaderboardsJsonFormat]
};
