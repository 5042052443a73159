import type { MiddlewareHandler, ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * zod validation at the edge of a route. The parsed value keeps its type through
 * `c.req.valid(target)`, and `hc<AppType>` clients see the schema's *input* type
 * (so defaulted fields stay optional for callers); failures become a 400
 * `invalid_request` naming every bad field.
 */
export function zv<Target extends keyof ValidationTargets, Schema extends z.ZodType>(
  target: Target,
  schema: Schema,
): MiddlewareHandler<any, string, { in: { [K in Target]: z.input<Schema> }; out: { [K in Target]: z.output<Schema> } }> {
  const middleware = validator(target, (value): z.output<Schema> => {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    const issues = result.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(body)',
      message: i.message,
    }));
    throw new ApiError(
      400,
      'invalid_request',
      issues.map((i) => `${i.path}: ${i.message}`).join('; '),
      issues,
    );
  });
  // Hono infers `in` from the output type; restate it with the schema's input type.
  return middleware as unknown as MiddlewareHandler<any, string, { in: { [K in Target]: z.input<Schema> }; out: { [K in Target]: z.output<Schema> } }>;
}
