/** Atom 1.0 (RFC 4287) from plain data: every text is escaped, so scraped names are shown, never run. */

export interface AtomLink {
	href: string;
	rel?: 'alternate' | 'related' | 'self';
	type?: string;
}

export interface AtomEntry {
	id: string;
	title: string;
	updated: string;
	published?: string;
	links: AtomLink[];
	summary: string;
	categories: string[];
	rights?: string;
}

export interface AtomFeed {
	id: string;
	title: string;
	subtitle?: string;
	updated: string;
	links: AtomLink[];
	rights?: string;
	author: string;
	generator: string;
	entries: AtomEntry[];
}

// XML 1.0 forbids these characters even escaped (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF).
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data or an attribute value: markup characters escaped, forbidden characters replaced. */
export function xmlEscape(s: string): string {
	return s
		.replace(NOT_XML, '\uFFFD')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&apos;')
		.replace(/\r/g, '&#13;');
}

function link(l: AtomLink, indent: string): string {
	const attrs = [`href="${xmlEscape(l.href)}"`, l.rel ? `rel="${l.rel}"` : '', l.type ? `type="${xmlEscape(l.type)}"` : ''].filter(Boolean).join(' ');
	return `${indent}<link ${attrs}/>`;
}

function text(tag: string, value: string, indent: string): string {
	return `${indent}<${tag} type="text">${xmlEscape(value)}</${tag}>`;
}

function entryXml(e: AtomEntry): string {
	const i = '    ';
	return [
		'  <entry>',
		`${i}<id>${xmlEscape(e.id)}</id>`,
		text('title', e.title, i),
		`${i}<updated>${xmlEscape(e.updated)}</updated>`,
		e.published ? `${i}<published>${xmlEscape(e.published)}</published>` : '',
		...e.links.map((l) => link(l, i)),
		...e.categories.map((c) => `${i}<category term="${xmlEscape(c)}"/>`),
		text('summary', e.summary, i),
		e.rights ? text('rights', e.rights, i) : '',
		'  </entry>'
	]
		.filter(Boolean)
		.join('\n');
}

export function atomXml(feed: AtomFeed): string {
	const i = '  ';
	return [
		'<?xml version="1.0" encoding="utf-8"?>',
		'<feed xmlns="http://www.w3.org/2005/Atom">',
		`${i}<id>${xmlEscape(feed.id)}</id>`,
		text('title', feed.title, i),
		feed.subtitle ? text('subtitle', feed.subtitle, i) : '',
		`${i}<updated>${xmlEscape(feed.updated)}</updated>`,
		...feed.links.map((l) => link(l, i)),
		`${i}<author><name>${xmlEscape(feed.author)}</name></author>`,
		`${i}<generator>${xmlEscape(feed.generator)}</generator>`,
		feed.rights ? text('rights', feed.rights, i) : '',
		...feed.entries.map(entryXml),
		'</feed>',
		''
	]
		.filter((line, n, all) => line !== '' || n === all.length - 1)
		.join('\n');
}
