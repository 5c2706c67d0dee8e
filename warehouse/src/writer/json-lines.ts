// Rows of one table serialised while a batch is gathered: as JSONEachRow objects, or, given the
// table's column list (rows.ts), as JSONCompactEachRow arrays, which skip the keys (the hot
// tables: ~30 % less to serialise, ~20 % less for the engine to parse, docs/benchmarks.md).
// Each read's rows are sealed into a Buffer right after that read is mapped, so a flush only
// concatenates Buffers: serialisation is spread over the reads (short event-loop slices) and
// the batch lives off the V8 heap instead of as tens of thousands of objects for the garbage
// collector to trace.
export class JsonLines {
  private readonly sealed: Buffer[] = [];
  private open = '';
  private rows = 0;
  /** The compact form's column order; undefined for JSONEachRow. */
  readonly columns: readonly string[] | undefined;
  private readonly absent: readonly (string | number | null)[] = [];

  constructor(columnDefaults?: Readonly<Record<string, string | number | null>>) {
    if (columnDefaults) {
      this.columns = Object.keys(columnDefaults);
      this.absent = Object.values(columnDefaults);
    }
  }

  get count(): number {
    return this.rows;
  }

  push(row: object): void {
    const columns = this.columns;
    if (columns) {
      const r = row as Record<string, unknown>;
      const values = new Array<unknown>(columns.length);
      for (let i = 0; i < columns.length; i++) values[i] = r[columns[i]!] ?? this.absent[i];
      this.open += `${JSON.stringify(values)}\n`;
    } else {
      this.open += `${JSON.stringify(row)}\n`;
    }
    this.rows++;
  }

  seal(): void {
    if (this.open === '') return;
    this.sealed.push(Buffer.from(this.open, 'utf8'));
    this.open = '';
  }

  toBuffer(): Buffer {
    this.seal();
    return this.sealed.length === 1 ? this.sealed[0]! : Buffer.concat(this.sealed);
  }
}
