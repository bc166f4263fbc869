/** An id (board, family, organization, source) this database does not hold: a 404 page or answer, exit 1 in the CLI. */
export class NotFoundError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotFoundError';
	}
}

/**
 * A read that could not be answered now, though the request was fine: it ran past the query time limit,
 * or the worker running it was ended. A 503 with Retry-After (seconds).
 */
export class ReadUnavailableError extends Error {
	constructor(
		message: string,
		readonly retryAfterS: number
	) {
		super(message);
		this.name = 'ReadUnavailableError';
	}
}
