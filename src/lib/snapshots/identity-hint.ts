import type { ExtraValue } from './snapshot';

/** Extras that say something about which model a row is or how it was run (read by identity resolution). */
const IDENTITY_EXTRAS = ['tag_model', 'model_id', 'api_model', 'command', 'reasoning_effort', 'thinking_tokens'] as const;

/**
 * What a row says about its model beyond the display name — SWE-bench's `Model:` tag, an Aider run's
 * command and reasoning settings — as canonical JSON; '' when nothing. Rows that share a name and this
 * hint are one name for identity purposes.
 */
export function identityHint(extras: Record<string, ExtraValue> | undefined | null): string {
	if (!extras) return '';
	const picked: Record<string, ExtraValue> = {};
	for (const k of IDENTITY_EXTRAS) {
		const v = extras[k];
		if (v !== undefined && v !== null && v !== '') picked[k] = v;
	}
	return Object.keys(picked).length ? JSON.stringify(picked) : '';
}

export function hintExtras(hint: string): Record<string, ExtraValue> | null {
	return hint ? (JSON.parse(hint) as Record<string, ExtraValue>) : null;
}
