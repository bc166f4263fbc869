import { parsedSnapshotSchema, type ParsedSnapshot } from '../../snapshots/snapshot';
import { ParseError } from '../../catalogue/errors';

const isNullish = (v: unknown) => v === null || v === undefined;
const optFinite = (v: unknown) => isNullish(v) || (typeof v === 'number' && Number.isFinite(v));
const optPositiveInt = (v: unknown) => isNullish(v) || (Number.isInteger(v) && (v as number) > 0);
const optString = (v: unknown) => isNullish(v) || typeof v === 'string';

/**
 * The schema's rules as a plain loop: every row of every snapshot passes through here, and zod's
 * generality costs more than storing the row. Any doubt falls through to zod, which stays the authority.
 */
function plainlyValid(s: ParsedSnapshot): boolean {
	if (!Array.isArray(s.rows) || s.rows.length === 0) return false;
	for (const r of s.rows) {
		if (typeof r.rowKey !== 'string' || r.rowKey === '') return false;
		if (!Number.isInteger(r.rank) || r.rank < 1) return false;
		if (!optPositiveInt(r.rankLower) || !optPositiveInt(r.rankUpper)) return false;
		if (typeof r.model !== 'string' || r.model.trim() === '') return false;
		if (!optString(r.organization) || !optString(r.license)) return false;
		if (!optFinite(r.score) || !optFinite(r.ciLower) || !optFinite(r.ciUpper)) return false;
		if (!isNullish(r.votes) && !(Number.isInteger(r.votes) && (r.votes as number) >= 0)) return false;
		if (r.extras !== undefined) {
			if (r.extras === null || typeof r.extras !== 'object') return false;
			for (const v of Object.values(r.extras))
				if (!(v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v)))) return false;
		}
	}
	return true;
}

const snapshotFields = parsedSnapshotSchema.omit({ rows: true });

/** Schema check after parsing: the first few problems, each naming its row, in one rejection reason. */
export function validateSnapshot(s: ParsedSnapshot): void {
	const snapshotOnly = snapshotFields.safeParse(s);
	if (snapshotOnly.success && plainlyValid(s)) return;
	const result = parsedSnapshotSchema.safeParse(s);
	if (result.success) return;
	const problems = result.error.issues.slice(0, 3).map((issue) => {
		const [first, index, field] = issue.path;
		if (first === 'rows' && typeof index === 'number') {
			const row = s.rows[index];
			const name = row?.model ? ` (${JSON.stringify(row.model)})` : '';
			return `row ${index + 1}${name}${field ? ` ${String(field)}` : ''}: ${issue.message}`;
		}
		return `${issue.path.join('.') || 'snapshot'}: ${issue.message}`;
	});
	const more = result.error.issues.length > 3 ? ` (and ${result.error.issues.length - 3} more)` : '';
	throw new ParseError(`invalid ${s.board} table: ${problems.join('; ')}${more}`);
}
