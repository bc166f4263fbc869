import type { UncertaintyRule } from '../analysis/uncertainty';
import type { Settings, SourceInfo, World } from './contract';

export type { Settings };
import { aiderPolyglot } from './sources/aider';
import { artificialAnalysis } from './sources/artificial-analysis';
import { livebench } from './sources/livebench';
import { lmarenaArenas } from './sources/lmarena';
import { swebench } from './sources/swebench';
import { yupp } from './sources/yupp';

/**
 * The catalogue: every source rankdrift knows, as plain data, in display order. Everything that needs
 * to know a source's boards, licence or headline boards reads it here; only the ingest pipeline also
 * needs the source's code (scrapers/), which it is handed by the composition root (src/sources.ts).
 */
export function buildCatalogue(sources: SourceInfo[]): Map<string, SourceInfo> {
	const map = new Map<string, SourceInfo>();
	for (const s of sources) {
		if (map.has(s.id)) throw new Error(`duplicate source id "${s.id}" in the catalogue`);
		map.set(s.id, s);
	}
	return map;
}

const catalogue = buildCatalogue([...lmarenaArenas, yupp, livebench, aiderPolyglot, swebench, artificialAnalysis]);

export function getSource(id: string): SourceInfo | undefined {
	return catalogue.get(id);
}

export function allSources(): SourceInfo[] {
	return [...catalogue.values()];
}

/** What a board's uncertainty can be derived from when it publishes none (null: nothing known). */
export function uncertaintyRuleOf(boardId: string): UncertaintyRule | null {
	return sourceOfBoard(boardId)?.boards.find((b) => b.id === boardId)?.uncertainty ?? null;
}

/** The source that owns a board id (`lmarena-text/coding` → lmarena-text). */
export function sourceOfBoard(boardId: string): SourceInfo | undefined {
	return catalogue.get(boardId.split('/')[0]);
}

/** What a board ranks: language models, or image or video generators (never compared across). */
export function worldOf(boardId: string): World {
	return sourceOfBoard(boardId)?.world ?? 'llm';
}

/** The boards sources declare (each method's overall view, named splits), as against categories found in the data. */
export function declaredBoards(): string[] {
	return allSources().flatMap((s) => s.boards.map((b) => b.id));
}

/** Each source's one primary board (its first headline board, else its own id): drawn in the source's full colour. */
export function primaryBoards(): string[] {
	return allSources().map((s) => s.headlineBoards?.[0] ?? s.id);
}

/** A setting's text, trimmed; undefined when it is unset, blank or not text. */
export function settingText(settings: Settings, name: string): string | undefined {
	const value = settings[name];
	return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/** What to set when the source needs an API key and none is set, or null. */
export function missingApiKey(source: SourceInfo, settings: Settings): string | null {
	if (!source.apiKey) return null;
	return settingText(settings, source.apiKey.variable) ? null : `set ${source.apiKey.variable} to enable (${source.apiKey.howToGet})`;
}

/** Why a source does not run on a schedule here (retired, or its API key unset), or null when it does. */
export function notRunnableReason(source: SourceInfo, settings: Settings): string | null {
	if (source.retired) return `retired since ${source.retired.since}: ${source.retired.note}`;
	return missingApiKey(source, settings);
}
