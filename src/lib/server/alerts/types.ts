// Types of the alerts server side; the vocabulary (kinds, severities, defaults) is shared with the form.
import type { AlertKind, Severity, Watch } from '../../alerts/vocabulary';

export * from '../../alerts/vocabulary';

export type Channel = 'email' | 'webhook';
export type Frequency = 'immediate' | 'daily';


/** What a person or script asks for; validated by `parseSubscriptionRequest`. */
export interface SubscriptionRequest {
	channel: Channel;
	/** Normalised email address or webhook URL. */
	target: string;
	/** Webhooks only: the key that signs requests (given by the caller, or generated). */
	webhookSecret: string | null;
	watch: Watch | null;
	kinds: AlertKind[];
	minSeverity: Severity;
	divergenceLevel: number;
	frequency: Frequency;
	digestHour: number;
}

/** The editable part of a subscription (the manage page). */
export type SubscriptionSettings = Pick<SubscriptionRequest, 'watch' | 'kinds' | 'minSeverity' | 'divergenceLevel' | 'frequency' | 'digestHour'>;

/**
 * One alertable finding, frozen at decision time. `facts` holds the numbers the message shows;
 * `magnitude`/`previousMagnitude` are a divergence now and at the board's previous snapshot.
 */
export interface AlertItem {
	key: string;
	kind: AlertKind;
	severity: Severity;
	boards: string[];
	families: string[];
	organizations: string[];
	date: string | null;
	title: string;
	facts: Record<string, unknown>;
	magnitude: number | null;
	previousMagnitude: number | null;
	firstSeen: string;
}
