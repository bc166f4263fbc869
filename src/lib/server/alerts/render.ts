import type { SubscriptionRow } from '../db/alerts';
import { describeItem } from './describe';
import { alertsUrl, eventsUrl } from './links';
import { KIND_LABELS, severityRank, type AlertItem, type AlertKind } from './types';

// Messages as plain text and HTML. Everything that came from a scraped page (model names, reasons,
// details) is escaped in the HTML part; the text part is plain text.

export interface RenderedMessage {
	subject: string;
	text: string;
	html: string;
}

/** Past this many items a message lists the strongest and links to the rest (a bulk import can bring thousands). */
export const MAX_ITEMS_SHOWN = 50;

export function escapeHtml(s: string): string {
	return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** One line, no control characters, bounded: safe for a Subject header. */
function headerText(s: string, max = 160): string {
	const flat = s.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/\s+/g, ' ').trim();
	return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

export function describeWatch(sub: Pick<SubscriptionRow, 'watch_type' | 'watch_value'>): string {
	return sub.watch_type ? `${sub.watch_type} ${sub.watch_value}` : 'every board and model';
}

export function describeSettings(sub: SubscriptionRow): string {
	const kinds = (JSON.parse(sub.kinds) as AlertKind[]).map((k) => (k === 'divergence' ? `divergence ≥ ${sub.divergence_level}` : k)).join(', ');
	const when = sub.frequency === 'daily' ? `a daily digest at ${String(sub.digest_hour).padStart(2, '0')}:00 UTC` : 'immediately';
	return `${describeWatch(sub)}; kinds: ${kinds}; severity ${sub.min_severity} and up; ${when}`;
}

const page = (title: string, body: string) =>
	`<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
	`<body style="font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:15px;line-height:1.45;color:#16181d;max-width:720px">${body}</body></html>`;

export function confirmationMessage(sub: SubscriptionRow, links: { confirm: string; manage: string }): RenderedMessage {
	const subject = `[rankdrift] Confirm your alerts for ${headerText(describeWatch(sub), 80)}`;
	const text = [
		'Someone (hopefully you) asked rankdrift to send leaderboard alerts to this address:',
		'',
		`  ${describeSettings(sub)}`,
		'',
		'Nothing will be sent until you confirm. Open this link and press the button to confirm (it expires in 48 hours):',
		'',
		`  ${links.confirm}`,
		'',
		'If you did not ask for this, ignore this message: without confirmation the request is deleted.',
		''
	].join('\n');
	const html = page(
		subject,
		`<p>Someone (hopefully you) asked rankdrift to send leaderboard alerts to this address:</p>` +
			`<p style="padding:.5rem .8rem;background:#f4f6fa;border-radius:4px">${escapeHtml(describeSettings(sub))}</p>` +
			`<p>Nothing will be sent until you confirm. Open this link and press the button to confirm (it expires in 48 hours):</p>` +
			`<p><a href="${escapeHtml(links.confirm)}">Confirm my alerts</a></p>` +
			`<p style="color:#5b6270">If you did not ask for this, ignore this message: without confirmation the request is deleted.</p>`
	);
	return { subject, text, html };
}

/** Strongest first, then newest: what a reader should see first. */
export function orderItems(items: AlertItem[]): AlertItem[] {
	return [...items].sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (b.date ?? '').localeCompare(a.date ?? '') || a.key.localeCompare(b.key));
}

export function alertMessage(
	sub: SubscriptionRow,
	items: AlertItem[],
	opts: { base: string; digest: boolean; now: Date; links: { manage: string; unsubscribe: string } }
): RenderedMessage {
	const ordered = orderItems(items);
	const shown = ordered.slice(0, MAX_ITEMS_SHOWN);
	const rest = ordered.length - shown.length;
	const described = shown.map((i) => describeItem(i, opts.base));
	const count = `${items.length} change${items.length === 1 ? '' : 's'}`;
	const subject = opts.digest
		? `[rankdrift] Daily digest ${opts.now.toISOString().slice(0, 10)}: ${count}`
		: `[rankdrift] ${headerText(items.length === 1 ? shown[0].title : `${count}: ${shown[0].title}`)}`;
	const intro = `${opts.digest ? 'Your daily rankdrift digest' : 'rankdrift alert'}: ${count} for ${describeWatch(sub)}.`;
	const footer = `You get this because this address subscribed to rankdrift alerts (${describeSettings(sub)}).`;

	const text = [
		intro,
		'',
		...described.flatMap((d) => [`■ ${d.heading}`, `  ${d.summary}`, ...d.lines.map((l) => `  ${l}`), ...d.links.map((l) => `  ${l.label}: ${l.url}`), '']),
		...(rest > 0 ? [`… and ${rest} more: ${eventsUrl(opts.base)}`, ''] : []),
		'-- ',
		footer,
		`Change or delete your alerts: ${opts.links.manage}`,
		`Unsubscribe: ${opts.links.unsubscribe}`,
		''
	].join('\n');

	const html = page(
		subject,
		`<p>${escapeHtml(intro)}</p>` +
			described
				.map(
					(d) =>
						`<section style="border:1px solid #d9dee7;border-radius:6px;padding:.6rem .8rem;margin:.8rem 0">` +
						`<h2 style="font-size:1rem;margin:0 0 .3rem">${escapeHtml(d.heading)}</h2>` +
						`<p style="margin:.2rem 0"><strong>${escapeHtml(d.summary)}</strong></p>` +
						`<ul style="margin:.3rem 0;padding-left:1.2rem">${d.lines.map((l) => `<li>${escapeHtml(l)}</li>`).join('')}</ul>` +
						`<p style="margin:.3rem 0">${d.links.map((l) => `<a href="${escapeHtml(l.url)}">${escapeHtml(l.label)}</a>`).join(' · ')}</p>` +
						`</section>`
				)
				.join('') +
			(rest > 0 ? `<p>… and ${rest} more on the <a href="${escapeHtml(eventsUrl(opts.base))}">events page</a>.</p>` : '') +
			`<hr><p style="color:#5b6270;font-size:13px">${escapeHtml(footer)}<br>` +
			`<a href="${escapeHtml(opts.links.manage)}">Change or delete your alerts</a> · <a href="${escapeHtml(opts.links.unsubscribe)}">Unsubscribe</a> · ` +
			`<a href="${escapeHtml(alertsUrl(opts.base))}">About alerts</a></p>`
	);
	return { subject, text, html };
}

/** The JSON body of one webhook alert: the item with its description and links. */
export function webhookAlertBody(sub: SubscriptionRow, item: AlertItem, opts: { base: string; deliveryId: number; now: Date }) {
	const d = describeItem(item, opts.base);
	return {
		type: 'rankdrift.alert',
		delivery_id: String(opts.deliveryId),
		sent_at: opts.now.toISOString(),
		subscription: { id: sub.id, watch: sub.watch_type ? { [sub.watch_type]: sub.watch_value } : null },
		alert: {
			key: item.key,
			kind: item.kind,
			kind_label: KIND_LABELS[item.kind],
			severity: item.severity,
			date: item.date,
			boards: item.boards,
			families: item.families,
			organizations: item.organizations,
			title: item.title,
			heading: d.heading,
			lines: d.lines,
			links: d.links,
			facts: item.facts,
			first_seen: item.firstSeen
		}
	};
}

/** An address or URL as pages show it to whoever holds a link: enough to recognise, not to harvest. */
export function describeTarget(sub: Pick<SubscriptionRow, 'channel' | 'target'>): string {
	if (sub.channel === 'webhook') {
		try {
			return `the webhook at ${new URL(sub.target).host}`;
		} catch {
			return 'a webhook';
		}
	}
	const [local, domain] = [sub.target.slice(0, sub.target.lastIndexOf('@')), sub.target.slice(sub.target.lastIndexOf('@') + 1)];
	return `${local.slice(0, 1)}…@${domain}`;
}
