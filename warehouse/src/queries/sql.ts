// A query as data: SQL text with ClickHouse `{name:Type}` placeholders and the values to bind.
// Builders return these and never put a value into the text (STYLE.md #11).
import type { QueryParams } from '../warehouse.js';

export interface SqlQuery {
  sql: string;
  params: QueryParams;
}

/** Collects WHERE conditions and their parameters; parameter names are chosen by the caller. */
export class Conditions {
  private readonly parts: string[] = [];
  readonly params: Record<string, QueryParams[string]> = {};

  add(condition: string, params: QueryParams = {}): this {
    this.parts.push(condition);
    Object.assign(this.params, params);
    return this;
  }

  toSql(): string {
    return this.parts.length === 0 ? '' : `WHERE ${this.parts.join(' AND ')}`;
  }
}
