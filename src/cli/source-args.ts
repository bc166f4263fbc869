import type { SourceDefinition } from '../lib/catalogue/contract';
import { sourceDefinition, sourceDefinitions } from '../sources';
import { UsageError } from './usage-error';

/** The source a command-line argument names, or a usage error listing the ones there are. */
export function sourceNamed(id: string): SourceDefinition {
	const source = sourceDefinition(id);
	if (!source) throw new UsageError(`unknown source "${id}"; sources: ${sourceDefinitions.map((s) => s.id).join(', ')}`);
	return source;
}

/** The sources named on the command line, every source when none is. */
export function sourcesNamed(ids: string[]): SourceDefinition[] {
	return ids.length ? ids.map(sourceNamed) : sourceDefinitions;
}
