import { publicBaseUrl, type Config } from '../config';

export interface AlertSettings {
	/** null: sending is off; alerts are still decided and recorded. */
	smtpUrl: string | null;
	from: string;
	/** Where links in messages point: PUBLIC_URL, else ORIGIN, else this machine on PORT. */
	baseUrl: string;
	baseUrlConfigured: boolean;
	allowPrivateWebhooks: boolean;
	webhookDeadlineMs: number;
	clientLimit: number;
	addressLimit: number;
}

export function alertSettings(c: Config): AlertSettings {
	const base = publicBaseUrl(c);
	return {
		smtpUrl: c.SMTP_URL ?? null,
		from: c.ALERTS_FROM ?? `rankdrift alerts <alerts@${new URL(base.url).hostname}>`,
		baseUrl: base.url,
		baseUrlConfigured: base.configured,
		allowPrivateWebhooks: c.RANKDRIFT_WEBHOOK_ALLOW_PRIVATE,
		webhookDeadlineMs: c.RANKDRIFT_WEBHOOK_TIMEOUT_S * 1000,
		clientLimit: c.RANKDRIFT_ALERTS_CLIENT_LIMIT,
		addressLimit: c.RANKDRIFT_ALERTS_ADDRESS_LIMIT
	};
}
