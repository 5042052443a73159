/**
 * Shell variables the worker reads. `npm start` passes the ones that are set to the local
 * worker as `--var NAME:VALUE` (wrangler splits at the first colon, so URLs survive).
 */
export const passthroughVars = [
  'SIGNUP_CODE',
  'OPENAI_API_KEY',
  'OPENAI_BASE_URL',
  'OPENAI_MODEL',
  'OPENAI_EMBEDDING_MODEL',
  'LLM_SPEND_CAP_USD',
  'HEYGEN_API_KEY',
  'HEYGEN_BASE_URL',
  'HEYGEN_WEBHOOK_SECRET',
  'HEYGEN_MAX_CONCURRENCY',
  'HEYGEN_COST_PER_SEC',
  'PUBLIC_BASE_URL',
  'GITHUB_TOKEN',
  'HN_BASE_URL',
  'REDDIT_BASE_URL',
  'GITHUB_BASE_URL',
  'GOOGLE_TRENDS_BASE_URL',
] as const;

export function varArgs(env: Record<string, string | undefined>): { args: string[]; names: string[] } {
  const names = passthroughVars.filter((k) => env[k]);
  return { args: names.flatMap((k) => ['--var', `${k}:${env[k]}`]), names };
}
