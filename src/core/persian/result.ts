/** The outcome of parsing what a person typed: a value, or a Persian message saying what is wrong. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };
