/** A tiny Prometheus registry: counters and summaries with labels, rendered in the text format. */
type Labels = Record<string, string>;

function key(labels: Labels): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}="${String(labels[k]).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`)
    .join(',');
}

interface Family {
  help: string;
  type: 'counter' | 'summary';
  values: Map<string, { sum: number; count: number }>;
}

export class Metrics {
  private readonly families = new Map<string, Family>();

  private family(name: string, help: string, type: Family['type']): Family {
    let f = this.families.get(name);
    if (!f) {
      f = { help, type, values: new Map() };
      this.families.set(name, f);
    }
    return f;
  }

  inc(name: string, help: string, labels: Labels = {}, by = 1): void {
    const f = this.family(name, help, 'counter');
    const k = key(labels);
    const v = f.values.get(k) ?? { sum: 0, count: 0 };
    v.sum += by;
    f.values.set(k, v);
  }

  observe(name: string, help: string, labels: Labels, value: number): void {
    const f = this.family(name, help, 'summary');
    const k = key(labels);
    const v = f.values.get(k) ?? { sum: 0, count: 0 };
    v.sum += value;
    v.count += 1;
    f.values.set(k, v);
  }

  value(name: string, labels: Labels = {}): number {
    return this.families.get(name)?.values.get(key(labels))?.sum ?? 0;
  }

  render(): string {
    const out: string[] = [];
    for (const [name, f] of this.families) {
      out.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      for (const [k, v] of f.values) {
        const l = k ? `{${k}}` : '';
        if (f.type === 'counter') out.push(`${name}${l} ${v.sum}`);
        else out.push(`${name}_sum${l} ${v.sum}`, `${name}_count${l} ${v.count}`);
      }
    }
    return `${out.join('\n')}\n`;
  }
}
