// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {
		interface Error {
			message: string;
			/** Set for 400s: what was wrong with the request. */
			detail?: string;
		}
	}
}

export {};
