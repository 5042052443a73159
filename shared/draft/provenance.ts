/**
 * Which writer made a draft and why, in one line for the popup and the console:
 * "Built-in draft for X · no LLM configured (…)", "LLM draft for X · Written by gpt-4o-mini (…)".
 */
export function draftProvenance(r: { path: 'llm' | 'built-in'; draft: { label: string }; fallbackReason?: string | undefined }, platformName?: string): string {
  const kind = `${r.path === 'llm' ? 'LLM' : 'Built-in'} draft${platformName ? ` for ${platformName}` : ''}`;
  return `${kind} · ${r.path === 'built-in' && r.fallbackReason ? r.fallbackReason : r.draft.label}`;
}
