import os from 'os';

/** One measured figure, as bench/results.json stores it. */
export interface Figure {
  name: string;
  /** null when the figure could not be measured (see note). */
  value: number | null;
  unit: string;
  anchor: string;
  anchorValue: number | null;
  /** The anchor's unit when it is not the figure's own (deliveries against publishes). */
  anchorUnit?: string;
  /** value / anchorValue. */
  ratio: number | null;
  /** The goal in words ("ratio ≥ 0.8"); "none set" for figures reported without a goal. */
  goal: string;
  /** Whether the goal was met; null without a goal or without a value. */
  met: boolean | null;
  note?: string;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  /** Total memory in bytes. */
  memory: number;
  node: string;
  platform: string;
}

export interface Results {
  machine: Machine;
  mode: 'smoke' | 'quick' | 'full';
  finishedAt: string;
  seconds: number;
  corpus: { seed: number; pages: number; stories: number; shapes: Record<string, number> };
  figures: Figure[];
}

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memory: os.totalmem(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

/** A goal on the ratio: at least (higher is better) or at most (lower is better). */
export type Goal =
  | { atLeast: number }
  | { atMost: number }
  | { words: string; check: (value: number, anchorValue: number | null) => boolean }
  | null;

export function figure(
  fields: {
    name: string;
    unit: string;
    anchorUnit?: string;
    anchor: string;
    value: number | null;
    anchorValue: number | null;
    goal: Goal;
    note?: string;
  },
): Figure {
  const { goal } = fields;
  const ratio = fields.value !== null && fields.anchorValue !== null && fields.anchorValue !== 0 ? fields.value / fields.anchorValue : null;
  let words = 'none set';
  let met: boolean | null = null;
  if (goal && 'atLeast' in goal) {
    words = `ratio ≥ ${goal.atLeast}`;
    met = ratio === null ? null : ratio >= goal.atLeast;
  } else if (goal && 'atMost' in goal) {
    words = `ratio ≤ ${goal.atMost}`;
    met = ratio === null ? null : ratio <= goal.atMost;
  } else if (goal && 'check' in goal) {
    words = goal.words;
    met = fields.value === null ? null : goal.check(fields.value, fields.anchorValue);
  }
  const result: Figure = {
    name: fields.name,
    value: fields.value,
    unit: fields.unit,
    anchor: fields.anchor,
    anchorValue: fields.anchorValue,
    ...(fields.anchorUnit ? { anchorUnit: fields.anchorUnit } : {}),
    ratio,
    goal: words,
    met,
  };
  if (fields.note) result.note = fields.note;
  return result;
}

/** A figure that could not be measured, with the reason. */
export function unmeasured(fields: { name: string; unit: string; anchorUnit?: string; anchor: string; goal: Goal }, reason: string): Figure {
  return { ...figure({ ...fields, value: null, anchorValue: null }), note: `not measured: ${reason}` };
}

const round = (value: number): string => {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
};

export function formatTable(figures: Figure[]): string {
  const rows = [
    '| figure | value | anchor | ratio | goal |',
    '| --- | ---: | --- | ---: | --- |',
    ...figures.map((f) => {
      const value = f.value === null ? (f.note ?? 'not measured') : `${round(f.value)} ${f.unit}`;
      const anchor = f.anchorValue === null ? f.anchor : `${f.anchor}: ${round(f.anchorValue)} ${f.anchorUnit ?? f.unit}`;
      const ratio = f.ratio === null ? '—' : `${round(f.ratio)}×`;
      const goal = f.met === null ? f.goal : `${f.goal} — ${f.met ? 'met' : '**missed**'}`;
      return `| ${f.name} | ${value} | ${anchor} | ${ratio} | ${goal} |`;
    }),
  ];
  return rows.join('\n');
}

export function formatMachine(machine: Machine): string {
  const gib = (machine.memory / 1024 ** 3).toFixed(1);
  return `${machine.cpus} × ${machine.cpuModel}, ${gib} GiB memory, Node ${machine.node}, ${machine.platform}`;
}

/** What one target's load measured, all its rounds together. */
export interface LoadResult {
  requestsPerSecond: number;
  p99: number;
}

/** One turn of load on one target. */
export interface Round {
  requests: number;
  seconds: number;
  p99: number;
}

/** Requests per second over all rounds together; p99 is the median of the rounds' p99. */
export function combineRounds(rounds: Round[]): LoadResult {
  if (rounds.length === 0) throw new RangeError('combineRounds needs at least one round');
  const requests = rounds.reduce((sum, round) => sum + round.requests, 0);
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  return { requestsPerSecond: requests / seconds, p99: median(rounds.map((round) => round.p99)) };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError('median needs at least one value');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
