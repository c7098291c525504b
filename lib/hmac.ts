/**
 * Subgraph trust: the gateway signs each subgraph request the way Hive Gateway's HMAC upstream
 * signature does, so a standard gateway can stand in for ours. The signature is
 * base64(HMAC-SHA256(secret, stableJson({ query, variables }))), variables left out when empty,
 * carried in `extensions["hmac-signature"]`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const HMAC_EXTENSION = 'hmac-signature';

/** JSON with object keys sorted at every depth (as json-stable-stringify writes it). */
export function stableStringify(value: unknown): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON: () => unknown }).toJSON();
  }
  if (value === undefined || typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) {
    return `[${value.map((item) => stableStringify(item) ?? 'null').join(',')}]`;
  }
  const parts: string[] = [];
  for (const key of Object.keys(value).sort()) {
    const item = stableStringify((value as Record<string, unknown>)[key]);
    if (item !== undefined) parts.push(`${JSON.stringify(key)}:${item}`);
  }
  return `{${parts.join(',')}}`;
}

export interface SignedParams {
  query?: string | null;
  variables?: Record<string, unknown> | null;
}

function payload(params: SignedParams): string {
  const variables = params.variables && Object.keys(params.variables).length > 0 ? params.variables : undefined;
  return stableStringify({ query: params.query ?? undefined, variables }) ?? '{}';
}

/** base64(HMAC-SHA256(secret, text)): the signature of any gateway-to-subgraph message. */
export function hmacBase64(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text).digest('base64');
}

/** Compares in constant time; false for a missing or malformed signature. */
export function verifyHmac(secret: string, text: string, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length === 0) return false;
  const expected = Buffer.from(hmacBase64(secret, text), 'base64');
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function signOperation(secret: string, params: SignedParams): string {
  return hmacBase64(secret, payload(params));
}

export function verifyOperationSignature(secret: string, params: SignedParams, signature: unknown): boolean {
  return verifyHmac(secret, payload(params), signature);
}

/** The gateway's proof on plain HTTP requests it forwards to a subgraph (proxied GET routes). */
export const REQUEST_SIGNATURE_HEADER = 'x-gateway-signature';

/** Signs `METHOD /path?query` the same way as an operation. */
export function signRequest(secret: string, method: string, pathAndQuery: string): string {
  return signOperation(secret, { query: `${method.toUpperCase()} ${pathAndQuery}` });
}

export function verifyRequestSignature(secret: string, method: string, pathAndQuery: string, signature: unknown): boolean {
  return verifyOperationSignature(secret, { query: `${method.toUpperCase()} ${pathAndQuery}` }, signature);
}
