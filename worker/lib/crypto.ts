/**
 * Password hashing and token handling on WebCrypto (the same code runs in workerd and Node).
 *
 * Passwords: PBKDF2-HMAC-SHA256 with a 16-byte random salt and 100,000 iterations, the
 * most workerd allows (it rejects higher counts). Stored as
 * `pbkdf2-sha256$<iterations>$<salt b64url>$<hash b64url>` so the cost can be raised
 * later and old hashes still verify.
 *
 * Bearer tokens and pairing codes are random and high-entropy, so a single SHA-256 is
 * enough to make a leaked table useless; they are looked up by that hash.
 */

const ITERATIONS = 100_000;
const encoder = new TextEncoder();

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await pbkdf2(password, salt, ITERATIONS);
  return `pbkdf2-sha256$${ITERATIONS}$${b64url(salt)}$${b64url(hash)}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, iter, saltText, hashText] = stored.split('$');
  if (scheme !== 'pbkdf2-sha256' || !iter || !saltText || !hashText) return false;
  const expected = fromB64url(hashText);
  const actual = await pbkdf2(password, fromB64url(saltText), Number(iter));
  return timingSafeEqual(actual, expected);
}

/** A hash to verify against when the account does not exist, so timing does not reveal it. */
export const decoyPasswordHash =
  'pbkdf2-sha256$100000$c2lnaHRsaW5lLWRlY295$2tV4i6yJ7lO6dS5n8o3wBq8l9bC1xY0aZ3fN7hQ2rE4';

async function pbkdf2(password: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey('raw', encoder.encode(password), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, 256);
  return new Uint8Array(bits);
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** `sl_` + 32 random bytes: recognisable in logs and secret scanners, 256 bits of entropy. */
export function newToken(): string {
  return `sl_${b64url(crypto.getRandomValues(new Uint8Array(32)))}`;
}

export function newId(): string {
  return crypto.randomUUID();
}

/** Uniformly random code from `alphabet` (rejection sampling avoids modulo bias). */
export function randomCode(alphabet: string, length: number): string {
  const limit = 256 - (256 % alphabet.length);
  let out = '';
  while (out.length < length) {
    for (const byte of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (byte < limit && out.length < length) out += alphabet[byte % alphabet.length];
    }
  }
  return out;
}

/** Whether `given` is `secret`, compared by digest in constant time (neither length nor a common prefix leaks). */
export async function sameSecret(given: string, secret: string): Promise<boolean> {
  const digest = async (s: string) => new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
  return timingSafeEqual(await digest(given), await digest(secret));
}

function timingSafeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

function b64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromB64url(text: string): Uint8Array<ArrayBuffer> {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}
