import type { ValidationTargets } from 'hono';
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ApiError } from './errors.ts';

/**
 * zod validation at the edge of a route. The parsed value keeps its type through
 * `c.req.valid(target)` and into `hc<AppType>` clients; failures become a 400
 * `invalid_request` naming every bad field.
 */
export function zv<Target extends keyof ValidationTargets, Schema extends z.ZodType>(target: Target, schema: Schema) {
  return validator(target, (value): z.output<Schema> => {
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
}
