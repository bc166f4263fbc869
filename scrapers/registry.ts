import type { SourceDefinition } from './source';
import type { UncertaintyRule } from '../src/lib/analysis/uncertainty';
import { aiderPolyglot } from './sources/aider';
import { artificialAnalysis } from './sources/artificial-analysis';
import { livebench } from './sources/livebench';
import { lmarenaDocument, lmarenaImage, lmarenaSearch, lmarenaText, lmarenaVideo, lmarenaVision, lmarenaWebdev } from './sources/lmarena';
import { swebench } from './sources/swebench';
import { yupp } from './sources/yupp';

/** Every source rankdrift knows, in display order. Ids are unique: a duplicate is a programming error. */
export function buildRegistry(sources: SourceDefinition[]): Map<string, SourceDefinition> {
	const map = new Map<string, SourceDefinition>();
	for (const s of sources) {
		if (map.has(s.id)) throw new Error(`duplicate source id "${s.id}" in the registry`);
		map.set(s.id, s);
	}
	return map;
}

export const registry = buildRegistry([
	lmarenaText,
	lmarenaWebdev,
	lmarenaVision,
	lmarenaSearch,
	lmarenaDocument,
	lmarenaImage,
	lmarenaVideo,
	yupp,
	livebench,
	aiderPolyglot,
	swebench,
	artificialAnalysis
]);

export function getSource(id: string): SourceDefinition | undefined {
	return registry.get(id);
}

export function allSources(): SourceDefinition[] {
	return [...registry.values()];
}

/** What a board's uncertainty can be derived from when it publishes none (null: nothing known). */
export function uncertaintyRuleOf(boardId: string): UncertaintyRule | null {
	return sourceOfBoard(boardId)?.boards.find((b) => b.id === boardId)?.uncertainty ?? null;
}

/** The source that owns a board id (`lmarena-text/coding` → lmarena-text). */
export function sourceOfBoard(boardId: string): SourceDefinition | undefined {
	return registry.get(boardId.split('/')[0]);
}

/** What a board ranks: language models, or image or video generators (never compared across). */
export function worldOf(boardId: string): NonNullable<SourceDefinition['world']> {
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
