import { outputFormat, parseCommandArgs, type OutputFormat } from '../args';
import type { CliIo, Command } from '../command';
import { openCliDatabase } from '../db';
import { renderRows } from '../output';
import { UsageError } from '../usage-error';
import type { Db } from '../../lib/server/db/connection';
import { listSubscriptions } from '../../lib/server/db/alerts';
import { listDeliveries } from '../../lib/server/db/alert-outbox';
import { dispatchOutbox } from '../../lib/server/alerts/dispatch';
import { deliveryHealth } from '../../lib/server/alerts/health';
import { settleDispatches } from '../../lib/server/alerts/runner';
import { config } from '../../lib/server/config';

const help = `Usage: rankdrift alerts dispatch [--retry-now] [--format table|json|csv] [--db FILE]
       rankdrift alerts status [--format table|json|csv] [--db FILE]
       rankdrift alerts list [--format table|json|csv] [--db FILE]
       rankdrift alerts deliveries [--limit N] [--format table|json|csv] [--db FILE]

dispatch     runs the alert outbox now: source-health alerts, due alerts and digests grouped into
             messages, then every delivery that is due is tried once (failures back off 1, 2, 4 …
             minutes up to an hour; 5xx refusals and the 10th failure are final). --retry-now also
             retries deliveries still waiting out their backoff. \`rankdrift serve\` does this every
             minute; without it, run this from cron. Exit 1 if a delivery failed for good.
status       delivery health: whether email is being sent, pending, retrying and failed deliveries,
             the last error.
list         subscriptions (id, channel, address or URL, what they watch, kinds, frequency, status).
deliveries   the newest deliveries (messages and webhook requests) with their outcome.

Sending uses SMTP_URL and ALERTS_FROM; links in messages use PUBLIC_URL, else ORIGIN.

JSON: dispatch → [{decided, assembled, sent, retrying, failed, waiting, sending_off}]
`;

/** What a subcommand is given: the open database, the options and where to write. */
interface Invocation {
	db: Db;
	io: CliIo;
	format: OutputFormat;
	options: { 'retry-now'?: boolean; limit?: string };
}

async function dispatchNow({ db, io, format, options }: Invocation): Promise<number> {
	const s = await dispatchOutbox(db, { config: config(io.env), now: io.now, ignoreBackoff: options['retry-now'] ?? false });
	io.stdout.write(
		renderRows([{ decided: s.decided, assembled: s.assembled, sent: s.sent, retrying: s.retrying, failed: s.failed, waiting: s.waiting, sending_off: s.sendingOff }], format)
	);
	if (s.sendingOff && s.waiting > 0 && format === 'table') io.stderr.write('rankdrift alerts: email sending is off (no SMTP_URL): email deliveries stay recorded and pending\n');
	// Run from cron, a delivery lost for good must show in the exit code.
	return s.failed > 0 ? 1 : 0;
}

function showStatus({ db, io, format }: Invocation): number {
	const h = deliveryHealth(db, config(io.env));
	io.stdout.write(
		renderRows(
			[
				{
					status: h.status,
					email_sending: h.emailSending,
					subscriptions: h.subscriptions.active,
					unconfirmed: h.subscriptions.pending,
					pending: h.pending,
					retrying: h.retrying,
					failed: h.failed,
					sent: h.sent,
					waiting_for_digest: h.waitingForDigest,
					last_error: h.lastError,
					last_error_at: h.lastErrorAt,
					last_sent_at: h.lastSentAt
				}
			],
			format
		)
	);
	return 0;
}

function listSubscriptionRows({ db, io, format }: Invocation): number {
	const rows = listSubscriptions(db).map((s) => ({
		id: s.id,
		channel: s.channel,
		target: s.target,
		watch: s.watch_type ? `${s.watch_type}:${s.watch_value}` : 'everything',
		kinds: JSON.parse(s.kinds) as string[],
		min_severity: s.min_severity,
		divergence_level: s.divergence_level,
		frequency: s.frequency === 'daily' ? `daily ${String(s.digest_hour).padStart(2, '0')}:00 UTC` : 'immediate',
		status: s.status,
		created_at: s.created_at,
		confirmed_at: s.confirmed_at
	}));
	io.stdout.write(renderRows(rows, format));
	return 0;
}

function listDeliveryRows({ db, io, format, options }: Invocation): number {
	const limit = options.limit === undefined ? 50 : Number(options.limit);
	if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit must be a positive whole number, not ${JSON.stringify(options.limit)}`);
	const rows = listDeliveries(db, limit).map((d) => ({
		id: d.id,
		subscription: d.subscription_id,
		channel: d.channel,
		purpose: d.purpose,
		items: d.items,
		status: d.status,
		attempts: d.attempts,
		created_at: d.created_at,
		sent_at: d.sent_at,
		next_attempt_at: d.status === 'pending' ? d.next_attempt_at : null,
		last_error: d.last_error
	}));
	io.stdout.write(renderRows(rows, format));
	return 0;
}

const SUBCOMMANDS = new Map<string, (inv: Invocation) => number | Promise<number>>([
	['dispatch', dispatchNow],
	['status', showStatus],
	['list', listSubscriptionRows],
	['deliveries', listDeliveryRows]
]);
const NAMES = [...SUBCOMMANDS.keys()];
const SUBCOMMAND_LIST = `${NAMES.slice(0, -1).join(', ')} or ${NAMES.at(-1)}`;

export const alertsCommand: Command = {
	name: 'alerts',
	help,
	async run(argv, io) {
		const { values, positionals } = parseCommandArgs('alerts', argv, { 'retry-now': { type: 'boolean' }, limit: { type: 'string' } });
		if (values.help) {
			io.stdout.write(help);
			return 0;
		}
		const [sub, ...extra] = positionals;
		if (!sub) throw new UsageError(`name a subcommand: ${SUBCOMMAND_LIST} (see rankdrift alerts --help)`);
		if (extra.length) throw new UsageError(`unexpected argument ${JSON.stringify(extra[0])}`);
		const format = outputFormat(values.format);
		const db = openCliDatabase(values.db, io.env, { existing: true });
		try {
			const subcommand = SUBCOMMANDS.get(sub);
			if (!subcommand) throw new UsageError(`unknown subcommand "${sub}"; use ${SUBCOMMAND_LIST}`);
			return await subcommand({ db, io, format, options: values });
		} finally {
			// A dispatch the pipeline started in this process finishes before the connection closes.
			await settleDispatches();
			db.close();
		}
	}
};
