/**
 * Errors that tell the runner what happened and what to do next, in words a person reading the
 * sources page understands. A ParseError means the bytes arrived but are not a usable leaderboard:
 * the run is `rejected`, nothing is stored but the run and the raw payload, and retrying will not help.
 */
export class ParseError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'ParseError';
	}
}

/** The site answered with an anti-bot or challenge page instead of the leaderboard. */
export class BlockedError extends ParseError {
	constructor(message: string) {
		super(`blocked: ${message}`);
		this.name = 'BlockedError';
	}
}

/** The fetch itself failed (network, timeout, HTTP status); the run is `failed` and a later run may succeed. */
export class FetchError extends Error {
	readonly status: number | null;
	readonly attempts: number;
	readonly body: Uint8Array | null;
	/** The network error's code (ENOTFOUND, ECONNREFUSED, ETIMEDOUT…) when no answer came: tells "cannot reach" from "refused". */
	readonly code: string | null;
	constructor(message: string, opts: { status?: number | null; attempts: number; body?: Uint8Array | null; code?: string | null }) {
		super(message);
		this.name = 'FetchError';
		this.status = opts.status ?? null;
		this.attempts = opts.attempts;
		this.body = opts.body ?? null;
		this.code = opts.code ?? null;
	}
}

/** A readable file that is not a leaderboard snapshot of this source (a price map, another arena): skipped, not rejected. */
export class NotASnapshotError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotASnapshotError';
	}
}
