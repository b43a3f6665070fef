import type { FastifyInstance } from 'fastify';
import { parse as secureParse } from 'secure-json-parse';

export interface JsonLimits {
  /** Deepest nesting of objects and arrays accepted. */
  maxDepth: number;
  /** Most objects, arrays and members in one body. */
  maxNodes: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 16, maxNodes: 20_000 };

/** A Fastify-style error, so the platform's error mapping gives it the standard body and code. */
export const fastifyError = (code: string, statusCode: number, message: string): Error =>
  Object.assign(new Error(message), { code, statusCode });

/**
 * One pass over the raw text, outside strings: nesting depth and the number of values. Refusing here,
 * before JSON.parse builds anything, means a body nested 10 000 levels deep costs a scan instead of a
 * stack overflow in the validation pipe.
 */
export function jsonShapeProblem(text: string, limits: JsonLimits): string | null {
  let depth = 0;
  let nodes = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) {
        i++;
      } // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limits.maxDepth) return `nested deeper than ${limits.maxDepth} levels`;
      if (++nodes > limits.maxNodes) return `more than ${limits.maxNodes} values`;
    } else if (c === 0x7d || c === 0x5d) depth--;
    else if (c === 0x2c && ++nodes > limits.maxNodes) return `more than ${limits.maxNodes} values`;
  }
  return null;
}

/**
 * Replaces Fastify's JSON parser: the shape limits above, then a parse that refuses `__proto__` and
 * `constructor.prototype` keys (prototype poisoning). Errors carry Fastify codes → 400 MALFORMED_JSON.
 */
export function registerJsonBodyParser(
  fastify: FastifyInstance,
  limits: JsonLimits = DEFAULT_JSON_LIMITS,
): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') {
      done(fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400, 'empty JSON body'), undefined);
      return;
    }
    const problem = jsonShapeProblem(text, limits);
    if (problem) {
      done(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, `JSON body ${problem}`), undefined);
      return;
    }
    try {
      done(null, secureParse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch {
      done(fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400, 'invalid JSON'), undefined);
    }
  });
}
