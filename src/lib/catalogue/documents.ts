import { BlockedError, ParseError } from './errors';

/**
 * How a fetched or recorded document is read before any parser sees it (encoding, binary files,
 * challenge pages, truncation, file-name dates): shared by the parsers and the ingest pipeline.
 */

/** UTF-8 when the bytes are valid UTF-8, else Windows-1252 (some captures are latin-1: `±` is byte 0xB1). */
export function decodeText(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		return { text: text.replace(/^\uFEFF/, ''), encoding: 'utf-8' };
	} catch {
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

/** Binary files (images, archives, SQLite) have NUL bytes early on; text leaderboards never do. */
export function looksBinary(bytes: Uint8Array): boolean {
	const n = Math.min(bytes.length, 8192);
	for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
	return false;
}

/** Throws BlockedError when the text is an anti-bot challenge page rather than content. */
export function assertNotBlocked(text: string): void {
	const head = text.slice(0, 20_000);
	if (/window\._cf_chl_opt|cf-browser-verification|challenge-platform|<title>\s*Just a moment/i.test(head))
		throw new BlockedError('Cloudflare challenge page ("Just a moment..."), not a leaderboard');
	if (/<title>\s*Attention Required!\s*\|\s*Cloudflare/i.test(head))
		throw new BlockedError('Cloudflare block page ("Attention Required"), not a leaderboard');
	if (/captcha-delivery\.com|px-captcha|<title>\s*Access denied/i.test(head))
		throw new BlockedError('anti-bot page, not a leaderboard');
}

/**
 * HTML parsers forgive a page cut off mid-way and return the rows they saw, which would pass for a
 * smaller board: a document that opens <html> or <table> must also close it.
 */
export function assertCompleteHtml(text: string): void {
	const tail = text.slice(-4000).toLowerCase();
	if (/<html[\s>]/i.test(text.slice(0, 5000)) && !tail.includes('</html>')) throw new ParseError('truncated: the page ends before </html>');
	if (/<table[\s>]/i.test(text) && !text.toLowerCase().includes('</table>')) throw new ParseError('truncated: a table is never closed');
}

export function looksLikeHtml(text: string): boolean {
	return /^\s*(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body|table|div)\b/i.test(text);
}

/** `YYYY-MM-DD` in a file name, if any. */
export function dateInName(name: string): string | null {
	const m = name.match(/(\d{4})-(\d{2})-(\d{2})/);
	return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
