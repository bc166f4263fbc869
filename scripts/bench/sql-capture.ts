import type Database from 'better-sqlite3';
import type { Db } from '../../src/lib/server/db/connection';

interface Call {
	source: string;
	method: 'all' | 'get' | 'run' | 'iterate' | 'pluck';
	params: unknown[];
}

/**
 * Records every statement a piece of code executes on a connection, so the same SQL can be replayed
 * bare and timed: the "bare SQL a page needs" its server time is compared with.
 */
export function captureSql<T>(db: Db, fn: () => T): { result: T; calls: Call[] } {
	const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, unknown>;
	const calls: Call[] = [];
	const originals: Record<string, unknown> = {};
	for (const method of ['all', 'get', 'run', 'iterate'] as const) {
		const original = proto[method] as (...args: unknown[]) => unknown;
		originals[method] = original;
		proto[method] = function (this: Database.Statement, ...params: unknown[]) {
			calls.push({ source: this.source, method, params });
			return original.apply(this, params);
		};
	}
	try {
		return { result: fn(), calls };
	} finally {
		for (const [k, v] of Object.entries(originals)) proto[k] = v;
	}
}

/** Runs the captured statements again (prepared beforehand) and returns the milliseconds they take. */
export function replaySql(db: Db, calls: Call[]): number {
	const prepared = calls.map((c) => ({ stmt: db.prepare(c.source), c }));
	const t0 = performance.now();
	for (const { stmt, c } of prepared) {
		if (c.method === 'iterate') for (const row of stmt.iterate(...(c.params as never[]))) void row;
		else if (c.method === 'run') continue; // pages only read; a write would change what is measured
		else (stmt[c.method] as (...p: unknown[]) => unknown)(...c.params);
	}
	return performance.now() - t0;
}
