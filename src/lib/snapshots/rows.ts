import { createHash } from 'node:crypto';
import type { ParsedRow, ParsedSnapshot } from './snapshot';

export interface PreparedRow extends ParsedRow {
	needsReview: boolean;
	/**
	 * Every field of the row as one string, as parsed: set only on rows whose key repeats in the snapshot,
	 * which had to be compared (a renamed `#n` row keeps the fingerprint of what the board showed).
	 */
	fingerprint?: string;
}

const SEP = '\u001f';
const HASH_CHUNK_CHARS = 8192;
const field = (v: string | number | null | undefined) => (v === null || v === undefined ? '\u0000' : String(v));

/** Every field in one string (unit-separated; null distinct from ''): cheap enough to compute for every row stored. */
function rowFingerprint(r: ParsedRow): string {
	let extras = '';
	if (r.extras) {
		const keys = Object.keys(r.extras);
		if (keys.length > 1) keys.sort();
		for (const k of keys) extras += `${SEP}${k}=${typeof r.extras[k] === 'string' ? 's' : 'v'}${field(r.extras[k] as string | number | null)}`;
	}
	return (
		r.rowKey + SEP + r.rank + SEP + field(r.rankLower) + SEP + field(r.rankUpper) + SEP + r.model + SEP + field(r.organization) + SEP +
		field(r.license) + SEP + field(r.score) + SEP + field(r.ciLower) + SEP + field(r.ciUpper) + SEP + field(r.votes) + extras
	);
}

/**
 * The storage contract for repeated rows: rows identical in every field are one row shown twice
 * (collapsed, with a warning); two different rows under one key are two entries the board really
 * shows — both kept, the later ones told apart by a `#n` suffix on the key, and all flagged for review.
 * Rows are prepared in place (the parsed snapshot is consumed): at scale, copying each row costs more than storing it.
 */
export function collapseDuplicateRows(rows: ParsedRow[]): { rows: PreparedRow[]; warnings: string[] } {
	// Identical rows share their key, so only rows under a key seen before are compared, and only
	// they need a fingerprint here.
	const byKey = new Map<string, PreparedRow[]>();
	const out: PreparedRow[] = [];
	const warnings: string[] = [];
	let collapsed = 0;
	for (const r of rows) {
		const row = r as PreparedRow;
		row.needsReview = false;
		const key = r.rowKey;
		const sameKey = byKey.get(key);
		if (!sameKey) {
			byKey.set(key, [row]);
			out.push(row);
			continue;
		}
		const fp = rowFingerprint(row);
		if (sameKey.some((other) => (other.fingerprint ??= rowFingerprint(other)) === fp)) {
			collapsed++;
			continue;
		}
		row.fingerprint = fp;
		row.rowKey = `${key}#${sameKey.length + 1}`;
		row.needsReview = true;
		sameKey[0].needsReview = true;
		sameKey.push(row);
		warnings.push(`two different rows are both named "${key}": both kept and flagged for review`);
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
	const byRank = (a: PreparedRow, b: PreparedRow) => a.rank - b.rank || (a.rowKey < b.rowKey ? -1 : a.rowKey > b.rowKey ? 1 : 0);
	// Boards nearly always list rows in rank order: sorted only when they are not.
	const ordered = rows.every((r, i) => i === 0 || byRank(rows[i - 1], r) <= 0) ? rows : [...rows].sort(byRank);
	// Hashed a few kilobytes at a time: a native call per row cost more than the hashing, and one call
	// for the whole snapshot made V8 flatten and encode a rope of thousands of pieces, which took three
	// times as long as hashing it. The bytes hashed, and so the value, are the same either way.
	let text = '';
	for (const r of ordered) {
		text += '\n' + (r.fingerprint ?? rowFingerprint(r));
		if (text.length >= HASH_CHUNK_CHARS) {
			h.update(text);
			text = '';
		}
	}
	h.update(text);
	return h.digest('hex');
}
