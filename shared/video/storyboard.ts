import { captionCues, toSrt } from './captions.ts';
import { defaultFormat, dimensions, type Tone, type VideoFormat, type VideoPlatform } from './formats.ts';
import { extractInsights, type Insights } from './insights.ts';
import { checkScript, type QualityReport } from './quality.ts';
import { splitScenes, type Scene } from './scenes.ts';
import { buildScript, type Script } from './script.ts';
import { selectCasting, type AvatarInfo, type Casting, type VoiceInfo } from './select.ts';

export interface StoryboardInput {
  sourceText: string;
  title?: string;
  platform: VideoPlatform;
  format?: VideoFormat;
  durationSec: number;
  tone: Tone;
  audience?: string;
  keyMessage?: string;
  /** What the hook names; extracted from the source when absent. */
  topic?: string;
  blockedWords?: string[];
  /** Restricts casting to these avatars (a campaign's roster). */
  avatarIds?: string[];
  gender?: 'male' | 'female';
}

export interface Storyboard {
  platform: VideoPlatform;
  format: VideoFormat;
  dimension: { width: number; height: number };
  keyMessage: string;
  insights: Insights;
  script: Script;
  scenes: Scene[];
  casting: Casting;
  captionsSrt: string;
  quality: QualityReport;
}

/**
 * Source → insights → script → scenes → casting → captions, plus the pre-render quality
 * checks. Everything a render needs, and everything a user without a HeyGen key gets.
 * `script` may be supplied (from an LLM); otherwise the built-in writer makes it.
 */
export function buildStoryboard(
  input: StoryboardInput,
  catalogue: { avatars: AvatarInfo[]; voices: VoiceInfo[] },
  script?: Script,
): Storyboard {
  const extracted = extractInsights(input.sourceText, { title: input.title });
  const insights = input.topic ? { ...extracted, topic: input.topic } : extracted;
  const keyMessage = input.keyMessage?.trim() || insights.keyMessage;
  const finalScript = script ?? buildScript(insights, { durationSec: input.durationSec, platform: input.platform, tone: input.tone, keyMessage });
  const scenes = splitScenes(finalScript);
  const format = input.format ?? defaultFormat(input.platform);
  const casting = selectCasting(catalogue.avatars, catalogue.voices, {
    tone: input.tone,
    audience: input.audience,
    gender: input.gender,
    avatarIds: input.avatarIds,
  });
  return {
    platform: input.platform,
    format,
    dimension: dimensions[format],
    keyMessage,
    insights,
    script: finalScript,
    scenes,
    casting,
    captionsSrt: toSrt(captionCues(scenes)),
    quality: checkScript(finalScript, { keyMessage, blockedWords: input.blockedWords }),
  };
}
