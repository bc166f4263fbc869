import { createHash } from 'node:crypto';
import type { ParsedRow, ParsedSnapshot } from './snapshot';

export interface PreparedRow extends ParsedRow {
	needsReview: boolean;
	/** Every field of the row as one string: what "identical" means, and what the content hash covers. */
	fingerprint: string;
}

function rowFingerprint(r: ParsedRow): string {
	const extras = r.extras ? Object.keys(r.extras).sort().map((k) => [k, r.extras![k]]) : [];
	return JSON.stringify([
		r.rowKey,
		r.rank,
		r.rankLower ?? null,
		r.rankUpper ?? null,
		r.model,
		r.organization ?? null,
		r.license ?? null,
		r.score ?? null,
		r.ciLower ?? null,
		r.ciUpper ?? null,
		r.votes ?? null,
		extras
	]);
}

/**
 * The storage contract for repeated rows: rows identical in every field are one row shown twice
 * (collapsed, with a warning); two different rows under one key are two entries the board really
 * shows — both kept, the later ones told apart by a `#n` suffix on the key, and all flagged for review.
 */
export function collapseDuplicateRows(rows: ParsedRow[]): { rows: PreparedRow[]; warnings: string[] } {
	const seen = new Set<string>();
	const byKey = new Map<string, PreparedRow[]>();
	const out: PreparedRow[] = [];
	const warnings: string[] = [];
	let collapsed = 0;
	for (const r of rows) {
		const fp = rowFingerprint(r);
		if (seen.has(fp)) {
			collapsed++;
			continue;
		}
		seen.add(fp);
		const row: PreparedRow = { ...r, needsReview: false, fingerprint: fp };
		const sameKey = byKey.get(r.rowKey);
		if (sameKey) {
			row.rowKey = `${r.rowKey}#${sameKey.length + 1}`;
			row.needsReview = true;
			sameKey[0].needsReview = true;
			sameKey.push(row);
			warnings.push(`two different rows are both named "${r.rowKey}": both kept and flagged for review`);
		} else {
			byKey.set(r.rowKey, [row]);
		}
		out.push(row);
	}
	if (collapsed > 0) warnings.push(`${collapsed} duplicate row(s) identical in every field were collapsed`);
	return { rows: out, warnings };
}

/**
 * Content identity of a snapshot: what it ranks and how, not which file or fetch it came from, nor
 * the order a page happened to sort its rows in.
 */
export function snapshotContentHash(s: Pick<ParsedSnapshot, 'rankSemantics' | 'adjustment' | 'methodVersion'>, rows: PreparedRow[]): string {
	const h = createHash('sha256');
	h.update(JSON.stringify([s.rankSemantics, s.adjustment, s.methodVersion]));
	const lines = rows.map((r) => ({ rank: r.rank, key: r.rowKey, fp: r.fingerprint }));
	lines.sort((a, b) => a.rank - b.rank || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
	for (const l of lines) h.update('\n' + l.fp);
	return h.digest('hex');
}
