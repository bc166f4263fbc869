import { parsedSnapshotSchema, type ParsedSnapshot } from '../src/lib/model/snapshot';
import { ParseError } from './errors';

/** Schema check after parsing: the first few problems, each naming its row, in one rejection reason. */
export function validateSnapshot(s: ParsedSnapshot): void {
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
