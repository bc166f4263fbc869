import type { SourceDefinition, SourceInfo, SourceModule } from './contract';

/**
 * Each catalogue entry joined with the module that fetches and parses it. A missing module, an
 * endpoint naming a format its module lacks, or a fetch for no endpoint is a programming error,
 * caught when the app starts rather than at the first scheduled run.
 */
export function joinSources(catalogue: SourceInfo[], modules: SourceModule[]): SourceDefinition[] {
	const byId = new Map(modules.map((m) => [m.id, m]));
	const unknown = modules.filter((m) => !catalogue.some((s) => s.id === m.id)).map((m) => m.id);
	if (unknown.length) throw new Error(`source modules with no catalogue entry: ${unknown.join(', ')}`);
	return catalogue.map((info) => {
		const module = byId.get(info.id);
		if (!module) throw new Error(`catalogue entry "${info.id}" has no source module under scrapers/sources`);
		const fetchers = module.fetchers ?? {};
		for (const name of Object.keys(fetchers))
			if (!info.endpoints.some((e) => e.name === name)) throw new Error(`${info.id}: a fetch for unknown endpoint "${name}"`);
		for (const e of info.endpoints)
			if (!module.formats.some((f) => f.name === e.format)) throw new Error(`${info.id}/${e.name} names unknown format ${e.format}`);
		return {
			...info,
			formats: module.formats,
			skipReason: module.skipReason,
			history: module.history,
			endpoints: info.endpoints.map((e) => (fetchers[e.name] ? { ...e, fetch: fetchers[e.name] } : { ...e }))
		};
	});
}
