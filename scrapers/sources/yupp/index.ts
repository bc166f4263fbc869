import type { SourceModule } from '../../../src/lib/catalogue/contract';
import { leaderboardHtmlFormat } from './leaderboard-html';
import { scoresCsvFormat } from './scores-csv';
import { trpcJsonFormat } from './trpc-json';

export const yupp: SourceModule = {
	id: 'yupp',
	formats: [trpcJsonFormat(), scoresCsvFormat(), leaderboardHtmlFormat()]
};
