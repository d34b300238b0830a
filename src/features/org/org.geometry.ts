// Boundary geometry of an org unit: GeoJSON (RFC 7946) Polygon or MultiPolygon in
// WGS84 longitude/latitude. Pure checks with Persian messages; nothing here touches
// the database. The boundary layer will come from the municipality's GIS later, so
// the rules are the format's, not a guess about where Tehran is.

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: number[][][];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: number[][][][];
}

export type UnitGeometry = PolygonGeometry | MultiPolygonGeometry;

export type GeometryResult = { ok: true; value: UnitGeometry } | { ok: false; error: string };

/** Upper bound on vertices: a district boundary needs hundreds; the edit form must fit the body limit. */
export const MAX_GEOMETRY_VERTICES = 5_000;

const fail = (error: string): GeometryResult => ({ ok: false, error });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

interface Counter {
  vertices: number;
}

/** A position is [longitude, latitude] or [longitude, latitude, altitude]. */
function checkPosition(p: unknown): string | null {
  if (!Array.isArray(p) || p.length < 2 || p.length > 3) return 'هر نقطه باید به شکل [طول جغرافیایی، عرض جغرافیایی] باشد.';
  if (!p.every((n) => typeof n === 'number' && Number.isFinite(n))) return 'مختصات هر نقطه باید عدد باشد.';
  const [lon, lat] = p as number[];
  if (lon! < -180 || lon! > 180) return 'طول جغرافیایی باید بین منفی ۱۸۰ و ۱۸۰ باشد.';
  if (lat! < -90 || lat! > 90) return 'عرض جغرافیایی باید بین منفی ۹۰ و ۹۰ باشد.';
  return null;
}

function samePosition(a: number[], b: number[]): boolean {
  return a[0] === b[0] && a[1] === b[1];
}

/** A linear ring: at least four positions, closed, and not all on one point. */
function checkRing(ring: unknown, counter: Counter): string | null {
  if (!Array.isArray(ring)) return 'هر حلقهٔ چندضلعی باید فهرستی از نقطه‌ها باشد.';
  if (ring.length < 4) return 'هر حلقهٔ چندضلعی دست‌کم چهار نقطه لازم دارد (نقطهٔ آخر همان نقطهٔ اول است).';
  counter.vertices += ring.length;
  if (counter.vertices > MAX_GEOMETRY_VERTICES) return 'مرز حداکثر ۵٬۰۰۰ نقطه می‌تواند داشته باشد.';
  for (const p of ring) {
    const problem = checkPosition(p);
    if (problem) return problem;
  }
  const positions = ring as number[][];
  if (!samePosition(positions[0]!, positions[positions.length - 1]!)) return 'حلقهٔ چندضلعی بسته نیست: نقطهٔ آخر باید همان نقطهٔ اول باشد.';
  const distinct = new Set(positions.map((p) => `${p[0]},${p[1]}`));
  if (distinct.size < 3) return 'چندضلعی دست‌کم سه نقطهٔ متفاوت لازم دارد.';
  return null;
}

function checkPolygon(rings: unknown, counter: Counter): string | null {
  if (!Array.isArray(rings) || rings.length === 0) return 'مختصات چندضلعی باید فهرستی از حلقه‌ها باشد.';
  for (const ring of rings) {
    const problem = checkRing(ring, counter);
    if (problem) return problem;
  }
  return null;
}

/** Checks a parsed value: a Polygon/MultiPolygon geometry, or a Feature holding one. */
export function validateGeometry(value: unknown): GeometryResult {
  if (!isObject(value)) return fail('مرز باید یک شیء GeoJSON از نوع Polygon یا MultiPolygon باشد.');
  const geometry = value.type === 'Feature' ? value.geometry : value;
  if (!isObject(geometry)) return fail('عارضهٔ GeoJSON هندسه ندارد.');
  const counter: Counter = { vertices: 0 };
  if (geometry.type === 'Polygon') {
    const problem = checkPolygon(geometry.coordinates, counter);
    if (problem) return fail(problem);
    return { ok: true, value: { type: 'Polygon', coordinates: geometry.coordinates as number[][][] } };
  }
  if (geometry.type === 'MultiPolygon') {
    const polygons = geometry.coordinates;
    if (!Array.isArray(polygons) || polygons.length === 0) return fail('مختصات چندضلعی چندگانه باید فهرستی از چندضلعی‌ها باشد.');
    for (const polygon of polygons) {
      const problem = checkPolygon(polygon, counter);
      if (problem) return fail(problem);
    }
    return { ok: true, value: { type: 'MultiPolygon', coordinates: polygons as number[][][][] } };
  }
  return fail('نوع هندسه باید Polygon یا MultiPolygon باشد.');
}

/** Parses GeoJSON text as typed or pasted into a form, then validates it. */
export function parseGeometryText(text: string): GeometryResult {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return fail('متن مرز، JSON معتبر نیست.');
  }
  return validateGeometry(parsed);
}

/** Counts vertices, for showing «مرز: ۴۹ نقطه» without dumping the JSON. */
export function geometryVertexCount(g: UnitGeometry): number {
  if (g.type === 'Polygon') return g.coordinates.reduce((n, ring) => n + ring.length, 0);
  return g.coordinates.reduce((n, poly) => n + poly.reduce((m, ring) => m + ring.length, 0), 0);
}
