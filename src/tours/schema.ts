/**
 * Guided tours are data: `data/tours/*.json`, one tour a file, validated here with the same
 * kind of messages as the campaign records (`file: JSON path: reason`), so that a curator who
 * edits a caption or a camera keyframe is told exactly what is wrong and where.
 *
 * A tour plays one campaign. Each chapter is a stretch of the campaign clock played at a given
 * speed, with a camera that either moves through keyframes or keeps with a force's lead
 * aircraft, and a title and caption in each of the tour's languages.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from '../i18n/languages.ts';
import { issueToProblem, unknownFields } from '../records/issues.ts';
import { formatProblem, type Problem } from '../records/problems.ts';

export const TOUR_FORMAT = 'sortie-tour/1';

/** A chapter shorter than this cannot be read; a longer one loses the passer-by. Real seconds. */
export const MIN_CHAPTER_SECONDS = 6;
export const MAX_CHAPTER_SECONDS = 60;
/** Limits on the map controls (SceneView): a keyframe outside them would be clamped on screen. */
export const MIN_CAMERA_DISTANCE_KM = 2;
export const MAX_CAMERA_DISTANCE_KM = 5000;
export const MAX_POLAR_ANGLE = 1.3;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lower-case id: letters, digits and hyphens');
const isoDateTime = z.iso.datetime({ offset: true });
const Language = z.enum(LANGUAGES);

/** Text in several languages; which ones a tour must have is the tour's `languages`. */
const Text = (max: number) => z.partialRecord(Language, z.string().trim().min(1).max(max));
export type LocalText = Partial<Record<Language, string>>;

/** Scene kilometres: x east, y up, z south (window.__sortie.camera reports the current view so). */
const Point = z.tuple([z.number(), z.number(), z.number()]);

export const Keyframe = z.strictObject({
  /** Where in the chapter the camera is here: 0 its start, 1 its end. */
  at: z.number().min(0).max(1),
  position: Point,
  target: Point,
});
export type Keyframe = z.infer<typeof Keyframe>;

export const Follow = z.strictObject({
  /** A force id of the records (or of a flow the app generates, e.g. Korea's `flow-1951-09-triangle-f84`). */
  force: id,
  /** Camera position relative to the aircraft, scene km. */
  offset: Point,
  /** Share of the chapter spent moving from where the camera was to the aircraft. */
  transition: z.number().min(0).max(0.9).optional(),
});
export type Follow = z.infer<typeof Follow>;

export const Chapter = z.strictObject({
  id,
  title: Text(80),
  caption: Text(420),
  /** The stretch of the campaign clock the chapter plays, ISO instants with their offset. */
  start: isoDateTime,
  end: isoDateTime,
  /** Campaign seconds per real second. */
  speed: z.number().positive(),
  keyframes: z.array(Keyframe).min(1).optional(),
  follow: Follow.optional(),
});
export type Chapter = z.infer<typeof Chapter>;

export const TourFile = z.strictObject({
  $schema: z.string().optional(),
  format: z.literal(TOUR_FORMAT),
  id,
  /** The campaign id (`campaign.id` of a file in data/) the tour plays. */
  campaign: id,
  /** Every title and caption must be given in each of these; English and German always. */
  languages: z.array(Language).min(2),
  title: Text(80),
  chapters: z.array(Chapter).min(1),
});
export type TourFile = z.infer<typeof TourFile>;

/** What a tour is checked against beyond its own shape: the campaign it plays. */
export interface TourContext {
  campaignId: string;
  /** The campaign clock's range, Unix ms. */
  startMs: number;
  endMs: number;
  /** Force ids a chapter may follow (records' forces and generated flows). */
  forces: ReadonlySet<string>;
}

export type TourResult = { ok: true; file: string; tour: TourFile } | { ok: false; file: string; problems: string[] };

/** Text of a tour file → the tour, or every problem as `file: JSON path: reason`. */
export function loadTourText(file: string, text: string, context?: TourContext): TourResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail(file, [
      { path: [], severity: 'error', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` },
    ]);
  }
  return loadTourJson(file, json, context);
}

export function loadTourJson(file: string, json: unknown, context?: TourContext): TourResult {
  // reportInput: the messages quote what the curator wrote.
  const parsed = TourFile.safeParse(json, { reportInput: true });
  if (!parsed.success)
    return fail(
      file,
      parsed.error.issues.map((issue) => issueToProblem(issue, tourWording)),
    );
  const problems = checkTour(parsed.data, context);
  return problems.length > 0 ? fail(file, problems) : { ok: true, file, tour: parsed.data };
}

/** What the schema cannot say: languages present, times in order, cameras inside the controls' limits. */
export function checkTour(tour: TourFile, context?: TourContext): Problem[] {
  const problems: Problem[] = [];
  const add = (path: (string | number)[], message: string) => problems.push({ path, message, severity: 'error' });

  for (const required of ['en', 'de'] as const)
    if (!tour.languages.includes(required)) add(['languages'], `must include "${required}"`);
  const texts = (text: LocalText, path: (string | number)[]) => {
    for (const lang of tour.languages) if (!text[lang]) add([...path, lang], `missing (the tour's languages include "${lang}")`);
  };
  texts(tour.title, ['title']);
  if (context && tour.campaign !== context.campaignId)
    add(['campaign'], `"${tour.campaign}" is not the campaign checked against ("${context.campaignId}")`);

  const seen = new Set<string>();
  tour.chapters.forEach((chapter, i) => {
    const at = (...rest: (string | number)[]) => ['chapters', i, ...rest];
    if (seen.has(chapter.id)) add(at('id'), `"${chapter.id}" is used by an earlier chapter`);
    seen.add(chapter.id);
    texts(chapter.title, at('title'));
    texts(chapter.caption, at('caption'));

    const start = Date.parse(chapter.start);
    const end = Date.parse(chapter.end);
    if (!(end > start)) add(at('end'), `must be after start (${chapter.start})`);
    else {
      const seconds = (end - start) / 1000 / chapter.speed;
      if (seconds < MIN_CHAPTER_SECONDS || seconds > MAX_CHAPTER_SECONDS)
        add(
          at('speed'),
          `plays the chapter in ${seconds.toFixed(1)} s; it must last ${MIN_CHAPTER_SECONDS}–${MAX_CHAPTER_SECONDS} s (change speed or the time range)`,
        );
    }
    if (context) {
      if (start < context.startMs || start > context.endMs) add(at('start'), `${chapter.start} is outside the campaign's clock`);
      if (end < context.startMs || end > context.endMs) add(at('end'), `${chapter.end} is outside the campaign's clock`);
    }

    if (!chapter.keyframes === !chapter.follow) add(at(), 'needs either "keyframes" or "follow" (one of them, not both)');
    chapter.keyframes?.forEach((k, j) => {
      const previous = chapter.keyframes![j - 1];
      if (previous && k.at <= previous.at)
        add(at('keyframes', j, 'at'), `${k.at} must be after the previous keyframe's ${previous.at}`);
      const problem = cameraProblem(k.position, k.target);
      if (problem) add(at('keyframes', j), problem);
    });
    if (chapter.follow) {
      const [dx, dy, dz] = chapter.follow.offset;
      const problem = cameraProblem([dx, dy, dz], [0, 0, 0]);
      if (problem) add(at('follow', 'offset'), problem);
      if (context && !context.forces.has(chapter.follow.force))
        add(at('follow', 'force'), `"${chapter.follow.force}" is not a force of ${context.campaignId}`);
    }
  });
  return problems;
}

/** A camera the map controls would not allow: too close, too far, or looking up from below the horizon. */
function cameraProblem(position: readonly number[], target: readonly number[]): string | null {
  const dx = position[0]! - target[0]!;
  const dy = position[1]! - target[1]!;
  const dz = position[2]! - target[2]!;
  const distance = Math.hypot(dx, dy, dz);
  if (distance < MIN_CAMERA_DISTANCE_KM || distance > MAX_CAMERA_DISTANCE_KM)
    return `camera is ${distance.toFixed(1)} km from its target; the map allows ${MIN_CAMERA_DISTANCE_KM}–${MAX_CAMERA_DISTANCE_KM} km`;
  const polar = Math.acos(Math.max(-1, Math.min(1, dy / distance)));
  if (polar > MAX_POLAR_ANGLE)
    return `camera is ${polar.toFixed(2)} rad from overhead; the map allows at most ${MAX_POLAR_ANGLE} (raise the camera)`;
  return null;
}

function fail(file: string, problems: Problem[]): TourResult {
  return { ok: false, file, problems: problems.map((p) => formatProblem(file, p)) };
}

/** Tours' own wording: unknown keys and keys of titles and captions are languages. */
function tourWording(issue: z.core.$ZodIssue): string | undefined {
  if (issue.code === 'unrecognized_keys') {
    // In a title or caption an unknown key is a language the app does not have.
    const texts = ['title', 'caption'].includes(String(issue.path[issue.path.length - 1]));
    return texts ? `${unknownFields(issue.keys)} (the app's languages: ${LANGUAGES.join(', ')})` : undefined;
  }
  if (issue.code === 'invalid_key')
    return `${JSON.stringify(issue.input)} is not a language of the app (${LANGUAGES.map((l) => `"${l}"`).join(', ')})`;
  return undefined;
}
