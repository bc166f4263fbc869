/** An id (board, family, organization, source) this database does not hold: a 404 page or answer, exit 1 in the CLI. */
export class NotFoundError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'NotFoundError';
	}
}
