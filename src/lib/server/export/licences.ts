import { getSource, sourceOfBoard } from '../../catalogue';

export interface SourceLicence {
	name: string;
	url: string | null;
}

/** The licence and attribution blocks of a JSON response: one entry per source whose data it carries. */
export interface LicenceBlock {
	license: Record<string, SourceLicence>;
	attribution: Record<string, string>;
}

/** The source id owning a board (`lmarena-text/coding` → `lmarena-text`), as the catalogue knows it. */
export function sourceIdOfBoard(board: string): string {
	return sourceOfBoard(board)?.id ?? board.split('/')[0];
}

/** Source ids of boards, de-duplicated, in first-seen order. */
export function sourcesOfBoards(boards: Iterable<string | null | undefined>): string[] {
	const out: string[] = [];
	for (const b of boards) {
		if (!b) continue;
		const id = sourceIdOfBoard(b);
		if (!out.includes(id)) out.push(id);
	}
	return out;
}

export function licenceBlock(sourceIds: Iterable<string>): LicenceBlock {
	const block: LicenceBlock = { license: {}, attribution: {} };
	for (const id of sourceIds) {
		const s = getSource(id);
		if (!s || id in block.license) continue;
		block.license[id] = { name: s.license.name, url: s.license.url };
		block.attribution[id] = s.attribution;
	}
	return block;
}

/**
 * The `source_license` and `attribution` cells of one CSV row: the licence name and attribution line of
 * each source the row draws on (several joined with " | ", e.g. a divergence row across two sources).
 */
export function licenceCells(sourceIds: string[]): LicenceCells {
	const key = sourceIds.join('\n');
	let cells = cellCache.get(key);
	if (!cells) {
		cells = computeCells(sourceIds);
		cellCache.set(key, cells);
	}
	return cells;
}

type LicenceCells = { source_license: string | null; attribution: string | null };

// Rows repeat the same few source combinations (a million history rows, one source): computed once each.
const cellCache = new Map<string, LicenceCells>();

function computeCells(sourceIds: string[]): LicenceCells {
	const sources = sourceIds.map((id) => getSource(id)).filter((s) => s !== undefined);
	if (sources.length === 0) return { source_license: null, attribution: null };
	return {
		source_license: [...new Set(sources.map((s) => s.license.name))].join(' | '),
		attribution: [...new Set(sources.map((s) => s.attribution))].join(' | ')
	};
}

export const LICENCE_COLUMNS = ['source_license', 'attribution'] as const;
