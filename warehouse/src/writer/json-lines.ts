// Rows of one table serialised as JSONEachRow while a batch is gathered. Each read's rows are
// sealed into a Buffer right after that read is mapped, so a flush only concatenates Buffers:
// serialisation is spread over the reads (short event-loop slices) and the batch lives off the
// V8 heap instead of as tens of thousands of objects for the garbage collector to trace.
export class JsonLines {
  private readonly sealed: Buffer[] = [];
  private open = '';
  private rows = 0;

  get count(): number {
    return this.rows;
  }

  push(row: object): void {
    this.open += `${JSON.stringify(row)}\n`;
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
