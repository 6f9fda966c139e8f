/**
 * One error shape for every failure: `{ statusCode, error, message, field? }`. Schema violations
 * become 400s naming the field; the library's argument errors become 400s; anything unexpected is
 * logged and answered with a 500 that leaks nothing — the server itself never goes down.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { ApiError } from '../shared/api-types.js';

/** An error that carries its HTTP status (and the request field at fault, if any). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, field?: string) => new HttpError(400, message, field);
export const notFound = (message: string) => new HttpError(404, message);
export const conflict = (message: string) => new HttpError(409, message);
export const tooMany = (message: string, retryAfterS = 5) => new HttpError(429, message, undefined, { 'retry-after': String(retryAfterS) });

function body(statusCode: number, message: string, field?: string): ApiError {
  return { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message, ...(field ? { field } : {}) };
}

interface AjvIssue {
  instancePath: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** "learningRate must be > 0" from Ajv's { instancePath: '/learningRate', message: 'must be > 0' }. */
function describeIssue(issue: AjvIssue, context: string): { field: string; message: string } {
  const params = issue.params ?? {};
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (typeof params.additionalProperty === 'string') {
    return { field: params.additionalProperty, message: `${params.additionalProperty} is not a known setting` };
  }
  if (typeof params.missingProperty === 'string') {
    return { field: params.missingProperty, message: `${params.missingProperty} is required` };
  }
  const field = path || context;
  let message = `${field} ${issue.message ?? 'is invalid'}`;
  if (Array.isArray(params.allowedValues)) message += `: ${params.allowedValues.join(', ')}`;
  return { field, message };
}

// The library's validation errors read "fn: expected … for name but received …" or "fn: …".
const LIBRARY_MESSAGE = /^[A-Za-z][\w.]*(?: \([^)]*\))?: /;

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error.validation && error.validation.length > 0) {
    const { field, message } = describeIssue(error.validation[0] as AjvIssue, error.validationContext ?? 'body');
    void reply.code(400).send(body(400, message, field));
    return;
  }
  if (error instanceof HttpError) {
    void reply.code(error.statusCode).headers(error.headers).send(body(error.statusCode, error.message, error.field));
    return;
  }
  // Fastify's own client errors: malformed JSON (400), body too large (413), wrong type (415).
  const status = error.statusCode ?? 500;
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    const type = request.headers['content-type'] ?? '(none)';
    void reply.code(415).send(body(415, `content-type ${type} is not accepted; send a JSON body with content-type: application/json`));
    return;
  }
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    // Fastify's parser says the same for both, and drops the cause: name both.
    void reply.code(400).send(body(400, 'the request body is not valid JSON, or sets a forbidden key (__proto__, constructor.prototype)'));
    return;
  }
  if (status >= 400 && status < 500) {
    void reply.code(status).send(body(status, error.message));
    return;
  }
  if ((error instanceof RangeError || error instanceof TypeError) && LIBRARY_MESSAGE.test(error.message)) {
    void reply.code(400).send(body(400, error.message));
    return;
  }
  request.log.error({ err: error }, 'request failed');
  void reply.code(500).send(body(500, 'internal error; the server logged the details'));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(404).send(body(404, `no route ${request.method} ${request.url.split('?')[0]}`));
}
