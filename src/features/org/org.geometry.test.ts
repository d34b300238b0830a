import { describe, expect, it } from 'vitest';
import { geometryVertexCount, parseGeometryText, validateGeometry } from './org.geometry.js';

const square = [
  [51.1, 35.6],
  [51.2, 35.6],
  [51.2, 35.7],
  [51.1, 35.7],
  [51.1, 35.6],
];

describe('geometry validation', () => {
  it('accepts a Polygon and a MultiPolygon', () => {
    const p = validateGeometry({ type: 'Polygon', coordinates: [square] });
    expect(p.ok).toBe(true);
    const m = validateGeometry({ type: 'MultiPolygon', coordinates: [[square], [square]] });
    expect(m.ok).toBe(true);
    if (m.ok) expect(geometryVertexCount(m.value)).toBe(10);
  });

  it('unwraps a Feature to its geometry and drops foreign members', () => {
    const r = validateGeometry({ type: 'Feature', properties: { name: 'x' }, geometry: { type: 'Polygon', coordinates: [square], bbox: [1] } });
    expect(r).toEqual({ ok: true, value: { type: 'Polygon', coordinates: [square] } });
  });

  it.each([
    ['not JSON', '{type: Polygon'],
    ['a number', '42'],
    ['null', 'null'],
    ['a point', JSON.stringify({ type: 'Point', coordinates: [51.1, 35.6] })],
    ['an open ring', JSON.stringify({ type: 'Polygon', coordinates: [square.slice(0, 4).concat([[51.0, 35.0]])] })],
    ['too few positions', JSON.stringify({ type: 'Polygon', coordinates: [[square[0], square[1], square[0]]] })],
    ['longitude out of range', JSON.stringify({ type: 'Polygon', coordinates: [square.map(([x, y]) => [x! + 200, y])] })],
    ['latitude out of range', JSON.stringify({ type: 'Polygon', coordinates: [square.map(([x, y]) => [x, y! + 100])] })],
    ['strings for numbers', JSON.stringify({ type: 'Polygon', coordinates: [square.map(([x, y]) => [String(x), y])] })],
    ['no rings', JSON.stringify({ type: 'Polygon', coordinates: [] })],
    ['a degenerate ring', JSON.stringify({ type: 'Polygon', coordinates: [[square[0], square[0], square[1], square[0]]] })],
    ['a feature without geometry', JSON.stringify({ type: 'Feature', geometry: null })],
  ])('rejects %s with a Persian message', (_label, text) => {
    const r = parseGeometryText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/[\u0600-\u06FF]/);
  });
});
