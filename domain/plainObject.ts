/**
 * Whether a value is a plain object (from JSON or an object literal) to walk key by key. Arrays,
 * Dates, Decimals, Buffers and class instances (Prisma's null markers) are values, not objects.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
