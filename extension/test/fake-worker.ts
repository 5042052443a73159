/**
 * A stand-in for the worker's write API, honouring Idempotency-Key like
 * worker/lib/idempotency.ts: the first request with a key is applied and its response
 * stored; a repeat gets the stored response. It can be taken down, and it can apply a
 * write and then lose the response, which is the case idempotency keys exist for.
 */
export class FakeWorker {
  up = true;
  /** Every request that reached the server, in arrival order. */
  readonly requests: { method: string; path: string; key: string | null; body: unknown }[] = [];
  /** Attempts made while down (connection refused). */
  refused = 0;
  /** The applied writes, in order: the server's state. */
  readonly applied: unknown[] = [];
  /** Keys whose next response is lost after the write was applied. */
  readonly dropResponseFor = new Set<string>();
  /** Status to answer for a body with this `title`, instead of applying it. */
  readonly rejectTitle = new Map<string, number>();
  private readonly stored = new Map<string, { status: number; body: string }>();

  readonly fetch: typeof fetch = async (input, init) => {
    if (!this.up) {
      this.refused++;
      throw new TypeError('fetch failed: connect ECONNREFUSED');
    }
    const url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init?.headers);
    const key = headers.get('idempotency-key');
    const body: unknown = init?.body ? JSON.parse(String(init.body)) : undefined;
    this.requests.push({ method: init?.method ?? 'GET', path: url.pathname, key, body });

    const prior = key ? this.stored.get(key) : undefined;
    if (prior) return new Response(prior.body, { status: prior.status, headers: { 'idempotent-replayed': 'true' } });

    const title = (body as { title?: string } | undefined)?.title ?? '';
    const reject = this.rejectTitle.get(title);
    if (reject) return new Response(JSON.stringify({ code: 'invalid_request', message: 'rejected', requestId: 'r' }), { status: reject });

    this.applied.push(body);
    const res = { status: 201, body: JSON.stringify({ id: `item-${this.applied.length}`, ...(body as object) }) };
    if (key) this.stored.set(key, res);
    if (key && this.dropResponseFor.delete(key)) throw new TypeError('network connection lost');
    return new Response(res.body, { status: res.status });
  };
}
