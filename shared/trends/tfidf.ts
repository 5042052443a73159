import type { Keyphrase, KeyphraseKind } from './keyphrases.ts';

/**
 * TF-IDF over keyphrases: the weight that says how much a keyphrase tells one item apart
 * from the rest of the current window. Vectors are sparse (term ids ascending) and
 * L2-normalised, so the dot product of two vectors is their cosine.
 */

export interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

export interface Vocabulary {
  ids: Map<string, number>;
  keys: string[];
  /** 1 when some document reads the term as a name, code token or multi-word phrase. */
  specific: Uint8Array;
  /** Number of documents each term occurs in. */
  df: Int32Array;
}

/**
 * Named things and multi-word phrases carry more topic than plain words with the same
 * document frequency ("WebGPU", "web framework" vs "framework"); everyday nouns less.
 */
const kindBoost: Record<KeyphraseKind, number> = { code: 1.5, entity: 1.5, phrase: 1.25, term: 1, common: 0.5 };

export function buildVocabulary(docs: readonly (readonly Keyphrase[])[]): Vocabulary {
  const ids = new Map<string, number>();
  const keys: string[] = [];
  const counts: number[] = [];
  const specific: number[] = [];
  for (const doc of docs) {
    for (const k of doc) {
      let id = ids.get(k.key);
      if (id === undefined) {
        id = keys.length;
        ids.set(k.key, id);
        keys.push(k.key);
        counts.push(0);
        specific.push(0);
      }
      counts[id]!++;
      if (k.kind === 'code' || k.kind === 'entity' || k.kind === 'phrase') specific[id] = 1;
    }
  }
  return { ids, keys, specific: Uint8Array.from(specific), df: Int32Array.from(counts) };
}

/** Smoothed IDF: never zero, so a term in every document still counts a little. */
export function idf(df: number, docs: number): number {
  return Math.log(1 + docs / Math.max(1, df));
}

/** (1 + ln tf) · idf · kind boost, L2-normalised. */
export function tfidfVector(doc: readonly Keyphrase[], vocab: Vocabulary, docs: number): SparseVector {
  const entries: [number, number][] = [];
  let norm = 0;
  for (const k of doc) {
    const id = vocab.ids.get(k.key);
    if (id === undefined) continue;
    // Text-only occurrences have weight 0.5: they count, but less than one in the title.
    const tf = k.weight >= 1 ? 1 + Math.log(k.weight) : k.weight;
    // A term no other document has can never match; at full weight it would make every
    // long title look unlike everything, so it counts half.
    const unique = vocab.df[id] === 1 ? 0.5 : 1;
    const w = tf * idf(vocab.df[id]!, docs) * kindBoost[k.kind] * unique;
    entries.push([id, w]);
    norm += w * w;
  }
  entries.sort((a, b) => a[0] - b[0]);
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return {
    ids: Int32Array.from(entries, (e) => e[0]),
    weights: Float64Array.from(entries, (e) => e[1] * scale),
  };
}

/** Cosine of two L2-normalised sparse vectors by merging their sorted ids. */
export function cosine(a: SparseVector, b: SparseVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.weights[i++]! * b.weights[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}
