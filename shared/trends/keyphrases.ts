import nlp from 'compromise';

/**
 * Keyphrases of a post title (plus an optional description): the noun phrases, named
 * entities and code-ish tokens that say what the item is about, normalised so the same
 * topic written differently on Hacker News, Reddit and GitHub gets the same keys.
 *
 * Two extractors produce keys in the same normalised space:
 * - 'lexicon' (default): compromise's lexicon tags each distinct word once (cached), and a
 *   small chunker groups adjective/noun runs into phrases; names come from the lexicon's
 *   Person/Place/Organization tags, capitals mid-sentence, acronyms and camelCase. About
 *   10 µs per title, which is what lets correlation of 10,000 observations fit a Worker's
 *   CPU budget.
 * - 'tagger': compromise's full tagger (`nouns()`, `topics()`, `compute('root')`). Better
 *   at verb/noun ambiguity, but 150× slower (bench/correlate measures both), so it is for
 *   small batches and for checking the fast path.
 */

/** 'common': an everyday noun ("life", "money", "week") that names no topic on its own. */
export type KeyphraseKind = 'entity' | 'code' | 'phrase' | 'term' | 'common';

export interface Keyphrase {
  /** Normalised key: lowercase, singular, words joined by one space. */
  key: string;
  /** How the text spelt it (first occurrence), for display. */
  surface: string;
  kind: KeyphraseKind;
  /** Occurrences, with text occurrences counting half a title occurrence. */
  weight: number;
}

export type ExtractMode = 'lexicon' | 'tagger';

export interface ExtractOptions {
  mode?: ExtractMode;
}

/** Words that never identify a topic on their own, beyond what compromise tags as function words. */
const stopwords = new Set(
  (
    'a an and are as at be been being but by can could did do does doing for from had has have having he her here hers him his ' +
    'how i if in into is it its just me more most my no nor not now of off on once only or our out over own same she should so ' +
    'some such than that the their them then there these they this those through to too under until up very was we were what ' +
    'when where which while who whom why will with would you your yours via vs versus about after again against all also any ' +
    'because before below between both each few further other per s t don let lets get gets got make makes made new one two ' +
    'way ways thing things year years day days today time times good better best great big small really still even ever much ' +
    'many every another anyone anything someone something everything nothing like im ive youre dont doesnt isnt cant wont ' +
    'show ask tell hn til psa eli5 oc reddit post thread update edit people guy guys lot'
  ).split(' '),
);

/**
 * Everyday nouns that head many unrelated titles. They stay keyphrases (in phrases and as
 * weak unigrams) but weigh less, so "money" or "life" alone does not make a trend.
 */
const commonNouns = new Set(
  (
    'life man woman men women person kid kids child family friend home house world country city place week month hour ' +
    'minute night morning money work job company business thing stuff idea question answer problem reason way part end ' +
    'side case point fact story news article post video photo picture image book word name number list guide tip lesson ' +
    'advice thought note result step example team group user people member game play car dog cat food water room door ' +
    'school book student teacher state government law war history future past change start help look life moment age ' +
    'line level kind type form lot sense power mind heart head hand face body eye' 
  ).split(' '),
);

/** Tech words compromise's lexicon tags as verbs or leaves out, which HN and GitHub use as names. */
const techNouns = new Set(
  (
    'rust golang python java javascript typescript react vue svelte angular node deno bun swift kotlin zig haskell ' +
    'elixir erlang ruby rails php perl lua julia scala clojure ocaml wasm webassembly webgpu webgl linux unix windows ' +
    'macos ios android docker kubernetes k8s postgres postgresql sqlite mysql redis kafka llm llms gpt ai ml api apis ' +
    'gpu gpus cpu cpus cuda arm risc-v x86 git github gitlab emacs vim neovim vscode firefox chrome chromium safari ' +
    'openai anthropic claude gemini llama mistral copilot chatgpt bitcoin ethereum crypto blockchain nft tesla spacex ' +
    'nasa apple google microsoft amazon meta netflix twitter facebook youtube tiktok nvidia intel amd'
  ).split(' '),
);

/** Plural-looking words that are already singular (or proper names) and must not lose their s. */
const keepAsIs = new Set(
  (
    'news series species kubernetes windows ios macos aws always perhaps its this was has does is us bus gas bias canvas atlas ' +
    'lens mars paris texas vegas chaos physics economics mathematics analytics graphics robotics politics ethics ' +
    'athletics gymnastics statistics linux status campus virus thesis analysis basis crisis axis jenkins redis ' +
    'postgres express nodejs js css sass less yes plus minus'
  ).split(' '),
);

const irregular = new Map(
  Object.entries({ people: 'person', children: 'child', men: 'man', women: 'woman', mice: 'mouse', feet: 'foot', teeth: 'tooth', geese: 'goose', indices: 'index', matrices: 'matrix', vertices: 'vertex', analyses: 'analysis', crises: 'crisis', theses: 'thesis' }),
);

/**
 * Singular form of a lowercase noun. A small rule set rather than compromise's
 * `toSingular`, which turns "data" into "datum", "status" into "statu" and "Kubernetes"
 * into "kubernete": predictable beats clever for a key that has to match across sources.
 */
export function singular(word: string): string {
  const irr = irregular.get(word);
  if (irr) return irr;
  if (word.length < 4 || keepAsIs.has(word) || !word.endsWith('s')) return word;
  if (/(ss|us|is|os|ics|as)$/.test(word)) return word;
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (/(sses|shes|ches|xes|zes)$/.test(word)) return word.slice(0, -2);
  return word.slice(0, -1);
}

type WordClass = 'stop' | 'verb' | 'base' | 'adj' | 'noun' | 'entity' | 'value';

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[] | undefined> };
}

let lexicon: CompromiseModel['one']['lexicon'] | undefined;
const classCache = new Map<string, WordClass>();

const entityTags = new Set(['Person', 'Place', 'Organization', 'FirstName', 'LastName', 'MaleName', 'FemaleName', 'City', 'Country', 'Region', 'SportsTeam', 'Demonym', 'ProperNoun']);
const stopTags = new Set(['Determiner', 'Preposition', 'Conjunction', 'Pronoun', 'Possessive', 'Reflexive', 'Copula', 'Modal', 'Auxiliary', 'QuestionWord', 'Negative', 'Adverb', 'Expression', 'Condition', 'Emoticon']);
const adjTags = new Set(['Adjective', 'Comparative', 'Superlative']);
const valueTags = new Set(['Value', 'Cardinal', 'Ordinal', 'TextValue', 'Fraction', 'Multiple']);
const verbTags = new Set(['PastTense', 'Participle', 'Gerund', 'PhrasalVerb', 'Verb', 'PresentTense']);

/** The class of a lowercase word, from compromise's lexicon, computed once per distinct word. */
function wordClass(word: string): WordClass {
  const cached = classCache.get(word);
  if (cached) return cached;
  let cls: WordClass;
  if (stopwords.has(word)) cls = 'stop';
  else if (techNouns.has(word)) cls = 'noun';
  else if (/^\d/.test(word)) cls = 'value';
  else {
    lexicon ??= (nlp.model() as unknown as CompromiseModel).one.lexicon;
    const raw = lexicon[word];
    const tags = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    if (tags.some((t) => entityTags.has(t))) cls = 'entity';
    else if (tags.some((t) => stopTags.has(t))) cls = 'stop';
    else if (tags.some((t) => valueTags.has(t))) cls = 'value';
    else if (tags.some((t) => adjTags.has(t))) cls = 'adj';
    // Base-form verbs ("model", "build", "test") are nouns as often as verbs in titles: decided by position.
    // So are third-person forms that double as plurals ("models", "builds").
    else if (tags.includes('Infinitive') || tags.includes('Imperative') || (tags.includes('PresentTense') && word.endsWith('s'))) cls = 'base';
    else if (tags.some((t) => verbTags.has(t))) cls = 'verb';
    else if (tags.length === 0 && word.length > 4 && word.endsWith('ly')) cls = 'stop';
    else if (tags.length === 0 && word.length > 5 && /(ed|ing)$/.test(word)) cls = 'verb';
    else cls = 'noun';
  }
  classCache.set(word, cls);
  return cls;
}

interface Token {
  /** Lowercase, singular (for nouns). */
  norm: string;
  surface: string;
  cls: WordClass;
  code: boolean;
  /** A punctuation mark or clause break follows this token. */
  breakAfter: boolean;
  /** Ends in a plural "s" that was removed: a noun, or a headline verb ("Google launches"). */
  plural?: boolean;
}

// Words with inner "+", "#" or "." (c++, c#, node.js, .net) stay whole; URLs are dropped before this runs.
const tokenPattern = /\.?[\p{L}\p{N}](?:[\p{L}\p{N}+#.'’]|[-/_](?=[\p{L}\p{N}]))*|[^\s\p{L}\p{N}]+/gu;

/** Splits "repo-name_x" into words; camelCase stays whole ("GitHub" is one name, not "Git Hub"). */
function splitRepoLike(token: string): string[] {
  return token.split(/[_-]+/).filter((w) => w.length > 0);
}

function isTitleCased(words: readonly string[]): boolean {
  let caps = 0;
  let total = 0;
  for (const w of words) {
    if (!/^\p{L}/u.test(w) || stopwords.has(w.toLowerCase())) continue;
    total++;
    if (/^\p{Lu}/u.test(w)) caps++;
  }
  return total >= 2 && caps / total >= 0.75;
}

function tokenize(input: string): Token[] {
  const text = input.replace(/https?:\/\/\S+/g, ' ').replace(/(\p{L})['’]s\b/gu, '$1');
  const words: string[] = [];
  // Repository and owner names are names: "rustfs" must not be singularised to "rustf".
  const verbatim = new Set<number>();
  for (const m of text.matchAll(tokenPattern)) {
    const piece = m[0];
    if (!/[/_-]/.test(piece) || !/[\p{L}\p{N}]/u.test(piece)) {
      words.push(piece);
      continue;
    }
    // "owner/repo" names two things (a break between them); "repo-name" and "open-source" are words of one phrase.
    const parts = piece.split('/');
    const repoLike = parts.length > 1;
    parts.forEach((part, i) => {
      if (i > 0 && part === parts[i - 1]) return;
      if (i > 0) words.push('|');
      for (const w of splitRepoLike(part)) {
        words.push(w);
        if (repoLike) verbatim.add(words.length - 1);
      }
    });
  }
  const titleCase = isTitleCased(words);
  const out: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (!/[\p{L}\p{N}]/u.test(w)) {
      if (/[.,:;!?()[\]{}"“”|/–—]/.test(w) || w === '-') {
        const last = out[out.length - 1];
        if (last) last.breakAfter = true;
      }
      continue;
    }
    const clean = w.replace(/['’.]+$/, '').replace(/^['’]+/, '');
    if (clean.length === 0) continue;
    const lower = clean.toLowerCase();
    if (/['’]/.test(lower)) {
      // Contractions ("don't", "it's") are function words.
      out.push({ norm: lower, surface: clean, cls: 'stop', code: false, breakAfter: false });
      continue;
    }
    // CamelCase inside a word (WebGPU, iPhone, GitHub), all-caps acronyms (LLM, SQL) and c++/node.js are names in their own right.
    const mixed = !/^\d/.test(clean) && (/\p{Ll}\p{Lu}/u.test(clean) || /^\p{Lu}{2,6}\d*s?$/u.test(clean) || /[+#.]/.test(clean));
    let cls = wordClass(lower);
    if (cls === 'stop' && mixed && !stopwords.has(lower)) cls = 'entity';
    // A capital mid-sentence marks a name only for nouns: "Life" or "Leave" capitalised for emphasis stays a word.
    else if (cls !== 'stop' && (mixed || (cls === 'noun' && !titleCase && i > 0 && /^\p{Lu}/u.test(clean) && !commonNouns.has(singular(lower))))) cls = 'entity';
    const acronymPlural = /^\p{Lu}{2,6}s$/u.test(clean);
    const norm = verbatim.has(i) ? lower : acronymPlural ? lower.slice(0, -1) : cls === 'noun' || cls === 'base' || (cls === 'entity' && !mixed) ? singular(lower) : lower;
    out.push({ norm, surface: clean, cls, code: mixed || techNouns.has(lower), breakAfter: false, plural: norm !== lower && lower.endsWith('s') });
  }
  return out;
}

const objectStarters = new Set(['the', 'a', 'an', 'its', 'their', 'his', 'her', 'our', 'new', 'first']);

/**
 * "Google launches Gemini", "Crate raises $4M": after a name, an s-word followed by another
 * name, a number or a determiner is the headline's verb, whereas "Kubernetes clusters are"
 * or "Python packages for" keep the plural noun.
 */
function isHeadlineVerb(tokens: readonly Token[], i: number): boolean {
  const t = tokens[i]!;
  const prev = tokens[i - 1];
  const next = tokens[i + 1];
  if (!t.plural || t.code || !prev || !next || prev.breakAfter || t.breakAfter) return false;
  if (!(prev.cls === 'entity' || prev.code)) return false;
  return next.cls === 'entity' || next.code || next.cls === 'value' || objectStarters.has(next.norm);
}

/** Can this token sit inside a noun phrase, given its neighbours? */
function inPhrase(tokens: readonly Token[], i: number, open: boolean): boolean {
  const t = tokens[i]!;
  if (isHeadlineVerb(tokens, i)) return false;
  switch (t.cls) {
    case 'noun':
    case 'entity':
    case 'adj':
      return true;
    case 'value':
      // "Rust 1.0", "GPT 4": a number attached to a name; a leading number is a count ("5 ways").
      return open;
    case 'base': {
      // "language model", "the build": a base-form verb after a noun-ish word, or one followed by a noun, is a noun.
      if (open) return true;
      const next = tokens[i + 1];
      return i > 0 && next !== undefined && !t.breakAfter && (next.cls === 'noun' || next.cls === 'entity');
    }
    default:
      return false;
  }
}

const maxPhraseTokens = 3;

function add(out: Map<string, Keyphrase>, key: string, surface: string, kind: KeyphraseKind, weight: number): void {
  if (key.length < 2) return;
  const found = out.get(key);
  if (found) {
    found.weight += weight;
    // Entity and code readings win over plain ones.
    if (kindRank[kind] > kindRank[found.kind]) found.kind = kind;
  } else out.set(key, { key, surface, kind, weight });
}

const kindRank: Record<KeyphraseKind, number> = { common: 0, term: 1, phrase: 2, entity: 3, code: 4 };

/** Emits the phrases of one chunk (a maximal run of phrase tokens) and its head words. */
function emitChunk(out: Map<string, Keyphrase>, chunk: readonly Token[], weight: number): void {
  // Trailing adjectives and numbers are not heads ("Rust is fast" never gets here, but "Tesla 3" does and keeps "3").
  let end = chunk.length;
  while (end > 0 && chunk[end - 1]!.cls === 'adj') end--;
  let start = 0;
  while (start < end && (chunk[start]!.cls === 'value' || chunk[start]!.cls === 'adj')) start++;
  if (start >= end) return;
  const words = chunk.slice(0, end);
  for (let i = 0; i < words.length; i++) {
    const t = words[i]!;
    if (t.cls === 'noun' || t.cls === 'entity' || t.cls === 'base') {
      add(out, t.norm, t.surface, t.code ? 'code' : t.cls === 'entity' ? 'entity' : commonNouns.has(t.norm) ? 'common' : 'term', weight);
    }
  }
  // Multi-word phrases: every 2- and 3-word span not ending in an adjective, so "Quantum error
  // correction milestone" still shares "quantum error correction" with a repo of that name.
  // Spans no other item has ("rust web") cost little: TF-IDF halves terms unique to one item.
  for (let len = 2; len <= Math.min(maxPhraseTokens, words.length); len++) {
    for (let i = 0; i + len <= words.length; i++) {
      const span = words.slice(i, i + len);
      if (span[0]!.cls === 'value' || span[len - 1]!.cls === 'adj') continue;
      addSpan(out, span, weight);
    }
  }
}

function addSpan(out: Map<string, Keyphrase>, span: readonly Token[], weight: number): void {
  const allNamed = span.every((t) => t.cls === 'entity' || t.code || t.cls === 'value');
  add(out, span.map((t) => t.norm).join(' '), span.map((t) => t.surface).join(' '), allNamed ? 'entity' : 'phrase', weight);
}

function extractLexicon(text: string, weight: number, out: Map<string, Keyphrase>): void {
  const tokens = tokenize(text);
  let chunk: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (inPhrase(tokens, i, chunk.length > 0)) chunk.push(t);
    else {
      if (chunk.length > 0) emitChunk(out, chunk, weight);
      chunk = [];
    }
    if (t.breakAfter && chunk.length > 0) {
      emitChunk(out, chunk, weight);
      chunk = [];
    }
  }
  if (chunk.length > 0) emitChunk(out, chunk, weight);
}

interface TaggerTerm {
  text: string;
  normal?: string;
  root?: string;
  tags?: string[];
}

/** The same keys from compromise's full tagger: noun phrases and topics, lemmatised by `compute('root')`. */
function extractTagger(text: string, weight: number, out: Map<string, Keyphrase>): void {
  const doc = nlp(text.replace(/https?:\/\/\S+/g, ' '));
  doc.compute('root');
  const entities = new Set(doc.topics().out('array') as string[]);
  for (const phrase of doc.nouns().json() as { text: string; terms: TaggerTerm[] }[]) {
    const chunk: Token[] = [];
    const flush = () => {
      if (chunk.length > 0) emitChunk(out, chunk, weight);
      chunk.length = 0;
    };
    for (const term of phrase.terms) {
      const tags = term.tags ?? [];
      const surface = term.text.replace(/^[^\p{L}\p{N}.]+|[^\p{L}\p{N}+#]+$/gu, '');
      const lower = surface.toLowerCase();
      if (lower.length === 0 || stopwords.has(lower) || tags.some((t) => stopTags.has(t))) {
        flush();
        continue;
      }
      const mixed = /\p{Ll}\p{Lu}/u.test(surface) || /^\p{Lu}{2,6}\d*s?$/u.test(surface) || /[+#.]/.test(surface);
      const isEntity = mixed || tags.some((t) => entityTags.has(t)) || [...entities].some((e) => e.includes(surface));
      const cls: WordClass = tags.some((t) => valueTags.has(t)) ? 'value' : tags.some((t) => adjTags.has(t)) && !isEntity ? 'adj' : isEntity ? 'entity' : 'noun';
      // Compromise's root is the lemma; our singular() keeps "data"/"Kubernetes" intact where it does not.
      const norm = cls === 'value' || mixed ? lower : singular(lower);
      chunk.push({ norm, surface, cls, code: mixed || techNouns.has(lower), breakAfter: false });
      if (/[,:;.!?]$/.test(term.text)) flush();
    }
    flush();
  }
}

/**
 * Keyphrases of a title and optional body text. Title occurrences weigh 1, text
 * occurrences 0.5 (a description mentions side topics the title does not).
 */
export function extractKeyphrases(title: string, text?: string | null, options: ExtractOptions = {}): Keyphrase[] {
  const out = new Map<string, Keyphrase>();
  const run = options.mode === 'tagger' ? extractTagger : extractLexicon;
  run(title, 1, out);
  // Long bodies add noise and cost; the first few hundred characters carry the gist.
  if (text) run(text.slice(0, 400), 0.5, out);
  return [...out.values()];
}
