import type { Tone } from './formats.ts';

/** An avatar look as cached from GET /v3/avatars/looks (the fields selection uses; `id` is the look id). */
export interface AvatarInfo {
  id: string;
  name: string;
  gender: 'male' | 'female' | 'unknown';
}

/** A voice as cached from GET /v3/voices. */
export interface VoiceInfo {
  id: string;
  name: string;
  language: string;
  gender: 'male' | 'female' | 'unknown';
  /** v2's emotion flag; v3 reports none, so voices from HeyGen now always say false. */
  emotionSupport: boolean;
}

export interface Casting {
  avatar: AvatarInfo;
  voice: VoiceInfo;
  /** Why these were picked, for the storyboard. */
  reasons: string[];
}

/**
 * A small catalogue for storyboards made without a HeyGen account, using the stock
 * avatar and voice ids from HeyGen's API examples. Replaced by the account's own cached
 * lists as soon as a key is connected.
 */
export const builtInAvatars: AvatarInfo[] = [
  { id: 'Daisy-inskirt-20220818', name: 'Daisy in Skirt (casual, standing)', gender: 'female' },
  { id: 'Angela-inblackskirt-20220820', name: 'Angela Business (office, formal)', gender: 'female' },
  { id: 'josh_lite3_20230714', name: 'Josh Lite (casual, expressive)', gender: 'male' },
  { id: 'Tyler-incasualsuit-20220721', name: 'Tyler in Casual Suit (business, presenter)', gender: 'male' },
  { id: 'Kristin_public_2_20240108', name: 'Kristin Teacher (educational, presenter)', gender: 'female' },
];

export const builtInVoices: VoiceInfo[] = [
  { id: '2d5b0e6cf36f460aa7fc47e3eee4ba54', name: 'Rachel - Professional', language: 'English', gender: 'female', emotionSupport: false },
  { id: '1bd001e7e50f421d891986aad5158bc8', name: 'Olivia - Friendly', language: 'English', gender: 'female', emotionSupport: true },
  { id: '077ab11b14f04ce0b49b5f6e5cc20979', name: 'Paul - Natural', language: 'English', gender: 'male', emotionSupport: false },
  { id: 'f38a635bee7a4d1f9b0a654a31d050d2', name: 'Chill Brian - Excited', language: 'English', gender: 'male', emotionSupport: true },
];

const TONE_STYLE: Record<Tone, string[]> = {
  professional: ['business', 'suit', 'office', 'formal', 'professional', 'blazer'],
  casual: ['casual', 'hoodie', 'tshirt', 'street', 'outdoor', 'sitting', 'friendly', 'natural'],
  energetic: ['expressive', 'casual', 'standing', 'excited', 'energetic', 'upbeat'],
  educational: ['teacher', 'presenter', 'educational', 'office', 'calm', 'natural'],
};

/** Audience words that call for a style, whatever the tone. */
const AUDIENCE_STYLE: [RegExp, string[]][] = [
  [/\b(executives?|b2b|founders?|investors?|leaders?|cfos?|ctos?|enterprise|managers?)\b/i, ['business', 'suit', 'formal', 'professional']],
  [/\b(students?|teens?|gen ?z|creators?|gamers?|young)\b/i, ['casual', 'expressive', 'friendly', 'excited']],
  [/\b(teachers?|learners?|beginners?|developers?|engineers?)\b/i, ['presenter', 'teacher', 'natural', 'calm']],
];

function styleWords(tone: Tone, audience: string): string[] {
  const out = [...TONE_STYLE[tone]];
  for (const [re, styles] of AUDIENCE_STYLE) if (re.test(audience)) out.push(...styles);
  return out;
}

function styleScore(name: string, wanted: string[]): number {
  const n = name.toLowerCase();
  return wanted.reduce((s, w) => s + (n.includes(w) ? 1 : 0), 0);
}

/**
 * Picks the avatar whose name carries the most of the styles the tone and audience call
 * for (HeyGen lists no tags; its avatar names describe outfit and setting), then the voice
 * that speaks the language, matches the avatar's gender and suits the tone. Ties go to the
 * lowest id so the choice is stable across runs.
 */
export function selectCasting(
  avatars: AvatarInfo[],
  voices: VoiceInfo[],
  opts: { tone: Tone; audience?: string; gender?: 'male' | 'female'; language?: string; avatarIds?: string[] },
): Casting {
  const pool = opts.avatarIds?.length ? avatars.filter((a) => opts.avatarIds!.includes(a.id)) : avatars;
  const candidates = pool.length > 0 ? pool : avatars.length > 0 ? avatars : builtInAvatars;
  const wanted = styleWords(opts.tone, opts.audience ?? '');
  const rankedAvatars = candidates
    .map((a) => ({ a, score: styleScore(a.name, wanted) * 2 + (opts.gender && a.gender === opts.gender ? 3 : 0) }))
    .sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id));
  const avatar = rankedAvatars[0]!.a;

  const language = (opts.language ?? 'english').toLowerCase();
  const voicePool = voices.length > 0 ? voices : builtInVoices;
  const rankedVoices = voicePool
    .map((v) => {
      let score = 0;
      if (v.language.toLowerCase().startsWith(language) || v.language.toLowerCase().includes(language)) score += 4;
      if (avatar.gender !== 'unknown' && v.gender === avatar.gender) score += 3;
      if (opts.tone === 'energetic' && v.emotionSupport) score += 1;
      score += styleScore(v.name, wanted);
      return { v, score };
    })
    .sort((x, y) => y.score - x.score || x.v.id.localeCompare(y.v.id));
  const voice = rankedVoices[0]!.v;

  const reasons = [
    `avatar "${avatar.name}" fits a ${opts.tone} tone${opts.audience ? ` for ${opts.audience}` : ''}`,
    `voice "${voice.name}" (${voice.language}, ${voice.gender}) matches the avatar`,
  ];
  return { avatar, voice, reasons };
}
