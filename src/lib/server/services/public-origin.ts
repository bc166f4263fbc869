/**
 * How a run's origin is shown to readers: a URL as it is; a local file (an import) by its last two
 * path segments, since the server's own folder layout is nobody else's business.
 */
export function publicOrigin(origin: string): string {
	if (/^[a-z]+:\/\//i.test(origin)) return origin;
	return origin.split(/[\\/]/).filter(Boolean).slice(-2).join('/');
}
