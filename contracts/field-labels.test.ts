// Every field a clerk can send gets a name they know in a validation message: a missing label
// would show them "minAum" instead of 准入门槛.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contracts from './index';
import { FIELD_LABELS } from './field-labels';

function keysOf(schema: unknown, depth = 0, out = new Set<string>()): Set<string> {
  if (depth > 4 || !schema) return out;
  if (schema instanceof z.ZodObject) {
    for (const [k, v] of Object.entries(schema.shape as Record<string, unknown>)) {
      out.add(k);
      keysOf(v, depth + 1, out);
    }
  } else if (schema instanceof z.ZodArray) keysOf(schema.element, depth + 1, out);
  else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) keysOf(schema.unwrap(), depth + 1, out);
  return out;
}

describe('field labels', () => {
  const inputs = Object.entries(contracts).filter(([name, v]) => /(Body|Query)$/.test(name) && v instanceof z.ZodType);

  it('finds the request schemas to check', () => {
    expect(inputs.map(([n]) => n)).toEqual(expect.arrayContaining(['loginBody', 'replaceTiersBody', 'bookPrivilegeBody', 'customerListQuery']));
  });

  it('has a Chinese and an English label for every field of every request body and query', () => {
    const missing: string[] = [];
    for (const [name, schema] of inputs) for (const k of keysOf(schema)) if (!FIELD_LABELS[k]) missing.push(`${name}.${k}`);
    expect(missing).toEqual([]);
    for (const [k, l] of Object.entries(FIELD_LABELS)) {
      expect(l.zh, k).toMatch(/[\u4e00-\u9fff]/);
      expect(l.en, k).toMatch(/^[A-Z]/);
    }
  });
});
