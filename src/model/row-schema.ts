/**
 * The zod schema of each table's rows, built from the table specs (tables.ts): what the JSON reader
 * validates rows with. In a module of its own so that only the readers that need zod load it.
 */
import { z } from 'zod';
import { type ColumnSpec, type RowOf, TABLES, type TableName } from './tables.ts';

function zodColumn(spec: ColumnSpec): z.ZodType {
  let base: z.ZodType;
  switch (spec.type) {
    case 'int':
    case 'year':
    case 'number': {
      let n = spec.type === 'number' ? z.number() : z.number().int();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      // The store's INTEGER and SMALLINT ranges (see store/schema.ts).
      if (spec.type === 'int') n = n.min(-2147483648).max(2147483647);
      if (spec.type === 'year') n = n.min(-32768).max(32767);
      base = n;
      break;
    }
    case 'bool':
      base = z.boolean();
      break;
    case 'list':
      // The store keeps lists as `|`-joined text until they are cast, so an item holding `|`
      // would come back as two items: refused rather than silently split.
      base = z.array(
        z
          .string()
          .refine((item) => !item.includes('|'), 'a list item may not contain |')
          .refine((item) => item.trim() !== '', 'a list item may not be empty'),
      );
      break;
    case 'enum':
      base = z.enum(spec.values as [string, ...string[]]);
      break;
    default:
      base = spec.required ? z.string().min(1) : z.string();
  }
  return spec.required ? base : base.nullish();
}

/** The zod schema of one table's rows (strict: unknown fields are errors). */
export function rowSchema<T extends TableName>(table: T): z.ZodType<RowOf<T>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(TABLES[table].columns))
    shape[name] = zodColumn(spec as ColumnSpec);
  return z.strictObject(shape) as unknown as z.ZodType<RowOf<T>>;
}
