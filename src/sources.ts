import { allSources } from './lib/catalogue';
import type { SourceDefinition } from './lib/catalogue/contract';
import { joinSources } from './lib/catalogue/definitions';
import { sourceModules } from '../scrapers';

/**
 * The composition root of the sources: the catalogue joined with the code under scrapers/. The server
 * process (hooks.server.ts), the CLI and the tests hand these to the ingest pipeline; nothing under
 * src/lib/server imports scrapers/ itself.
 */
export const sourceDefinitions: SourceDefinition[] = joinSources(allSources(), sourceModules);

export function sourceDefinition(id: string): SourceDefinition | undefined {
	return sourceDefinitions.find((s) => s.id === id);
}
