// The JSON API's contract: @fastify/swagger builds an OpenAPI 3.1 document from the Zod
// schemas of the /api/v1 routes and GET /api/docs serves it (JSON only: no Swagger UI,
// no CDN). API plugins call useZodApi() in their own scope so their routes are validated
// by those same Zod schemas (never by Fastify's coercing Ajv) with Persian messages, and
// so a route under /api/v1 without request and response schemas stops the app building.
import swagger from '@fastify/swagger';
import type { FastifyInstance, FastifySchema, FastifySchemaCompiler } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, validationFailed } from '../errors.js';
import { safeParseInput } from './forms.js';

export const API_PREFIX = '/api/v1';
export const API_DOCS_PATH = '/api/docs';
/** The name of the bearer security scheme in the document. */
export const BEARER_SCHEME = 'bearerToken';

export const isApiRoute = (url: string): boolean => url === API_PREFIX || url.startsWith(`${API_PREFIX}/`);

export interface OpenApiOptions {
  title?: string;
  version?: string;
  description?: string;
}

/**
 * Registers @fastify/swagger at the root (before the API plugins, whose routes it
 * collects) and GET /api/docs. Only /api/v1 routes appear in the document.
 */
export async function registerOpenApi(app: FastifyInstance, options: OpenApiOptions = {}): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.title ?? 'شهرنما — API',
        version: options.version ?? '1',
        description:
          options.description ??
          'رابط برنامه‌نویسی شهرنما برای یکپارچه‌سازی با سامانه‌های دیگر. درخواست‌ها با توکن شخصی API ' +
            '(در صفحهٔ حساب کاربری ساخته می‌شود) در سرآیند `Authorization: Bearer <token>` احراز هویت می‌شوند. ' +
            'همان قواعد و دسترسی‌های صفحه‌ها اعمال می‌شود. خطاها به شکل `{error:{code,message,fields}}` برمی‌گردند.',
      },
      components: {
        securitySchemes: {
          [BEARER_SCHEME]: {
            type: 'http',
            scheme: 'bearer',
            description: 'توکن شخصی API (با پیشوند shn_). درخواست‌های با توکن به توکن CSRF نیاز ندارند.',
          },
        },
      },
      security: [{ [BEARER_SCHEME]: [] }],
    },
    transform: (doc) => (isApiRoute(doc.url) ? jsonSchemaTransform(doc) : { schema: { hide: true } as FastifySchema, url: doc.url }),
    transformObject: (doc) => withoutUnusedSchemas(jsonSchemaTransformObject(doc)),
  });
  app.get(API_DOCS_PATH, { schema: { hide: true } as FastifySchema }, async (_request, reply) =>
    reply.type('application/json; charset=utf-8').send(app.swagger()),
  );
}

type OpenApiDocument = ReturnType<typeof jsonSchemaTransformObject>;

/**
 * Keeps only the component schemas the operations reach: the Zod registry yields an
 * input and an output variant of every named schema (and whatever else is registered).
 */
function withoutUnusedSchemas(document: OpenApiDocument): OpenApiDocument {
  const doc = document as { paths?: unknown; components?: { schemas?: Record<string, unknown> } };
  const schemas = doc.components?.schemas ?? {};
  const PREFIX = '#/components/schemas/';
  const used = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (node === null || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith(PREFIX)) {
        const name = v.slice(PREFIX.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(v);
    }
  };
  visit(doc.paths);
  const kept = Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)));
  return { ...document, components: { ...doc.components, schemas: kept } } as OpenApiDocument;
}

/**
 * Validates a request part with its Zod schema: the parsed value replaces the part;
 * failures are a 422 with Persian field messages (unknown fields included), and a path
 * parameter that does not parse is a 404 (no such resource).
 */
export const zodApiValidator: FastifySchemaCompiler<z.ZodType> =
  ({ schema, httpPart }) =>
  (data: unknown) => {
    if (httpPart === 'params') {
      const r = schema.safeParse(data);
      return r.success ? { value: r.data } : { error: notFound() };
    }
    const r = safeParseInput(schema, data);
    return r.ok ? { value: r.data } : { error: validationFailed(r.errors) };
  };

/**
 * Sets the Zod validator and serializer on an (encapsulated) API plugin's instance and
 * returns it typed by its schemas. Every /api/v1 route must declare its response schemas
 * (and a body schema when it takes one): they are the documented contract.
 */
export function useZodApi(scope: FastifyInstance) {
  scope.setValidatorCompiler(zodApiValidator);
  scope.setSerializerCompiler(serializerCompiler);
  scope.addHook('onRoute', (route) => {
    if (!isApiRoute(route.url) || route.method === 'HEAD') return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = route.schema;
    const problems: string[] = [];
    if (!schema?.response) problems.push('response');
    if (methods.some((m) => m === 'POST' || m === 'PUT' || m === 'PATCH') && !schema?.body) problems.push('body');
    if (route.url.includes('/:') && !schema?.params) problems.push('params');
    if (problems.length > 0) {
      throw new Error(`API route ${methods.join(',')} ${route.url} has no ${problems.join(', ')} schema: it would be undocumented.`);
    }
  });
  return scope.withTypeProvider<ZodTypeProvider>();
}

// ---------------------------------------------------------------- shared shapes

/** An instant in the API: ISO 8601 with an offset, e.g. 2026-12-01T06:30:00.000Z. */
export const apiDateTime = z.iso.datetime({ offset: true });

/** Every error under /api/: a stable code, a Persian message, field messages. */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.string().describe('کد پایدار خطا، مثلاً validation_failed، conflict، not_found'),
      message: z.string().describe('پیام فارسی برای نمایش به کاربر'),
      fields: z.record(z.string(), z.string()).describe('پیام فارسی هر فیلد نادرست'),
    }),
  })
  .meta({ id: 'ApiError' });

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'درخواست نامعتبر (JSON خراب، نشانی صفحه یا Idempotency-Key نامعتبر)',
  401: 'بدون توکن یا نشست معتبر',
  403: 'بدون اجازه (نقش یا حوزه) یا توکن CSRF نادرست برای نشست مرورگر',
  404: 'پیدا نشد یا بیرون از حوزهٔ دید کاربر',
  409: 'تداخل نسخه یا کار ناممکن در وضعیت کنونی',
  422: 'دادهٔ نادرست یا فیلد ناشناخته؛ هیچ چیز نوشته نشد',
  429: 'درخواست بیش از حد مجاز',
};

/** Error responses for a route's schema, each with the common error shape. */
export function apiErrors<const C extends readonly number[]>(...codes: C): { [K in C[number]]: typeof apiErrorSchema } {
  const out: Record<number, z.ZodType> = {};
  for (const code of codes) out[code] = apiErrorSchema.describe(ERROR_DESCRIPTIONS[code] ?? 'خطا');
  return out as { [K in C[number]]: typeof apiErrorSchema };
}
