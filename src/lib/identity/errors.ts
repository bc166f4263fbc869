/** Raised for an unreadable or inconsistent crosswalk; the message names the entry at fault. */
export class CrosswalkError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CrosswalkError';
	}
}
