/**
 * A binarised multinomial naive Bayes spam model. The base model (model.json) is trained on
 * the SpamAssassin public corpus by train.ts; each site adds the counts its moderators'
 * decisions teach it (spam_tokens table) on top. Counts rather than a library's opaque state,
 * because a site's learning lives in the database and every server process must see it.
 */
export interface SpamModel {
  /** Documents seen per class. */
  docs: { spam: number; ham: number };
  /** Feature occurrences per class, summed over documents. */
  total: { spam: number; ham: number };
  /** feature → [spam count, ham count]. */
  tokens: Record<string, [number, number]>;
}

/** What a site has learned: the same shape, usually tiny. */
export interface Learned {
  docs: { spam: number; ham: number };
  total: { spam: number; ham: number };
  tokens: Map<string, [number, number]>;
}

export const emptyLearned = (): Learned => ({
  docs: { spam: 0, ham: 0 },
  total: { spam: 0, ham: 0 },
  tokens: new Map(),
});

/** One moderator decision weighs as much as this many corpus documents. */
/** Counting a 6,000-key object costs more than scoring a comment, so once per model. */
const vocabularies = new WeakMap<SpamModel, number>();
function vocabularyOf(model: SpamModel): number {
  let n = vocabularies.get(model);
  if (n === undefined) {
    n = Object.keys(model.tokens).length;
    vocabularies.set(model, n);
  }
  return n;
}

/** A feature may be `constructor`: never read the prototype chain. */
const own = (tokens: SpamModel['tokens'], f: string) => (Object.hasOwn(tokens, f) ? tokens[f] : undefined);

export const SITE_WEIGHT = 5;
const ALPHA = 1;

/** Below this many known features a verdict is only partly trusted. */
const FULL_EVIDENCE = 5;

/**
 * P(spam | features), in [0, 1], pulled towards "don't know" (0.5) when the text has few
 * features the model knows: one word of a short comment ("reply", "c3") must not decide.
 */
export function spamProbability(
  model: SpamModel,
  features: string[],
  learned: Learned = emptyLearned(),
): number {
  const { p, known } = posterior(model, features, learned);
  return 0.5 + (p - 0.5) * Math.min(1, known / FULL_EVIDENCE);
}

function posterior(model: SpamModel, features: string[], learned: Learned): { p: number; known: number } {
  const vocab = vocabularyOf(model) + learned.tokens.size;
  const spamDocs = model.docs.spam + learned.docs.spam * SITE_WEIGHT;
  const hamDocs = model.docs.ham + learned.docs.ham * SITE_WEIGHT;
  const spamTotal = model.total.spam + learned.total.spam * SITE_WEIGHT + ALPHA * vocab;
  const hamTotal = model.total.ham + learned.total.ham * SITE_WEIGHT + ALPHA * vocab;
  let logOdds = Math.log(spamDocs / hamDocs);
  let known = 0;
  for (const f of features) {
    const base = own(model.tokens, f);
    const site = learned.tokens.get(f);
    if (!base && !site) continue;
    known++;
    const s = (base?.[0] ?? 0) + (site?.[0] ?? 0) * SITE_WEIGHT + ALPHA;
    const h = (base?.[1] ?? 0) + (site?.[1] ?? 0) * SITE_WEIGHT + ALPHA;
    logOdds += Math.log(s / spamTotal) - Math.log(h / hamTotal);
  }
  return { p: 1 / (1 + Math.exp(-logOdds)), known };
}

/** Adds one labelled document to a model (training and tests). */
export function learnInto(model: SpamModel, features: string[], spam: boolean): void {
  const k = spam ? 0 : 1;
  model.docs[spam ? 'spam' : 'ham'] += 1;
  model.total[spam ? 'spam' : 'ham'] += features.length;
  for (const f of features) {
    const t = own(model.tokens, f) ?? [0, 0];
    t[k] += 1;
    model.tokens[f] = t;
  }
}
